/**
 * The simulation: a kernel (kernel.ts: clock, events, timers, joins) running
 * the request life cycle of SCENARIO.md ("Request life cycle") over a
 * compiled model, with one behaviour per node kind (behaviours/), stations
 * for servers and waiting lines (station.ts) and one meter for every
 * measurement (meter.ts).
 *
 * Everything hangs off one Simulation object: no global state, randomness
 * from seeded streams, ties in time broken by insertion order — so the
 * browser worker and the CLI produce bit-identical results for the same
 * scenario and seed. Pacing against the wall clock and plotting live outside
 * (the worker decides how much simulated time to run per slice; the engine
 * only emits plain numbers).
 *
 * Time is in milliseconds. A call along an edge without `latencyMs` takes no
 * time (as in v1): it is delivered to its target synchronously. Along an edge
 * with a network delay, the call arrives after one draw of it and its
 * response reaches the caller after another (an async call's response goes
 * nowhere: nobody waits for it).
 */
import type { Scenario, ScenarioFault } from '../scenario/schema';
import { behaviourOf } from './behaviours';
import type { AnyBehaviour } from './behaviours/types';
import { sample, sampleInto } from './distributions';
import { retryDelayMs } from './policies/backoff';
import { CircuitBreaker } from './policies/breaker';
import { RetryBudget } from './policies/retryBudget';
import { CAUSE_BREAKER_OPEN, CAUSE_MASK, CAUSE_SHIFT, CAUSE_TIMEOUT, causeIndex, F_ABANDONED, F_COUNTED, F_DONE, F_FAILED, F_IN_FIFO, F_HEDGE, F_HOLDS_SERVER, F_IN_TRANSIT, F_ISSUED_ALL, F_ISSUING, F_LOST, F_REQUEST, F_SPLITTER } from './jobs';
import { FaultRuntime, faultPlan } from './faults';
import { ALL_OF, JOIN_OPEN, JOIN_SUCCEEDED } from './joins';
import { Kernel } from './kernel';
import { Meter } from './meter';
import { compileModel, FANOUT_CELEBRITY_FOLLOWEES, FANOUT_FIXED, FANOUT_FOLLOWEES, FANOUT_FOLLOWERS, type Model } from './model';
import { compilePopulation, type PopulationModel } from './population';
import { DataPlane, type KeyTimeline } from './data';
import { SummedList } from './summedList';
import { LeafCalls, LEAF_DONE, LEAF_HELD, LEAF_LAZY, LEAF_QUEUED } from './leafCalls';
import type { Rng } from './random';
import { cancelWaiting, recordSpread, startNext, stationArrive, Stations } from './station';
import type { SimObserver } from './trace';
import { WindowRecorder } from './windows';

// The job record's layout (jobs.ts), copied rather than imported: V8 folds a module's own constants
// into the optimized code but loads imported ones at every use, which cost the M/M/1 benchmark
// about 15%. test/sim/jobLayout.test.ts checks that every copy agrees with jobs.ts.
const INT_FIELDS = 8;
const NUM_FIELDS = 8;
const J_ARRIVAL = 0;
const J_AUTHOR = 5;
const J_CALL_UNITS = 4;
const J_COUNT = 1;
const J_EDGE = 4;
const J_FLAGS = 6;
const J_FOLLOWEES = 6;
const J_GEN = 7;
const J_GROUP = 3;
const J_MARK = 3;
const J_NODE = 0;
const J_OP = 1;
const J_PARENT = 2;
const J_PENDING = 5;
const J_SERVICE = 2;

export type { StopReason } from './kernel';

export interface SimOptions {
  /** Fan-outs above this many calls per request travel as one bulk job (default 256). */
  bulkThreshold?: number;
  /** A bulk job is served in at most max(minChunks, chunksPerServer × servers) chunks (defaults 64 and 4). */
  chunksPerServer?: number;
  minChunks?: number;
  /** Stop (with a reason) when this many requests are in flight at once (default 1,000,000; `npm run bench -- overload` measures the memory it allows). */
  maxJobs?: number;
  /** Width of the live time windows in ms; 0 = no windows (default 0). */
  windowMs?: number;
  /** Override the scenario's seed. */
  seed?: number;
  /** Let a client's single plain call carry the request (F_REQUEST); false gives every request a job at its client. Same results either way. */
  directRequests?: boolean;
  /** Record this key's history at the database and at every cache and index (keyed scenarios): `Simulation.keyTimeline()`. */
  watchKey?: number;
  /**
   * The leaf fast path (Simulation.leafCalls): on by default in a run without
   * live windows; false turns it off. Results are bit-identical either way
   * (the option is there for the tests that check so), except at a station
   * that reaches summed mode (leafSummedFrom), whose utilization and latency
   * mean then differ in the last bits.
   */
  leafFastPath?: boolean;
  /**
   * Summed mode (Simulation.leafCalls): a station whose leaf calls in service on the fast path
   * reach this many sums their busy time call by call from then on, instead of integrating it
   * event by event, and keeps them unordered. Default LEAF_SUMMED_FROM; Infinity never; tests set
   * it low to exercise the mode on small scenarios.
   */
  leafSummedFrom?: number;
}

/**
 * Leaf calls in service at one station from which it switches to summed mode. A frozen-record
 * scenario never comes near it: by Little's law the DDIA preset's posts database holds about 700
 * (300,000 reads/s × 2.85 merges × 0.82 ms), the heavier DDIA benchmark's about 4,000 (16.5
 * merges a read), where summed mode made the run about a sixth faster.
 */
export const LEAF_SUMMED_FROM = 2048;

type ArriveFn = (sim: Simulation, j: number, state: unknown) => void;
type AfterServiceFn = ((sim: Simulation, j: number, state: unknown) => boolean) | null;
type OnCompleteFn = ((sim: Simulation, j: number, state: unknown) => void) | null;

export class Simulation extends Kernel {
  readonly model: Model;
  /** The scenario run (replaced, extended by one fault, by `injectFault`). */
  scenario: Scenario;
  readonly options: SimOptions;
  readonly durationMs: number;
  readonly warmupMs: number;
  readonly bulkThreshold: number;

  /** Randomness for service times, routing, probabilities and cache hits (stream 0). */
  readonly rng: Rng;
  readonly population: PopulationModel | null;
  /** Keys, versions and the copies of the data (data.ts), or null without `keys`. */
  readonly data: DataPlane | null;
  readonly stations: Stations;
  readonly meter: Meter;
  readonly windows: WindowRecorder | null;
  /** The service-done event (station.ts schedules it). */
  readonly evServiceDone: number;
  /** A call reaches its target after the edge's network delay. */
  private readonly evCallArrives: number;
  /** A call's response reaches its caller after the edge's network delay. */
  private readonly evResponseArrives: number;
  /** A caller's timeout on an attempt falls due. */
  private readonly evTimeout: number;
  /** A retry's backoff is over: the new attempt goes out. */
  private readonly evRetrySend: number;
  /** Per edge with a retry budget, its budget. */
  private readonly retryBudgets: (RetryBudget | null)[];
  /** A hedged call's next copy falls due. */
  private readonly evHedge: number;
  /** Per hedge record (F_HEDGE): its copies as (job, generation) pairs, and the load balancer edges they took. */
  private readonly hedges = new Map<number, { copies: number[]; tried: number[] }>();
  /** Per edge with a breaker, its circuit breaker. */
  readonly breakers: (CircuitBreaker | null)[];
  /** Whether any edge has a breaker: attempts' outcomes are then reported to it. */
  private readonly hasBreakers: boolean;
  /** The run's faults at work, or null when the scenario has none (yet: see `injectFault`). */
  faults: FaultRuntime | null;
  private readonly evFaultStarts: number;
  private readonly evFaultEnds: number;
  /** Per node: 0 up, 1 down and refusing calls, 2 down as a black hole (faults.ts). */
  readonly nodeDown: Uint8Array;
  /** Per edge: 0, or 1 partitioned and refusing, 2 partitioned as a black hole. */
  readonly edgeCut: Uint8Array;
  /** Per edge: 1 while a latency fault adds delay to its trips. */
  readonly edgeDelayed: Uint8Array;

  // --- per node: the behaviour's tables, filled once
  readonly behaviours: AnyBehaviour[] = [];
  /** Each node's compiled state, owned by its behaviour. */
  readonly nodeState: unknown[] = [];
  private readonly arriveFns: ArriveFn[] = [];
  private readonly afterServiceFns: AfterServiceFn[] = [];
  private readonly onCompleteFns: OnCompleteFn[] = [];
  private readonly requestDoneFns: OnCompleteFn[] = [];
  /** Each behaviour's shared context (its `setup`'s result). */
  private readonly contexts = new Map<AnyBehaviour, unknown>();
  /** Whether jobs at the node are requests themselves (a client's). */
  private readonly createsRequests: Uint8Array;
  /** 1 where the node's arrivals go straight to its station (stationArrive), called directly rather than through arriveFns. */
  private readonly arrivesAtStation: Uint8Array;
  /** 1 per (node, op) with no outgoing edge: a job there completes when its service ends. */
  private readonly leafOp: Uint8Array;

  // --- per edge
  /** Calls in flight per edge (kept where a behaviour asked for it: least-outstanding load balancing). */
  readonly edgeOutstanding: Float64Array;
  readonly edgeCountsOutstanding: Uint8Array;
  /** Mean of the celebrity-followee Poisson per edge (celebrityFollowees fan-out). */
  readonly celebrityMean: Float64Array;

