/**
 * The discrete-event engine: clock, future-event list, request life cycle
 * (SCENARIO.md, "Request life cycle") and the run loop.
 *
 * Everything hangs off one Simulation object: no global state, randomness
 * from seeded streams, ties in time broken by insertion order — so the
 * browser worker and the CLI produce bit-identical results for the same
 * scenario and seed. Pacing against the wall clock and plotting live outside
 * (the worker decides how much simulated time to run per slice; the engine
 * only emits plain numbers).
 *
 * Time is in milliseconds. Calls between nodes take no time (there is no
 * network latency in the v1 model), so a call is delivered to its target
 * synchronously; only service, enqueue and arrival times are heap events.
 */
import type { Scenario } from '../scenario/schema';
import { compileSampler, sample, sampleSum, type Sampler } from './distributions';
import { EventHeap } from './heap';
import {
  F_COUNTED,
  F_DONE,
  F_FAILED,
  F_IN_FIFO,
  F_ISSUED_ALL,
  F_ISSUING,
  F_REQUEST,
  F_SPLITTER,
  Fifo,
  GroupPool,
  JobPool,
} from './jobs';
import {
  compileModel,
  FANOUT_CELEBRITY_FOLLOWEES,
  FANOUT_FIXED,
  FANOUT_FOLLOWEES,
  FANOUT_FOLLOWERS,
  KIND_CACHE,
  KIND_CLIENT,
  KIND_INDEX,
  KIND_LOAD_BALANCER,
  KIND_QUEUE,
  type Model,
} from './model';
import { clientArrival, scheduleFirstArrivals } from './nodes/client';
import { cacheAfterService } from './nodes/cache';
import { indexAfterService } from './nodes/searchIndex';
import { loadBalancerArrive, LB_LEAST_OUTSTANDING, loadBalancerPolicy } from './nodes/loadBalancer';
import { queueArrive, queueEnqueued } from './nodes/queue';
import { compilePopulation, type PopulationModel } from './population';
import { Rng } from './random';
import { LatencyHistogram } from './stats';
import { WindowRecorder } from './windows';

export const EV_CLIENT_ARRIVAL = 1;
export const EV_SERVICE_DONE = 2;
export const EV_ENQUEUED = 3;

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
}

export interface StopReason {
  reason: 'maxJobs' | 'maxEvents';
  atSec: number;
  message: string;
}

const UNBOUNDED = Infinity;

export class Simulation {
  readonly model: Model;
  readonly scenario: Scenario;
  readonly seed: number;
  readonly durationMs: number;
  readonly warmupMs: number;
  /** Requests created before durationMs are followed until this time at most. */
  readonly endMs: number;
  readonly bulkThreshold: number;
  readonly chunksPerServer: number;
  readonly minChunks: number;
  readonly maxJobs: number;

  now = 0;
  events = 0;
  stopped: StopReason | null = null;

  readonly heap = new EventHeap(4096);
  readonly jobs = new JobPool(4096);
  readonly groups = new GroupPool(256);
  /** Randomness for service times, routing, probabilities and cache hits. */
  readonly rng: Rng;
  /** One arrival stream per client (common random numbers: the same arrivals whatever the rest of the scenario). */
  readonly clientRng: Rng[];
  /** One stream per client for drawing authors and readers from the population. */
  readonly populationRng: Rng[];
  readonly population: PopulationModel | null;

  // --- per node -----------------------------------------------------------
  readonly kinds: Uint8Array;
  readonly servers: Float64Array;
  readonly busy: Float64Array;
  readonly queueCap: Float64Array;
  /** Units waiting for a server (a bulk splitter counts its remaining units). */
  readonly queued: Float64Array;
  readonly fifo: (Fifo | null)[];
  readonly dispatching: Uint8Array;
  readonly sampler: (Sampler | null)[];
  readonly sequential: Uint8Array;
  readonly hitRatio: Float64Array;
  readonly refreshMs: Float64Array;
  /** `writeOp[node * ops + op]`: the op is an indexing write at this index node. */
  readonly writeOp: Uint8Array;
  readonly lbPolicy: Uint8Array;
  /** Round-robin position per (node, op). */
  readonly rrNext: Int32Array;
  readonly clientOp: Int32Array;
  /** Per client: its only, plain call's edge (see F_REQUEST), or −1. */
  readonly directEdge: Int32Array;
  readonly clientRate: Float64Array;
  readonly clientPoisson: Uint8Array;

