/**
 * The engine against its frozen record (see cases.ts): every preset, fixture
 * and lesson scenario gives bit-identical results and live windows.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FROZEN_DIR, frozenCases, runFrozen, type FrozenRun } from './cases';

const cases = frozenCases();

describe('the frozen record', () => {
  it('has a record for every case and no stale ones', () => {
    const recorded = readdirSync(FROZEN_DIR).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, '')).sort();
    expect(recorded).toEqual(cases.map((c) => c.name).sort());
  });

  for (const c of cases) {
    it(`${c.name} gives bit-identical results`, () => {
      const file = join(FROZEN_DIR, `${c.name}.json`);
      expect(existsSync(file), `${file} is missing: run npx tsx scripts/freeze.ts ${c.name}`).toBe(true);
      const frozen = JSON.parse(readFileSync(file, 'utf8')) as { runs: FrozenRun[] };
      for (const run of frozen.runs) {
        const now = runFrozen(c.scenario, run.seed);
        expect(now.results, `${c.name} seed ${run.seed}: results`).toStrictEqual(run.results);
        expect(now.windows, `${c.name} seed ${run.seed}: live windows`).toStrictEqual(run.windows);
      }
    }, 300_000);
  }
});
