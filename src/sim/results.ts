/**
 * The results object (SCENARIO.md, "Results"): what the CLI prints with
 * --json and what the worker sends as its final summary.
 */
import type { KeyTimeline } from './data';
import type { Simulation } from './engine';
import { CAUSES, type Cause } from './jobs';
import type { StopReason } from './kernel';
import type { ThresholdStats } from './population';
import { EMPTY_SUMMARY, LatencyHistogram, type LatencySummary } from './stats';

export type { LatencySummary };

export interface OpResult {
  count: number;
  errors: number;
  unfinished: number;
  throughputPerSec: number;
  latencyMs: LatencySummary;
  /** The errors by the cause where each began (present when the scenario can fail in more than one way: it has timeouts or faults). */
  errorsByCause?: Record<Cause, number>;
  /** Good requests (successes within the op's objective) per second, and their share of the requests (present when the op has an objective). */
  goodputPerSec?: number;
  sloAttainment?: number;
  /** Response times from when each request was meant to be sent (closed-loop users on a schedule: the coordinated-omission correction). */
  intendedLatencyMs?: LatencySummary;
}

export interface NodeResult {
  arrivals: number;
  completed: number;
  dropped: number;
  /** Requests that failed at this node because a sync call of theirs failed (drops are counted in `dropped`). */
  errors: number;
  utilization: number;
  meanQueueLength: number;
  maxQueueLength: number;
  waitMs: { mean: number; p99: number };
  latencyMs: LatencySummary;
  visibilityLagMs?: { mean: number; p99: number; max: number };
  /** A batch node's jobs (SCENARIO.md v2, "Batch jobs"). */
  jobs?: BatchJobsResult;
  /** Calls it completed for a caller that had already given up (present when an edge into it has a timeout). */
  wastedCompletions?: number;
  /** Seconds of the measurement window it was down (present when a crash fault targets it). */
  downSec?: number;
  /** Waiting calls it discarded because their caller had given up (present when it drops abandoned calls). */
  abandonedDropped?: number;
  /**
   * A cache or an index in a scenario with keys (SCENARIO.md "Keys, versions and derived data"):
   * reads answered with a version older than the database's at that moment, and their share of the
   * reads; how long the version served had been superseded; a keyed cache's measured hit ratio; from
   * a version's commit to its application here (an index: until searchable; present when the node
   * has write operations); keys whose copy differs from the database at the end (after the drain).
   */
  staleReads?: number;
  staleReadRatio?: number;
  stalenessMs?: { mean: number; p99: number; max: number };
  hitRatio?: number;
  lagMs?: { mean: number; p99: number; max: number };
  divergedKeys?: number;
}

/**
 * A batch node's jobs, counted when they process records that arrived in the
 * measurement window: how many, those records, how fast a job crunches them
 * (records ÷ the jobs' summed running time), how long a job took (start to
 * its last task), backup copies started, and worker time spent on tasks
 * (backup copies and cancelled copies included: the price of the backups),
 * and how long a record waited for its result (from its arrival here to the
 * end of the job that processed it: a batch's time to result).
 */
export interface BatchJobsResult {
  count: number;
  records: number;
  recordsPerSec: number;
  durationMs: { mean: number; p50: number; p99: number; max: number };
  backupTasks: number;
  taskWorkSec: number;
  recordLagMs: { mean: number; max: number };
}

export interface EdgeResult {
  calls: number;
  callsPerSec: number;
  deliveryMs?: { mean: number; p50: number; p99: number; max: number };
  /** Attempts its caller gave up on (present when the edge has a timeout). */
  timeouts?: number;
  /** Attempts in all, first ones and retries, and the retries alone (present when the edge retries). */
  attempts?: number;
  retries?: number;
  /** Copies of hedged calls sent along it (present when the edge hedges). */
  hedges?: number;
  /** Attempts that failed, whatever the cause, timeouts included (sync edges, present when the scenario has timeouts, faults or breakers). */
  failures?: number;
  /** Seconds of the measurement window its breaker was open or half-open (present when the edge has a breaker). */
  breakerOpenSec?: number;
  /** A consumer group (an edge out of a log): records delivered for the first time, delivered again, lost to retention, delivered out of order for their key. */
  delivered?: number;
  duplicates?: number;
  lost?: number;
  outOfOrder?: number;
  /** Records appended and not yet delivered (time-average and maximum over the window). */
  lagRecords?: { mean: number; max: number };
  /** From the record in the log (after its append) to the end of its first delivery. */
  lagMs?: { mean: number; p99: number; max: number };
}