  // --- per node statistics (measurement window) ----------------------------
  readonly nArrivals: Float64Array;
  readonly nCompleted: Float64Array;
  readonly nErrors: Float64Array;
  readonly nDropped: Float64Array;
  readonly busyArea: Float64Array;
  readonly queueArea: Float64Array;
  readonly maxQueue: Float64Array;
  readonly lastTouch: Float64Array;
  readonly nodeLatency: LatencyHistogram[];
  readonly nodeWait: LatencyHistogram[];
  readonly visibility: (LatencyHistogram | null)[];

  // --- per edge ----------------------------------------------------------
  readonly edgeCalls: Float64Array;
  /** Calls in flight per edge, for least-outstanding load balancing. */
  readonly outstanding: Float64Array;
  readonly delivery: (LatencyHistogram | null)[];
  /** Mean of the celebrity-followee Poisson per edge (celebrityFollowees fan-out). */
  readonly celebrityMean: Float64Array;

  // --- per op (response times live in the clients' latency histograms) ------
  readonly opCount: Float64Array;
  readonly opSuccess: Float64Array;
  readonly opErrors: Float64Array;

  readonly windows: WindowRecorder | null;

  constructor(scenario: Scenario, options: SimOptions = {}) {
    this.scenario = scenario;
    const model = compileModel(scenario);
    this.model = model;
    this.seed = options.seed ?? scenario.seed;
    this.durationMs = scenario.durationSec * 1000;
    this.warmupMs = scenario.warmupSec * 1000;
    this.endMs = 2 * this.durationMs;
    this.bulkThreshold = options.bulkThreshold ?? 256;
    this.chunksPerServer = options.chunksPerServer ?? 4;
    this.minChunks = options.minChunks ?? 64;
    this.maxJobs = options.maxJobs ?? 1_000_000;
    this.rng = new Rng(this.seed, 0);
    this.population = scenario.population ? compilePopulation(scenario.population) : null;

    const n = model.nodeCount;
    const nOps = model.ops.length;
    this.kinds = model.kinds;
    this.servers = new Float64Array(n);
    this.busy = new Float64Array(n);
    this.queueCap = new Float64Array(n).fill(UNBOUNDED);
    this.queued = new Float64Array(n);
    this.fifo = [];
    this.dispatching = new Uint8Array(n);
    this.sampler = [];
    this.sequential = new Uint8Array(n);
    this.hitRatio = new Float64Array(n);
    this.refreshMs = new Float64Array(n);
    this.writeOp = new Uint8Array(n * nOps);
    this.lbPolicy = new Uint8Array(n);
    this.rrNext = new Int32Array(n * nOps);
    this.clientOp = new Int32Array(n).fill(-1);
    this.directEdge = new Int32Array(n).fill(-1);
    this.clientRate = new Float64Array(n);
    this.clientPoisson = new Uint8Array(n);
    this.clientRng = [];
    this.populationRng = [];

    scenario.nodes.forEach((node, i) => {
      let sampler: Sampler | null = null;
      let fifo: Fifo | null = null;
      switch (node.kind) {
        case 'client':
          this.clientOp[i] = model.opIndex.get(node.params.op)!;
          this.clientRate[i] = node.params.arrival.ratePerSec / 1000;
          this.clientPoisson[i] = node.params.arrival.type === 'poisson' ? 1 : 0;
          this.sequential[i] = node.params.calls === 'sequential' ? 1 : 0;
          this.directEdge[i] = options.directRequests === false ? -1 : plainOnlyEdge(model, i, this.clientOp[i]);
          break;
        case 'loadBalancer':
          this.lbPolicy[i] = loadBalancerPolicy(node.params.policy);
          break;
        case 'service':
        case 'database':
        case 'index':
          this.servers[i] = node.params.servers;
          this.queueCap[i] = node.params.queueCapacity ?? UNBOUNDED;
          this.sequential[i] = node.params.calls === 'sequential' ? 1 : 0;
          sampler = compileSampler(node.params.serviceTimeMs);
          fifo = new Fifo();
          if (node.kind === 'index') {
            this.refreshMs[i] = node.params.refreshIntervalMs;
            for (const op of node.params.writeOps) {
              const o = model.opIndex.get(op);
              if (o !== undefined) this.writeOp[i * nOps + o] = 1;
            }
          }
          break;
        case 'cache':
          this.servers[i] = node.params.servers;
          this.queueCap[i] = node.params.queueCapacity ?? UNBOUNDED;
          this.sequential[i] = node.params.calls === 'sequential' ? 1 : 0;
          this.hitRatio[i] = node.params.hitRatio;
          sampler = compileSampler(node.params.hitTimeMs);
          fifo = new Fifo();
          break;
        case 'queue':
          this.servers[i] = node.params.consumers;
          this.queueCap[i] = node.params.capacity ?? UNBOUNDED;
          sampler = compileSampler(node.params.enqueueTimeMs);
          fifo = new Fifo();
          break;
      }
      this.sampler.push(sampler);
      this.fifo.push(fifo);
    });
    // Stream 0 is the shared one. The k-th client (document order) draws its arrivals from
    // stream 2k + 1 and its authors and readers from stream 2k + 2: variants of a scenario
    // (the three Twitter strategies, a slower database) see the very same requests.
    let k = 0;
    for (let i = 0; i < n; i++) {
      const client = this.kinds[i] === KIND_CLIENT;
      this.clientRng.push(client ? new Rng(this.seed, 2 * k + 1) : this.rng);
      this.populationRng.push(client ? new Rng(this.seed, 2 * k + 2) : this.rng);
      if (client) k++;
    }

    this.nArrivals = new Float64Array(n);
    this.nCompleted = new Float64Array(n);
    this.nErrors = new Float64Array(n);
    this.nDropped = new Float64Array(n);
    this.busyArea = new Float64Array(n);
    this.queueArea = new Float64Array(n);
    this.maxQueue = new Float64Array(n);
    this.lastTouch = new Float64Array(n);
    this.nodeLatency = [];
    this.nodeWait = [];
    this.visibility = [];
    for (let i = 0; i < n; i++) {
      this.nodeLatency.push(new LatencyHistogram());
      this.nodeWait.push(new LatencyHistogram());
      this.visibility.push(this.kinds[i] === KIND_INDEX ? new LatencyHistogram() : null);
    }

    const m = model.edgeCount;
    this.edgeCalls = new Float64Array(m);
    this.outstanding = new Float64Array(m);
    this.delivery = [];
    this.celebrityMean = new Float64Array(m);
    for (let e = 0; e < m; e++) {
      this.delivery.push(model.edgeTracked[e] ? new LatencyHistogram() : null);
      if (model.edgeFanout[e] === FANOUT_CELEBRITY_FOLLOWEES && this.population) {
        this.celebrityMean[e] = this.population.celebrityFolloweeMean(model.edgeFanoutParam[e]);
      }
    }

    this.opCount = new Float64Array(nOps);
    this.opSuccess = new Float64Array(nOps);
    this.opErrors = new Float64Array(nOps);

    this.windows = options.windowMs && options.windowMs > 0 ? new WindowRecorder(this, options.windowMs) : null;

    scheduleFirstArrivals(this);
  }

