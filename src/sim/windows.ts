/**
 * Live time windows for the charts: per window of simulated time (1 s by
 * default), per op the requests created, completed and failed and the
 * latency percentiles of those that completed in it; per node utilization,
 * queue length, arrivals, drops and errors; per edge calls. Windows cover the
 * whole run, warm-up included (the charts shade it); the results object
 * covers only the measurement window.
 *
 * The recorder keeps its own time integrals (busy servers and queue length
 * since its last look at each node), so closing a window never splits the
 * engine's measurement integrals: a run with windows gives bit-identical
 * results to one without.
 *
 * On request (`recordCelebrityPosts`, which the live worker makes), a
 * scenario with a population also records its celebrity posts: how many
 * posts in each window had an author with more followers than a threshold,
 * and the largest such author. The charts mark them, since the hybrid and
 * fan-out on write differ only at those posts. The recorder sees each post's
 * author through the population's sampler, wrapped (the wrapper returns the
 * very draw, so results and every other window field are unchanged); it is
 * not recorded unless asked for, so the frozen windows of runs that do not
 * ask stay bit-identical.
 */
import type { Simulation } from './engine';
import { CAUSES, type Cause } from './jobs';
import { LatencyHistogram } from './stats';
import { logGroupTotals, type LogGroupTotals } from './behaviours/log';

export interface WindowOp {
  created: number;
  throughputPerSec: number;
  errorsPerSec: number;
  /** Percentiles of requests completed in this window, ms; null when none completed. */
  latency: { mean: number; p50: number; p95: number; p99: number; p999: number; max: number } | null;
  /** Errors per second by the cause where each began (when the scenario can fail in more than one way: timeouts, faults or breakers). */
  errorsByCausePerSec?: Record<Cause, number>;
  /** Good requests (successes within the op's objective) per second (when the op has one). */
  goodputPerSec?: number;
  /**
   * Percentiles, ms, of the successes completed in this window measured from when their user meant
   * to send them (the coordinated-omission correction); null when none completed. Only for ops served
   * by closed-loop users on a fixed interval (`intervalMs`), the ones whose results carry `intendedLatencyMs`.
   */
  intendedLatency?: { mean: number; p50: number; p95: number; p99: number; p999: number; max: number } | null;
}

/** An edge's window: calls, and with resilience rules or faults its attempts and failures. */
export interface WindowEdge {
  callsPerSec: number;
  /** Present when the scenario can fail in more than one way (timeouts, faults, breakers) or hedges. */
  retriesPerSec?: number;
  hedgesPerSec?: number;
  timeoutsPerSec?: number;
  failuresPerSec?: number;
  /** The edge's breaker at the window's end (edges with a breaker). */
  breaker?: 'closed' | 'open' | 'halfOpen';
}

export interface WindowNode {
  utilization: number;
  meanQueueLength: number;
  maxQueueLength: number;
  arrivalsPerSec: number;
  droppedPerSec: number;
  errorsPerSec: number;
  completedPerSec: number;
}

/** The posts in a window whose author has more than `thresholdFollowers` followers. */
export interface WindowCelebrityPosts {
  thresholdFollowers: number;
  count: number;
  /** The most followers among their authors (0 when count is 0). */
  maxFollowers: number;
  /** Their authors' followers in all: the timeline writes fan-out on write makes for them. */
  totalFollowers: number;
}

/**
 * A log's consumer group (one outgoing edge) in a window: its lag at the window's end, and the
 * records it delivered, delivered again and lost in the window (counted as the edge's results
 * count them: records appended after warm-up). Only when asked for (recordConsumerGroups).
 */
export interface WindowConsumerGroup {
  /** The edge's index (scenario order). */
  edge: number;
  lagRecords: number;
  delivered: number;
  duplicates: number;
  lost: number;
}

export interface SimWindow {
  index: number;
  startSec: number;
  endSec: number;
  ops: WindowOp[];
  nodes: WindowNode[];
  edges: WindowEdge[];
  /** Only when asked for (`WindowRecorder.recordCelebrityPosts`) and the scenario has a population. */
  celebrityPosts?: WindowCelebrityPosts;
  /** Only when asked for (`WindowRecorder.recordConsumerGroups`) and the scenario has a log. */
  consumerGroups?: WindowConsumerGroup[];
}

