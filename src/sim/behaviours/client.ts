/**
 * Client: an open-loop load generator. Each arrival creates a request of the
 * client's op; its response time runs from creation to completion. Arrivals
 * stop at durationSec.
 *
 * With a `rateSchedule` the rate is piecewise constant. Poisson arrivals
 * stay an exact (non-homogeneous) Poisson process: a gap that would cross a
 * change of rate is drawn again from the change on, at the new rate — the
 * exponential is memoryless, so nothing is lost or biased. Constant arrivals
 * restart their beat at each change: one arrival at the change, then one
 * every 1/rate.
 */
import type { ParamsOf } from '../../scenario/schema';
import { compileSampler, sample, type Sampler } from '../distributions';
import type { Simulation } from '../engine';
import { F_COUNTED, F_FAILED, F_REQUEST, INT_FIELDS, J_FLAGS } from '../jobs';
import { FANOUT_FIXED, type Model } from '../model';
import { KEY_STREAM, KeyLaw } from '../keys';
import type { Rng } from '../random';
import type { Behaviour } from './types';

interface ClientContext {
  evArrival: number;
  /** A closed-loop user's next send falls due (id: the client's first user slot + the user). */
  evUserSend: number;
  /** Per user slot of every closed client: its client node. */
  userClient: number[];
  /** The run's key law (shared by every client), or null without `keys`. */
  keyLaw: KeyLaw | null;
  /** Clients compiled so far: the k-th client (document order) owns random streams 2k + 1 and 2k + 2. */
  clients: number;
}

export interface ClientState {
  op: number;
  /** Requests per ms. */
  rate: number;
  poisson: boolean;
  /** Its only, plain call's edge (see F_REQUEST), or −1. */
  directEdge: number;
  /** Arrival times: a stream of its own, so that variants of a scenario see the very same requests (common random numbers). */
  arrivals: Rng;
  /** Authors and readers drawn from the population. */
  people: Rng;
  /** Keys (a stream of its own, untouched without `keys`), or null. */
  keys: Rng | null;
  keyLaw: KeyLaw | null;
  evArrival: number;
  /** Rate schedule, or null: the rate of each piece (per ms) and where it ends (ms; the last ends never). */
  schedule: { rates: Float64Array; ends: Float64Array; piece: number } | null;
  /** Closed-loop users, or null for an open client. */
  closed: ClosedUsers | null;
}

/**
 * Closed-loop users (SCENARIO.md v2): each has at most one request in flight
 * and sends the next when its outcome is known — after a think time, or at
 * its next intended time (k × interval, staggered over users) unless it is
 * behind, when it sends at once.
 */
interface ClosedUsers {
  users: number;
  /** The user slot of user 0 in the run's table (ClientContext.userClient). */
  firstSlot: number;
  think: Sampler | null;
  intervalMs: number;
  /** Per user: its current intended send time (interval variant), ms. */
  intended: Float64Array;
  /** The user and intended send time of each request in flight, by its job. */
  inFlight: Map<number, { user: number; intendedMs: number }>;
  evUserSend: number;
}

function interarrivalMs(state: ClientState): number {
  return state.poisson ? state.arrivals.exponential(1 / state.rate) : 1 / state.rate;
}

/** The first arrival after `t` under the client's rate schedule (Infinity: none). */
function nextScheduledMs(state: ClientState, t: number): number {
  const sch = state.schedule!;
  for (;;) {
    while (t >= sch.ends[sch.piece]) sch.piece++;
    const rate = sch.rates[sch.piece];
    const end = sch.ends[sch.piece];
    if (rate > 0) {
      const gap = state.poisson ? state.arrivals.exponential(1 / rate) : 1 / rate;
      if (t + gap < end) return t + gap;
    }
    if (end === Infinity) return Infinity;
    // The rate changes before the next arrival: start again from the change.
    t = end;
    if (!state.poisson && sch.rates[sch.piece + 1] > 0) return t;
  }
}

