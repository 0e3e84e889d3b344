/**
 * Cache: every request costs one lookup (`hitTimeMs`) on a server; with
 * probability `hitRatio` it completes there, otherwise it takes the miss
 * path — the cache's outgoing calls. With keys the cache holds real entries
 * instead (data.ts: TTL, LRU capacity, the write policy), and whether a
 * lookup hits depends on them.
 */
import type { ParamsOf } from '../../scenario/schema';
import { compileSampler } from '../distributions';
import type { Simulation } from '../engine';
import { stationArrive } from '../station';
import { STATION_BULK_RULE } from './server';
import type { CacheData } from '../data';
import type { Behaviour } from './types';
import { J_CALL_UNITS, J_COUNT, NUM_FIELDS } from '../jobs';

interface CacheState {
  hitRatio: number;
  /** With keys: the cache's entries (data.ts); its hit ratio is then a result. */
  data: CacheData | null;
}

/** After the lookup: completes hits and returns true, or leaves the misses to issue their calls. */
function cacheAfterService(sim: Simulation, j: number, state: CacheState): boolean {
  const jobs = sim.jobs;
  const units = jobs.nums[j * NUM_FIELDS + J_COUNT];
  if (units === 1) {
    if (sim.rng.uniform() < state.hitRatio) {
      sim.completeJob(j, false);
      return true;
    }
    return false;
  }
  // A bulk chunk: its misses go downstream together.
  const misses = sim.rng.binomial(units, 1 - state.hitRatio);
  jobs.nums[j * NUM_FIELDS + J_CALL_UNITS] = misses;
  if (misses === 0) {
    sim.completeJob(j, false);
    return true;
  }
  return false;
}

export const cacheBehaviour: Behaviour<CacheState> = {
  kind: 'cache',
  bulkRule: `${STATION_BULK_RULE}; a chunk's misses (a binomial draw) go downstream together`,
  compile(sim, node, index) {
    const p = node.params as ParamsOf<'cache'>;
    sim.stations.define(index, { servers: p.servers, capacity: p.queueCapacity, discipline: p.queueDiscipline, blocking: p.blocking, dropAbandoned: p.dropAbandoned, serviceTimeMs: compileSampler(p.hitTimeMs) });
    return { hitRatio: p.hitRatio, data: sim.data !== null ? sim.data.addCache(sim, index, p) : null };
  },
  arrive: stationArrive,
  afterService: cacheAfterService,
  keyed: {
    afterService: (sim, j, state) => sim.data!.cacheServed(sim, j, state.data!),
    onComplete: (sim, j, state) => sim.data!.cacheJobDone(sim, j, state.data!),
  },
  nodeResult(sim, _index, state, r) {
    if (state.data !== null) sim.data!.copyResult(sim, state.data, r);
  },
};
