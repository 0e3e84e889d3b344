/**
 * The meter: every measurement the engine takes goes through here once, and
 * lands both in the results' accumulators (the measurement window
 * [warmupSec, durationSec), by creation or arrival time) and in the open live
 * window (everything, by the time it happened). Results (results.ts) and the
 * live windows (windows.ts) both read what the meter keeps; the engine never
 * writes a counter twice.
 */
import { CAUSES } from './jobs';
import type { Stations } from './station';
import { LatencyHistogram } from './stats';
import type { WindowRecorder } from './windows';

export class Meter {
  readonly warmupMs: number;
  readonly durationMs: number;
  private readonly stations: Stations;
  /**
   * The simulation's clock, read here rather than passed in: a time passed to a call the optimizer
   * did not inline is boxed as a heap number, and the meter is called several times per event.
   */
  private readonly clock: { readonly now: number };
  /** The open live window, or null when the run records none (the CLI). */
  windows: WindowRecorder | null = null;

  // --- per node, over the measurement window
  readonly nArrivals: Float64Array;
  readonly nCompleted: Float64Array;
  readonly nErrors: Float64Array;
  readonly nDropped: Float64Array;
  /** Completions for a caller that had already given up (timed out): work the callee did for nobody. */
  readonly nWasted: Float64Array;
  /** Waiting calls discarded because their caller had given up (dropAbandoned). */
  readonly nAbandonedDropped: Float64Array;
  /** Busy server-time and queue-length time integrals, and the time up to which they run. */
  readonly busyArea: Float64Array;
  readonly queueArea: Float64Array;
  readonly lastTouch: Float64Array;
  readonly maxQueue: Float64Array;
  readonly nodeLatency: LatencyHistogram[];
  readonly nodeWait: LatencyHistogram[];

  // --- per edge
  readonly edgeCalls: Float64Array;
  /** Attempts along the edge its caller gave up on. */
  readonly edgeTimeouts: Float64Array;
  /** Attempts along the edge after the first (retries). */
  readonly edgeRetries: Float64Array;
  /** Attempts along the edge that failed, whatever the cause (timeouts included). */
  readonly edgeFailures: Float64Array;
  /** Copies of hedged calls sent along the edge. */
  readonly edgeHedges: Float64Array;
  /** Delivery times of fan-out edges (null for plain edges). */
  readonly delivery: (LatencyHistogram | null)[];

  // --- per op (response times live in the clients' latency histograms)
  readonly opCount: Float64Array;
  readonly opSuccess: Float64Array;
  readonly opErrors: Float64Array;
  /** Errors per op and cause: `opErrorsByCause[op * CAUSES.length + cause]` (jobs.ts, CAUSES). */
  readonly opErrorsByCause: Float64Array;
  /** Per op: a success within this time is good (its objective; Infinity: none). */
  readonly opGoodWithinMs: Float64Array;
  /** Per op: good requests (successes within the objective's time). */
  readonly opGood: Float64Array;
  /** Per op served by closed-loop users on a schedule: response times from the intended send (coordinated omission corrected), or null. */
  readonly opIntended: (LatencyHistogram | null)[];

  constructor(clock: { readonly now: number }, stations: Stations, nodeCount: number, edgeTracked: Uint8Array, opCount: number, warmupMs: number, durationMs: number) {
    this.clock = clock;
    this.stations = stations;
    this.warmupMs = warmupMs;
    this.durationMs = durationMs;
    const n = nodeCount;
    this.nArrivals = new Float64Array(n);
    this.nCompleted = new Float64Array(n);
    this.nErrors = new Float64Array(n);
    this.nDropped = new Float64Array(n);
    this.nWasted = new Float64Array(n);
    this.nAbandonedDropped = new Float64Array(n);
    this.busyArea = new Float64Array(n);
    this.queueArea = new Float64Array(n);
    this.maxQueue = new Float64Array(n);
    this.lastTouch = new Float64Array(n);
    this.nodeLatency = [];
    this.nodeWait = [];
    for (let i = 0; i < n; i++) {
      this.nodeLatency.push(new LatencyHistogram());
      this.nodeWait.push(new LatencyHistogram());
    }
    const m = edgeTracked.length;
    this.edgeCalls = new Float64Array(m);
    this.edgeTimeouts = new Float64Array(m);
    this.edgeRetries = new Float64Array(m);
    this.edgeFailures = new Float64Array(m);
    this.edgeHedges = new Float64Array(m);
    this.delivery = [];
    for (let e = 0; e < m; e++) this.delivery.push(edgeTracked[e] ? new LatencyHistogram() : null);
    this.opCount = new Float64Array(opCount);
    this.opSuccess = new Float64Array(opCount);
    this.opErrors = new Float64Array(opCount);
    this.opErrorsByCause = new Float64Array(opCount * CAUSES.length);
    this.opGoodWithinMs = new Float64Array(opCount).fill(Infinity);
    this.opGood = new Float64Array(opCount);
    this.opIntended = Array.from({ length: opCount }, () => null);
  }

  /** Whether `nowMs` is inside the measurement window. */
  counts(nowMs: number): boolean {
    return nowMs >= this.warmupMs && nowMs < this.durationMs;
  }