/** A client creates a request, issues its calls, and schedules the next arrival. */
function clientArrival(sim: Simulation, client: number): void {
  const state = sim.nodeState[client] as ClientState;
  const next = state.schedule === null ? sim.now + interarrivalMs(state) : nextScheduledMs(state, sim.now);
  if (next < sim.durationMs) sim.schedule(next, state.evArrival, client);
  createRequest(sim, client, state);
}

/** A closed-loop user sends its request. */
function userSends(sim: Simulation, slot: number): void {
  const context = sim.behaviourContext(clientBehaviour) as ClientContext;
  const client = context.userClient[slot];
  const state = sim.nodeState[client] as ClientState;
  const closed = state.closed!;
  const j = createRequest(sim, client, state);
  closed.inFlight.set(j, { user: slot - closed.firstSlot, intendedMs: closed.intended[slot - closed.firstSlot] });
}

/** A closed-loop user's request is over: it thinks, or waits for its next intended time, then sends again (not after durationSec). */
function userRequestDone(sim: Simulation, j: number, state: ClientState): void {
  const closed = state.closed!;
  const entry = closed.inFlight.get(j);
  if (entry === undefined) return;
  closed.inFlight.delete(j);
  const jobs = sim.jobs;
  const flags = jobs.ints[j * INT_FIELDS + J_FLAGS];
  // Intended latency: from when the user meant to send (the coordinated-omission correction), for successes, as latencyMs.
  if (closed.think === null && !(flags & F_FAILED)) sim.meter.intendedLatency(state.op, sim.now - entry.intendedMs, (flags & F_COUNTED) !== 0);
  let next: number;
  if (closed.think !== null) next = sim.now + sample(closed.think, state.arrivals);
  else {
    const intended = entry.intendedMs + closed.intervalMs;
    closed.intended[entry.user] = intended;
    next = Math.max(sim.now, intended);
  }
  if (next < sim.durationMs) sim.schedule(next, closed.evUserSend, closed.firstSlot + entry.user);
}

/** A request of the client: created, counted, and its calls issued; returns its job (−1 on the direct path). */
function createRequest(sim: Simulation, client: number, state: ClientState): number {
  const jobs = sim.jobs;
  const op = state.op;
  const population = sim.population;
  const author = population && sim.model.opNeedsAuthor[op] ? population.sampleAuthorFollowers(state.people) : -1;
  const followees = population && sim.model.opNeedsFollowees[op] ? population.sampleFollowees(state.people) : -1;
  const key = state.keyLaw === null ? -1 : state.keyLaw.draw(state.keys!);
  const counted = sim.meter.counts(sim.now);
  sim.meter.created(op, client, counted);
  const direct = state.directEdge;
  if (direct >= 0) {
    // The request travels as its only call: no job at the client (F_REQUEST).
    const c = jobs.spawn(sim.model.edgeTarget[direct], op, -1, -1, direct, F_REQUEST, sim.now, 1, author, followees, key);
    sim.meter.called(direct, 1, counted);
    sim.arrive(c);
    return -1;
  }
  const j = jobs.spawn(client, op, -1, -1, -1, counted ? F_COUNTED : 0, sim.now, 1, author, followees, key);
  sim.issueCalls(j);
  return j;
}

function compileSchedule(arrival: Extract<ParamsOf<'client'>['arrival'], { type: 'poisson' | 'constant' }>): ClientState['schedule'] {
  const list = arrival.rateSchedule;
  if (!list || list.length === 0) return null;
  const rates = new Float64Array(list.length + 1);
  const ends = new Float64Array(list.length + 1);
  rates[0] = arrival.ratePerSec / 1000;
  list.forEach((p, i) => {
    ends[i] = p.atSec * 1000;
    rates[i + 1] = p.ratePerSec / 1000;
  });
  ends[list.length] = Infinity;
  return { rates, ends, piece: 0 };
}

