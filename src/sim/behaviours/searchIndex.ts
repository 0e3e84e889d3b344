/**
 * Search index: served like any service, but an indexing write (an op in
 * `writeOps`) becomes searchable only at the next refresh — a refresh happens
 * at every multiple of `refreshIntervalMs` of simulated time. The lag from the
 * write's arrival to that refresh is its visibility lag.
 */
import type { ParamsOf } from '../../scenario/schema';
import { compileSampler } from '../distributions';
import type { Simulation } from '../engine';
import { F_COUNTED, INT_FIELDS, J_ARRIVAL, J_COUNT, J_FLAGS, J_OP, NUM_FIELDS } from '../jobs';
import { stationArrive } from '../station';
import { LatencyHistogram } from '../stats';
import { STATION_BULK_RULE } from './server';
import type { IndexData } from '../data';
import type { Behaviour } from './types';

interface IndexState {
  refreshMs: number;
  /** Per op: whether it is an indexing write here. */
  writeOp: Uint8Array;
  visibility: LatencyHistogram;
  /** With keys: every key's indexed version (data.ts). */
  data: IndexData | null;
}

function indexAfterService(sim: Simulation, j: number, state: IndexState): boolean {
  const jobs = sim.jobs;
  if (!state.writeOp[jobs.ints[j * INT_FIELDS + J_OP]]) return false;
  const interval = state.refreshMs;
  const searchableAt = Math.ceil(sim.now / interval) * interval;
  if (jobs.ints[j * INT_FIELDS + J_FLAGS] & F_COUNTED) state.visibility.recordWeighted(searchableAt - jobs.nums[j * NUM_FIELDS + J_ARRIVAL], jobs.nums[j * NUM_FIELDS + J_COUNT]);
  return false;
}

export const indexBehaviour: Behaviour<IndexState> = {
  kind: 'index',
  bulkRule: `${STATION_BULK_RULE}; a chunk of writes becomes searchable at one refresh`,
  compile(sim, node, index) {
    const p = node.params as ParamsOf<'index'>;
    sim.stations.define(index, { servers: p.servers, capacity: p.queueCapacity, discipline: p.queueDiscipline, blocking: p.blocking, dropAbandoned: p.dropAbandoned, serviceTimeMs: compileSampler(p.serviceTimeMs) });
    const writeOp = new Uint8Array(sim.model.ops.length);
    for (const op of p.writeOps) {
      const o = sim.model.opIndex.get(op);
      if (o !== undefined) writeOp[o] = 1;
    }
    return { refreshMs: p.refreshIntervalMs, writeOp, visibility: new LatencyHistogram(), data: sim.data !== null ? sim.data.addIndex(sim, index, p) : null };
  },
  arrive: stationArrive,
  afterService: indexAfterService,
  keyed: {
    afterService(sim, j, state) {
      indexAfterService(sim, j, state);
      sim.data!.indexServed(sim, j, state.data!);
      return false;
    },
  },
  nodeResult(sim, _index, state, r) {
    const vis = state.visibility;
    r.visibilityLagMs = vis.count > 0 ? { mean: vis.mean(), p99: vis.percentile(99), max: vis.max } : { mean: 0, p99: 0, max: 0 };
    if (state.data !== null) sim.data!.copyResult(sim, state.data, r);
  },
  dispose: (state) => state.visibility.dispose(),
};
