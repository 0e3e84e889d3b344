/**
 * Links are a public promise: every format version ever published keeps
 * frozen fixtures in test/fixtures/scenarios/v<N>/, and each must still open
 * and run in this version. Like tldraw's migration tests, every migration is
 * named, has a before/after test, and must be exercised by at least one
 * fixture.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeScenario } from '../../src/scenario/decode';
import {
  createMigrationIds,
  CURRENT_VERSION,
  migrateToCurrent,
  SCENARIO_MIGRATIONS,
  ScenarioMigrationIds,
  type MigrationId,
  type RawScenario,
} from '../../src/scenario/migrations';
import { FORMAT_VERSION } from '../../src/scenario/schema';
import { runScenario } from '../../src/sim/run';

const root = join(__dirname, '../fixtures/scenarios');
const versions = readdirSync(root).filter((d) => /^v\d+$/.test(d)).map((d) => Number(d.slice(1)));
const fixtures = versions.flatMap((v) =>
  readdirSync(join(root, `v${v}`))
    .filter((f) => f.endsWith('.json'))
    .map((f) => ({ version: v, file: f, doc: JSON.parse(readFileSync(join(root, `v${v}`, f), 'utf8')) as RawScenario })),
);

/** Each migration, a document before it and what it must give. */
const BEFORE_AFTER: Record<MigrationId, { before: RawScenario; after: RawScenario }[]> = {
  [ScenarioMigrationIds.FormatV2]: [
    {
      before: { version: 1, name: 'Minimal', nodes: [] },
      after: { version: 2, name: 'Minimal', nodes: [] },
    },
    {
      // Every field, known or not, passes through untouched: v2 changes the meaning of nothing.
      before: {
        version: 1,
        seed: 7,
        durationSec: 30,
        warmupSec: 5,
        population: { users: 10, followers: { type: 'constant', n: 3 } },
        nodes: [{ id: 'c', kind: 'client', params: { op: 'x', arrival: { ratePerSec: 5 } }, note: 'kept' }],
        edges: [{ id: 'e', source: 'c', target: 's', fanout: { type: 'followers', skipAbove: 2 } }],
      },
      after: {
        version: 2,
        seed: 7,
        durationSec: 30,
        warmupSec: 5,
        population: { users: 10, followers: { type: 'constant', n: 3 } },
        nodes: [{ id: 'c', kind: 'client', params: { op: 'x', arrival: { ratePerSec: 5 } }, note: 'kept' }],
        edges: [{ id: 'e', source: 'c', target: 's', fanout: { type: 'followers', skipAbove: 2 } }],
      },
    },
  ],
};

describe('scenario migrations', () => {
  it('there is a fixture folder for every version from 1 to the current one', () => {
    for (let v = 1; v <= CURRENT_VERSION; v++) expect(versions).toContain(v);
  });

  it('the current version is the one the schema validates, and the steps lead to it one version at a time', () => {
    expect(CURRENT_VERSION).toBe(FORMAT_VERSION);
    expect(SCENARIO_MIGRATIONS.map((m) => m.from)).toEqual(Array.from({ length: CURRENT_VERSION - 1 }, (_, i) => i + 1));
  });

  it('migrations are named tldraw-style, sequence/version, and the names are unique', () => {
    expect(createMigrationIds('com.example.thing', { AddMeta: 1, Rename: 2 })).toEqual({ AddMeta: 'com.example.thing/1', Rename: 'com.example.thing/2' });
    expect(ScenarioMigrationIds.FormatV2).toBe('fanout-lab.scenario/2');
    for (const m of SCENARIO_MIGRATIONS) expect(m.id).toBe(`fanout-lab.scenario/${m.from + 1}`);
    expect(new Set(SCENARIO_MIGRATIONS.map((m) => m.id)).size).toBe(SCENARIO_MIGRATIONS.length);
  });

  it('every migration has a before/after test', () => {
    for (const m of SCENARIO_MIGRATIONS) expect(BEFORE_AFTER[m.id]?.length ?? 0, m.id).toBeGreaterThan(0);
  });

  describe.each(SCENARIO_MIGRATIONS.map((m) => [m.id, m] as const))('%s', (id, m) => {
    it.each(BEFORE_AFTER[id].map((c, i) => [i, c] as const))('case %i: before → after', (_, c) => {
      const frozenBefore = structuredClone(c.before);
      expect(m.up(c.before)).toEqual(c.after);
      expect(c.before, 'the input document is not changed in place').toEqual(frozenBefore);
    });
  });

  it('every migration step is run by at least one fixture', () => {
    const ran = new Set<MigrationId>();
    for (const f of fixtures) {
      const m = migrateToCurrent(f.doc);
      if (m.ok) m.applied.forEach((id) => ran.add(id));
    }
    for (const m of SCENARIO_MIGRATIONS) expect(ran, `migration ${m.id}`).toContain(m.id);
  });

  it('a document of the current version runs no migration', () => {
    const m = migrateToCurrent({ version: CURRENT_VERSION, nodes: [] });
    expect(m.ok && m.applied).toEqual([]);
  });

  it.each(fixtures.map((f) => [`v${f.version}/${f.file}`, f] as const))('%s still opens, with no warning, and runs', (_, f) => {
    expect(f.doc.version).toBe(f.version);
    const r = decodeScenario(f.doc);
    expect(r.ok ? 'ok' : r.error.message).toBe('ok');
    if (!r.ok) return;
    expect(r.warnings).toEqual([]);
    expect(r.scenario.version).toBe(CURRENT_VERSION);
    const results = runScenario({ ...r.scenario, warmupSec: 0 }, { durationSec: Math.min(r.scenario.durationSec, 5) });
    expect(Object.keys(results.ops).length).toBeGreaterThan(0);
  });

  it('a v1 fixture and its v2 copy decode to the same scenario (v1 → v2 changes nothing but the version)', () => {
    const v1 = fixtures.filter((f) => f.version === 1);
    const pairs = v1.map((a) => [a, fixtures.find((b) => b.version === 2 && b.file === a.file)] as const).filter(([, b]) => b !== undefined);
    expect(pairs.length).toBeGreaterThan(0);
    for (const [a, b] of pairs) expect(decodeScenario(a.doc), a.file).toEqual(decodeScenario(b!.doc));
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