  /** Follows chosen requests (trace.ts); it only reads, so results are the same with or without it. */
  observer: SimObserver | null = null;

  // --- the leaf fast path (leafCalls)
  /** Whether the run may take the fast path at all (no live windows, faults, keys, breakers; not turned off). */
  private leafFast: boolean;
  /** Per edge: 1 where a call is a plain leaf call whenever its target is free (see leafCalls). */
  private readonly leafEdge: Uint8Array;
  /** Whether any call took the fast path (a fault can then no longer join the run exactly). */
  private leafUsed = false;
  private readonly leaf: LeafCalls;
  /** The service times of the calls leafCalls is making (drawn first, in order). */
  private leafDurations = new Float64Array(256);
  /** Leaf calls in service at which a station switches to summed mode (SimOptions.leafSummedFrom). */
  private readonly leafSummedFrom: number;
  private readonly evLeafGroup: number;
  private readonly evLeafRelease: number;

  constructor(scenario: Scenario, options: SimOptions = {}) {
    const durationMs = scenario.durationSec * 1000;
    super(options.seed ?? scenario.seed, 2 * durationMs, options.maxJobs ?? 1_000_000);
    this.scenario = scenario;
    this.options = options;
    const model = compileModel(scenario);
    this.model = model;
    this.durationMs = durationMs;
    this.warmupMs = scenario.warmupSec * 1000;
    this.bulkThreshold = options.bulkThreshold ?? 256;
    this.rng = this.stream(0);
    this.population = scenario.population ? compilePopulation(scenario.population) : null;

    const n = model.nodeCount;
    const m = model.edgeCount;
    this.stations = new Stations(n, options.chunksPerServer ?? 4, options.minChunks ?? 64);
    this.meter = new Meter(this, this.stations, n, model.edgeTracked, model.ops.length, this.warmupMs, durationMs);
    for (const o of scenario.slos ?? []) {
      const op = model.opIndex.get(o.op);
      if (op !== undefined) this.meter.opGoodWithinMs[op] = o.latencyMs;
    }
    this.evServiceDone = this.registerEvent('service done', serviceDone, true);
    this.evCallArrives = this.registerEvent('call arrives', callArrives, true);
    this.evResponseArrives = this.registerEvent('response arrives', responseArrives, true);
    this.evTimeout = this.registerEvent('timeout', timeoutDue, true);
    this.evRetrySend = this.registerEvent('retry', retrySend, true);
    this.evHedge = this.registerEvent('hedge', hedgeDue, true);
    this.retryBudgets = model.edgeRetry.map((r) => (r !== null && r.budgetRatio !== null ? new RetryBudget(r.budgetRatio) : null));
    this.breakers = model.edgeBreaker.map((b) => (b !== null ? new CircuitBreaker(b) : null));
    this.hasBreakers = this.breakers.some((b) => b !== null);
    this.edgeOutstanding = new Float64Array(m);
    this.edgeCountsOutstanding = new Uint8Array(m);
    this.celebrityMean = new Float64Array(m);
    for (let e = 0; e < m; e++) {
      if (model.edgeFanout[e] === FANOUT_CELEBRITY_FOLLOWEES && this.population) {
        this.celebrityMean[e] = this.population.celebrityFolloweeMean(model.edgeFanoutParam[e]);
      }
    }

    this.createsRequests = new Uint8Array(n);
    this.arrivesAtStation = new Uint8Array(n);
    this.leafOp = new Uint8Array(n * model.ops.length);
    for (let k = 0; k < this.leafOp.length; k++) this.leafOp[k] = model.outEdges[k].length === 0 ? 1 : 0;
    const contexts = this.contexts;
    this.data = scenario.keys ? new DataPlane(this, scenario) : null;
    scenario.nodes.forEach((node, i) => {
      const b = behaviourOf(node.kind);
      if (!contexts.has(b)) contexts.set(b, b.setup ? b.setup(this) : undefined);
      this.behaviours.push(b);
      this.nodeState.push(b.compile(this, node, i, contexts.get(b)));
      this.arriveFns.push(b.arrive as ArriveFn);
      const hooks = this.data !== null && b.keyed ? { ...b, ...b.keyed } : b;
      this.afterServiceFns.push((hooks.afterService as AfterServiceFn) ?? null);
      this.onCompleteFns.push((hooks.onComplete as OnCompleteFn) ?? null);
      this.requestDoneFns.push((b.requestDone as OnCompleteFn) ?? null);
      this.createsRequests[i] = b.createsRequests ? 1 : 0;
      this.arrivesAtStation[i] = b.arrive === stationArrive ? 1 : 0;
    });

    this.nodeDown = new Uint8Array(n);
    this.edgeCut = new Uint8Array(m);
    this.edgeDelayed = new Uint8Array(m);
    this.evFaultStarts = this.registerEvent('fault starts', faultStarts, false);
    this.evFaultEnds = this.registerEvent('fault ends', faultEnds, false);
    this.faults = model.hasFaults ? new FaultRuntime(this, faultPlan(scenario, this.seed), this.evFaultStarts, this.evFaultEnds) : null;

    this.windows = options.windowMs && options.windowMs > 0 ? new WindowRecorder(this, options.windowMs) : null;
    this.meter.windows = this.windows;
    this.clockWatcher = this.windows;

    this.leaf = new LeafCalls(n);
    this.leafSummedFrom = options.leafSummedFrom ?? LEAF_SUMMED_FROM;
    this.leafFast = options.leafFastPath !== false && this.windows === null && this.data === null && !model.hasFaults && !this.hasBreakers;
    this.leafEdge = new Uint8Array(m);
    for (let e = 0; e < m; e++) {
      const s = model.edgeTarget[e];
      const st = this.stations;
      this.leafEdge[e] =
        model.edgeAsync[e] === 0 &&
        model.edgeLatency[e] === null &&
        model.edgeTimeout[e] === Infinity &&
        model.edgeRetry[e] === null &&
        model.edgeHedge[e] === null &&
        this.breakers[e] === null &&
        // Least-outstanding balancing counts its calls out and back (compile set this above).
        this.edgeCountsOutstanding[e] === 0 &&
        this.arrivesAtStation[s] === 1 &&
        st.servesTimed[s] === 1 &&
        st.samplers[s] !== null &&
        st.blocking[s] === 0 &&
        this.afterServiceFns[s] === null &&
        this.onCompleteFns[s] === null &&
        this.createsRequests[s] === 0
          ? 1
          : 0;
    }

    for (let i = 0; i < n; i++) this.behaviours[i].start?.(this, i, this.nodeState[i]);
    this.evLeafGroup = this.registerEvent('leaf calls done', leafGroupDone, false);
    this.evLeafRelease = this.registerEvent('leaf call done', leafReleaseDue, false);
  }

  // Views kept for readers of the whole run (results, batch means, the worker).
  get servers(): Float64Array {
    return this.stations.servers;
  }
  get busy(): Float64Array {
    return this.stations.busy;
  }
  get queued(): Float64Array {
    return this.stations.queued;
  }

  /** Stops the run; an in-flight limit reached while calls vanish into a black hole says so, since no queue needs to grow for it. */
  override stop(reason: 'maxJobs' | 'maxEvents'): void {
    if (this.stopped) return;
    super.stop(reason);
    const stopped = this.stopped as { message: string } | null; // set by super.stop (the narrowing above cannot see it)
    if (reason === 'maxJobs' && stopped !== null) {
      let lost = 0;
      for (const j of this.jobs.liveIds()) if (this.jobs.ints[j * INT_FIELDS + J_FLAGS] & F_LOST) lost++;
      if (lost > this.jobs.live / 4) {
        stopped.message += `; ${lost.toLocaleString('en-US')} of them are calls lost in a black hole (a crashed node or a partitioned edge that never answers), whose callers wait for ever — give the edges into it a timeout`;
      }
    }
  }

  /** Runs to the end of the scenario (arrivals stop at durationSec; the drain lasts at most as long again). */
  override runToEnd(maxEvents = Infinity): void {
    // An event budget counts every completion as it happens: from here on, without the fast path.
    if (maxEvents !== Infinity) this.leafOff();
    super.runToEnd(maxEvents);
    this.windows?.closeUpTo(Math.max(this.now, this.durationMs));
  }

  /** Steps as the kernel does; then the leaf calls completed by the point reached are applied, so the state read between steps is exact. */
  override step(untilMs: number, maxEvents = Infinity): number {
    const done = super.step(untilMs, maxEvents);
    if (this.uncountedLive > 0) {
      if (this.stopped !== null || done >= maxEvents) this.leafApplyAll(this.now, this.curSeq);
      else this.leafApplyAll(Math.min(untilMs, this.endMs), Infinity);
    }
    return done;
  }