  // ---------------------------------------------------------------------------
  // Run loop

  /** Whether the run is over: nothing left to do, past the drain limit, or stopped. */
  get finished(): boolean {
    return this.stopped !== null || this.heap.size === 0 || this.heap.peekTime() > this.endMs;
  }

  /**
   * Processes events up to simulated time `untilMs` (inclusive), at most
   * `maxEvents` of them. Returns the number processed. Safe to call again.
   */
  step(untilMs: number, maxEvents = Infinity): number {
    const limit = Math.min(untilMs, this.endMs);
    const done = this.stopped === null ? this.processEvents(limit, maxEvents) : 0;
    this.events += done;
    if (this.stopped === null && done < maxEvents && limit > this.now && limit !== Infinity) this.advanceIdle(limit);
    return done;
  }

  /**
   * The hot loop, kept small and free of rare paths so that it stays
   * optimized: pop the earliest event, dispatch it, repeat.
   */
  private processEvents(limit: number, maxEvents: number): number {
    const heap = this.heap;
    const windows = this.windows;
    const jobs = this.jobs;
    const maxJobs = this.maxJobs;
    let done = 0;
    while (done < maxEvents && heap.size > 0) {
      const t = heap.peekTime();
      if (t > limit) break;
      if (windows !== null && t >= windows.windowEnd) windows.closeUpTo(t);
      const kind = heap.peekKind();
      const id = heap.peekId();
      heap.pop();
      this.now = t;
      done++;
      if (kind === EV_SERVICE_DONE) this.serviceDone(id);
      else if (kind === EV_CLIENT_ARRIVAL) clientArrival(this, id);
      else queueEnqueued(this, id);
      if (jobs.live > maxJobs) {
        this.stop('maxJobs');
        break;
      }
    }
    return done;
  }

  /** Idle time still counts: advances the clock to the horizon reached (closing live windows on the way). */
  private advanceIdle(limit: number): void {
    const heap = this.heap;
    const horizon = heap.size > 0 ? Math.min(limit, heap.peekTime()) : limit;
    if (this.windows !== null && horizon >= this.windows.windowEnd) this.windows.closeUpTo(horizon);
    if (horizon > this.now) this.now = horizon;
  }

