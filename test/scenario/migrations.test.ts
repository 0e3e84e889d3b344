/**
 * Links are a public promise: every format version ever published keeps
 * frozen fixtures in test/fixtures/scenarios/v<N>/, and each must still open
 * and run in this version. Like tldraw's migration tests, every migration must
 * be exercised by at least one fixture.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeScenario } from '../../src/scenario/decode';
import { CURRENT_VERSION, MIGRATIONS, migrateToCurrent } from '../../src/scenario/migrations';
import { runScenario } from '../../src/sim/run';

const root = join(__dirname, '../fixtures/scenarios');
const versions = readdirSync(root).filter((d) => /^v\d+$/.test(d)).map((d) => Number(d.slice(1)));
const fixtures = versions.flatMap((v) =>
  readdirSync(join(root, `v${v}`))
    .filter((f) => f.endsWith('.json'))
    .map((f) => ({ version: v, file: f, doc: JSON.parse(readFileSync(join(root, `v${v}`, f), 'utf8')) })),
);

describe('scenario migrations', () => {
  it('there is a fixture folder for every version from 1 to the current one', () => {
    for (let v = 1; v <= CURRENT_VERSION; v++) expect(versions).toContain(v);
  });

  it('every migration step has a fixture that runs through it', () => {
    const ran = new Set<number>();
    for (const f of fixtures) {
      const m = migrateToCurrent(f.doc);
      if (m.ok) m.applied.forEach((v) => ran.add(v));
    }
    for (const step of Object.keys(MIGRATIONS).map(Number)) expect(ran, `migration from v${step}`).toContain(step);
  });

  it.each(fixtures.map((f) => [`v${f.version}/${f.file}`, f] as const))('%s still opens and runs', (_, f) => {
    expect(f.doc.version).toBe(f.version);
    const r = decodeScenario(f.doc);
    expect(r.ok ? 'ok' : r.error.message).toBe('ok');
    if (!r.ok) return;
    const results = runScenario({ ...r.scenario, warmupSec: 0 }, { durationSec: Math.min(r.scenario.durationSec, 5) });
    expect(Object.keys(results.ops).length).toBeGreaterThan(0);
  });

  it('a document from a newer format is refused with a message naming both versions', () => {
    const r = decodeScenario({ version: CURRENT_VERSION + 1, nodes: [] });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.step).toBe('version');
      expect(r.error.message).toContain(`v${CURRENT_VERSION + 1}`);
      expect(r.error.message).toContain(`v${CURRENT_VERSION}`);
    }
  });
});