  /**
   * Breaks something while the run goes on ("break it now"): a scheduled
   * fault that starts at or after the current time joins the run, which then
   * goes on exactly as a run of the scenario with that fault from the start
   * would (faults draw from streams of their own, and nothing a fault does
   * happens before it starts). Throws for a random fault or one in the past:
   * those need a fresh run.
   */
  injectFault(fault: ScenarioFault): void {
    if (fault.random !== undefined || fault.atSec === undefined || fault.atSec * 1000 < this.now) {
      throw new Error(`fault "${fault.id}" cannot join a run at ${this.now} ms: only a scheduled fault starting now or later can`);
    }
    if (this.leafUsed) {
      // Leaf calls on the fast path hold no job record, so the records' ids differ from a run with the fault from the
      // start, and a crash fails the work at a node in the order of its ids.
      throw new Error(`fault "${fault.id}" cannot join a run whose leaf calls took the fast path: run with leafFastPath: false (or live windows)`);
    }
    this.leafFast = false;
    this.scenario = { ...this.scenario, faults: [...(this.scenario.faults ?? []), fault] };
    const k = this.scenario.faults!.length - 1;
    const model = this.model;
    model.hasFaults = true;
    this.windows?.carryFailureFields();
    const onEdge = fault.type === 'partition' || fault.type === 'latency';
    const target = onEdge ? this.scenario.edges.findIndex((e) => e.id === fault.target) : this.scenario.nodes.findIndex((n) => n.id === fault.target);
    if (target < 0) throw new Error(`fault "${fault.id}": no ${onEdge ? 'edge' : 'node'} "${fault.target}"`);
    if (onEdge) {
      model.edgeFaulted[target] = 1;
      this.behaviours.forEach((b, i) => b.edgeFaulted?.(this, i, this.nodeState[i], target));
    } else model.nodeFaulted[target] = 1;
    if (this.faults === null) this.faults = new FaultRuntime(this, [], this.evFaultStarts, this.evFaultEnds);
    this.faults.add(k);
  }

  inWindow(): boolean {
    return this.now >= this.warmupMs && this.now < this.durationMs;
  }

  // ---------------------------------------------------------------------------
  // Request life cycle

  /** Creates a call from job `from` along edge `e` standing for `units` identical calls, and delivers it. */
  fireCall(from: number, e: number, group: number, units: number): number {
    const jobs = this.jobs;
    const model = this.model;
    const async = model.edgeAsync[e] === 1;
    const c = jobs.spawn(model.edgeTarget[e], jobs.ints[from * INT_FIELDS + J_OP], async ? -1 : from, group, e, 0, this.now, units, jobs.nums[from * NUM_FIELDS + J_AUTHOR], jobs.nums[from * NUM_FIELDS + J_FOLLOWEES], jobs.key[from]);
    if (group >= 0) this.joins.add(group);
    if (this.data !== null) {
      // The call carries the latest version its caller holds (dual writes: what the database answered).
      jobs.ver[c] = jobs.ver[from];
      jobs.verMs[c] = jobs.verMs[from];
    }
    if (!async) jobs.ints[from * INT_FIELDS + J_PENDING]++;
    this.meter.called(e, units, this.inWindow());
    if (this.edgeCountsOutstanding[e] === 1) this.edgeOutstanding[e] += units;
    if (model.edgeRetry[e] !== null) this.retryBudgets[e]?.firstAttempt(this.now);
    this.observer?.called(from, c, e);
    this.send(c, e);
    return c;
  }

  /** Sends attempt `c` along edge `e`: its timeout starts, and it crosses the network (or arrives at once). */
  private send(c: number, e: number): void {
    const model = this.model;
    this.observer?.sent(c, e);
    if (this.hasBreakers && this.breakers[e] !== null && !this.breakers[e]!.allow(this.now)) {
      this.breakerRefuses(c);
      return;
    }
    // The caller's clock on this attempt starts as it is issued (job-bound: a recycled record ignores it).
    if (model.edgeTimeout[e] !== Infinity) this.scheduleJob(this.now + model.edgeTimeout[e], this.evTimeout, c);
    if (model.hasHedges && model.edgeHedge[e] !== null && !this.isHedgeCopy(c)) this.scheduleJob(this.now + model.edgeHedge[e]!.afterMs, this.evHedge, c);
    if (this.edgeCut[e] !== 0) {
      this.faults!.sendCut(c, e);
      return;
    }
    const latency = model.edgeLatency[e];
    // A bulk call (many identical calls) takes one draw of the delay each way for all of them.
    if (this.edgeDelayed[e] !== 0) this.scheduleJob(this.now + (latency !== null ? sample(latency, this.rng) : 0) + this.faults!.extraMs(e), this.evCallArrives, c);
    else if (latency !== null) this.scheduleJob(this.now + sample(latency, this.rng), this.evCallArrives, c);
    else this.arrive(c);
  }

  /** An open breaker fails attempt `c` at once (cause `breakerOpen`): it is never sent, and never retried. */
  private breakerRefuses(c: number): void {
    const jobs = this.jobs;
    jobs.ints[c * INT_FIELDS + J_FLAGS] = (jobs.ints[c * INT_FIELDS + J_FLAGS] & ~CAUSE_MASK) | F_DONE | F_FAILED | (CAUSE_BREAKER_OPEN << CAUSE_SHIFT);
    this.releaseOutstanding(c, jobs.nums[c * NUM_FIELDS + J_COUNT]);
    this.notifyUp(c, true);
    this.maybeRelease(c);
  }

  /** A call that crossed the network reaches its node: from now on it is there (its latency at the node starts now). */
  callArrived(c: number): void {
    this.jobs.nums[c * NUM_FIELDS + J_ARRIVAL] = this.now;
    this.jobs.nums[c * NUM_FIELDS + J_MARK] = this.now;
    this.arrive(c);
  }

  /**
   * The caller's timeout on call `c` fell due. If the caller is still
   * waiting it gives up: the call fails for it (cause `timeout`) at once.
   * The callee is not told: `c` runs on, and what it finishes is wasted.
   */
  timedOut(c: number): void {
    const jobs = this.jobs;
    if (jobs.ints[c * INT_FIELDS + J_PARENT] < 0) return; // answered in time
    this.observer?.timedOut(c);
    const e = jobs.ints[c * INT_FIELDS + J_EDGE];
    const units = jobs.nums[c * NUM_FIELDS + J_COUNT];
    // Counted with the attempt it ends: by the time the attempt was issued, as the edge's calls are.
    const counted = this.meter.counts(this.now - this.model.edgeTimeout[e]);
    this.meter.timedOut(e, units, counted);
    this.meter.failed(e, units, counted);
    if (this.hasBreakers) this.breakers[e]?.record(this.now, true);
    if (!this.retryAfterTimeout(c, counted)) {
      const flags = jobs.ints[c * INT_FIELDS + J_FLAGS];
      jobs.ints[c * INT_FIELDS + J_FLAGS] = (flags & ~CAUSE_MASK) | F_ABANDONED | (CAUSE_TIMEOUT << CAUSE_SHIFT);
      this.notifyUp(c, true, false);
      // Its own failure cause stays `timeout` for the caller; at the callee it runs on as if nothing happened.
      jobs.ints[c * INT_FIELDS + J_FLAGS] &= ~CAUSE_MASK;
    }
    if (jobs.ints[c * INT_FIELDS + J_FLAGS] & F_LOST) {
      // Lost in a black hole: nothing more will happen to it now that nobody waits.
      jobs.ints[c * INT_FIELDS + J_FLAGS] &= ~F_LOST;
      this.releaseOutstanding(c, units);
      this.maybeRelease(c);
    }
  }

  /**
   * A timed-out attempt `c` is retried if its edge's rule and budget allow:
   * a new attempt takes its place for the caller and the delivery group and
   * goes out after the backoff; `c` runs on at the callee, for nobody.
   */
  private retryAfterTimeout(c: number, counted: boolean): boolean {
    const jobs = this.jobs;
    const rule = this.model.edgeRetry[jobs.ints[c * INT_FIELDS + J_EDGE]];
    if (rule === null || !rule.onTimeout || !this.retryAllowed(c)) return false;
    jobs.ints[c * INT_FIELDS + J_FLAGS] |= F_ABANDONED;
    this.retry(c, counted);
    return true;
  }

  /**
   * A failed answer to attempt `c` (an error, a refusal, a full line — any
   * failure the callee or the network answered with) is retried if the
   * edge's rule covers `error` and its budget allows. Its cause does not
   * matter: to the caller, an answer that failed is an error.
   */
  private retryAfterFailure(c: number, counted: boolean): boolean {
    const rule = this.model.edgeRetry[this.jobs.ints[c * INT_FIELDS + J_EDGE]];
    if (rule === null || !rule.onError || !this.retryAllowed(c)) return false;
    this.retry(c, counted);
    return true;
  }

  /** Whether attempt `c` may be followed by another: attempts left, and the edge's budget lets one more through (taking it). */
  private retryAllowed(c: number): boolean {
    const jobs = this.jobs;
    const e = jobs.ints[c * INT_FIELDS + J_EDGE];
    if (jobs.attempt[c] >= this.model.edgeRetry[e]!.maxAttempts) return false;
    const budget = this.retryBudgets[e];
    return budget === null || budget.tryRetry(this.now);
  }