/** The edge of a client's only outgoing call for `op` when it is plain (sync, fan-out 1, probability 1), else −1. */
function plainOnlyEdge(model: Model, client: number, op: number): number {
  const list = model.outEdges[client * model.ops.length + op];
  if (list.length !== 1) return -1;
  const e = list[0];
  // A network delay, a timeout or a fault on the edge needs the request's own record: its creation time differs from the
  // call's arrival, and a call given up on must not take the request with it.
  const plain =
    model.edgeAsync[e] === 0 && model.edgeFanout[e] === FANOUT_FIXED && model.edgeFanoutParam[e] === 1 && model.edgeProbability[e] === 1 && model.edgeLatency[e] === null && model.edgeTimeout[e] === Infinity && model.edgeRetry[e] === null && model.edgeFaulted[e] === 0 && model.edgeBreaker[e] === null && model.edgeHedge[e] === null;
  return plain ? e : -1;
}

export const clientBehaviour: Behaviour<ClientState, ClientContext> = {
  kind: 'client',
  bulkRule: 'none: a client creates one request per arrival',
  createsRequests: true,
  setup: (sim) => ({
    evArrival: sim.registerEvent('client arrival', clientArrival, false),
    evUserSend: sim.registerEvent('user sends', userSends, false),
    userClient: [],
    keyLaw: sim.scenario.keys === undefined ? null : new KeyLaw(sim.scenario.keys),
    clients: 0,
  }),
  compile(sim, node, index, context) {
    const params = node.params as ParamsOf<'client'>;
    const op = sim.model.opIndex.get(params.op)!;
    const k = context.clients++;
    const a = params.arrival;
    let closed: ClosedUsers | null = null;
    if (a.type === 'closed') {
      const firstSlot = context.userClient.length;
      for (let u = 0; u < a.users; u++) context.userClient.push(index);
      const intended = new Float64Array(a.users);
      // The interval variant staggers its users over one interval.
      if (a.intervalMs !== undefined) for (let u = 0; u < a.users; u++) intended[u] = (u * a.intervalMs) / a.users;
      closed = { users: a.users, firstSlot, think: a.thinkTimeMs ? compileSampler(a.thinkTimeMs) : null, intervalMs: a.intervalMs ?? 0, intended, inFlight: new Map(), evUserSend: context.evUserSend };
      sim.meter.measureIntendedLatency(op, a.intervalMs !== undefined);
    }
    // Stream 0 is the shared one.
    return {
      op,
      rate: a.type === 'closed' ? 0 : a.ratePerSec / 1000,
      poisson: a.type === 'poisson',
      // A closed user waits for its own request: the request needs a record at the client.
      directEdge: sim.options.directRequests === false || closed !== null ? -1 : plainOnlyEdge(sim.model, index, op),
      arrivals: sim.stream(2 * k + 1),
      people: sim.stream(2 * k + 2),
      keys: context.keyLaw === null ? null : sim.stream(KEY_STREAM + k),
      keyLaw: context.keyLaw,
      evArrival: context.evArrival,
      schedule: a.type === 'closed' ? null : compileSchedule(a),
      closed,
    };
  },
  start(sim, index, state) {
    const closed = state.closed;
    if (closed !== null) {
      // Think-time users first think (they arrive at random moments); interval users send at their staggered offsets.
      for (let u = 0; u < closed.users; u++) {
        const first = closed.think !== null ? sample(closed.think, state.arrivals) : closed.intended[u];
        if (first < sim.durationMs) sim.schedule(first, closed.evUserSend, closed.firstSlot + u);
      }
      return;
    }
    // Constant arrivals start at t = 0 (or at the first change to a rate above 0); Poisson arrivals after one exponential gap.
    let first: number;
    if (state.schedule === null) first = state.poisson ? interarrivalMs(state) : 0;
    else first = !state.poisson && state.schedule.rates[0] > 0 ? 0 : nextScheduledMs(state, 0);
    if (first < sim.durationMs) sim.schedule(first, state.evArrival, index);
  },
  requestDone(sim, j, state) {
    if (state.closed !== null) userRequestDone(sim, j, state);
  },
  edgeFaulted(_sim, _index, state, e) {
    // The direct path skips `send`, where edge faults act: the client's requests take the edge's calls from now on.
    if (state.directEdge === e) state.directEdge = -1;
  },
  arrive() {
    throw new Error('a call reached a client: edges never lead into a client');
  },
};
