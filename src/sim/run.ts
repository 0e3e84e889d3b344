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
  /** Called after every million events with the simulated time reached and the events so far (a terminal's progress line). */
  onProgress?: (simSec: number, events: number) => void;
  /** The wall clock, ms, for `wallMs` (default: `performance.now`); injected so the engine needs no host API. */
  now?: () => number;
  /** Called with the simulation before it runs (the CLI attaches its tracer here). */
  onSimulation?: (sim: Simulation) => void;
}

const PROGRESS_CHUNK = 1_000_000;

/**
 * Simulation.runToEnd with a report after every chunk: the same steps (chunks of a million events,
 * the same budget check, the same closing of live windows), so the results are identical.
 */
function runWithProgress(sim: Simulation, maxEvents: number, onProgress: (simSec: number, events: number) => void): void {
  const before = sim.events;
  while (!sim.finished) {
    const budget = maxEvents - (sim.events - before);
    if (budget <= 0) {
      sim.stop('maxEvents');
      break;
    }
    sim.step(sim.endMs, Math.min(budget, PROGRESS_CHUNK));
    onProgress(sim.now / 1000, sim.events);
  }
  sim.windows?.closeUpTo(Math.max(sim.now, sim.durationMs));
}


/** `performance.now` where the host has it (browsers, workers, Node), else `Date.now`. */
function hostClock(): () => number {
  const perf = (globalThis as { performance?: { now(): number } }).performance;
  return perf ? () => perf.now() : () => Date.now();
}

export function runScenario(scenario: Scenario, options: RunOptions = {}): Results {
  const s = options.durationSec !== undefined ? { ...scenario, durationSec: options.durationSec } : scenario;
  if (s.warmupSec >= s.durationSec) throw new Error(`the warm-up (${s.warmupSec} s) must be shorter than the duration (${s.durationSec} s)`);
  const now = options.now ?? hostClock();
  const started = now();
  // An event budget counts every completion as an event as it happens: such a run takes no leaf fast path (engine.ts).
  const budgeted = options.maxEvents !== undefined && options.maxEvents !== Infinity;
  const sim = new Simulation(s, budgeted ? { ...options, leafFastPath: false } : options);
  options.onSimulation?.(sim);
  try {
    if (options.onProgress) runWithProgress(sim, options.maxEvents ?? Infinity, options.onProgress);
    else sim.runToEnd(options.maxEvents ?? Infinity);
    return collectResults(sim, now() - started);
  } finally {
    sim.dispose();
  }
}