  /** A new attempt takes `c`'s place for its caller and delivery group and goes out after the backoff. */
  private retry(c: number, counted: boolean): void {
    const jobs = this.jobs;
    const e = jobs.ints[c * INT_FIELDS + J_EDGE];
    const rule = this.model.edgeRetry[e]!;
    const base = c * INT_FIELDS;
    const units = jobs.nums[c * NUM_FIELDS + J_COUNT];
    this.meter.retried(e, units, counted);
    const parent = jobs.ints[base + J_PARENT];
    const group = jobs.ints[base + J_GROUP];
    jobs.ints[base + J_PARENT] = -1;
    jobs.ints[base + J_GROUP] = -1;
    const delay = retryDelayMs(rule.backoff, jobs.attempt[c], jobs.lastDelay[c], this.rng);
    const next = jobs.spawn(
      this.model.edgeTarget[e],
      jobs.ints[base + J_OP],
      parent,
      group,
      e,
      0,
      this.now + delay,
      units,
      jobs.nums[c * NUM_FIELDS + J_AUTHOR],
      jobs.nums[c * NUM_FIELDS + J_FOLLOWEES],
      jobs.key[c],
    );
    jobs.attempt[next] = jobs.attempt[c] + 1;
    jobs.lastDelay[next] = delay;
    if (this.data !== null) this.copyVersion(next, c);
    this.observer?.retried(c, next, delay);
    if (parent >= 0 && jobs.ints[parent * INT_FIELDS + J_FLAGS] & F_HEDGE) this.hedges.get(parent)!.copies.push(next, jobs.ints[next * INT_FIELDS + J_GEN]);
    if (this.edgeCountsOutstanding[e] === 1) this.edgeOutstanding[e] += units;
    this.scheduleJob(this.now + delay, this.evRetrySend, next);
  }

  /** A retry's backoff is over: the attempt goes out. */
  retryDue(c: number): void {
    this.jobs.nums[c * NUM_FIELDS + J_ARRIVAL] = this.now;
    this.jobs.nums[c * NUM_FIELDS + J_MARK] = this.now;
    this.send(c, this.jobs.ints[c * INT_FIELDS + J_EDGE]);
  }

  /** Job `j`'s response crossed the network back: its caller and delivery group hear of it now. */
  responseArrived(j: number): void {
    const jobs = this.jobs;
    jobs.ints[j * INT_FIELDS + J_FLAGS] &= ~F_IN_TRANSIT;
    const failed = (jobs.ints[j * INT_FIELDS + J_FLAGS] & F_FAILED) !== 0;
    this.releaseOutstanding(j, jobs.nums[j * NUM_FIELDS + J_COUNT]);
    this.notifyUp(j, failed);
    this.maybeRelease(j);
  }

  /** A job reaches its node: its behaviour takes it. */
  arrive(j: number): void {
    const jobs = this.jobs;
    this.observer?.arrived(j);
    const node = jobs.ints[j * INT_FIELDS + J_NODE];
    const counted = this.inWindow();
    if (counted) jobs.ints[j * INT_FIELDS + J_FLAGS] |= F_COUNTED;
    this.meter.arrived(node, jobs.nums[j * NUM_FIELDS + J_COUNT], counted);
    if (this.leaf.pendingCount[node] > 0) this.leafBeforeArrival(node, j);
    if (this.nodeDown[node] !== 0) this.faults!.arriveDown(j, node);
    else if (this.arrivesAtStation[node] === 1) stationArrive(this, j);
    else this.arriveFns[node](this, j, this.nodeState[node]);
  }

  /** `units` of job `j`'s calls are no longer outstanding on its edge (least-outstanding balancing). */
  releaseOutstanding(j: number, units: number): void {
    const e = this.jobs.ints[j * INT_FIELDS + J_EDGE];
    if (e >= 0 && this.edgeOutstanding[e] > 0) this.edgeOutstanding[e] = Math.max(0, this.edgeOutstanding[e] - units);
  }

  /** A server finished job `j`'s service: the server takes the next job, and `j` goes on. */
  serviceDone(j: number): void {
    const jobs = this.jobs;
    const node = jobs.ints[j * INT_FIELDS + J_NODE];
    const faulted = this.model.nodeFaulted[node] === 1;
    if (faulted && this.faults!.holdsService(j, node)) return;
    if (this.leaf.pendingCount[node] > 0) this.leafApply(node, this.now, this.curSeq);
    this.observer?.served(j);
    this.meter.touch(node);
    const holds = this.stations.blocking[node] === 1;
    // A blocking node's server stays with the request until it completes (completeJob lets it go).
    if (holds) jobs.ints[j * INT_FIELDS + J_FLAGS] |= F_HOLDS_SERVER;
    else this.stations.busy[node]--;
    if (jobs.nums[j * NUM_FIELDS + J_COUNT] !== 1) this.stations.chunkEnds(node, jobs.nums[j * NUM_FIELDS + J_COUNT], jobs.nums[j * NUM_FIELDS + J_SERVICE], this.now);
    const line = this.stations.lines[node];
    // Nobody waiting (the commonest case with free servers): nothing to hand on.
    if (!holds && line !== null && line.length > 0) startNext(this, node);
    if (faulted && this.faults!.failsAfterService(j, node)) return;
    const after = this.afterServiceFns[node];
    if (after !== null && after(this, j, this.nodeState[node])) return;
    // A leaf (no outgoing edge for this op) completes at once: the commonest case, kept short.
    if (this.leafOp[node * this.model.ops.length + jobs.ints[j * INT_FIELDS + J_OP]] === 1) this.completeJob(j, false);
    else this.issueCalls(j);
  }

  /** How many calls job `j` makes along edge `e` for `units` of its requests. */
  copiesAlong(j: number, e: number, units: number): number {
    const model = this.model;
    switch (model.edgeFanout[e]) {
      case FANOUT_FIXED:
        return model.edgeFanoutParam[e] * units;
      case FANOUT_FOLLOWERS: {
        const f = this.jobs.nums[j * NUM_FIELDS + J_AUTHOR];
        return f > model.edgeFanoutParam[e] ? 0 : f * units;
      }
      case FANOUT_FOLLOWEES:
        return this.jobs.nums[j * NUM_FIELDS + J_FOLLOWEES] * units;
      case FANOUT_CELEBRITY_FOLLOWEES:
        // A sum of independent Poisson counts is Poisson.
        return this.rng.poisson(this.celebrityMean[e] * units);
      default:
        throw new Error(`edge ${e}: unknown fan-out code ${model.edgeFanout[e]}`);
    }
  }

  // ---------------------------------------------------------------------------
  // The leaf fast path. A sync call to a station with a free server, where the
  // call is a leaf (its op calls nothing there) and nothing can intervene —
  // no network delay, timeout, retry, hedge or breaker on the edge, no
  // behaviour hook at the target, no faults, keys, live windows or observer —
  // makes no job record and no service-done event. Its service time is drawn
  // where startService would draw it (same stream, same moment), a server is
  // taken, and the completion waits in the station's own list (LeafCalls)
  // under the sequence its event would have had (EventHeap.reserveSeq), so it
  // keeps its exact place in the order of events:
  //
  // - The station's side (the busy-time integral, busy, the node's latency
  //   histogram and counts) is applied in (time, sequence) order, at its own
  //   time, before anything else touches the station: an arrival there, a
  //   service done there, the end of a step, the in-flight limit. Per node the
  //   accumulators see the same operations in the same order as before.
  // - The caller hears of all the calls it made along the edge at once, at
  //   the last one's time and sequence (one event): before that, each
  //   completion only counted down its caller's and delivery group's pending
  //   calls, which decides nothing while the last is still out.
  // - A call that would wait (no free server) takes the ordinary path; the
  //   calls still in the station's list become events of their own first
  //   (materialize), so the first completion after the line fills hands the
  //   server on at its exact time.
  // - Job records and the in-flight limit: the calls count towards maxJobs
  //   (Kernel.uncountedLive). Records are not made, so later records get
  //   other ids than without the path; ids only order a crash's victims, and
  //   a run with faults never takes the path (injectFault refuses once it has).
  // - Summed mode: once a station holds leafSummedFrom of these calls at once
  //   (thousands: a database answering every read's celebrity merges), its
  //   later calls are kept unordered (SummedList), handed back exactly when
  //   done by the point reached, so busy servers are exact at every decision;
  //   their busy time is their own service time inside the measurement window,
  //   summed call by call (the busy-time integral leaves them out:
  //   Stations.summedBusy). Counts, histogram bins, maxima and events are the
  //   same; the station's utilization and latency mean are sums in another
  //   order, equal to the last bits (test/sim/leafSummed.test.ts).

  /** Whether job `j`'s calls along edge `e` may take the fast path now (faults end leafFast: injectFault turns it off). */
  private leafReady(j: number, e: number): boolean {
    return (
      this.leafFast &&
      this.leafEdge[e] === 1 &&
      this.observer === null &&
      this.leafOp[this.model.edgeTarget[e] * this.model.ops.length + this.jobs.ints[j * INT_FIELDS + J_OP]] === 1
    );
  }

  private leafGroupOpen(j: number, join: number): number {
    const leaf = this.leaf;
    const g = leaf.allocGroup();
    leaf.parent[g] = j;
    leaf.join[g] = join;
    leaf.calls[g] = 0;
    leaf.last[g] = -1;
    leaf.mode[g] = 0;
    return g;
  }

  /** The group's calls are all made: its caller hears of them with the last (its own event, or that call's if it has one already). */
  private leafGroupClose(g: number): void {
    const leaf = this.leaf;
    if (leaf.calls[g] === 0) {
      leaf.releaseGroup(g);
      return;
    }
    const slot = leaf.last[g];
    if (leaf.state[slot] === LEAF_LAZY) {
      leaf.mode[g] = 1;
      this.heap.pushAt(leaf.time[slot], leaf.seq[slot], this.evLeafGroup, g, 0);
    } else leaf.mode[g] = 2;
  }

