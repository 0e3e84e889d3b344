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
 * waits in the line as one "splitter", and is served in chunks — at most
 * max(minChunks, chunksPerServer × servers) of them, each holding one server
 * for the summed service time of its calls.
 */
import { sample, sampleSum, type Sampler } from './distributions';
import type { Simulation } from './engine';
import { F_COUNTED, F_FAILED, F_IN_FIFO, F_ISSUED_ALL, F_SPLITTER, Line } from './jobs';
import type { LatencyHistogram } from './stats';

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
}

export class Stations {
  count: number;
  servers: Float64Array;
  busy: Float64Array;
  /** Units waiting for a server (a bulk splitter counts its remaining units). */
  queued: Float64Array;
  capacity: Float64Array;
  dispatching: Uint8Array;
  lines: (Line | null)[] = [];
  samplers: (Sampler | null)[] = [];
  serveFns: ServeFn[] = [];
  readonly chunksPerServer: number;
  readonly minChunks: number;

  /** `count` stations, all without servers until `define`d. */
  constructor(count: number, chunksPerServer: number, minChunks: number) {
    this.count = count;
    this.servers = new Float64Array(count);
    this.busy = new Float64Array(count);
    this.queued = new Float64Array(count);
    this.capacity = new Float64Array(count).fill(Infinity);
    this.dispatching = new Uint8Array(count);
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
  const s = jobs.node[j];
  if (jobs.count[j] === 1) {
    if (st.busy[s] < st.servers[s]) {
      sim.meter.touch(s, sim.now);
      st.busy[s]++;
      st.serveFns[s](sim, j);
    } else if (st.queued[s] < st.capacity[s]) {
      enqueue(sim, s, j, 1);
    } else {
      // A rejected request completes at once with an error: a drop, not an error of this node.
      sim.meter.dropped(s, 1, (jobs.flags[j] & F_COUNTED) !== 0);
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
  const s = jobs.node[j];
  const units = jobs.count[j];
  const room = st.servers[s] - st.busy[s] + st.capacity[s] - st.queued[s];
  if (units <= room) return true;
  const accepted = Math.max(0, Math.floor(room));
  sim.meter.dropped(s, units - accepted, (jobs.flags[j] & F_COUNTED) !== 0);
  sim.releaseOutstanding(j, units - accepted);
  if (accepted === 0) {
    sim.completeJob(j, true, true);
    return false;
  }
  jobs.count[j] = accepted;
  jobs.callUnits[j] = accepted;
  jobs.flags[j] |= F_FAILED;
  sim.notifyUp(j, true);
  return true;
}

/** Puts a bulk job in the line; servers take it in chunks. */
export function enqueueSplitter(sim: Simulation, s: number, j: number): void {
  const jobs = sim.jobs;
  jobs.flags[j] |= F_SPLITTER;
  jobs.remaining[j] = jobs.count[j];
  enqueue(sim, s, j, jobs.count[j]);
  startNext(sim, s);
}

export function enqueue(sim: Simulation, s: number, j: number, units: number): void {
  const st = sim.stations;
  sim.meter.touch(s, sim.now);
  st.queued[s] += units;
  st.lines[s]!.push(j);
  sim.jobs.flags[j] |= F_IN_FIFO;
  sim.meter.queueIs(s, st.queued[s], sim.now);
}

/** Hands waiting work to free servers, in the line's order. */
export function startNext(sim: Simulation, s: number): void {
  const st = sim.stations;
  if (st.dispatching[s]) return; // the outer loop picks up what frees meanwhile
  st.dispatching[s] = 1;
  const jobs = sim.jobs;
  const line = st.lines[s]!;
  const serve = st.serveFns[s];
  while (line.length > 0 && st.busy[s] < st.servers[s]) {
    const h = line.peek();
    let job: number;
    if (jobs.flags[h] & F_SPLITTER) {
      const chunks = Math.max(st.minChunks, st.chunksPerServer * st.servers[s]);
      const size = Math.max(1, Math.ceil(jobs.count[h] / chunks));
      const take = Math.min(size, jobs.remaining[h]);
      jobs.remaining[h] -= take;
      if (jobs.remaining[h] <= 0) {
        line.take();
        jobs.flags[h] = (jobs.flags[h] & ~F_IN_FIFO) | F_ISSUED_ALL;
      }
      job = makeChunk(sim, h, take);
      sim.meter.touch(s, sim.now);
      st.queued[s] -= take;
    } else {
      line.take();
      jobs.flags[h] &= ~F_IN_FIFO;
      job = h;
      sim.meter.touch(s, sim.now);
      st.queued[s] -= 1;
    }
    st.busy[s]++;
    serve(sim, job);
  }
  st.dispatching[s] = 0;
}

/** A chunk of a bulk job: `take` of its units, served by one server, reporting to the splitter. */
function makeChunk(sim: Simulation, splitter: number, take: number): number {
  const jobs = sim.jobs;
  const c = jobs.spawn(
    jobs.node[splitter],
    jobs.op[splitter],
    splitter,
    -1,
    -1,
    jobs.flags[splitter] & F_COUNTED,
    jobs.arrival[splitter],
    take,
    jobs.author[splitter],
    jobs.followees[splitter],
  );
  jobs.mark[c] = jobs.mark[splitter];
  jobs.pending[splitter]++;
  return c;
}

/** A server takes job `j`: one service time (a chunk: the sum of its calls'), then the service-done event. */
export function startService(sim: Simulation, j: number): void {
  const jobs = sim.jobs;
  const s = jobs.node[j];
  const units = jobs.count[j];
  const sampler = sim.stations.samplers[s]!;
  const duration = units === 1 ? sample(sampler, sim.rng) : sampleSum(sampler, units, sim.rng);
  if (jobs.flags[j] & F_COUNTED) recordSpread(sim.meter.nodeWait[s], sim.now - jobs.arrival[j], duration, units);
  jobs.mark[j] = sim.now;
  jobs.service[j] = duration;
  sim.schedule(sim.now + duration, sim.evServiceDone, j);
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