  /** Runs to the end of the scenario (arrivals stop at durationSec; the drain lasts at most as long again). */
  runToEnd(maxEvents = Infinity): void {
    const before = this.events;
    while (!this.finished) {
      const budget = maxEvents - (this.events - before);
      if (budget <= 0) {
        this.stop('maxEvents');
        break;
      }
      this.step(this.endMs, Math.min(budget, 1_000_000));
    }
    this.windows?.closeUpTo(Math.max(this.now, this.durationMs));
  }

  stop(reason: StopReason['reason']): void {
    if (this.stopped) return;
    const atSec = this.now / 1000;
    const message =
      reason === 'maxJobs'
        ? `stopped at ${atSec.toFixed(1)} s of simulated time: more than ${this.maxJobs.toLocaleString('en-US')} requests were in the system at once — the system is overloaded and its queues grow without bound`
        : `stopped at ${atSec.toFixed(1)} s of simulated time: the event budget ran out`;
    this.stopped = { reason, atSec, message };
  }

  schedule(atMs: number, kind: number, id: number): void {
    this.heap.push(atMs, kind, id);
  }

  inWindow(): boolean {
    return this.now >= this.warmupMs && this.now < this.durationMs;
  }

  // ---------------------------------------------------------------------------
  // Time-weighted statistics

  /** Integrates busy servers and queue length of a node up to now; call before changing either. */
  touch(node: number): void {
    const last = this.lastTouch[node];
    const now = this.now;
    if (now === last) return;
    this.lastTouch[node] = now;
    const from = last > this.warmupMs ? last : this.warmupMs;
    const to = now < this.durationMs ? now : this.durationMs;
    if (to > from) {
      this.busyArea[node] += this.busy[node] * (to - from);
      this.queueArea[node] += this.queued[node] * (to - from);
    }
    if (this.windows !== null) this.windows.integrate(node, now);
  }

  // ---------------------------------------------------------------------------
  // Request life cycle

  /** Creates a call from job `from` along edge `e` standing for `units` identical calls, and delivers it. */
  fireCall(from: number, e: number, group: number, units: number): void {
    const jobs = this.jobs;
    const model = this.model;
    const c = jobs.alloc();
    const async = model.edgeAsync[e] === 1;
    jobs.node[c] = model.edgeTarget[e];
    jobs.op[c] = jobs.op[from];
    jobs.parent[c] = async ? -1 : from;
    jobs.group[c] = group;
    jobs.edge[c] = e;
    jobs.pending[c] = 0;
    jobs.cursor[c] = 0;
    jobs.openGroup[c] = -1;
    jobs.flags[c] = 0;
    jobs.arrival[c] = this.now;
    // mark and remaining are written where they start to mean something (service start, enqueue, splitting).
    jobs.service[c] = 0;
    jobs.count[c] = units;
    jobs.callUnits[c] = units;
    jobs.copiesLeft[c] = -1;
    jobs.author[c] = jobs.author[from];
    jobs.followees[c] = jobs.followees[from];
    if (group >= 0) this.groups.remaining[group]++;
    if (!async) jobs.pending[from]++;
    if (this.now >= this.warmupMs && this.now < this.durationMs) this.edgeCalls[e] += units;
    if (this.windows !== null) this.windows.edgeCalls[e] += units;
    const src = model.edgeSource[e];
    if (this.kinds[src] === KIND_LOAD_BALANCER && this.lbPolicy[src] === LB_LEAST_OUTSTANDING) {
      this.outstanding[e] += units;
    }
    this.arrive(c);
  }

  /** A job reaches its node. */
  arrive(j: number): void {
    const jobs = this.jobs;
    const node = jobs.node[j];
    if (this.now >= this.warmupMs && this.now < this.durationMs) {
      jobs.flags[j] |= F_COUNTED;
      this.nArrivals[node] += jobs.count[j];
    }
    if (this.windows !== null) this.windows.nodeArrivals[node] += jobs.count[j];
    switch (this.kinds[node]) {
      case KIND_LOAD_BALANCER:
        loadBalancerArrive(this, j);
        break;
      case KIND_QUEUE:
        queueArrive(this, j);
        break;
      default:
        this.serverArrive(j);
    }
  }

