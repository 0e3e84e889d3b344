/**
 * Reading results never moves a run: the live page reads the results so far every few hundred
 * milliseconds of wall time, at whatever event a slice happened to stop, and its final results must
 * still be bit-identical to the CLI's (a read that folds a running sum, e.g. a time-weighted lag,
 * changes the final figure in its last bits, and only on a busy machine).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nominalRatePerSec } from '../../src/scenario/arrival';
import { decodeScenarioJson } from '../../src/scenario/decode';
import type { Scenario } from '../../src/scenario/schema';
import { Simulation } from '../../src/sim/engine';
import { collectResults } from '../../src/sim/results';
import { runScenario } from '../../src/sim/run';

const dir = join(__dirname, '../../public/scenarios');
const files = readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'index.json');
const scenarios: [string, Scenario][] = [...files.map((f) => [f, join(dir, f)]), ['log-and-queue fixture', join(__dirname, '../fixtures/logs/log-and-queue.json')]].flatMap(
  ([name, path]) => {
    const r = decodeScenarioJson(readFileSync(path, 'utf8'));
    if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
    const rate = r.scenario.nodes.reduce((sum, n) => sum + (n.kind === 'client' ? nominalRatePerSec(n.params.arrival) : 0), 0);
    // The DDIA-scale preset is its small twin ×100 (twitter-hybrid, read here); the others run up to 20 s, so their faults happen.
    if (rate > 20_000) return [];
    const durationSec = Math.min(20, r.scenario.durationSec);
    return [[name, { ...r.scenario, durationSec, warmupSec: Math.min(r.scenario.warmupSec, durationSec / 2) }]];
  },
);

describe('results read mid-run leave the run as it was', () => {
  it.each(scenarios)('%s: read every few hundred events, the final results equal a run never read', (_name, scenario) => {
    const untouched = { ...runScenario(scenario), wallMs: 0 };
    const sim = new Simulation(scenario);
    try {
      let n = 0;
      const chunk = Math.max(97, Math.round(untouched.events / 400));
      while (!sim.finished) {
        sim.step(Math.max(sim.durationMs, sim.heap.peekTime()), chunk + (n++ % 13) * 31);
        collectResults(sim, 0);
      }
      expect({ ...collectResults(sim, 0), wallMs: 0 }).toEqual(untouched);
    } finally {
      sim.dispose();
    }
  });
});
