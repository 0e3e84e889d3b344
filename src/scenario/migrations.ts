/**
 * Migrations of the scenario format, in the manner of tldraw's record
 * migrations: each step has a name (`fanout-lab.scenario/2`, made by
 * `createMigrationIds` as tldraw names `com.tldraw.camera/1`) and a function
 * taking the raw JSON of version N to version N+1, before validation. Steps
 * are only ever appended. Links are a public promise: every version ever
 * published keeps frozen fixtures in test/fixtures/scenarios/v<N>/, each
 * step has a before/after test, and a test checks that the fixtures run
 * every step at least once.
 *
 * To change the meaning of a field: bump FORMAT_VERSION in schema.ts, add
 * an id below and its step at the end of SCENARIO_MIGRATIONS, and add
 * fixtures for the new version.
 */
import { FORMAT_VERSION } from './schema';

export const CURRENT_VERSION = FORMAT_VERSION;

export type RawScenario = Record<string, unknown>;

/** A migration's name: its sequence, a slash, the version it produces. */
export type MigrationId = `${string}/${number}`;

/**
 * Names for the steps of one migration sequence, tldraw-style:
 * `createMigrationIds('fanout-lab.scenario', { FormatV2: 2 })` gives
 * `{ FormatV2: 'fanout-lab.scenario/2' }`.
 */
export function createMigrationIds<const S extends string, const T extends Record<string, number>>(
  sequenceId: S,
  versions: T,
): { readonly [K in keyof T]: `${S}/${T[K]}` } {
  const ids: Record<string, string> = {};
  for (const [name, version] of Object.entries(versions)) ids[name] = `${sequenceId}/${version}`;
  return ids as { readonly [K in keyof T]: `${S}/${T[K]}` };
}

export const SCENARIO_SEQUENCE = 'fanout-lab.scenario';

export const ScenarioMigrationIds = createMigrationIds(SCENARIO_SEQUENCE, {
  /** Format v2: faults, resilience, data, logs and batch (SCENARIO.md). Every v2 field is optional with the v1 behaviour as default. */
  FormatV2: 2,
});

export interface ScenarioMigration {
  id: MigrationId;
  /** The version it reads; it writes `from + 1`. */
  from: number;
  /** What changes, in a sentence. */
  description: string;
  up: (doc: RawScenario) => RawScenario;
}

/** Every step, oldest first. Append only. */
export const SCENARIO_MIGRATIONS: readonly ScenarioMigration[] = [
  {
    id: ScenarioMigrationIds.FormatV2,
    from: 1,
    description: 'v1 → v2: every field keeps its meaning and every new field defaults to v1 behaviour, so only the version changes',
    up: (doc) => ({ ...doc, version: 2 }),
  },
];

/** `MIGRATIONS[n]` turns a version-n document into a version-(n+1) one. */
export const MIGRATIONS: Readonly<Record<number, ScenarioMigration>> = Object.fromEntries(SCENARIO_MIGRATIONS.map((m) => [m.from, m]));

export type MigrationResult = { ok: true; value: RawScenario; applied: MigrationId[] } | { ok: false; message: string };

/** Applies every migration from the document's version up to the current one. */
export function migrateToCurrent(doc: RawScenario): MigrationResult {
  let version = doc.version as number;
  let value = doc;
  const applied: MigrationId[] = [];
  while (version < CURRENT_VERSION) {
    const step = Object.hasOwn(MIGRATIONS, version) ? MIGRATIONS[version] : undefined;
    if (!step) return { ok: false, message: `version: no migration from format v${version} to v${version + 1}` };
    try {
      value = { ...step.up(value), version: version + 1 };
    } catch (err) {
      return {
        ok: false,
        message: `could not migrate the scenario from format v${version} (${step.id}): ${err instanceof Error ? err.message : String(err)}`,
      };
    }
    applied.push(step.id);
    version++;
  }
  return { ok: true, value, applied };
}
