/**
 * Stations (after SimPy's `BaseResource`): servers, a waiting line (FIFO or
 * LIFO) and admission under a capacity — one reusable piece for an
 * application server, a database's connection pool, a cache, a queue's
 * consumers, and later a log partition, a consumer group or a batch worker
 * pool. Station s of a node is the node's own index; kinds that need more
 * stations add them past the node count.
 *
 * The bulk path is the station's admission policy: a job standing for many
 * identical calls (a celebrity's fan-out) is admitted up to the room left,
 * waits in the line as one "splitter", and is served in chunks, each
 * holding one server for the summed service time of its calls: a chunk takes
 * 1/C of the calls still waiting, C = max(minChunks, chunksPerServer ×
 * servers), but never fewer than 1/(8C) of the job — at most about 3C chunks.
 */
import { sample, sampleSum, type Sampler } from './distributions';
import type { Simulation } from './engine';
import { F_ABANDONED, F_CANCELLED, F_COUNTED, F_DONE, F_FAILED, F_IN_FIFO, F_ISSUED_ALL, F_SPLITTER, Line } from './jobs';
import type { LatencyHistogram } from './stats';

// The job record's layout (jobs.ts), copied rather than imported: V8 folds a module's own constants
// into the optimized code but loads imported ones at every use, which cost the M/M/1 benchmark
// about 15%. test/sim/jobLayout.test.ts checks that every copy agrees with jobs.ts.
const INT_FIELDS = 8;
const NUM_FIELDS = 8;
const J_ARRIVAL = 0;
const J_AUTHOR = 5;
const J_CALL_UNITS = 4;
const J_COUNT = 1;
const J_FLAGS = 6;
const J_FOLLOWEES = 6;
const J_MARK = 3;
const J_NODE = 0;
const J_OP = 1;
const J_PENDING = 5;
const J_REMAINING = 7;
const J_SERVICE = 2;

/** What a server does with a job it takes: serve it (a service time), or hand it on (a queue's consumer delivers it). */
export type ServeFn = (sim: Simulation, j: number) => void;

export interface StationSpec {
  servers: number;
  /** Waiting places (absent = unbounded). */
  capacity?: number;
  discipline?: 'fifo' | 'lifo';
  /** Service time; null when a server's work is not a service time (a queue's consumer). */
  serviceTimeMs: Sampler | null;
  /** What a server does with a job it takes (default: serve it for a sampled service time). */
  serve?: ServeFn;
  /** Thread per request: a job keeps its server while it waits for its own sync calls. */
  blocking?: boolean;
  /** A waiting job whose caller gave up is dropped when a server would take it. */
  dropAbandoned?: boolean;
}

export class Stations {
  count: number;
  servers: Float64Array;
  busy: Float64Array;
  /** Of `busy`: leaf calls in summed mode (engine.ts), whose busy time is summed call by call, so the busy-time integral leaves them out. */
  summedBusy: Float64Array;
  /** Units waiting for a server (a bulk splitter counts its remaining units). */
  queued: Float64Array;
  capacity: Float64Array;
  dispatching: Uint8Array;
  /**
   * Calls of bulk chunks in service that still wait behind the one being
   * served: a chunk of k calls starts with k − 1 of them waiting and none
   * when it ends, modelled as a straight ramp down (level at `rampTime`,
   * falling by `rampSlope` per ms). It keeps Little's law within one result
   * and capacity honest for bulk work. `chunksInService` tells when it is 0.
   */
  rampLevel: Float64Array;
  rampSlope: Float64Array;
  rampTime: Float64Array;
  chunksInService: Float64Array;
  lines: (Line | null)[] = [];
  samplers: (Sampler | null)[] = [];
  serveFns: ServeFn[] = [];
  /** 1 where the station's servers serve for a sampled service time (startService), called directly rather than through serveFns. */
  servesTimed: Uint8Array;
  /** Service times are multiplied by this (1; a `slow` fault raises it). */
  slow: Float64Array;
  /** 1 where a job keeps its server until it completes (StationSpec.blocking). */
  blocking: Uint8Array;
  /** 1 where a job whose caller gave up is dropped instead of served (StationSpec.dropAbandoned). */
  dropsAbandoned: Uint8Array;
  readonly chunksPerServer: number;
  readonly minChunks: number;

