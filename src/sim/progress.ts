/**
 * The results object of a run still in progress, for the results panel while
 * the simulation plays or is paused. Unlike collectResults it never changes
 * the simulation (collectResults closes the time integrals at durationSec,
 * which only a finished run may do): the open stretch since each node's last
 * change is added on the side.
 *
 * Everything covers the part of the measurement window simulated so far,
 * [warmupSec, min(now, durationSec)); requests still in flight are reported
 * as `unfinished`.
 */
import type { Simulation } from './engine';
import { opLatencySummary, type EdgeResult, type NodeResult, type OpResult, type Results } from './results';
import { EMPTY_SUMMARY } from './stats';

/** Results of the measured time so far, or null while still in the warm-up. */
export function resultsSoFar(sim: Simulation, wallMs: number): Results | null {
  const fromMs = sim.warmupMs;
  const toMs = Math.min(sim.now, sim.durationMs);
  const measuredMs = toMs - fromMs;
  if (measuredMs <= 0) return null;
  const simulatedSec = measuredMs / 1000;

  const ops: Record<string, OpResult> = {};
  sim.model.ops.forEach((name, o) => {
    const count = sim.opCount[o];
    const errors = sim.opErrors[o];
    const success = sim.opSuccess[o];
    ops[name] = {
      count,
      errors,
      unfinished: count - errors - success,
      throughputPerSec: success / simulatedSec,
      latencyMs: opLatencySummary(sim, o),
    };
  });

  const nodes: Record<string, NodeResult> = {};
  sim.scenario.nodes.forEach((node, i) => {
    const servers = sim.servers[i];
    const openFrom = Math.max(sim.lastTouch[i], fromMs);
    const open = toMs > openFrom ? toMs - openFrom : 0;
    const busyArea = sim.busyArea[i] + sim.busy[i] * open;
    const queueArea = sim.queueArea[i] + sim.queued[i] * open;
    const wait = sim.nodeWait[i];
    const r: NodeResult = {
      arrivals: sim.nArrivals[i],
      completed: sim.nCompleted[i],
      dropped: sim.nDropped[i],
      errors: sim.nErrors[i],
      utilization: servers > 0 ? busyArea / (servers * measuredMs) : 0,
      meanQueueLength: queueArea / measuredMs,
      maxQueueLength: sim.maxQueue[i],
      waitMs: { mean: wait.mean(), p99: wait.percentile(99) },
      latencyMs: sim.nodeLatency[i].summary(),
    };
    const vis = sim.visibility[i];
    if (vis) r.visibilityLagMs = vis.count > 0 ? { mean: vis.mean(), p99: vis.percentile(99), max: vis.max } : { mean: 0, p99: 0, max: 0 };
    nodes[node.id] = r;
  });

  const edges: Record<string, EdgeResult> = {};
  sim.scenario.edges.forEach((edge, e) => {
    const r: EdgeResult = { calls: sim.edgeCalls[e], callsPerSec: sim.edgeCalls[e] / simulatedSec };
    const d = sim.delivery[e];
    if (d) {
      const s = d.count > 0 ? d.summary() : EMPTY_SUMMARY;
      r.deliveryMs = { mean: s.mean, p50: s.p50, p99: s.p99, max: s.max };
    }
    edges[edge.id] = r;
  });

  const results: Results = {
    version: 1,
    scenario: sim.scenario.name,
    seed: sim.seed,
    simulatedSec,
    events: sim.events,
    wallMs,
    ops,
    nodes,
    edges,
  };
  if (sim.population) {
    const s = sim.population.stats;
    results.population = {
      meanFollowers: s.meanFollowers,
      p99Followers: s.p99Followers,
      maxFollowers: s.maxFollowers,
      meanPostFanout: s.meanPostFanout,
    };
    // As collectResults: statistics for every celebrity threshold the scenario uses.
    const thresholds = new Set<number>();
    for (const e of sim.scenario.edges) {
      if (e.fanout.type === 'followers' && e.fanout.skipAbove !== undefined) thresholds.add(e.fanout.skipAbove);
      if (e.fanout.type === 'celebrityFollowees') thresholds.add(e.fanout.threshold);
    }
    if (thresholds.size > 0) {
      results.population.thresholds = [...thresholds].sort((a, b) => a - b).map((t) => sim.population!.thresholdStats(t));
    }
  }
  if (sim.stopped) results.stopped = { ...sim.stopped };
  return results;
}