  /**
   * Admission to a FIFO multi-server node: serve at once, wait, or reject.
   * A bulk job that does not fit is cut to what fits; the rest is dropped and
   * the call fails (its caller fails fast), while the accepted units are still served.
   */
  admit(j: number): boolean {
    const jobs = this.jobs;
    const node = jobs.node[j];
    const units = jobs.count[j];
    const room = this.servers[node] - this.busy[node] + this.queueCap[node] - this.queued[node];
    if (units <= room) return true;
    const accepted = Math.max(0, Math.floor(room));
    this.drop(node, j, units - accepted);
    const e = jobs.edge[j];
    if (e >= 0 && this.outstanding[e] > 0) this.outstanding[e] = Math.max(0, this.outstanding[e] - (units - accepted));
    if (accepted === 0) {
      this.completeJob(j, true, true);
      return false;
    }
    jobs.count[j] = accepted;
    jobs.callUnits[j] = accepted;
    jobs.flags[j] |= F_FAILED;
    this.notifyUp(j, true);
    return true;
  }

  drop(node: number, j: number, units: number): void {
    if (this.jobs.flags[j] & F_COUNTED) this.nDropped[node] += units;
    if (this.windows !== null) this.windows.nodeDropped[node] += units;
  }

  serverArrive(j: number): void {
    const jobs = this.jobs;
    const node = jobs.node[j];
    if (jobs.count[j] === 1) {
      if (this.busy[node] < this.servers[node]) {
        this.touch(node);
        this.busy[node]++;
        this.startService(j);
      } else if (this.queued[node] < this.queueCap[node]) {
        this.enqueue(node, j, 1);
      } else {
        // A rejected request completes at once with an error: a drop, not an error of this node.
        this.drop(node, j, 1);
        this.completeJob(j, true, true);
      }
      return;
    }
    if (!this.admit(j)) return;
    this.enqueueSplitter(node, j);
  }

  /** Puts a bulk job in the FIFO; servers take it in chunks. */
  enqueueSplitter(node: number, j: number): void {
    const jobs = this.jobs;
    jobs.flags[j] |= F_SPLITTER;
    jobs.remaining[j] = jobs.count[j];
    this.enqueue(node, j, jobs.count[j]);
    this.startNext(node);
  }

  enqueue(node: number, j: number, units: number): void {
    this.touch(node);
    this.queued[node] += units;
    this.fifo[node]!.push(j);
    this.jobs.flags[j] |= F_IN_FIFO;
    if (this.now >= this.warmupMs && this.now < this.durationMs && this.queued[node] > this.maxQueue[node]) {
      this.maxQueue[node] = this.queued[node];
    }
    if (this.windows !== null) this.windows.noteQueue(node, this.queued[node]);
  }

  /** Hands waiting work to free servers (or consumers), FIFO. */
  startNext(node: number): void {
    if (this.dispatching[node]) return; // the outer loop picks up what frees meanwhile
    this.dispatching[node] = 1;
    const jobs = this.jobs;
    const fifo = this.fifo[node]!;
    const isQueue = this.kinds[node] === KIND_QUEUE;
    while (fifo.length > 0 && this.busy[node] < this.servers[node]) {
      const h = fifo.peek();
      let job: number;
      if (jobs.flags[h] & F_SPLITTER) {
        const chunks = Math.max(this.minChunks, this.chunksPerServer * this.servers[node]);
        const size = Math.max(1, Math.ceil(jobs.count[h] / chunks));
        const take = Math.min(size, jobs.remaining[h]);
        jobs.remaining[h] -= take;
        if (jobs.remaining[h] <= 0) {
          fifo.shift();
          jobs.flags[h] = (jobs.flags[h] & ~F_IN_FIFO) | F_ISSUED_ALL;
        }
        job = this.makeChunk(h, take);
        this.touch(node);
        this.queued[node] -= take;
      } else {
        fifo.shift();
        jobs.flags[h] &= ~F_IN_FIFO;
        job = h;
        this.touch(node);
        this.queued[node] -= 1;
      }
      this.busy[node]++;
      if (isQueue) this.startDelivery(job);
      else this.startService(job);
    }
    this.dispatching[node] = 0;
  }

  /** A chunk of a bulk job: `take` of its units, served by one server, reporting to the splitter. */
  makeChunk(splitter: number, take: number): number {
    const jobs = this.jobs;
    const c = jobs.alloc();
    jobs.node[c] = jobs.node[splitter];
    jobs.op[c] = jobs.op[splitter];
    jobs.parent[c] = splitter;
    jobs.group[c] = -1;
    jobs.edge[c] = -1;
    jobs.pending[c] = 0;
    jobs.cursor[c] = 0;
    jobs.openGroup[c] = -1;
    jobs.flags[c] = jobs.flags[splitter] & F_COUNTED;
    jobs.arrival[c] = jobs.arrival[splitter];
    jobs.mark[c] = jobs.mark[splitter];
    jobs.count[c] = take;
    jobs.remaining[c] = 0;
    jobs.callUnits[c] = take;
    jobs.copiesLeft[c] = -1;
    jobs.author[c] = jobs.author[splitter];
    jobs.followees[c] = jobs.followees[splitter];
    jobs.pending[splitter]++;
    return c;
  }

