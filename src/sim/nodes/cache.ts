/**
 * Cache: every request costs one lookup (`hitTimeMs`) on a server; with
 * probability `hitRatio` it completes there, otherwise it takes the miss
 * path — the cache's outgoing calls.
 */
import type { Simulation } from '../engine';

/** After the lookup: completes hits and returns true, or leaves the misses to issue their calls. */
export function cacheAfterService(sim: Simulation, j: number): boolean {
  const jobs = sim.jobs;
  const node = jobs.node[j];
  const units = jobs.count[j];
  const hitRatio = sim.hitRatio[node];
  if (units === 1) {
    if (sim.rng.uniform() < hitRatio) {
      sim.completeJob(j, false);
      return true;
    }
    return false;
  }
  // A bulk chunk: its misses go downstream together.
  const misses = sim.rng.binomial(units, 1 - hitRatio);
  jobs.callUnits[j] = misses;
  if (misses === 0) {
    sim.completeJob(j, false);
    return true;
  }
  return false;
}