  /** `count` stations, all without servers until `define`d. */
  constructor(count: number, chunksPerServer: number, minChunks: number) {
    this.count = count;
    this.servers = new Float64Array(count);
    this.busy = new Float64Array(count);
    this.summedBusy = new Float64Array(count);
    this.queued = new Float64Array(count);
    this.capacity = new Float64Array(count).fill(Infinity);
    this.dispatching = new Uint8Array(count);
    this.rampLevel = new Float64Array(count);
    this.rampSlope = new Float64Array(count);
    this.rampTime = new Float64Array(count);
    this.chunksInService = new Float64Array(count);
    this.servesTimed = new Uint8Array(count).fill(1);
    this.slow = new Float64Array(count).fill(1);
    this.blocking = new Uint8Array(count);
    this.dropsAbandoned = new Uint8Array(count);
    for (let s = 0; s < count; s++) {
      this.lines.push(null);
      this.samplers.push(null);
      this.serveFns.push(startService);
    }
    this.chunksPerServer = chunksPerServer;
    this.minChunks = minChunks;
  }

  /** Gives station `s` its servers, line and service. */
  define(s: number, spec: StationSpec): void {
    this.servers[s] = spec.servers;
    this.capacity[s] = spec.capacity ?? Infinity;
    this.lines[s] = new Line(spec.discipline === 'lifo');
    this.samplers[s] = spec.serviceTimeMs;
    this.serveFns[s] = spec.serve ?? startService;
    this.servesTimed[s] = this.serveFns[s] === startService ? 1 : 0;
    this.blocking[s] = spec.blocking ? 1 : 0;
    this.dropsAbandoned[s] = spec.dropAbandoned ? 1 : 0;
  }

  /** Calls waiting at time `t` (≥ the last change): in the line, and behind the first call of each chunk in service. */
  waitingAt(s: number, t: number): number {
    if (this.chunksInService[s] === 0) return this.queued[s];
    return this.queued[s] + Math.max(0, this.rampLevel[s] - this.rampSlope[s] * (t - this.rampTime[s]));
  }

  /** The time integral of the calls waiting over [from, to], both at or after the last change. */
  waitingArea(s: number, from: number, to: number): number {
    const line = this.queued[s] * (to - from);
    if (this.chunksInService[s] === 0) return line;
    return line + ((this.waitingAt(s, from) - this.queued[s] + this.waitingAt(s, to) - this.queued[s]) / 2) * (to - from);
  }

  /** A chunk of `units` calls and `durationMs` of work starts (call after integrating up to `now`). */
  chunkStarts(s: number, units: number, durationMs: number, now: number): void {
    this.moveRamp(s, now);
    this.chunksInService[s]++;
    if (durationMs > 0) {
      this.rampLevel[s] += units - 1;
      this.rampSlope[s] += (units - 1) / durationMs;
    }
  }

  /** A chunk started by `chunkStarts` ends (call after integrating up to `now`). */
  chunkEnds(s: number, units: number, durationMs: number, now: number): void {
    this.moveRamp(s, now);
    if (durationMs > 0) this.rampSlope[s] -= (units - 1) / durationMs;
    if (--this.chunksInService[s] === 0) {
      this.rampLevel[s] = 0;
      this.rampSlope[s] = 0;
    }
  }

  private moveRamp(s: number, now: number): void {
    this.rampLevel[s] = Math.max(0, this.rampLevel[s] - this.rampSlope[s] * (now - this.rampTime[s]));
    this.rampTime[s] = now;
  }

  /** Whether a server is free and nobody is waiting. */
  idle(s: number): boolean {
    return this.busy[s] < this.servers[s] && this.lines[s]!.length === 0;
  }
}

/** A job reaches a station: served at once, waits, or is turned away (its call fails at once). */
export function stationArrive(sim: Simulation, j: number): void {
  const st = sim.stations;
  const jobs = sim.jobs;
  const s = jobs.ints[j * INT_FIELDS + J_NODE];
  if (jobs.nums[j * NUM_FIELDS + J_COUNT] === 1) {
    if (st.busy[s] < st.servers[s]) {
      if (st.dropsAbandoned[s] === 1 && jobs.ints[j * INT_FIELDS + J_FLAGS] & F_ABANDONED) {
        dropAbandonedJob(sim, s, j);
        return;
      }
      sim.meter.touch(s);
      st.busy[s]++;
      if (st.servesTimed[s] === 1) startService(sim, j);
      else st.serveFns[s](sim, j);
    } else if (st.queued[s] < st.capacity[s]) {
      enqueue(sim, s, j, 1);
    } else {
      // A rejected request completes at once with an error: a drop, not an error of this node.
      sim.meter.dropped(s, 1, (jobs.ints[j * INT_FIELDS + J_FLAGS] & F_COUNTED) !== 0);
      sim.completeJob(j, true, true);
    }
    return;
  }
  if (!admitBulk(sim, j)) return;
  enqueueSplitter(sim, s, j);
}

/**
 * Bulk admission: a job standing for many calls is cut to what fits (free
 * servers plus waiting places); the rest is dropped and the call fails (its
 * caller fails fast), while the accepted units are still served.
 */