  startService(j: number): void {
    const jobs = this.jobs;
    const node = jobs.node[j];
    const units = jobs.count[j];
    const sampler = this.sampler[node]!;
    const duration = units === 1 ? sample(sampler, this.rng) : sampleSum(sampler, units, this.rng);
    if (jobs.flags[j] & F_COUNTED) this.recordSpread(this.nodeWait[node], this.now - jobs.arrival[j], duration, units);
    jobs.mark[j] = this.now;
    jobs.service[j] = duration;
    this.schedule(this.now + duration, EV_SERVICE_DONE, j);
  }

  /** A queue message (or chunk of messages) gets a consumer: deliver it downstream. */
  startDelivery(j: number): void {
    const jobs = this.jobs;
    const node = jobs.node[j];
    if (jobs.flags[j] & F_COUNTED) this.recordSpread(this.nodeWait[node], this.now - jobs.mark[j], 0, jobs.count[j]);
    jobs.mark[j] = this.now;
    jobs.service[j] = 0;
    this.issueCalls(j);
  }

  /**
   * Records `units` values of a bulk chunk: the units of a chunk start (or
   * finish) one after another over `spreadMs`, so they are recorded at four
   * evenly spaced points of it, each a quarter of the weight.
   */
  recordSpread(h: LatencyHistogram, baseMs: number, spreadMs: number, units: number): void {
    if (units === 1) {
      h.record(baseMs);
      return;
    }
    const quarter = units / 4;
    let given = 0;
    for (let k = 0; k < 4; k++) {
      const w = Math.round(quarter * (k + 1)) - given;
      given += w;
      h.recordWeighted(baseMs + (spreadMs * (2 * k + 1)) / 8, w);
    }
  }

  serviceDone(j: number): void {
    const jobs = this.jobs;
    const node = jobs.node[j];
    this.touch(node);
    this.busy[node]--;
    this.startNext(node);
    const kind = this.kinds[node];
    if (kind === KIND_CACHE) {
      if (cacheAfterService(this, j)) return;
    } else if (kind === KIND_INDEX) {
      indexAfterService(this, j);
    }
    // A leaf (no outgoing edge for this op) completes at once: the commonest case, kept short.
    if (this.model.outEdges[node * this.model.ops.length + jobs.op[j]].length === 0) this.completeJob(j, false);
    else this.issueCalls(j);
  }

  /** How many calls job `j` makes along edge `e` for `units` of its requests. */
  copiesAlong(j: number, e: number, units: number): number {
    const model = this.model;
    switch (model.edgeFanout[e]) {
      case FANOUT_FIXED:
        return model.edgeFanoutParam[e] * units;
      case FANOUT_FOLLOWERS: {
        const f = this.jobs.author[j];
        return f > model.edgeFanoutParam[e] ? 0 : f * units;
      }
      case FANOUT_FOLLOWEES:
        return this.jobs.followees[j] * units;
      case FANOUT_CELEBRITY_FOLLOWEES:
        // A sum of independent Poisson counts is Poisson.
        return this.rng.poisson(this.celebrityMean[e] * units);
      default:
        return 0;
    }
  }

  newGroup(j: number, e: number, weight: number): number {
    const groups = this.groups;
    const g = groups.alloc();
    groups.remaining[g] = 1; // a sentinel held while calls are being issued
    groups.edge[g] = e;
    groups.start[g] = this.jobs.arrival[j];
    groups.weight[g] = weight;
    groups.failed[g] = 0;
    groups.counted[g] = this.now >= this.warmupMs && this.now < this.durationMs ? 1 : 0;
    return g;
  }

  /** Issues every call of job `j` along edge `e` at once (parallel mode, and load balancers). */
  issueAlong(j: number, e: number, units: number): void {
    const model = this.model;
    const copies = this.copiesAlong(j, e, units);
    if (copies <= 0) return;
    const group = model.edgeTracked[e] ? this.newGroup(j, e, units) : -1;
    const p = model.edgeProbability[e];
    if (units === 1 && copies <= this.bulkThreshold) {
      for (let i = 0; i < copies; i++) {
        if (p < 1 && this.rng.uniform() >= p) continue;
        // All calls start at once, so a sibling's instant failure does not stop the rest.
        this.fireCall(j, e, group, 1);
      }
    } else {
      const made = p < 1 ? this.rng.binomial(copies, p) : copies;
      if (made > 0) this.fireCall(j, e, group, made);
    }
    if (group >= 0) this.groupDone(group, false);
  }