export class WindowRecorder {
  readonly windowMs: number;
  windowStart = 0;
  windowEnd: number;
  private index = 0;
  private readonly sim: Simulation;
  private closed: SimWindow[] = [];
  /** Per node, the simulated time up to which busyArea and queueArea are integrated. */
  private readonly integratedTo: Float64Array;
  /** Called as each window closes, before its accumulators are reset (e.g. batch means reading `opLatency`). */
  onClose: ((window: SimWindow, recorder: WindowRecorder) => void) | null = null;

  readonly busyArea: Float64Array;
  readonly queueArea: Float64Array;
  readonly maxQueue: Float64Array;
  readonly nodeArrivals: Float64Array;
  readonly nodeDropped: Float64Array;
  readonly nodeErrors: Float64Array;
  readonly nodeDone: Float64Array;
  readonly opCreated: Float64Array;
  readonly opSuccess: Float64Array;
  readonly opErrors: Float64Array;
  readonly opLatency: LatencyHistogram[];
  readonly edgeCalls: Float64Array;
  /** Whether this run's windows carry the failure fields (the scenario can fail in more than one way, or hedges). */
  private failureFields: boolean;
  readonly opErrorsByCause: Float64Array;
  readonly opGood: Float64Array;
  readonly edgeRetries: Float64Array;
  readonly edgeHedges: Float64Array;
  readonly edgeTimeouts: Float64Array;
  readonly edgeFailures: Float64Array;
  /** Celebrity posts in the open window; null unless recorded (recordCelebrityPosts). */
  private celebrity: WindowCelebrityPosts | null = null;
  /** The log nodes whose groups each window reports, and their totals at the last close; null unless recorded. */
  private logNodes: number[] | null = null;
  private groupTotalsBefore = new Map<number, LogGroupTotals>();
  /** Per op, intended latencies of the open window (ops the meter measures them for; null for the others). */
  readonly opIntendedLatency: (LatencyHistogram | null)[];

  /** A fault joined the run (Simulation.injectFault): from the open window on, windows carry the failure fields. */
  carryFailureFields(): void {
    this.failureFields = true;
  }

  constructor(sim: Simulation, windowMs: number) {
    this.sim = sim;
    this.windowMs = windowMs;
    this.windowEnd = windowMs;
    const n = sim.model.nodeCount;
    const nOps = sim.model.ops.length;
    this.busyArea = new Float64Array(n);
    this.queueArea = new Float64Array(n);
    this.maxQueue = new Float64Array(n);
    this.nodeArrivals = new Float64Array(n);
    this.nodeDropped = new Float64Array(n);
    this.nodeErrors = new Float64Array(n);
    this.nodeDone = new Float64Array(n);
    this.opCreated = new Float64Array(nOps);
    this.opSuccess = new Float64Array(nOps);
    this.opErrors = new Float64Array(nOps);
    this.opLatency = sim.model.ops.map(() => new LatencyHistogram());
    this.edgeCalls = new Float64Array(sim.model.edgeCount);
    this.integratedTo = new Float64Array(n);
    const m = sim.model;
    this.failureFields = m.canFail || m.hasFaults || m.hasHedges;
    this.opErrorsByCause = new Float64Array(nOps * CAUSES.length);
    this.opGood = new Float64Array(nOps);
    this.edgeRetries = new Float64Array(m.edgeCount);
    this.edgeHedges = new Float64Array(m.edgeCount);
    this.edgeTimeouts = new Float64Array(m.edgeCount);
    this.edgeFailures = new Float64Array(m.edgeCount);
    // The clients have compiled by now: the meter knows which ops measure intended latency.
    this.opIntendedLatency = sim.meter.opIntended.map((h) => (h === null ? null : new LatencyHistogram()));
    if (this.opIntendedLatency.some((h) => h !== null)) this.watchIntendedLatency();
  }

  /**
   * Sees each intended latency the meter takes (every one, warm-up included, as windows cover the
   * whole run) through a wrapper that passes it on unchanged, as recordCelebrityPosts does with the
   * population; only runs with closed-loop users on an interval get the wrapper.
   */
  private watchIntendedLatency(): void {
    const meter = this.sim.meter;
    const measure = meter.intendedLatency.bind(meter);
    const perOp = this.opIntendedLatency;
    meter.intendedLatency = (op, latencyMs, counted) => {
      measure(op, latencyMs, counted);
      perOp[op]?.record(latencyMs);
    };
  }