  /**
   * Up to `n` of job `from`'s calls along `e` on the fast path, as many as the target has free
   * servers for (none while anyone waits in its line); returns how many were made. Exactly what
   * that many calls made one after another at this moment would do (fireCall, send, arrive,
   * stationArrive and startService, in their order, for a call served at once): the counts they
   * add are whole numbers, the busy-time integral is brought up to now by the first of them (the
   * rest find it there), and each draws its own service time, in order.
   */
  private leafCalls(from: number, e: number, group: number, g: number, n: number): number {
    const s = this.model.edgeTarget[e];
    const st = this.stations;
    const leaf = this.leaf;
    if (leaf.pendingCount[s] > 0) this.leafApply(s, this.now, this.curSeq);
    if (st.lines[s]!.length !== 0) return 0;
    const free = st.servers[s] - st.busy[s];
    if (free < 1) return 0;
    const m = n < free ? n : free;
    if (group >= 0) this.joins.addMany(group, m);
    this.jobs.ints[from * INT_FIELDS + J_PENDING] += m;
    const counted = this.inWindow();
    this.meter.called(e, m, counted);
    this.meter.arrived(s, m, counted);
    this.meter.touch(s);
    st.busy[s] += m;
    // m waits of 0: whole counts, and a sum that stays as it is.
    if (counted) this.meter.nodeWait[s].recordWeighted(0, m);
    const sampler = st.samplers[s]!;
    const rng = this.rng;
    const slow = st.slow[s];
    const now = this.now;
    const list = leaf.list(s);
    const c = counted ? 1 : 0;
    let last = leaf.last[g];
    let lastTime = leaf.calls[g] === 0 ? -Infinity : leaf.time[last];
    const summed = leaf.summed[s];
    if (summed !== null) st.summedBusy[s] += m;
    if (this.leafDurations.length < m) this.leafDurations = new Float64Array(Math.max(m, 2 * this.leafDurations.length));
    const durations = this.leafDurations;
    sampleInto(sampler, rng, durations, m);
    for (let i = 0; i < m; i++) {
      let duration = durations[i];
      if (slow !== 1) duration *= slow;
      const slot = leaf.alloc();
      const t = now + duration;
      leaf.time[slot] = t;
      leaf.seq[slot] = this.heap.reserveSeq();
      leaf.arrival[slot] = now;
      leaf.node[slot] = s;
      leaf.group[slot] = g;
      leaf.counted[slot] = c;
      leaf.state[slot] = LEAF_LAZY;
      if (summed !== null) summed.push(slot);
      else list.push(slot);
      // The latest completion (by time, then sequence: a later call's is larger) tells the caller.
      if (t >= lastTime) {
        last = slot;
        lastTime = t;
      }
    }
    leaf.last[g] = last;
    leaf.calls[g] += m;
    leaf.pendingCount[s] += m;
    // Thousands in service: the station's later calls are kept unordered, their busy time summed.
    if (summed === null && leaf.pendingCount[s] >= this.leafSummedFrom) leaf.summed[s] = new SummedList(leaf);
    this.uncountedLive += m;
    this.leafUsed = true;
    return m;
  }

  /** Applies station `s`'s waiting completions up to (time T, sequence S) inclusive, each at its own time, counting each as the event it stands for. */
  private leafApply(s: number, T: number, S: number): void {
    const leaf = this.leaf;
    const summed = leaf.summed[s];
    if (summed !== null && summed.size > 0) this.leafDrainSummed(s, summed, T, S);
    const list = leaf.pending[s]!;
    const now = this.now;
    while (list.size > 0) {
      const t = list.peekTime();
      const slot = list.peekId();
      if (t > T || (t === T && leaf.seq[slot] > S)) break;
      list.pop();
      leaf.pendingCount[s]--;
      this.now = t;
      this.leafDone(slot);
      this.events++;
      const g = leaf.group[slot];
      // The group's last call stays for the group's event, which is this completion too.
      if (leaf.mode[g] === 1 && leaf.last[g] === slot) leaf.state[slot] = LEAF_DONE;
      else leaf.release(slot);
    }
    this.now = now;
  }

  /**
   * Summed mode: station `s`'s calls done by (T, S), in no particular order. What leafDone does for
   * each, but the busy time is the call's own (its service inside the measurement window), added
   * to the station's — the busy-time integral leaves these calls out (Stations.summedBusy) — so no
   * completion needs the clock at its own time. The counts and the latency histogram's bins come
   * out the same in any order; its sum, like the busy time, is added in another order than by
   * completion time (a difference in the last bits).
   */
  private leafDrainSummed(s: number, summed: SummedList, T: number, S: number): void {
    const meter = this.meter;
    const n = summed.drain(T, S, meter.nodeLatency[s], meter.warmupMs, meter.durationMs);
    if (n === 0) return;
    meter.busyArea[s] += summed.area;
    this.stations.busy[s] -= n;
    this.stations.summedBusy[s] -= n;
    if (summed.counted > 0) meter.completed(s, summed.counted, false, true);
    this.uncountedLive -= n;
    this.events += n;
    this.leaf.pendingCount[s] -= n;
  }

  /**
   * Summed mode: the busy time inside [fromMs, toMs] of station `s`'s calls still in service
   * (results: the integral leaves them out).
   */
  summedOpenArea(s: number, fromMs: number, toMs: number): number {
    const summed = this.leaf.summed[s];
    if (summed === null || summed.size === 0) return 0;
    const n = summed.peekAll();
    let area = 0;
    for (let i = 0; i < n; i++) {
      const a = this.leaf.arrival[summed.out[i]];
      const from = a > fromMs ? a : fromMs;
      if (toMs > from) area += toMs - from;
    }
    return area;
  }

  /** Every station's waiting completions up to (T, S). */
  private leafApplyAll(T: number, S: number): void {
    const stations = this.leaf.stations;
    for (let i = 0; i < stations.length; i++) if (this.leaf.pendingCount[stations[i]] > 0) this.leafApply(stations[i], T, S);
  }

  /** What serviceDone and completeJob do at the station for a leaf call that completes now. */
  private leafDone(slot: number): void {
    const leaf = this.leaf;
    const s = leaf.node[slot];
    this.meter.touch(s);
    this.stations.busy[s]--;
    const counted = leaf.counted[slot] === 1;
    if (counted) this.meter.nodeLatency[s].record(this.now - leaf.arrival[slot]);
    this.meter.completed(s, 1, false, counted);
    this.uncountedLive--;
  }

  /** Station `s`'s waiting completions become events of their own (a call is about to wait there, or the path is turned off). */
  private leafMaterialize(s: number): void {
    const leaf = this.leaf;
    const list = leaf.pending[s]!;
    while (list.size > 0) {
      const slot = list.peekId();
      list.pop();
      this.leafEventOfItsOwn(slot);
    }
    const summed = leaf.summed[s];
    if (summed !== null && summed.size > 0) {
      // Summed calls join the busy-time integral from now (it runs up to now without them); their time so far is their own.
      this.meter.touch(s);
      const n = summed.takeAll();
      const w0 = this.meter.warmupMs;
      const to = this.now < this.meter.durationMs ? this.now : this.meter.durationMs;
      let area = 0;
      for (let i = 0; i < n; i++) {
        const slot = summed.out[i];
        const a = leaf.arrival[slot];
        const from = a > w0 ? a : w0;
        if (to > from) area += to - from;
        this.leafEventOfItsOwn(slot);
      }
      this.meter.busyArea[s] += area;
      this.stations.summedBusy[s] -= n;
    }
  }

  /** A leaf call still in service becomes an event of its own (or, its group's last, waits for the group's event). */
  private leafEventOfItsOwn(slot: number): void {
    const leaf = this.leaf;
    leaf.pendingCount[leaf.node[slot]]--;
    const g = leaf.group[slot];
    if (leaf.mode[g] === 1 && leaf.last[g] === slot) leaf.state[slot] = LEAF_HELD;
    else {
      leaf.state[slot] = LEAF_QUEUED;
      this.heap.pushAt(leaf.time[slot], leaf.seq[slot], this.evLeafRelease, slot, 0);
    }
  }

  /** A job reaches station `s` while leaf calls are in service there: they are brought up to now, and made events if it may wait. */
  private leafBeforeArrival(s: number, j: number): void {
    this.leafApply(s, this.now, this.curSeq);
    const st = this.stations;
    if (this.leaf.pendingCount[s] > 0 && (st.busy[s] >= st.servers[s] || st.lines[s] === null || st.lines[s]!.length > 0 || this.jobs.nums[j * NUM_FIELDS + J_COUNT] !== 1)) this.leafMaterialize(s);
  }

  /** A materialized leaf call completes (its own event): as serviceDone would, the server takes the next job in line. */
  leafReleaseDue(slot: number): void {
    const leaf = this.leaf;
    const s = leaf.node[slot];
    if (leaf.pendingCount[s] > 0) this.leafApply(s, this.now, this.curSeq);
    this.leafDone(slot);
    const line = this.stations.lines[s]!;
    if (line.length > 0) startNext(this, s);
    const g = leaf.group[slot];
    leaf.release(slot);
    if (leaf.mode[g] === 2 && leaf.last[g] === slot) this.leafCallerHears(g);
  }

  /** A group's last leaf call completes (the group's event): its station's side, then its caller hears of every call. */
  leafGroupDue(g: number): void {
    const leaf = this.leaf;
    const slot = leaf.last[g];
    const s = leaf.node[slot];
    if (leaf.pendingCount[s] > 0) this.leafApply(s, this.now, this.curSeq);
    if (leaf.state[slot] === LEAF_HELD) {
      this.leafDone(slot);
      const line = this.stations.lines[s]!;
      if (line.length > 0) startNext(this, s);
    } else {
      // leafApply applied and counted it: this event is that completion.
      this.events--;
    }
    leaf.release(slot);
    this.leafCallerHears(g);
  }