function admitBulk(sim: Simulation, j: number): boolean {
  const st = sim.stations;
  const jobs = sim.jobs;
  const s = jobs.ints[j * INT_FIELDS + J_NODE];
  const units = jobs.nums[j * NUM_FIELDS + J_COUNT];
  const room = st.servers[s] - st.busy[s] + st.capacity[s] - st.waitingAt(s, sim.now);
  if (units <= room) return true;
  const accepted = Math.max(0, Math.floor(room));
  sim.meter.dropped(s, units - accepted, (jobs.ints[j * INT_FIELDS + J_FLAGS] & F_COUNTED) !== 0);
  sim.releaseOutstanding(j, units - accepted);
  if (accepted === 0) {
    sim.completeJob(j, true, true);
    return false;
  }
  jobs.nums[j * NUM_FIELDS + J_COUNT] = accepted;
  jobs.nums[j * NUM_FIELDS + J_CALL_UNITS] = accepted;
  jobs.ints[j * INT_FIELDS + J_FLAGS] |= F_FAILED;
  sim.notifyUp(j, true);
  return true;
}

/** Puts a bulk job in the line; servers take it in chunks. */
export function enqueueSplitter(sim: Simulation, s: number, j: number): void {
  const jobs = sim.jobs;
  jobs.ints[j * INT_FIELDS + J_FLAGS] |= F_SPLITTER;
  jobs.nums[j * NUM_FIELDS + J_REMAINING] = jobs.nums[j * NUM_FIELDS + J_COUNT];
  const st = sim.stations;
  sim.meter.touch(s);
  st.queued[s] += jobs.nums[j * NUM_FIELDS + J_COUNT];
  st.lines[s]!.push(j);
  jobs.ints[j * INT_FIELDS + J_FLAGS] |= F_IN_FIFO;
  startNext(sim, s);
  // What waits once the free servers have taken their chunks (a bulk job never waits for a server that is free).
  sim.meter.queueIs(s, st.waitingAt(s, sim.now));
}

export function enqueue(sim: Simulation, s: number, j: number, units: number): void {
  const st = sim.stations;
  sim.meter.touch(s);
  st.queued[s] += units;
  st.lines[s]!.push(j);
  sim.jobs.ints[j * INT_FIELDS + J_FLAGS] |= F_IN_FIFO;
  sim.meter.queueIs(s, st.waitingAt(s, sim.now));
}

/**
 * Cancels job `j` if it is still waiting in its station's line (a hedge's
 * losing copy): it leaves the count at once and the line when it reaches
 * the front, and nothing more happens to it. Returns whether it was waiting.
 * Work already in service cannot be cancelled here: it runs on, as wasted work.
 */
export function cancelWaiting(sim: Simulation, j: number): boolean {
  const jobs = sim.jobs;
  const flags = jobs.ints[j * INT_FIELDS + J_FLAGS];
  if (!(flags & F_IN_FIFO) || flags & (F_CANCELLED | F_SPLITTER)) return false;
  const s = jobs.ints[j * INT_FIELDS + J_NODE];
  sim.meter.touch(s);
  sim.stations.queued[s] -= jobs.nums[j * NUM_FIELDS + J_COUNT];
  jobs.ints[j * INT_FIELDS + J_FLAGS] = flags | F_CANCELLED | F_DONE;
  return true;
}

/** Hands waiting work to free servers, in the line's order. */
export function startNext(sim: Simulation, s: number): void {
  const st = sim.stations;
  if (st.dispatching[s]) return; // the outer loop picks up what frees meanwhile
  st.dispatching[s] = 1;
  const jobs = sim.jobs;
  const line = st.lines[s]!;
  const serve = st.serveFns[s];
  const timed = st.servesTimed[s] === 1;
  while (line.length > 0 && st.busy[s] < st.servers[s]) {
    const h = line.peek();
    if (jobs.ints[h * INT_FIELDS + J_FLAGS] & F_CANCELLED) {
      // Cancelled while waiting: already out of the count, now out of the line.
      line.take();
      jobs.ints[h * INT_FIELDS + J_FLAGS] &= ~F_IN_FIFO;
      sim.maybeRelease(h);
      continue;
    }
    let job: number;
    if (jobs.ints[h * INT_FIELDS + J_FLAGS] & F_SPLITTER) {
      // Guided chunks: each takes 1/chunks of what remains (never under 1/8 of the first), so the
      // last chunks are small and the servers finish a fan-out together, as call by call they would.
      const chunks = Math.max(st.minChunks, st.chunksPerServer * st.servers[s]);
      const size = Math.max(1, Math.ceil(jobs.nums[h * NUM_FIELDS + J_COUNT] / (8 * chunks)), Math.ceil(jobs.nums[h * NUM_FIELDS + J_REMAINING] / chunks));
      const take = Math.min(size, jobs.nums[h * NUM_FIELDS + J_REMAINING]);
      jobs.nums[h * NUM_FIELDS + J_REMAINING] -= take;
      if (jobs.nums[h * NUM_FIELDS + J_REMAINING] <= 0) {
        line.take();
        jobs.ints[h * INT_FIELDS + J_FLAGS] = (jobs.ints[h * INT_FIELDS + J_FLAGS] & ~F_IN_FIFO) | F_ISSUED_ALL;
      }
      job = makeChunk(sim, h, take);
      sim.meter.touch(s);
      st.queued[s] -= take;
    } else {
      line.take();
      jobs.ints[h * INT_FIELDS + J_FLAGS] &= ~F_IN_FIFO;
      job = h;
      sim.meter.touch(s);
      st.queued[s] -= 1;
      if (st.dropsAbandoned[s] === 1 && jobs.ints[h * INT_FIELDS + J_FLAGS] & F_ABANDONED) {
        sim.meter.queueIs(s, st.waitingAt(s, sim.now));
        dropAbandonedJob(sim, s, h);
        continue;
      }
    }
    st.busy[s]++;
    if (timed) startService(sim, job);
    else serve(sim, job);
  }
  st.dispatching[s] = 0;
}

