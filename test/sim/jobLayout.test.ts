import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as jobs from '../../src/sim/jobs';

const offsets = jobs as unknown as Record<string, number>;

/** The modules that keep their own copy of the job record's layout (see the comment above each copy). */
const COPIES = ['src/sim/engine.ts', 'src/sim/station.ts', 'src/sim/kernel.ts'];

describe("the job record's layout", () => {
  it.each(COPIES)('%s copies the offsets of jobs.ts exactly', (file) => {
    const source = readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');
    const copies = [...source.matchAll(/^const ((?:J_[A-Z_]+)|INT_FIELDS|NUM_FIELDS) = (\d+);$/gm)];
    expect(copies.length).toBeGreaterThan(1);
    for (const [, name, value] of copies) expect([name, Number(value)]).toEqual([name, offsets[name]]);
  });

  it('gives every field of a record its own slot', () => {
    const ints = ['J_NODE', 'J_OP', 'J_PARENT', 'J_GROUP', 'J_EDGE', 'J_PENDING', 'J_FLAGS', 'J_GEN'].map((n) => offsets[n]);
    const nums = ['J_ARRIVAL', 'J_COUNT', 'J_SERVICE', 'J_MARK', 'J_CALL_UNITS', 'J_AUTHOR', 'J_FOLLOWEES', 'J_REMAINING'].map((n) => offsets[n]);
    expect(new Set(ints).size).toBe(ints.length);
    expect(new Set(nums).size).toBe(nums.length);
    expect(Math.max(...ints)).toBeLessThan(jobs.INT_FIELDS);
    expect(Math.max(...nums)).toBeLessThan(jobs.NUM_FIELDS);
  });
});
