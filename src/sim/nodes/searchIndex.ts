/**
 * Search index: served like any service, but an indexing write (an op in
 * `writeOps`) becomes searchable only at the next refresh — a refresh happens
 * at every multiple of `refreshIntervalMs` of simulated time. The lag from the
 * write's arrival to that refresh is its visibility lag.
 */
import type { Simulation } from '../engine';
import { F_COUNTED } from '../jobs';

export function indexAfterService(sim: Simulation, j: number): void {
  const jobs = sim.jobs;
  const node = jobs.node[j];
  const nOps = sim.model.ops.length;
  if (!sim.writeOp[node * nOps + jobs.op[j]]) return;
  const interval = sim.refreshMs[node];
  const searchableAt = Math.ceil(sim.now / interval) * interval;
  if (jobs.flags[j] & F_COUNTED) sim.visibility[node]!.recordWeighted(searchableAt - jobs.arrival[j], jobs.count[j]);
}
