/**
 * Migrations of the scenario format, in the manner of tldraw's record
 * migrations: one function per version step, each taking the raw JSON of
 * version N to version N+1, before validation. Links are a public promise:
 * every version ever published keeps a frozen fixture in
 * test/fixtures/scenarios/v<N>/ and a test proves it still opens.
 *
 * Version 1 is the first published format, so there is nothing to migrate
 * yet. To change the meaning of a field: bump FORMAT_VERSION in schema.ts,
 * add `MIGRATIONS[1] = (v1) => v2`, and add fixtures for v1.
 */
import { FORMAT_VERSION } from './schema';

export const CURRENT_VERSION = FORMAT_VERSION;

export type RawScenario = Record<string, unknown>;

/** `MIGRATIONS[n]` turns a version-n document into a version-(n+1) one. */
export const MIGRATIONS: Record<number, (doc: RawScenario) => RawScenario> = {};

export type MigrationResult = { ok: true; value: RawScenario; applied: number[] } | { ok: false; message: string };

/** Applies every migration from the document's version up to the current one. */
export function migrateToCurrent(doc: RawScenario): MigrationResult {
  let version = doc.version as number;
  let value = doc;
  const applied: number[] = [];
  while (version < CURRENT_VERSION) {
    const step = MIGRATIONS[version];
    if (!step) return { ok: false, message: `version: no migration from format v${version} to v${version + 1}` };
    try {
      value = { ...step(value), version: version + 1 };
    } catch (err) {
      return {
        ok: false,
        message: `could not migrate the scenario from format v${version}: ${err instanceof Error ? err.message : String(err)}`,
      };
    }
    applied.push(version);
    version++;
  }
  return { ok: true, value, applied };
}