  /** Adds the node's current busy servers and queue, from the last look up to `nowMs`, to the open window. */
  integrate(node: number, nowMs: number): void {
    const from = this.integratedTo[node];
    const dtMs = nowMs - from;
    if (dtMs <= 0) return;
    this.integratedTo[node] = nowMs;
    this.busyArea[node] += this.sim.stations.busy[node] * dtMs;
    this.queueArea[node] += this.sim.stations.waitingArea(node, from, nowMs);
  }

  noteQueue(node: number, length: number): void {
    if (length > this.maxQueue[node]) this.maxQueue[node] = length;
  }

  nodeCompleted(node: number, units: number, failed: boolean): void {
    if (failed) this.nodeErrors[node] += units;
    else this.nodeDone[node] += units;
  }

  opCompleted(op: number, latencyMs: number, failed: boolean, cause: number, good: boolean): void {
    if (failed) {
      this.opErrors[op]++;
      this.opErrorsByCause[op * CAUSES.length + cause]++;
    } else {
      this.opSuccess[op]++;
      if (good) this.opGood[op]++;
      this.opLatency[op].record(latencyMs);
    }
  }

  /**
   * From now on, records per window the posts whose author has more than
   * `thresholdFollowers` followers. Does nothing without a population (no
   * post has an author then). Call before the run starts.
   */
  recordCelebrityPosts(thresholdFollowers: number): void {
    const population = this.sim.population;
    if (population === null || this.celebrity !== null) return;
    this.celebrity = { thresholdFollowers, count: 0, maxFollowers: 0, totalFollowers: 0 };
    const sample = population.sampleAuthorFollowers.bind(population);
    population.sampleAuthorFollowers = (rng) => {
      const followers = sample(rng);
      const c = this.celebrity!;
      if (followers > c.thresholdFollowers) {
        c.count++;
        c.totalFollowers += followers;
        if (followers > c.maxFollowers) c.maxFollowers = followers;
      }
      return followers;
    };
  }

  /**
   * From now on, each window carries its logs' consumer groups (consumerGroups): read from the
   * logs' counters as the window closes, nothing per event. Does nothing without a log.
   */
  recordConsumerGroups(): void {
    const nodes: number[] = [];
    this.sim.scenario.nodes.forEach((n, i) => n.kind === 'log' && nodes.push(i));
    if (nodes.length > 0) this.logNodes = nodes;
  }

  private consumerGroupsAt(nowMs: number): WindowConsumerGroup[] {
    const out: WindowConsumerGroup[] = [];
    for (const node of this.logNodes!) {
      for (const t of logGroupTotals(this.sim, node, nowMs) ?? []) {
        const before = this.groupTotalsBefore.get(t.edge);
        out.push({
          edge: t.edge,
          lagRecords: t.lagRecords,
          delivered: t.delivered - (before?.delivered ?? 0),
          duplicates: t.duplicates - (before?.duplicates ?? 0),
          lost: t.lost - (before?.lost ?? 0),
        });
        this.groupTotalsBefore.set(t.edge, t);
      }
    }
    return out;
  }

  /** Closes every window that ends at or before `t`. */
  closeUpTo(t: number): void {
    while (t >= this.windowEnd) this.close();
  }

  /** Windows closed since the last call. */
  take(): SimWindow[] {
    const out = this.closed;
    this.closed = [];
    return out;
  }