  /** The caller (and the delivery group) hear of a group's calls, in the order notifyUp would tell them, one call at a time. */
  private leafCallerHears(g: number): void {
    const leaf = this.leaf;
    const p = leaf.parent[g];
    const join = leaf.join[g];
    const k = leaf.calls[g];
    leaf.releaseGroup(g);
    const jobs = this.jobs;
    if (k > 1 && (jobs.ints[p * INT_FIELDS + J_FLAGS] & (F_DONE | F_FAILED)) === 0) {
      // Every answer but the last decides nothing (the caller and the delivery group wait for at least k): only their counts change.
      if (join >= 0) this.joins.settleQuietly(join, k - 1);
      jobs.ints[p * INT_FIELDS + J_PENDING] -= k - 1;
      if (join >= 0) this.groupDone(join, false);
      this.childDone(p, false, 0);
      return;
    }
    for (let i = 0; i < k; i++) {
      if (join >= 0) this.groupDone(join, false);
      this.childDone(p, false, 0);
    }
  }

  /** Kernel: the in-flight limit is near; the count of calls without records is brought up to the current event. */
  protected override settleUncounted(): void {
    this.leafApplyAll(this.now, this.curSeq);
  }

  /** No more fast path: what is waiting becomes events (an event budget must see every completion as an event). */
  private leafOff(): void {
    this.leafFast = false;
    const stations = this.leaf.stations;
    for (let i = 0; i < stations.length; i++) {
      const s = stations[i];
      if (this.leaf.pendingCount[s] === 0) continue;
      this.leafApply(s, this.now, this.curSeq);
      this.leafMaterialize(s);
    }
  }

  /** A delivery group: an all-of join over the calls of one request along one fan-out edge. */
  newGroup(j: number, e: number, weight: number): number {
    return this.joins.open(ALL_OF, e, this.jobs.nums[j * NUM_FIELDS + J_ARRIVAL], weight, this.inWindow());
  }

  /**
   * Issues every call of job `j` along edge `e` at once (parallel mode, and load balancers); returns the last call made, or −1.
   * `leafOk`: the calls may take the fast path (leafCalls), which makes no job record to return.
   */
  issueAlong(j: number, e: number, units: number, leafOk = false): number {
    const model = this.model;
    const copies = this.copiesAlong(j, e, units);
    if (copies <= 0) return -1;
    let last = -1;
    const group = model.edgeTracked[e] ? this.newGroup(j, e, units) : -1;
    const p = model.edgeProbability[e];
    if (units === 1 && copies <= this.bulkThreshold) {
      const lg = leafOk && this.leafReady(j, e) ? this.leafGroupOpen(j, group) : -1;
      // Every call along the edge is made at the same moment: with no draw of their own for the probability, as many as there are free servers go at once.
      let i = lg >= 0 && p >= 1 ? this.leafCalls(j, e, group, lg, copies) : 0;
      for (; i < copies; i++) {
        if (p < 1 && this.rng.uniform() >= p) continue;
        if (lg >= 0 && this.leafCalls(j, e, group, lg, 1) === 1) continue;
        // All calls start at once, so a sibling's instant failure does not stop the rest.
        last = this.fireCall(j, e, group, 1);
      }
      if (lg >= 0) this.leafGroupClose(lg);
    } else {
      const made = p < 1 ? this.rng.binomial(copies, p) : copies;
      if (made > 0) last = this.fireCall(j, e, group, made);
    }
    if (group >= 0) this.groupDone(group, false);
    return last;
  }

  /**
   * Issues the calls of job `j` after its service: in parallel all at once;
   * sequentially one after another, resuming here each time the previous
   * sync call completes. Then completes the job if nothing is pending.
   */
  issueCalls(j: number): void {
    const jobs = this.jobs;
    const node = jobs.ints[j * INT_FIELDS + J_NODE];
    const model = this.model;
    const nOps = model.ops.length;
    jobs.ints[j * INT_FIELDS + J_FLAGS] |= F_ISSUING;
    const units = jobs.nums[j * NUM_FIELDS + J_CALL_UNITS];
    if (units > 0) {
      const list = model.outEdges[node * nOps + jobs.ints[j * INT_FIELDS + J_OP]];
      if (model.sequential[node] === 0) {
        for (let i = 0; i < list.length; i++) this.issueAlong(j, list[i], units, true);
        jobs.ints[j * INT_FIELDS + J_FLAGS] |= F_ISSUED_ALL;
      } else {
        this.issueSequential(j, list, units);
      }
    } else {
      jobs.ints[j * INT_FIELDS + J_FLAGS] |= F_ISSUED_ALL;
    }
    jobs.ints[j * INT_FIELDS + J_FLAGS] &= ~F_ISSUING;
    this.settle(j);
  }

  /**
   * Sequential calls: fire until a sync call is outstanding (or all are
   * issued). A request's copies along an edge go one after another however
   * many there are (its response is their sum); a bulk job — many identical
   * requests at once — sends them in rounds, each round one bulk call
   * carrying the next copy of every request.
   */
  issueSequential(j: number, list: Int32Array, units: number): void {
    const jobs = this.jobs;
    const model = this.model;
    while (jobs.cursor[j] < list.length) {
      if (jobs.ints[j * INT_FIELDS + J_FLAGS] & F_FAILED) {
        this.abandonEdge(j);
        return;
      }
      const e = list[jobs.cursor[j]];
      if (jobs.copiesLeft[j] < 0) {
        const copies = this.copiesAlong(j, e, units);
        jobs.copiesLeft[j] = copies;
        jobs.openGroup[j] = copies > 0 && model.edgeTracked[e] ? this.newGroup(j, e, units) : -1;
      }
      const p = model.edgeProbability[e];
      while (jobs.copiesLeft[j] > 0) {
        const round = units === 1 ? 1 : Math.min(units, jobs.copiesLeft[j]);
        jobs.copiesLeft[j] -= round;
        const made = round === 1 ? (p < 1 && this.rng.uniform() >= p ? 0 : 1) : p < 1 ? this.rng.binomial(round, p) : round;
        if (made === 0) continue;
        this.fireCall(j, e, jobs.openGroup[j], made);
        if (jobs.ints[j * INT_FIELDS + J_FLAGS] & F_FAILED) {
          this.abandonEdge(j);
          return;
        }
        if (jobs.ints[j * INT_FIELDS + J_PENDING] > 0) {
          if (jobs.copiesLeft[j] === 0) this.closeEdge(j);
          return; // resume when this call completes
        }
      }
      this.closeEdge(j);
    }
    jobs.ints[j * INT_FIELDS + J_FLAGS] |= F_ISSUED_ALL;
  }

  /** Sequential calls: move past the current edge, releasing its delivery group's hold. */
  closeEdge(j: number): void {
    const jobs = this.jobs;
    const g = jobs.openGroup[j];
    jobs.openGroup[j] = -1;
    jobs.copiesLeft[j] = -1;
    jobs.cursor[j]++;
    if (g >= 0) this.groupDone(g, false);
  }

  /** Sequential calls after a failure: no more calls; the open delivery group fails. */
  abandonEdge(j: number): void {
    const g = this.jobs.openGroup[j];
    this.jobs.openGroup[j] = -1;
    if (g >= 0) this.groupDone(g, true);
  }

  /** Completes job `j` if it has failed, or if all its calls are issued and answered; resumes sequential calls. */
  settle(j: number): void {
    const jobs = this.jobs;
    const flags = jobs.ints[j * INT_FIELDS + J_FLAGS];
    if (flags & (F_DONE | F_ISSUING)) return;
    if (flags & F_FAILED) {
      this.completeJob(j, true);
    } else if (jobs.ints[j * INT_FIELDS + J_PENDING] === 0) {
      if (flags & F_ISSUED_ALL) this.completeJob(j, false);
      else if (!(flags & F_SPLITTER)) this.issueCalls(j);
    }
  }

  /** A call of job `p` completed (or failed). */
  childDone(p: number, failed: boolean, cause = 0): void {
    const jobs = this.jobs;
    jobs.ints[p * INT_FIELDS + J_PENDING]--;
    const flags = jobs.ints[p * INT_FIELDS + J_FLAGS];
    if (flags & F_DONE) {
      this.maybeRelease(p);
      return;
    }
    // The first failure sets the caller's cause (errors fail fast: it is the one that ends it).
    if (failed) jobs.ints[p * INT_FIELDS + J_FLAGS] = flags | F_FAILED | (flags & CAUSE_MASK ? 0 : cause);
    this.settle(p);
  }

