/**
 * Runs a validated scenario to the end and returns its results — the
 * headless path shared by the CLI, the benchmarks and the tests.
 */
import type { Scenario } from '../scenario/schema';
import { Simulation, type SimOptions } from './engine';
import { collectResults, type Results } from './results';

export interface RunOptions extends SimOptions {
  /** Override the scenario's duration, in simulated seconds. */
  durationSec?: number;
  /** Stop after this many events (default: no limit). */
  maxEvents?: number;
}

export function runScenario(scenario: Scenario, options: RunOptions = {}): Results {
  const s = options.durationSec !== undefined ? { ...scenario, durationSec: options.durationSec } : scenario;
  if (s.warmupSec >= s.durationSec) throw new Error(`the warm-up (${s.warmupSec} s) must be shorter than the duration (${s.durationSec} s)`);
  const started = performance.now();
  const sim = new Simulation(s, options);
  try {
    sim.runToEnd(options.maxEvents ?? Infinity);
    return collectResults(sim, performance.now() - started);
  } finally {
    sim.dispose();
  }
}
