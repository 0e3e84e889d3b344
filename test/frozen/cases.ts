/**
 * The frozen record: every preset, fixture and lesson scenario, run at a few
 * seeds, with its whole results object (wall time aside) and a digest of its
 * live windows. The engine may be reshaped freely as long as these stay
 * bit-identical; a difference must be a named fix with its own test, and the
 * record is then rewritten with `npx tsx scripts/freeze.ts` in the same commit.
 */
import { nominalRatePerSec } from '../../src/scenario/arrival';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LESSONS } from '../../src/lessons/lessons';
import { decodeScenario, decodeScenarioJson } from '../../src/scenario/decode';
import type { Scenario } from '../../src/scenario/schema';
import { Simulation } from '../../src/sim/engine';
import { collectResults } from '../../src/sim/results';
import type { SimWindow } from '../../src/sim/windows';

const HERE = dirname(fileURLToPath(import.meta.url));
export const FROZEN_DIR = join(HERE, '../fixtures/frozen');
const PRESETS_DIR = join(HERE, '../../public/scenarios');
const FIXTURES_DIR = join(HERE, '../fixtures/scenarios');

export const SEEDS = [1, 2, 7];
/** Requests per run at most, so that the whole record runs in seconds: long scenarios are cut short. */
const MAX_REQUESTS = 60_000;

export interface FrozenCase {
  name: string;
  scenario: Scenario;
}

function decodeFile(path: string): Scenario {
  const r = decodeScenarioJson(readFileSync(path, 'utf8'));
  if (!r.ok) throw new Error(`${path}: ${r.error.message}`);
  return r.scenario;
}

/** Every preset, fixture and (distinct) lesson scenario. */
export function frozenCases(): FrozenCase[] {
  const cases: FrozenCase[] = [];
  const index = JSON.parse(readFileSync(join(PRESETS_DIR, 'index.json'), 'utf8')) as { presets: { name: string }[] };
  for (const p of index.presets) cases.push({ name: `preset-${p.name}`, scenario: decodeFile(join(PRESETS_DIR, `${p.name}.json`)) });
  for (const version of readdirSync(FIXTURES_DIR).sort()) {
    for (const f of readdirSync(join(FIXTURES_DIR, version)).filter((f) => f.endsWith('.json')).sort()) {
      cases.push({ name: `fixture-${version}-${f.replace(/\.json$/, '')}`, scenario: decodeFile(join(FIXTURES_DIR, version, f)) });
    }
  }
  for (const lesson of LESSONS) {
    if ('preset' in lesson.scenario) continue; // the preset is already in the record
    const r = decodeScenario(lesson.scenario.inline);
    if (!r.ok) throw new Error(`lesson ${lesson.id}: ${r.error.message}`);
    cases.push({ name: `lesson-${lesson.id}`, scenario: r.scenario });
  }
  return cases;
}

/** The scenario shortened to at most MAX_REQUESTS requests (and a warm-up that still fits). */
export function boundedScenario(s: Scenario): Scenario {
  let rate = 0;
  for (const n of s.nodes) if (n.kind === 'client') rate += nominalRatePerSec(n.params.arrival);
  const durationSec = Math.min(s.durationSec, Math.max(0.1, Math.round((10 * MAX_REQUESTS) / Math.max(rate, 1)) / 10));
  const warmupSec = Math.min(s.warmupSec, durationSec / 4);
  return { ...s, durationSec, warmupSec };
}

export interface FrozenRun {
  seed: number;
  results: Record<string, unknown>;
  windows: { count: number; sha256: string };
}

/** Runs one case at one seed as the worker does (1 s live windows), and as the CLI does (none). */
export function runFrozen(s: Scenario, seed: number): FrozenRun {
  const scenario = boundedScenario(s);
  const live = new Simulation(scenario, { seed, windowMs: 1000 });
  const windows: SimWindow[] = [];
  while (!live.finished) {
    live.step(live.now + 1000);
    windows.push(...live.windows!.take());
  }
  live.windows!.closeUpTo(Math.max(live.now, live.durationMs));
  windows.push(...live.windows!.take());
  const liveResults = collectResults(live, 0) as unknown as Record<string, unknown>;
  live.dispose();

  const headless = new Simulation(scenario, { seed });
  headless.runToEnd();
  // Summed mode (engine.ts) would change the last bits of a station's sums: no recorded scenario may reach it.
  if ((headless as unknown as { leaf: { summed: unknown[] } }).leaf.summed.some((x) => x !== null)) throw new Error(`${scenario.name} seed ${seed}: a station reached summed mode`);
  const results = collectResults(headless, 0) as unknown as Record<string, unknown>;
  headless.dispose();
  delete results.wallMs;
  delete liveResults.wallMs;
  if (JSON.stringify(results) !== JSON.stringify(liveResults)) {
    throw new Error(`${scenario.name} seed ${seed}: a run with live windows gives other results than one without`);
  }
  const digest = createHash('sha256').update(JSON.stringify(windows)).digest('hex');
  return { seed, results, windows: { count: windows.length, sha256: digest } };
}