  /**
   * Tells the caller and the delivery group that job `j` is over, once. A
   * failed answer (`answered`: from the callee or the network, not the
   * caller's own timeout) counts as a failed attempt of its edge, and is
   * retried there if the edge's rule says so.
   */
  notifyUp(j: number, failed: boolean, answered = true): void {
    const jobs = this.jobs;
    if (this.data !== null && !failed) this.versionUp(j);
    this.observer?.notified(j, failed, answered);
    if ((failed && answered) || this.hasBreakers) {
      const e = jobs.ints[j * INT_FIELDS + J_EDGE];
      if (e >= 0 && !(jobs.ints[j * INT_FIELDS + J_FLAGS] & F_HEDGE) && (jobs.ints[j * INT_FIELDS + J_PARENT] >= 0 || jobs.ints[j * INT_FIELDS + J_GROUP] >= 0 || jobs.ints[j * INT_FIELDS + J_FLAGS] & F_REQUEST)) {
        const cause = causeIndex(jobs.ints[j * INT_FIELDS + J_FLAGS]);
        const refused = failed && cause === CAUSE_BREAKER_OPEN - 1;
        // The breaker hears of every attempt it let through (a timeout told it already).
        if (answered && !refused && this.hasBreakers) this.breakers[e]?.record(this.now, failed);
        if (failed && answered) {
          // By the time the attempt arrived (or was issued): the window the edge's calls are counted in.
          const counted = this.meter.counts(jobs.nums[j * NUM_FIELDS + J_ARRIVAL]);
          this.meter.failed(e, jobs.nums[j * NUM_FIELDS + J_COUNT], counted);
          // Not into an open breaker: retrying what it refuses would only spin.
          if (!refused && this.model.edgeRetry[e] !== null && this.retryAfterFailure(j, counted)) return;
        }
      }
    }
    if (this.model.hasHedges) {
      const h = jobs.ints[j * INT_FIELDS + J_PARENT];
      if (h >= 0 && jobs.ints[h * INT_FIELDS + J_FLAGS] & F_HEDGE) {
        jobs.ints[j * INT_FIELDS + J_PARENT] = -1;
        this.hedgeCopyDone(h, j, failed);
        return;
      }
    }
    const g = jobs.ints[j * INT_FIELDS + J_GROUP];
    if (g >= 0) {
      jobs.ints[j * INT_FIELDS + J_GROUP] = -1;
      this.groupDone(g, failed);
    }
    const p = jobs.ints[j * INT_FIELDS + J_PARENT];
    if (p >= 0) {
      jobs.ints[j * INT_FIELDS + J_PARENT] = -1;
      this.childDone(p, failed, jobs.ints[j * INT_FIELDS + J_FLAGS] & CAUSE_MASK);
    } else if (jobs.ints[j * INT_FIELDS + J_FLAGS] & F_REQUEST) {
      jobs.ints[j * INT_FIELDS + J_FLAGS] &= ~F_REQUEST;
      const client = this.model.edgeSource[jobs.ints[j * INT_FIELDS + J_EDGE]];
      const flags = jobs.ints[j * INT_FIELDS + J_FLAGS];
      this.meter.requestDone(client, jobs.ints[j * INT_FIELDS + J_OP], this.now - jobs.nums[j * NUM_FIELDS + J_ARRIVAL], (flags & F_COUNTED) !== 0, failed, causeIndex(flags));
    }
  }

  // ---------------------------------------------------------------------------
  // Hedged calls ("The Tail at Scale"): after `afterMs` without an answer, a
  // record takes the attempt's place for its caller, and copies of the call
  // go out along the same edge; the first copy to succeed completes the call,
  // the call fails when every copy has failed.

  /** Whether attempt `c` is a copy of a hedged call (its caller is a hedge record). */
  private isHedgeCopy(c: number): boolean {
    const p = this.jobs.ints[c * INT_FIELDS + J_PARENT];
    return p >= 0 && (this.jobs.ints[p * INT_FIELDS + J_FLAGS] & F_HEDGE) !== 0;
  }

  /** A hedge timer fell due on attempt `j` (its first) or on hedge record `j` (a further copy). */
  hedgeDue(j: number): void {
    const jobs = this.jobs;
    const flags = jobs.ints[j * INT_FIELDS + J_FLAGS];
    if (flags & F_HEDGE) {
      if (!(flags & F_DONE)) this.sendHedge(j);
      return;
    }
    // Answered, given up on (a timeout) or replaced by a retry: nothing to hedge.
    const parent = jobs.ints[j * INT_FIELDS + J_PARENT];
    const group = jobs.ints[j * INT_FIELDS + J_GROUP];
    if (parent < 0 && group < 0) return;
    const e = jobs.ints[j * INT_FIELDS + J_EDGE];
    const r = jobs.spawn(
      jobs.ints[j * INT_FIELDS + J_NODE],
      jobs.ints[j * INT_FIELDS + J_OP],
      parent,
      group,
      e,
      F_HEDGE | (flags & F_COUNTED),
      this.now,
      jobs.nums[j * NUM_FIELDS + J_COUNT],
      jobs.nums[j * NUM_FIELDS + J_AUTHOR],
      jobs.nums[j * NUM_FIELDS + J_FOLLOWEES],
      jobs.key[j],
    );
    jobs.ints[r * INT_FIELDS + J_PENDING] = 1;
    jobs.attempt[r] = 0; // copies sent
    if (this.data !== null) this.copyVersion(r, j);
    jobs.ints[j * INT_FIELDS + J_PARENT] = r;
    jobs.ints[j * INT_FIELDS + J_GROUP] = -1;
    const tried: number[] = [];
    if (jobs.child[j] >= 0) tried.push(jobs.cursor[j]);
    this.hedges.set(r, { copies: [j, jobs.ints[j * INT_FIELDS + J_GEN]], tried });
    this.observer?.hedged(j, r);
    this.sendHedge(r);
  }

  /** Hedge record `r` sends one more copy of its call, and schedules the next while copies are left. */
  private sendHedge(r: number): void {
    const jobs = this.jobs;
    const e = jobs.ints[r * INT_FIELDS + J_EDGE];
    const rule = this.model.edgeHedge[e]!;
    const units = jobs.nums[r * NUM_FIELDS + J_COUNT];
    const copy = jobs.spawn(this.model.edgeTarget[e], jobs.ints[r * INT_FIELDS + J_OP], r, -1, e, 0, this.now, units, jobs.nums[r * NUM_FIELDS + J_AUTHOR], jobs.nums[r * NUM_FIELDS + J_FOLLOWEES], jobs.key[r]);
    jobs.ints[r * INT_FIELDS + J_PENDING]++;
    jobs.attempt[r]++;
    if (this.data !== null) this.copyVersion(copy, r);
    this.hedges.get(r)!.copies.push(copy, jobs.ints[copy * INT_FIELDS + J_GEN]);
    this.meter.hedged(e, units, this.meter.counts(this.now));
    if (this.edgeCountsOutstanding[e] === 1) this.edgeOutstanding[e] += units;
    const gen = jobs.ints[r * INT_FIELDS + J_GEN];
    this.send(copy, e);
    // The copy may have failed at once and decided the call.
    if (jobs.ints[r * INT_FIELDS + J_GEN] === gen && !(jobs.ints[r * INT_FIELDS + J_FLAGS] & F_DONE) && jobs.attempt[r] < rule.maxHedges) {
      this.scheduleJob(this.now + rule.afterMs, this.evHedge, r);
    }
  }

  /** The backends (load balancer edges) the copies of hedge record `r` went to, or null: a balancer avoids them while others are eligible. */
  hedgeTried(j: number): number[] | null {
    const p = this.jobs.ints[j * INT_FIELDS + J_PARENT];
    if (p < 0 || !(this.jobs.ints[p * INT_FIELDS + J_FLAGS] & F_HEDGE)) return null;
    return this.hedges.get(p)!.tried;
  }

  /** A copy of hedge record `r` is over: the first success completes the call, and the last failure fails it. */
  private hedgeCopyDone(r: number, copy: number, failed: boolean): void {
    const jobs = this.jobs;
    jobs.ints[r * INT_FIELDS + J_PENDING]--;
    const flags = jobs.ints[r * INT_FIELDS + J_FLAGS];
    if (flags & F_DONE) {
      this.releaseHedge(r);
      return;
    }
    if (!failed) {
      jobs.ints[r * INT_FIELDS + J_FLAGS] = flags | F_DONE;
      this.cancelCopies(r, copy);
      this.notifyUp(r, false);
      this.releaseHedge(r);
      return;
    }
    // The call's outcome, if it fails, is its last copy's.
    jobs.ints[r * INT_FIELDS + J_FLAGS] = (flags & ~CAUSE_MASK) | (jobs.ints[copy * INT_FIELDS + J_FLAGS] & CAUSE_MASK);
    if (jobs.ints[r * INT_FIELDS + J_PENDING] === 0) {
      jobs.ints[r * INT_FIELDS + J_FLAGS] |= F_DONE | F_FAILED;
      this.notifyUp(r, true);
      this.releaseHedge(r);
    }
  }

  /** The call of hedge record `r` succeeded through `winner`: the other copies are cancelled while they wait in a line, and otherwise run on for nobody. */
  private cancelCopies(r: number, winner: number): void {
    const jobs = this.jobs;
    const list = this.hedges.get(r)!.copies;
    for (let i = 0; i < list.length; i += 2) {
      const c = list[i];
      if (c === winner || jobs.ints[c * INT_FIELDS + J_GEN] !== list[i + 1]) continue;
      if (jobs.ints[c * INT_FIELDS + J_PARENT] !== r || jobs.ints[c * INT_FIELDS + J_FLAGS] & F_DONE) continue;
      if (this.cancelCall(c)) {
        jobs.ints[c * INT_FIELDS + J_PARENT] = -1;
        jobs.ints[r * INT_FIELDS + J_PENDING]--;
      } else {
        jobs.ints[c * INT_FIELDS + J_FLAGS] |= F_ABANDONED;
        const child = jobs.child[c];
        if (child >= 0 && jobs.ints[child * INT_FIELDS + J_PARENT] === c) jobs.ints[child * INT_FIELDS + J_FLAGS] |= F_ABANDONED;
      }
    }
  }