  private close(): void {
    const sim = this.sim;
    const n = sim.model.nodeCount;
    for (let i = 0; i < n; i++) {
      // Nothing changed at the node since its last look: its state holds to the window's end.
      this.integrate(i, this.windowEnd);
      // The window's max includes what was already waiting when it opened.
      const waiting = sim.stations.waitingAt(i, this.windowEnd);
      if (waiting > this.maxQueue[i]) this.maxQueue[i] = waiting;
    }
    const sec = this.windowMs / 1000;
    const ops: WindowOp[] = sim.model.ops.map((_, o) => {
      const h = this.opLatency[o];
      const s = h.count > 0 ? h.summary() : null;
      const w: WindowOp = {
        created: this.opCreated[o],
        throughputPerSec: this.opSuccess[o] / sec,
        errorsPerSec: this.opErrors[o] / sec,
        latency: s && { mean: s.mean, p50: s.p50, p95: s.p95, p99: s.p99, p999: s.p999, max: s.max },
      };
      if (this.failureFields) {
        const byCause = {} as Record<Cause, number>;
        CAUSES.forEach((c, k) => (byCause[c] = this.opErrorsByCause[o * CAUSES.length + k] / sec));
        w.errorsByCausePerSec = byCause;
      }
      if (sim.meter.opGoodWithinMs[o] !== Infinity) w.goodputPerSec = this.opGood[o] / sec;
      const intended = this.opIntendedLatency[o];
      if (intended !== null) {
        const si = intended.count > 0 ? intended.summary() : null;
        w.intendedLatency = si && { mean: si.mean, p50: si.p50, p95: si.p95, p99: si.p99, p999: si.p999, max: si.max };
      }
      return w;
    });
    const nodes: WindowNode[] = [];
    for (let i = 0; i < n; i++) {
      // Utilization is of the servers the node was built with, also while a fault takes some away.
      const servers = sim.faults !== null ? sim.faults.baseServers[i] : sim.servers[i];
      nodes.push({
        utilization: servers > 0 ? this.busyArea[i] / (servers * this.windowMs) : 0,
        meanQueueLength: this.queueArea[i] / this.windowMs,
        maxQueueLength: this.maxQueue[i],
        arrivalsPerSec: this.nodeArrivals[i] / sec,
        droppedPerSec: this.nodeDropped[i] / sec,
        errorsPerSec: this.nodeErrors[i] / sec,
        completedPerSec: this.nodeDone[i] / sec,
      });
    }
    const edges: WindowEdge[] = Array.from(this.edgeCalls, (c, e) => {
      const w: WindowEdge = { callsPerSec: c / sec };
      if (this.failureFields && sim.model.edgeAsync[e] === 0) {
        w.retriesPerSec = this.edgeRetries[e] / sec;
        w.hedgesPerSec = this.edgeHedges[e] / sec;
        w.timeoutsPerSec = this.edgeTimeouts[e] / sec;
        w.failuresPerSec = this.edgeFailures[e] / sec;
      }
      const breaker = sim.breakers[e];
      if (breaker !== null) {
        w.breaker = breaker.state;
      }
      return w;
    });
    const window: SimWindow = { index: this.index++, startSec: this.windowStart / 1000, endSec: this.windowEnd / 1000, ops, nodes, edges };
    const celebrity = this.celebrity;
    if (celebrity !== null) {
      window.celebrityPosts = { ...celebrity };
      celebrity.count = 0;
      celebrity.maxFollowers = 0;
      celebrity.totalFollowers = 0;
    }
    if (this.logNodes !== null) window.consumerGroups = this.consumerGroupsAt(this.windowEnd);
    this.closed.push(window);
    if (this.onClose !== null) this.onClose(window, this);
    // A long idle stretch must not pile up unbounded windows nobody reads.
    if (this.closed.length > 10_000) this.closed.splice(0, this.closed.length - 10_000);

    this.busyArea.fill(0);
    this.queueArea.fill(0);
    this.maxQueue.fill(0);
    this.nodeArrivals.fill(0);
    this.nodeDropped.fill(0);
    this.nodeErrors.fill(0);
    this.nodeDone.fill(0);
    this.opCreated.fill(0);
    this.opSuccess.fill(0);
    this.opErrors.fill(0);
    for (const h of this.opLatency) h.reset();
    for (const h of this.opIntendedLatency) h?.reset();
    this.edgeCalls.fill(0);
    if (this.failureFields) {
      this.opErrorsByCause.fill(0);
      this.opGood.fill(0);
      this.edgeRetries.fill(0);
      this.edgeHedges.fill(0);
      this.edgeTimeouts.fill(0);
      this.edgeFailures.fill(0);
    } else this.opGood.fill(0);
    this.windowStart = this.windowEnd;
    this.windowEnd += this.windowMs;
  }

  dispose(): void {
    for (const h of this.opLatency) h.dispose();
    for (const h of this.opIntendedLatency) h?.dispose();
  }
}