  /**
   * Issues the calls of job `j` after its service: in parallel all at once;
   * sequentially one after another, resuming here each time the previous
   * sync call completes. Then completes the job if nothing is pending.
   */
  issueCalls(j: number): void {
    const jobs = this.jobs;
    const node = jobs.node[j];
    const model = this.model;
    const nOps = model.ops.length;
    jobs.flags[j] |= F_ISSUING;
    const units = jobs.callUnits[j];
    if (units > 0) {
      const list = model.outEdges[node * nOps + jobs.op[j]];
      if (this.sequential[node] === 0) {
        for (let i = 0; i < list.length; i++) this.issueAlong(j, list[i], units);
        jobs.flags[j] |= F_ISSUED_ALL;
      } else {
        this.issueSequential(j, list, units);
      }
    } else {
      jobs.flags[j] |= F_ISSUED_ALL;
    }
    jobs.flags[j] &= ~F_ISSUING;
    this.settle(j);
  }

  /** Sequential calls: fire until a sync call is outstanding (or all are issued). */
  issueSequential(j: number, list: Int32Array, units: number): void {
    const jobs = this.jobs;
    const model = this.model;
    while (jobs.cursor[j] < list.length) {
      if (jobs.flags[j] & F_FAILED) {
        this.abandonEdge(j);
        return;
      }
      const e = list[jobs.cursor[j]];
      if (jobs.copiesLeft[j] < 0) {
        const copies = this.copiesAlong(j, e, units);
        // Bulk jobs send each edge's calls as one bulk call.
        jobs.copiesLeft[j] = units === 1 && copies <= this.bulkThreshold ? copies : copies > 0 ? 1 : 0;
        jobs.openGroup[j] = copies > 0 && model.edgeTracked[e] ? this.newGroup(j, e, units) : -1;
        if (units !== 1 || copies > this.bulkThreshold) {
          const p = model.edgeProbability[e];
          const made = p < 1 ? this.rng.binomial(copies, p) : copies;
          jobs.copiesLeft[j] = 0;
          if (made > 0) {
            this.fireCall(j, e, jobs.openGroup[j], made);
            if (jobs.pending[j] > 0 && model.edgeAsync[e] === 0) {
              this.closeEdge(j);
              return;
            }
          }
        }
      }
      while (jobs.copiesLeft[j] > 0) {
        jobs.copiesLeft[j]--;
        const p = model.edgeProbability[e];
        if (p < 1 && this.rng.uniform() >= p) continue;
        this.fireCall(j, e, jobs.openGroup[j], 1);
        if (jobs.flags[j] & F_FAILED) {
          this.abandonEdge(j);
          return;
        }
        if (jobs.pending[j] > 0) {
          if (jobs.copiesLeft[j] === 0) this.closeEdge(j);
          return; // resume when this call completes
        }
      }
      this.closeEdge(j);
    }
    jobs.flags[j] |= F_ISSUED_ALL;
  }

