/**
 * The results object of a run still in progress, for the results panel while
 * the simulation plays or is paused: resultsUntil over the part of the
 * measurement window simulated so far (it never changes the simulation).
 *
 * Everything covers the part of the measurement window simulated so far,
 * [warmupSec, min(now, durationSec)); requests still in flight are reported
 * as `unfinished`.
 */
import type { Simulation } from './engine';
import { resultsUntil, type Results } from './results';

/** Results of the measured time so far, or null while still in the warm-up. */
export function resultsSoFar(sim: Simulation, wallMs: number): Results | null {
  const toMs = Math.min(sim.now, sim.durationMs);
  if (toMs - sim.warmupMs <= 0) return null;
  return resultsUntil(sim, wallMs, toMs);
}