export interface Results {
  version: 1;
  scenario: string;
  seed: number;
  simulatedSec: number;
  events: number;
  wallMs: number;
  ops: Record<string, OpResult>;
  nodes: Record<string, NodeResult>;
  edges: Record<string, EdgeResult>;
  population?: {
    meanFollowers: number;
    p99Followers: number;
    maxFollowers: number;
    meanPostFanout: number;
    /** For every celebrity threshold the scenario uses (followers skipAbove, celebrityFollowees threshold). */
    thresholds?: ThresholdStats[];
  };
  /** Present when the run stopped early (overload guard or event budget). */
  stopped?: StopReason;
  /** The watched key's history (present when a key was watched: SimOptions.watchKey, the CLI's --watch-key). */
  watchedKey?: KeyTimeline;
}

/**
 * Sets an own, enumerable property — also for the key "__proto__", which a
 * plain assignment would take as the object's prototype (node ids and op
 * names are user input, and "__proto__" is a valid id).
 */
export function setOwn<T>(record: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * Builds the results object of a simulation at its end: the whole measurement
 * window [warmupSec, durationSec) — or, for a run stopped early (overload),
 * the window it measured, [warmupSec, stop time), so that rates are divided
 * by the time they were counted over and not by the planned duration.
 */
export function collectResults(sim: Simulation, wallMs: number): Results {
  const stoppedAtMs = sim.stopped ? Math.min(sim.now, sim.durationMs) : sim.durationMs;
  return resultsUntil(sim, wallMs, stoppedAtMs > sim.warmupMs ? stoppedAtMs : sim.durationMs);
}

/**
 * The results object over the measurement window [warmupSec, toMs). It never
 * changes the simulation: each node's time integrals are read with the
 * stretch since its last change added on the side, so a run in progress can
 * be reported and then go on.
 */
export function resultsUntil(sim: Simulation, wallMs: number, toMs: number): Results {
  const model = sim.model;
  const fromMs = sim.warmupMs;
  const windowMs = toMs - fromMs;
  const simulatedSec = windowMs / 1000;
  const ops: Record<string, OpResult> = {};
  model.ops.forEach((name, o) => {
    const count = sim.meter.opCount[o];
    const errors = sim.meter.opErrors[o];
    const success = sim.meter.opSuccess[o];
    const r: OpResult = {
      count,
      errors,
      unfinished: count - errors - success,
      throughputPerSec: success / simulatedSec,
      latencyMs: opLatencySummary(sim, o),
    };
    if (model.canFail || model.hasFaults) {
      const byCause = {} as Record<Cause, number>;
      CAUSES.forEach((c, k) => (byCause[c] = sim.meter.opErrorsByCause[o * CAUSES.length + k]));
      r.errorsByCause = byCause;
    }
    const intended = sim.meter.opIntended[o];
    if (intended !== null) r.intendedLatencyMs = intended.count > 0 ? intended.summary() : EMPTY_SUMMARY;
    if (sim.meter.opGoodWithinMs[o] !== Infinity) {
      r.goodputPerSec = sim.meter.opGood[o] / simulatedSec;
      r.sloAttainment = count > 0 ? sim.meter.opGood[o] / count : 0;
    }
    setOwn(ops, name, r);
  });
  const nodes: Record<string, NodeResult> = {};
  const timedTargets = new Set<number>();
  for (let e = 0; e < model.edgeCount; e++) if (model.edgeTimeout[e] !== Infinity) timedTargets.add(model.edgeTarget[e]);
  sim.scenario.nodes.forEach((node, i) => {
    // Utilization is of the servers the node was built with, also while a fault takes some away.
    const servers = sim.faults !== null ? sim.faults.baseServers[i] : sim.stations.servers[i];
    const openFrom = Math.max(sim.meter.lastTouch[i], fromMs);
    const open = toMs > openFrom ? toMs - openFrom : 0;
    const busyArea = sim.meter.busyArea[i] + (sim.stations.busy[i] - sim.stations.summedBusy[i]) * open + sim.summedOpenArea(i, fromMs, toMs);
    const queueArea = sim.meter.queueArea[i] + (open > 0 ? sim.stations.waitingArea(i, openFrom, toMs) : 0);
    const wait = sim.meter.nodeWait[i];
    const r: NodeResult = {
      arrivals: sim.meter.nArrivals[i],
      completed: sim.meter.nCompleted[i],
      dropped: sim.meter.nDropped[i],
      errors: sim.meter.nErrors[i],
      utilization: servers > 0 ? busyArea / (servers * windowMs) : 0,
      meanQueueLength: queueArea / windowMs,
      maxQueueLength: sim.meter.maxQueue[i],
      waitMs: { mean: wait.mean(), p99: wait.percentile(99) },
      latencyMs: sim.meter.nodeLatency[i].summary(),
    };
    sim.behaviours[i].nodeResult?.(sim, i, sim.nodeState[i], r);
    if (timedTargets.has(i)) r.wastedCompletions = sim.meter.nWasted[i];
    if (sim.stations.dropsAbandoned[i] === 1 || (model.hasHedges && sim.model.clientOp[i] < 0)) r.abandonedDropped = sim.meter.nAbandonedDropped[i];
    if (sim.faults !== null && sim.scenario.faults!.some((f) => f.type === 'crash' && f.target === node.id)) r.downSec = sim.faults.downSec(i, fromMs, toMs);
    setOwn(nodes, node.id, r);
  });
  const edges: Record<string, EdgeResult> = {};
  sim.scenario.edges.forEach((edge, e) => {
    const r: EdgeResult = { calls: sim.meter.edgeCalls[e], callsPerSec: sim.meter.edgeCalls[e] / simulatedSec };
    const d = sim.meter.delivery[e];
    if (d) {
      const s = d.count > 0 ? d.summary() : EMPTY_SUMMARY;
      r.deliveryMs = { mean: s.mean, p50: s.p50, p99: s.p99, max: s.max };
    }
    if (model.edgeTimeout[e] !== Infinity) r.timeouts = sim.meter.edgeTimeouts[e];
    if (model.edgeRetry[e] !== null || model.edgeHedge[e] !== null) {
      r.attempts = sim.meter.edgeCalls[e] + sim.meter.edgeRetries[e] + sim.meter.edgeHedges[e];
      if (model.edgeRetry[e] !== null) r.retries = sim.meter.edgeRetries[e];
      if (model.edgeHedge[e] !== null) r.hedges = sim.meter.edgeHedges[e];
    }
    if ((model.canFail || model.hasFaults) && model.edgeAsync[e] === 0) r.failures = sim.meter.edgeFailures[e];
    const breaker = sim.breakers[e];
    if (breaker !== null) r.breakerOpenSec = breaker.openTimeWithin(fromMs, toMs, sim.now) / 1000;
    const source = model.edgeSource[e];
    sim.behaviours[source].edgeResult?.(sim, source, sim.nodeState[source], e, r);
    setOwn(edges, edge.id, r);
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
  // Only a key asked for with the run (the CLI's --watch-key): a page watching one live keeps its results as they are.
  const watched = sim.options.watchKey !== undefined ? sim.keyTimeline() : null;
  if (watched !== null) results.watchedKey = watched;
  return results;
}

/** End-to-end response times of an op: the latency histograms of the clients that create it, merged. */
export function opLatencySummary(sim: Simulation, op: number): LatencySummary {
  const clients: number[] = [];
  for (let i = 0; i < sim.model.nodeCount; i++) if (sim.model.clientOp[i] === op) clients.push(i);
  if (clients.length === 1) return sim.meter.nodeLatency[clients[0]].summary();
  const merged = new LatencyHistogram();
  try {
    for (const c of clients) merged.add(sim.meter.nodeLatency[c]);
    return merged.summary();
  } finally {
    merged.dispose();
  }
}