  /** Sequential calls: move past the current edge, releasing its delivery group's sentinel. */
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
    const flags = jobs.flags[j];
    if (flags & (F_DONE | F_ISSUING)) return;
    if (flags & F_FAILED) {
      this.completeJob(j, true);
    } else if (jobs.pending[j] === 0) {
      if (flags & F_ISSUED_ALL) this.completeJob(j, false);
      else if (!(flags & F_SPLITTER)) this.issueCalls(j);
    }
  }

  /** A call of job `p` completed (or failed). */
  childDone(p: number, failed: boolean): void {
    const jobs = this.jobs;
    jobs.pending[p]--;
    if (jobs.flags[p] & F_DONE) {
      this.maybeRelease(p);
      return;
    }
    if (failed) jobs.flags[p] |= F_FAILED;
    this.settle(p);
  }

  /** Tells the caller and the delivery group that job `j` is over, once. */
  notifyUp(j: number, failed: boolean): void {
    const jobs = this.jobs;
    const g = jobs.group[j];
    if (g >= 0) {
      jobs.group[j] = -1;
      this.groupDone(g, failed);
    }
    const p = jobs.parent[j];
    if (p >= 0) {
      jobs.parent[j] = -1;
      this.childDone(p, failed);
    } else if (jobs.flags[j] & F_REQUEST) {
      jobs.flags[j] &= ~F_REQUEST;
      const client = this.model.edgeSource[jobs.edge[j]];
      this.requestDone(client, jobs.op[j], jobs.arrival[j], (jobs.flags[j] & F_COUNTED) !== 0, failed);
    }
  }

  groupDone(g: number, failed: boolean): void {
    const groups = this.groups;
    if (failed) groups.failed[g] = 1;
    if (--groups.remaining[g] > 0) return;
    if (groups.counted[g] && !groups.failed[g]) {
      this.delivery[groups.edge[g]]!.recordWeighted(this.now - groups.start[g], groups.weight[g]);
    }
    groups.release(g);
  }

  /** Job `j` completes at its node: statistics, then its caller hears of it. */
  completeJob(j: number, failed: boolean, dropped = false): void {
    const jobs = this.jobs;
    const node = jobs.node[j];
    const kind = this.kinds[node];
    if (kind === KIND_CLIENT) {
      this.completeRequest(j, failed);
      return;
    }
    jobs.flags[j] |= F_DONE | (failed ? F_FAILED : 0);
    const units = jobs.count[j];
    const splitter = (jobs.flags[j] & F_SPLITTER) !== 0;
    // A splitter's units are accounted for by its chunks; a drop was counted on arrival.
    if (!splitter && !dropped) {
      if (jobs.flags[j] & F_COUNTED) {
        if (failed) this.nErrors[node] += units;
        else {
          this.nCompleted[node] += units;
          const latency = this.now - jobs.arrival[j];
          if (units === 1) this.nodeLatency[node].record(latency);
          else {
            // The units of a chunk finish their service one after another, then share the downstream wait.
            const serviceMs = jobs.service[j];
            this.recordSpread(this.nodeLatency[node], latency - serviceMs, serviceMs, units);
          }
        }
      }
      if (this.windows !== null) this.windows.nodeCompleted(node, units, failed);
    }
    const e = jobs.edge[j];
    if (e >= 0 && this.outstanding[e] > 0) this.outstanding[e] = Math.max(0, this.outstanding[e] - units);
    if (kind === KIND_QUEUE && !splitter && !dropped) {
      // The consumer slot is held until the delivery completes (a rejected message never had one).
      this.touch(node);
      this.busy[node]--;
      this.startNext(node);
    }
    this.notifyUp(j, failed);
    this.maybeRelease(j);
  }

  /**
   * A client's request is over: its response time (creation to completion)
   * goes into the client's histogram and the op's counts. Nobody waits for it.
   */
  completeRequest(j: number, failed: boolean): void {
    const jobs = this.jobs;
    jobs.flags[j] |= F_DONE | (failed ? F_FAILED : 0);
    this.requestDone(jobs.node[j], jobs.op[j], jobs.arrival[j], (jobs.flags[j] & F_COUNTED) !== 0, failed);
    if (jobs.pending[j] === 0) jobs.release(j);
  }

  /** Counts a finished request of `op` created at `createdAt` by `client`. */
  requestDone(client: number, op: number, createdAt: number, counted: boolean, failed: boolean): void {
    const latency = this.now - createdAt;
    if (counted) {
      if (failed) {
        this.nErrors[client]++;
        this.opErrors[op]++;
      } else {
        this.nCompleted[client]++;
        this.opSuccess[op]++;
        this.nodeLatency[client].record(latency);
      }
    }
    if (this.windows !== null) {
      this.windows.nodeCompleted(client, 1, failed);
      this.windows.opCompleted(op, latency, failed);
    }
  }

  maybeRelease(j: number): void {
    const flags = this.jobs.flags[j];
    if (flags & F_DONE && this.jobs.pending[j] === 0 && !(flags & F_IN_FIFO)) this.jobs.release(j);
  }

  /** Frees WebAssembly memory held by the histograms. */
  dispose(): void {
    for (const h of this.nodeLatency) h.dispose();
    for (const h of this.nodeWait) h.dispose();
    for (const h of this.visibility) h?.dispose();
    for (const h of this.delivery) h?.dispose();
    this.windows?.dispose();
  }
}


/** The edge of a client's only outgoing call for `op` when it is plain (sync, fan-out 1, probability 1), else −1. */
function plainOnlyEdge(model: Model, client: number, op: number): number {
  const list = model.outEdges[client * model.ops.length + op];
  if (list.length !== 1) return -1;
  const e = list[0];
  const plain = model.edgeAsync[e] === 0 && model.edgeFanout[e] === FANOUT_FIXED && model.edgeFanoutParam[e] === 1 && model.edgeProbability[e] === 1;
  return plain ? e : -1;
}