/** Job `j`'s caller gave up on it before a server took it: discarded, nobody hears of it (SCENARIO.md v2: `dropAbandoned`). */
function dropAbandonedJob(sim: Simulation, s: number, j: number): void {
  sim.meter.abandonedDropped(s, sim.jobs.nums[j * NUM_FIELDS + J_COUNT], (sim.jobs.ints[j * INT_FIELDS + J_FLAGS] & F_COUNTED) !== 0);
  sim.completeJob(j, true, true);
}

/** A chunk of a bulk job: `take` of its units, served by one server, reporting to the splitter. */
function makeChunk(sim: Simulation, splitter: number, take: number): number {
  const jobs = sim.jobs;
  const c = jobs.spawn(
    jobs.ints[splitter * INT_FIELDS + J_NODE],
    jobs.ints[splitter * INT_FIELDS + J_OP],
    splitter,
    -1,
    -1,
    jobs.ints[splitter * INT_FIELDS + J_FLAGS] & F_COUNTED,
    jobs.nums[splitter * NUM_FIELDS + J_ARRIVAL],
    take,
    jobs.nums[splitter * NUM_FIELDS + J_AUTHOR],
    jobs.nums[splitter * NUM_FIELDS + J_FOLLOWEES],
    jobs.key[splitter],
  );
  jobs.nums[c * NUM_FIELDS + J_MARK] = jobs.nums[splitter * NUM_FIELDS + J_MARK];
  jobs.ints[splitter * INT_FIELDS + J_PENDING]++;
  return c;
}

/** A server takes job `j`: one service time (a chunk: the sum of its calls'), then the service-done event. */
export function startService(sim: Simulation, j: number): void {
  const jobs = sim.jobs;
  const s = jobs.ints[j * INT_FIELDS + J_NODE];
  const units = jobs.nums[j * NUM_FIELDS + J_COUNT];
  const sampler = sim.stations.samplers[s]!;
  let duration: number;
  if (units === 1) {
    duration = sample(sampler, sim.rng);
    const slow = sim.stations.slow[s];
    if (slow !== 1) duration *= slow;
    if (jobs.ints[j * INT_FIELDS + J_FLAGS] & F_COUNTED) sim.meter.nodeWait[s].record(sim.now - jobs.nums[j * NUM_FIELDS + J_ARRIVAL]);
  } else {
    duration = sampleSum(sampler, units, sim.rng) * sim.stations.slow[s];
    // The calls of a chunk start one after another: the i-th of k waits i/k of the chunk's work more.
    if (jobs.ints[j * INT_FIELDS + J_FLAGS] & F_COUNTED) recordSpread(sim.meter.nodeWait[s], sim.now - jobs.nums[j * NUM_FIELDS + J_ARRIVAL], (duration * (units - 1)) / units, units);
    sim.stations.chunkStarts(s, units, duration, sim.now);
  }

  jobs.nums[j * NUM_FIELDS + J_MARK] = sim.now;
  jobs.nums[j * NUM_FIELDS + J_SERVICE] = duration;
  sim.scheduleJob(sim.now + duration, sim.evServiceDone, j);
}

/**
 * Records `units` values of a bulk chunk: the units of a chunk start (or
 * finish) one after another over `spreadMs`, so they are recorded at four
 * evenly spaced points of it, each a quarter of the weight.
 */
export function recordSpread(h: LatencyHistogram, baseMs: number, spreadMs: number, units: number): void {
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
