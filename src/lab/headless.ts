/**
 * One headless run for Compare and Sweep: a scenario simulated as fast as a
 * worker can go, off the page's thread, reporting its progress and, at the
 * end, its results and per-second series. The app installs the worker-backed
 * runner at start-up; tests install a fake.
 */
import type { Scenario } from '../scenario/schema';
import type { Results } from '../sim/results';
import type { LabSeries } from './series';

export interface HeadlessRun {
  results: Results;
  /** Per simulated second of the compared op (for Compare's overlaid charts). */
  series: LabSeries;
}

export interface HeadlessOptions {
  signal: AbortSignal;
  /** The op whose latency the series follow. */
  op: string;
  /** Fan-out edges whose calls the series sum as writes. */
  writeEdgeIds: readonly string[];
  /** Simulated seconds reached so far. */
  onProgress: (simSec: number) => void;
  /**
   * Settle as soon as the series covers the scenario's duration, with the
   * results so far, instead of waiting for the drain after it (what is
   * still in flight when arrivals stop). The phase map judges the series
   * alone, and a system that stays down can drain for as long again.
   */
  untilDuration?: boolean;
}

/** Runs a scenario to its end; rejects with a readable message when it cannot (refused, crashed, cancelled). */
export type HeadlessRunner = (scenario: Scenario, options: HeadlessOptions) => Promise<HeadlessRun>;

let installed: HeadlessRunner | null = null;

export function setHeadlessRunner(runner: HeadlessRunner | null): void {
  installed = runner;
}

export function headlessRunner(): HeadlessRunner {
  if (!installed) throw new Error('simulations cannot run here (no simulation worker)');
  return installed;
}