  /** Integrates a node's busy servers and queue length up to now; call before changing either. */
  touch(node: number): void {
    const nowMs = this.clock.now;
    const last = this.lastTouch[node];
    if (nowMs === last) return;
    this.lastTouch[node] = nowMs;
    const from = last > this.warmupMs ? last : this.warmupMs;
    const to = nowMs < this.durationMs ? nowMs : this.durationMs;
    if (to > from) {
      const st = this.stations;
      this.busyArea[node] += (st.busy[node] - st.summedBusy[node]) * (to - from);
      // Without bulk chunks in service the waiting count is the line's (Stations.waitingArea, inlined).
      this.queueArea[node] += st.chunksInService[node] === 0 ? st.queued[node] * (to - from) : st.waitingArea(node, from, to);
    }
    if (this.windows !== null) this.windows.integrate(node, nowMs);
  }

  /** `units` calls arrived at a node. */
  arrived(node: number, units: number, counted: boolean): void {
    if (counted) this.nArrivals[node] += units;
    if (this.windows !== null) this.windows.nodeArrivals[node] += units;
  }

  /** `units` calls were turned away at a node (a full queue). */
  dropped(node: number, units: number, counted: boolean): void {
    if (counted) this.nDropped[node] += units;
    if (this.windows !== null) this.windows.nodeDropped[node] += units;
  }

  /** `units` calls were made along an edge. */
  called(edge: number, units: number, counted: boolean): void {
    if (counted) this.edgeCalls[edge] += units;
    if (this.windows !== null) this.windows.edgeCalls[edge] += units;
  }

  /** A node's waiting line is now `length` long. */
  queueIs(node: number, length: number): void {
    if (this.counts(this.clock.now) && length > this.maxQueue[node]) this.maxQueue[node] = length;
    if (this.windows !== null) this.windows.noteQueue(node, length);
  }

  /** A client created a request of `op`. */
  created(op: number, client: number, counted: boolean): void {
    if (counted) {
      this.opCount[op]++;
      this.nArrivals[client]++;
    }
    if (this.windows !== null) {
      this.windows.opCreated[op]++;
      this.windows.nodeArrivals[client]++;
    }
  }

  /** `units` calls were over at a node (not a client, not dropped); `counted` is their arrival's. */
  completed(node: number, units: number, failed: boolean, counted: boolean): void {
    if (counted) {
      if (failed) this.nErrors[node] += units;
      else this.nCompleted[node] += units;
    }
    if (this.windows !== null) this.windows.nodeCompleted(node, units, failed);
  }

  /** A request of `op` created by `client` is over after `latencyMs`; `counted` is its creation's. */
  requestDone(client: number, op: number, latencyMs: number, counted: boolean, failed: boolean, cause = 0): void {
    if (counted) {
      if (failed) {
        this.nErrors[client]++;
        this.opErrors[op]++;
        this.opErrorsByCause[op * CAUSES.length + cause]++;
      } else {
        this.nCompleted[client]++;
        this.opSuccess[op]++;
        if (latencyMs <= this.opGoodWithinMs[op]) this.opGood[op]++;
        this.nodeLatency[client].record(latencyMs);
      }
    }
    if (this.windows !== null) {
      this.windows.nodeCompleted(client, 1, failed);
      this.windows.opCompleted(op, latencyMs, failed, cause, latencyMs <= this.opGoodWithinMs[op]);
    }
  }

  /** From now on op `op` also measures intended latency (closed users on a schedule). */
  measureIntendedLatency(op: number, on: boolean): void {
    if (on && this.opIntended[op] === null) this.opIntended[op] = new LatencyHistogram();
  }

  /** A request of `op` succeeded `latencyMs` after its user meant to send it. */
  intendedLatency(op: number, latencyMs: number, counted: boolean): void {
    if (counted) this.opIntended[op]?.record(latencyMs);
  }

  /** `units` attempts along an edge timed out (their caller gave up). */
  timedOut(edge: number, units: number, counted: boolean): void {
    if (counted) this.edgeTimeouts[edge] += units;
    if (this.windows !== null) this.windows.edgeTimeouts[edge] += units;
  }

  /** `units` attempts along an edge failed (any cause). */
  failed(edge: number, units: number, counted: boolean): void {
    if (counted) this.edgeFailures[edge] += units;
    if (this.windows !== null) this.windows.edgeFailures[edge] += units;
  }

  /** `units` copies of a hedged call were sent along an edge. */
  hedged(edge: number, units: number, counted: boolean): void {
    if (counted) this.edgeHedges[edge] += units;
    if (this.windows !== null) this.windows.edgeHedges[edge] += units;
  }

  /** `units` calls along an edge are tried again. */
  retried(edge: number, units: number, counted: boolean): void {
    if (counted) this.edgeRetries[edge] += units;
    if (this.windows !== null) this.windows.edgeRetries[edge] += units;
  }

  /** `units` waiting calls were discarded at a node: their caller had given up. */
  abandonedDropped(node: number, units: number, counted: boolean): void {
    if (counted) this.nAbandonedDropped[node] += units;
  }

  /** `units` calls completed at a node for a caller that had given up. */
  wasted(node: number, units: number, counted: boolean): void {
    if (counted) this.nWasted[node] += units;
  }

  dispose(): void {
    for (const h of this.nodeLatency) h.dispose();
    for (const h of this.nodeWait) h.dispose();
    for (const h of this.delivery) h?.dispose();
    for (const h of this.opIntended) h?.dispose();
    this.windows?.dispose();
  }
}