  /** Cancels call `c` if it (or, behind a load balancer, the call the balancer made for it) still waits in a line. */
  private cancelCall(c: number): boolean {
    const jobs = this.jobs;
    const units = jobs.nums[c * NUM_FIELDS + J_COUNT];
    if (cancelWaiting(this, c)) {
      this.meter.abandonedDropped(jobs.ints[c * INT_FIELDS + J_NODE], units, (jobs.ints[c * INT_FIELDS + J_FLAGS] & F_COUNTED) !== 0);
      this.releaseOutstanding(c, units);
      return true;
    }
    const child = jobs.child[c];
    if (child < 0 || jobs.ints[c * INT_FIELDS + J_PENDING] !== 1 || jobs.ints[child * INT_FIELDS + J_PARENT] !== c) return false;
    if (!cancelWaiting(this, child)) return false;
    // The balancer's call waited at a backend: both are over, discarded for a caller that no longer waits.
    jobs.ints[child * INT_FIELDS + J_PARENT] = -1;
    this.meter.abandonedDropped(jobs.ints[child * INT_FIELDS + J_NODE], units, (jobs.ints[child * INT_FIELDS + J_FLAGS] & F_COUNTED) !== 0);
    this.releaseOutstanding(child, units);
    jobs.ints[c * INT_FIELDS + J_PENDING] = 0;
    jobs.ints[c * INT_FIELDS + J_FLAGS] |= F_DONE;
    this.meter.abandonedDropped(jobs.ints[c * INT_FIELDS + J_NODE], units, (jobs.ints[c * INT_FIELDS + J_FLAGS] & F_COUNTED) !== 0);
    this.releaseOutstanding(c, units);
    this.maybeRelease(c);
    return true;
  }

  /** A decided hedge record goes once its last copy has reported. */
  private releaseHedge(r: number): void {
    const jobs = this.jobs;
    if (jobs.ints[r * INT_FIELDS + J_FLAGS] & F_DONE && jobs.ints[r * INT_FIELDS + J_PENDING] === 0) {
      this.hedges.delete(r);
      jobs.release(r);
    }
  }

  /** Job `to` carries job `from`'s version (a retry, a hedge: the same call again). */
  private copyVersion(to: number, from: number): void {
    this.jobs.ver[to] = this.jobs.ver[from];
    this.jobs.verMs[to] = this.jobs.verMs[from];
  }

  /** A successful response hands the version it carries to the caller (the latest one the caller received). */
  private versionUp(j: number): void {
    const jobs = this.jobs;
    const p = jobs.ints[j * INT_FIELDS + J_PARENT];
    if (p >= 0 && jobs.ver[j] >= 0) this.copyVersion(p, j);
  }

  /** The watched key's history so far (SimOptions.watchKey; data.ts documents the type), or null. */
  keyTimeline(): KeyTimeline | null {
    return this.data !== null ? this.data.timeline(this) : null;
  }

  /** A member of delivery group `g` is over; when the last is, a successful delivery's time is recorded. */
  groupDone(g: number, failed: boolean): void {
    const joins = this.joins;
    const edge = joins.tag[g];
    const start = joins.startMs[g];
    const weight = joins.weight[g];
    const counted = joins.counted[g];
    const outcome = joins.settle(g, failed);
    if (outcome === JOIN_OPEN) return;
    if (counted && outcome === JOIN_SUCCEEDED) this.meter.delivery[edge]!.recordWeighted(this.now - start, weight);
  }

  /** Job `j` completes at its node: statistics, then its caller hears of it. */
  completeJob(j: number, failed: boolean, dropped = false): void {
    const jobs = this.jobs;
    this.observer?.completed(j, failed);
    const node = jobs.ints[j * INT_FIELDS + J_NODE];
    if (this.createsRequests[node] === 1) {
      this.completeRequest(j, failed);
      return;
    }
    if (jobs.ints[j * INT_FIELDS + J_FLAGS] & F_HOLDS_SERVER) this.releaseServer(j, node);
    jobs.ints[j * INT_FIELDS + J_FLAGS] |= F_DONE | (failed ? F_FAILED : 0);
    const units = jobs.nums[j * NUM_FIELDS + J_COUNT];
    const splitter = (jobs.ints[j * INT_FIELDS + J_FLAGS] & F_SPLITTER) !== 0;
    // A splitter's units are accounted for by its chunks; a drop was counted on arrival.
    if (!splitter && !dropped) {
      const counted = (jobs.ints[j * INT_FIELDS + J_FLAGS] & F_COUNTED) !== 0;
      if (counted && !failed) {
        const latency = this.now - jobs.nums[j * NUM_FIELDS + J_ARRIVAL];
        if (units === 1) this.meter.nodeLatency[node].record(latency);
        else {
          // The units of a chunk finish their service one after another, then share the downstream wait.
          const serviceMs = jobs.nums[j * NUM_FIELDS + J_SERVICE];
          recordSpread(this.meter.nodeLatency[node], latency - serviceMs, serviceMs, units);
        }
      }
      this.meter.completed(node, units, failed, counted);
      if (jobs.ints[j * INT_FIELDS + J_FLAGS] & F_ABANDONED && !failed) this.meter.wasted(node, units, counted);
    }
    const e = jobs.ints[j * INT_FIELDS + J_EDGE];
    const sync = e >= 0 && this.model.edgeAsync[e] === 0;
    const latency = sync ? this.model.edgeLatency[e] : null;
    const travels = latency !== null || (sync && this.edgeDelayed[e] !== 0);
    const cut = sync && this.edgeCut[e] !== 0;
    if (!travels && !cut) this.releaseOutstanding(j, units);
    if (!splitter && !dropped) {
      const onComplete = this.onCompleteFns[node];
      if (onComplete !== null) onComplete(this, j, this.nodeState[node]);
    }
    if (cut) {
      this.faults!.respondCut(j, e);
      return;
    }
    if (travels) {
      // The response travels back; the caller hears of it (and least-outstanding balancing counts it) on arrival.
      jobs.ints[j * INT_FIELDS + J_FLAGS] |= F_IN_TRANSIT;
      const delay = (latency !== null ? sample(latency, this.rng) : 0) + (this.edgeDelayed[e] !== 0 ? this.faults!.extraMs(e) : 0);
      this.scheduleJob(this.now + delay, this.evResponseArrives, j);
      return;
    }
    this.notifyUp(j, failed);
    this.maybeRelease(j);
  }

  /** A blocking node's request is over: the server it kept through its calls takes the next one. */
  private releaseServer(j: number, node: number): void {
    this.jobs.ints[j * INT_FIELDS + J_FLAGS] &= ~F_HOLDS_SERVER;
    this.meter.touch(node);
    this.stations.busy[node]--;
    const line = this.stations.lines[node];
    if (line !== null && line.length > 0) startNext(this, node);
  }

  /**
   * A client's request is over: its response time (creation to completion)
   * goes into the client's histogram and the op's counts. Nobody waits for it.
   */
  completeRequest(j: number, failed: boolean): void {
    const jobs = this.jobs;
    jobs.ints[j * INT_FIELDS + J_FLAGS] |= F_DONE | (failed ? F_FAILED : 0);
    const flags = jobs.ints[j * INT_FIELDS + J_FLAGS];
    const client = jobs.ints[j * INT_FIELDS + J_NODE];
    this.meter.requestDone(client, jobs.ints[j * INT_FIELDS + J_OP], this.now - jobs.nums[j * NUM_FIELDS + J_ARRIVAL], (flags & F_COUNTED) !== 0, failed, causeIndex(flags));
    this.requestDoneFns[client]?.(this, j, this.nodeState[client]);
    if (jobs.ints[j * INT_FIELDS + J_PENDING] === 0) jobs.release(j);
  }

  maybeRelease(j: number): void {
    const flags = this.jobs.ints[j * INT_FIELDS + J_FLAGS];
    if (flags & F_DONE && this.jobs.ints[j * INT_FIELDS + J_PENDING] === 0 && !(flags & (F_IN_FIFO | F_IN_TRANSIT))) this.jobs.release(j);
  }

  /** A behaviour's shared context, as its `setup` made it. */
  behaviourContext(b: AnyBehaviour): unknown {
    return this.contexts.get(b);
  }

  /** Frees the memory held by the histograms. */
  dispose(): void {
    this.meter.dispose();
    this.data?.dispose();
    this.behaviours.forEach((b, i) => b.dispose?.(this.nodeState[i]));
  }
}

function serviceDone(sim: Simulation, j: number): void {
  sim.serviceDone(j);
}

function callArrives(sim: Simulation, j: number): void {
  sim.callArrived(j);
}

function responseArrives(sim: Simulation, j: number): void {
  sim.responseArrived(j);
}

function timeoutDue(sim: Simulation, j: number): void {
  sim.timedOut(j);
}

function retrySend(sim: Simulation, j: number): void {
  sim.retryDue(j);
}

function hedgeDue(sim: Simulation, j: number): void {
  sim.hedgeDue(j);
}

function leafGroupDone(sim: Simulation, g: number): void {
  sim.leafGroupDue(g);
}

function leafReleaseDue(sim: Simulation, slot: number): void {
  sim.leafReleaseDue(slot);
}

function faultStarts(sim: Simulation, k: number): void {
  sim.faults!.start(k);
}

function faultEnds(sim: Simulation, k: number): void {
  sim.faults!.end(k);
}
