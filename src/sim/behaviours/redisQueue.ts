/**
 * A queue with Redis semantics (SCENARIO.md v2, "Logs and queues: Kafka-style
 * vs Redis-style"): `semantics: "list"` or `"pubsub"`. The broker (v1) stays
 * in queue.ts; queue.ts hands a node here when its semantics is not the
 * broker's.
 *
 * Both: a produce call completes after `enqueueTimeMs`, the moment the
 * message is in (published). Every outgoing edge is a worker pool of
 * `consumers` connections; a connection takes one message at a time and
 * delivers it as a sync call along its edge.
 * - List (LPUSH / BRPOP): one list for all the edges; an idle connection
 *   takes the oldest message, and connections that wait are served in the
 *   order they began to wait (Redis serves blocked clients first come, first
 *   served) — competing consumers, which finish in any order. A message taken
 *   lives only in its connection: when the delivery fails, or the target
 *   crashes while handling it, it is lost. With `reliable` (LMOVE into a
 *   processing list, LREM when handled) it is put back at the head of the
 *   list instead, and a handled message is removed only by the acknowledgement
 *   that follows the delivery (one more `enqueueTimeMs`): a crash before it
 *   puts back a message already handled, which is then handled twice.
 * - Pub/Sub (PUBLISH / SUBSCRIBE): at publish each edge whose target is up
 *   gets the message in its own buffer (the subscriber's connection), read
 *   by its connections; an edge whose target is down misses it. When a
 *   target crashes, what its buffer held and what it was handling are lost.
 *   Nothing is kept, nothing is delivered twice.
 *
 * Choices where the contract is silent:
 * - The target crashing is its consumers crashing (as for a log's consumer
 *   group): while it is down they take nothing — a list keeps its messages
 *   for them — and they look again every RETRY_MS (100 ms). A connection
 *   whose delivery failed while its target is up also waits RETRY_MS before
 *   it takes the next message (a failing message cannot spin at one instant).
 * - `maxMessages` counts what Redis holds: messages being enqueued, waiting
 *   in the list or in subscribers' buffers, and, reliable, taken and not yet
 *   acknowledged. A produce call that finds it full fails (noeviction).
 * - Per outgoing edge, of messages published in [warmupSec, durationSec):
 *   `delivered` (first successful deliveries), `duplicates` (successful
 *   deliveries of a message already handled), `lost`, `outOfOrder` (first
 *   deliveries of a key published before one of the key already delivered
 *   along the edge), `lagMs` (publish → end of the first delivery), and over
 *   the window `lagRecords`: messages the edge could take or is delivering,
 *   not yet delivered.
 * - A message whose op no outgoing edge carries is not kept (nobody reads it).
 */
import type { ParamsOf } from '../../scenario/schema';
import { compileSampler, sample, type Sampler } from '../distributions';
import type { Simulation } from '../engine';
import { F_COUNTED, F_FAILED, F_ISSUED_ALL, F_ISSUING, INT_FIELDS, J_CALL_UNITS, J_COUNT, J_FLAGS, J_NODE, J_OP, NUM_FIELDS } from '../jobs';
import type { EdgeResult } from '../results';
import { LatencyHistogram } from '../stats';
import { inWindow, lagChanges, lagSummary, type LagTrack } from './groupLag';
import { RETRY_MS } from './log';

/** A message's flags: handled once already (a reliable list put it back after its delivery), taken once already. */
const M_DELIVERED = 1;
const M_TAKEN = 2;

/** A double-ended line of messages (a Redis list, or a subscriber's buffer): ring buffers of typed arrays. */
class MessageLine {
  head = 0;
  length = 0;
  mask = 15;
  t = new Float64Array(16);
  seq = new Float64Array(16);
  key = new Int32Array(16);
  flags = new Uint8Array(16);

  private grow(): void {
    const n = (this.mask + 1) * 2;
    const t = new Float64Array(n);
    const seq = new Float64Array(n);
    const key = new Int32Array(n);
    const flags = new Uint8Array(n);
    for (let i = 0; i < this.length; i++) {
      const k = (this.head + i) & this.mask;
      t[i] = this.t[k];
      seq[i] = this.seq[k];
      key[i] = this.key[k];
      flags[i] = this.flags[k];
    }
    this.t = t;
    this.seq = seq;
    this.key = key;
    this.flags = flags;
    this.head = 0;
    this.mask = n - 1;
  }

  push(t: number, seq: number, key: number, flags: number, front: boolean): void {
    if (this.length > this.mask) this.grow();
    let i: number;
    if (front) {
      this.head = (this.head - 1) & this.mask;
      i = this.head;
    } else i = (this.head + this.length) & this.mask;
    this.t[i] = t;
    this.seq[i] = seq;
    this.key[i] = key;
    this.flags[i] = flags;
    this.length++;
  }

  /** Removes the head; returns its slot, valid until the next push. */
  shift(): number {
    const i = this.head;
    this.head = (this.head + 1) & this.mask;
    this.length--;
    return i;
  }
}

/** What a connection is doing. */
const IDLE = 0;
const BUSY = 1;
const ACKING = 2;
const SLEEPING = 3;

/** Messages waiting: one line per op (so a connection finds what its edge carries at once), and the idle connections in the order they began to wait. */
interface Pool {
  lines: (MessageLine | null)[];
  idle: Int32Array;
  idleHead: number;
  idleLength: number;
}

/** An outgoing edge: a worker pool of connections, and its results. */
interface Group extends LagTrack {
  edge: number;
  target: number;
  pool: Pool;
  carries: Uint8Array;
  carriedOps: number[];
  /** Per key: the highest publish sequence delivered along the edge (null without keys). */
  lastSeqOfKey: Float64Array | null;
  nDelivered: number;
  nDuplicates: number;
  nLost: number;
  nOutOfOrder: number;
  lagMs: LatencyHistogram;
  // Its lag (messages it has yet to receive): LagTrack's fields.
}

export interface RedisQueueState {
  node: number;
  list: boolean;
  reliable: boolean;
  maxMessages: number;
  enqueueTime: Sampler;
  groups: Group[];
  /** Per op: the groups whose edge carries it. */
  groupsOfOp: number[][];
  /** Per connection: its group, what it does, its epoch (raised when it restarts: what it did before is forgotten), whether it is in its pool's idle line. */
  groupOf: Int32Array;
  doing: Uint8Array;
  epoch: Float64Array;
  inIdle: Uint8Array;
  /** Per connection: the message it holds. */
  mT: Float64Array;
  mSeq: Float64Array;
  mKey: Int32Array;
  mOp: Int32Array;
  mFlags: Uint8Array;
  /** Per connection: queued for a turn at taking (kick). */
  kicked: Uint8Array;
  /** Delivery job → connection + connections × epoch (job-bound bookkeeping, as the log keeps). */
  inFlight: Map<number, number>;
  /** Connections whose turn at taking is due, taken one after another (a trampoline: a delivery that completes at once does not recurse). */
  kicks: number[];
  kicking: boolean;
  /** Messages held (for maxMessages): being enqueued, waiting, and (reliable) taken and not acknowledged. */
  held: number;
  waiting: number;
  seq: number;
  ctx: RedisContext;
}

export interface RedisContext {
  evPublished: number;
  evWake: number;
  evAcked: number;
}

/** A list's message of `op` became takeable (+1) or not (−1) for every group but `except` that carries it. */
function listLag(sim: Simulation, state: RedisQueueState, op: number, except: number, d: number): void {
  for (const g of state.groupsOfOp[op]) if (g !== except) lagChanges(sim, state.groups[g], d);
}

function waitingChanges(sim: Simulation, state: RedisQueueState, d: number): void {
  sim.meter.touch(state.node);
  state.waiting += d;
  sim.stations.queued[state.node] = state.waiting;
  if (d > 0) sim.meter.queueIs(state.node, state.waiting);
}

function busyChanges(sim: Simulation, state: RedisQueueState, d: number): void {
  sim.meter.touch(state.node);
  sim.stations.busy[state.node] += d;
}

function lineOf(pool: Pool, op: number): MessageLine {
  let line = pool.lines[op];
  if (line === null) {
    line = new MessageLine();
    pool.lines[op] = line;
  }
  return line;
}

/** A produce call reaches the queue: refused when Redis is full, else enqueued (one round trip for a bulk). */
export function redisArrive(sim: Simulation, j: number, state: RedisQueueState): void {
  const jobs = sim.jobs;
  const units = jobs.nums[j * NUM_FIELDS + J_COUNT];
  // A message published to Pub/Sub is copied into every subscriber's buffer: room for all the copies.
  const copies = copiesOf(state, jobs.ints[j * INT_FIELDS + J_OP]);
  const room = state.maxMessages - state.held;
  if (units * copies > room) {
    const counted = (jobs.ints[j * INT_FIELDS + J_FLAGS] & F_COUNTED) !== 0;
    const accepted = Math.max(0, Math.floor(room / copies));
    sim.meter.dropped(state.node, units - accepted, counted);
    if (accepted === 0) {
      sim.completeJob(j, true, true);
      return;
    }
    // A bulk that does not fit: the producer's call fails at once; the messages that fit still go in.
    jobs.nums[j * NUM_FIELDS + J_COUNT] = accepted;
    jobs.nums[j * NUM_FIELDS + J_CALL_UNITS] = accepted;
    jobs.ints[j * INT_FIELDS + J_FLAGS] |= F_FAILED;
    sim.notifyUp(j, true);
  }
  state.held += jobs.nums[j * NUM_FIELDS + J_COUNT] * copies;
  sim.scheduleJob(sim.now + sample(state.enqueueTime, sim.rng), state.ctx.evPublished, j);
}

/** The messages Redis will hold for one message of `op`: one in a list, one per subscriber in Pub/Sub. */
function copiesOf(state: RedisQueueState, op: number): number {
  return state.list ? 1 : Math.max(1, state.groupsOfOp[op].length);
}

/** The message(s) are in: a list keeps them for its consumers, Pub/Sub pushes them to the subscribers up now. */
function published(sim: Simulation, j: number): void {
  const jobs = sim.jobs;
  const state = redisStateOf(sim, jobs.ints[j * INT_FIELDS + J_NODE]);
  const units = jobs.nums[j * NUM_FIELDS + J_COUNT];
  const op = jobs.ints[j * INT_FIELDS + J_OP];
  const key = jobs.key[j];
  state.held -= units * copiesOf(state, op); // the room reserved on arrival; what is kept is counted as it goes in
  const groups = state.groupsOfOp[op];
  const counted = inWindow(sim, sim.now);
  for (let u = 0; u < units; u++) {
    const seq = state.seq++;
    if (state.list) {
      if (groups.length === 0) continue;
      lineOf(state.groups[groups[0]].pool, op).push(sim.now, seq, key, 0, false);
      state.held++;
      waitingChanges(sim, state, 1);
      listLag(sim, state, op, -1, 1);
      offer(sim, state, state.groups[groups[0]].pool, op);
    } else {
      for (const gi of groups) {
        const g = state.groups[gi];
        if (sim.nodeDown[g.target] !== 0) {
          if (counted) g.nLost++;
          continue;
        }
        lineOf(g.pool, op).push(sim.now, seq, key, 0, false);
        state.held++;
        waitingChanges(sim, state, 1);
        lagChanges(sim, g, 1);
        offer(sim, state, g.pool, op);
      }
    }
  }
  jobs.ints[j * INT_FIELDS + J_FLAGS] &= ~F_FAILED; // a partial bulk told its producer already
  sim.completeJob(j, false);
}

/** A message of `op` waits in `pool`: the connection that has waited longest among those whose edge carries it takes it. */
function offer(sim: Simulation, state: RedisQueueState, pool: Pool, op: number): void {
  const n = pool.idle.length;
  for (let i = 0; i < pool.idleLength; i++) {
    const at = (pool.idleHead + i) % n;
    const c = pool.idle[at];
    if (state.doing[c] !== IDLE) {
      // Gone to sleep since it began to wait (its target crashed): out of the line.
      removeIdle(pool, i);
      state.inIdle[c] = 0;
      i--;
      continue;
    }
    if (state.groups[state.groupOf[c]].carries[op] === 0) continue;
    removeIdle(pool, i);
    state.inIdle[c] = 0;
    kick(sim, state, c);
    return;
  }
}

/** Removes the i-th waiting connection of the pool's idle line (the head, but for ops filters). */
function removeIdle(pool: Pool, i: number): void {
  const n = pool.idle.length;
  if (i === 0) {
    pool.idleHead = (pool.idleHead + 1) % n;
  } else {
    for (let k = i; k < pool.idleLength - 1; k++) pool.idle[(pool.idleHead + k) % n] = pool.idle[(pool.idleHead + k + 1) % n];
  }
  pool.idleLength--;
}

/** Connection c gets a turn at taking a message: now, or after the turn being taken (one after another, never nested). */
function kick(sim: Simulation, state: RedisQueueState, c: number): void {
  if (state.kicked[c] !== 0) return;
  state.kicked[c] = 1;
  state.kicks.push(c);
  if (state.kicking) return;
  state.kicking = true;
  try {
    for (let k = 0; k < state.kicks.length; k++) {
      const x = state.kicks[k];
      state.kicked[x] = 0;
      connectionFree(sim, state, x);
    }
  } finally {
    state.kicks.length = 0;
    state.kicking = false;
  }
}

/** Connection c is free: it takes the oldest message its edge carries, or waits for one; asleep while its target is down. */
function connectionFree(sim: Simulation, state: RedisQueueState, c: number): void {
  const g = state.groups[state.groupOf[c]];
  if (sim.nodeDown[g.target] !== 0) {
    sleep(sim, state, c);
    return;
  }
  if (!takeNext(sim, state, c)) {
    setDoing(sim, state, c, IDLE);
    if (state.inIdle[c] === 0) {
      const pool = g.pool;
      pool.idle[(pool.idleHead + pool.idleLength) % pool.idle.length] = c;
      pool.idleLength++;
      state.inIdle[c] = 1;
    }
  }
}

/** Connection c now does `next`; the node's busy consumers follow (delivering and acknowledging are busy). */
function setDoing(sim: Simulation, state: RedisQueueState, c: number, next: number): void {
  const was = state.doing[c] === BUSY || state.doing[c] === ACKING ? 1 : 0;
  const now = next === BUSY || next === ACKING ? 1 : 0;
  if (was !== now) busyChanges(sim, state, now - was);
  state.doing[c] = next;
}

/** Connection c takes the oldest waiting message its edge carries and delivers it; false when there is none. */
function takeNext(sim: Simulation, state: RedisQueueState, c: number): boolean {
  const gi = state.groupOf[c];
  const g = state.groups[gi];
  let best: MessageLine | null = null;
  let bestOp = -1;
  for (const op of g.carriedOps) {
    const line = g.pool.lines[op];
    if (line === null || line.length === 0) continue;
    if (best === null || line.seq[line.head] < best.seq[best.head]) {
      best = line;
      bestOp = op;
    }
  }
  if (best === null) return false;
  const i = best.shift();
  const flags = best.flags[i];
  state.mT[c] = best.t[i];
  state.mSeq[c] = best.seq[i];
  state.mKey[c] = best.key[i];
  state.mOp[c] = bestOp;
  state.mFlags[c] = flags | M_TAKEN;
  waitingChanges(sim, state, -1);
  // Destructive: a message taken is out of Redis. Reliable: it stays, in the processing list.
  if (!state.reliable) state.held--;
  if ((flags & M_DELIVERED) === 0 && state.list) listLag(sim, state, bestOp, gi, -1);
  if ((flags & M_TAKEN) === 0 && inWindow(sim, best.t[i])) sim.meter.nodeWait[state.node].record(sim.now - best.t[i]);
  setDoing(sim, state, c, BUSY);
  deliver(sim, state, c);
  return true;
}

/** Connection c delivers the message it holds: a sync call along its edge. */
function deliver(sim: Simulation, state: RedisQueueState, c: number): void {
  const g = state.groups[state.groupOf[c]];
  const jobs = sim.jobs;
  const j = jobs.spawn(state.node, state.mOp[c], -1, -1, -1, 0, sim.now, 1, -1, -1, state.mKey[c]);
  state.inFlight.set(j, c + state.groupOf.length * state.epoch[c]);
  jobs.ints[j * INT_FIELDS + J_FLAGS] |= F_ISSUING;
  sim.fireCall(j, g.edge, -1, 1);
  jobs.ints[j * INT_FIELDS + J_FLAGS] = (jobs.ints[j * INT_FIELDS + J_FLAGS] & ~F_ISSUING) | F_ISSUED_ALL;
  sim.settle(j);
}

/** A job of the queue completed: a delivery's outcome (a produce call's completion needs nothing more). */
export function redisJobDone(sim: Simulation, j: number, state: RedisQueueState): void {
  const ticket = state.inFlight.get(j);
  if (ticket === undefined) return;
  state.inFlight.delete(j);
  const n = state.groupOf.length;
  const c = ticket % n;
  if (Math.floor(ticket / n) !== state.epoch[c] || state.doing[c] !== BUSY) return; // forgotten: the connection restarted since
  const gi = state.groupOf[c];
  const g = state.groups[gi];
  if ((sim.jobs.ints[j * INT_FIELDS + J_FLAGS] & F_FAILED) !== 0) {
    failed(sim, state, c);
    sleep(sim, state, c);
    return;
  }
  const counted = inWindow(sim, state.mT[c]);
  if ((state.mFlags[c] & M_DELIVERED) !== 0) {
    if (counted) g.nDuplicates++;
  } else {
    state.mFlags[c] |= M_DELIVERED;
    lagChanges(sim, g, -1);
    if (counted) {
      g.nDelivered++;
      g.lagMs.record(sim.now - state.mT[c]);
    }
    const key = state.mKey[c];
    if (key >= 0 && g.lastSeqOfKey !== null) {
      if (state.mSeq[c] < g.lastSeqOfKey[key]) {
        if (counted) g.nOutOfOrder++;
      } else g.lastSeqOfKey[key] = state.mSeq[c];
    }
  }
  if (state.reliable) {
    // LREM from the processing list: one more round trip, during which a crash leaves the handled message there.
    setDoing(sim, state, c, ACKING);
    sim.schedule(sim.now + sample(state.enqueueTime, sim.rng), state.ctx.evAcked, connectionId(sim, state, c));
    return;
  }
  kick(sim, state, c);
}

/** Connection c's message was not handled: put back (reliable list) or lost. */
function failed(sim: Simulation, state: RedisQueueState, c: number): void {
  const gi = state.groupOf[c];
  const g = state.groups[gi];
  const op = state.mOp[c];
  if (state.reliable) {
    lineOf(g.pool, op).push(state.mT[c], state.mSeq[c], state.mKey[c], state.mFlags[c], true);
    waitingChanges(sim, state, 1);
    if ((state.mFlags[c] & M_DELIVERED) === 0) listLag(sim, state, op, gi, 1);
    offer(sim, state, g.pool, op); // to another connection: this one is not idle

    return;
  }
  if (inWindow(sim, state.mT[c])) g.nLost++;
  lagChanges(sim, g, -1);
}

/** Connection c waits RETRY_MS before it looks again (after a failure, or while its target is down). */
function sleep(sim: Simulation, state: RedisQueueState, c: number): void {
  setDoing(sim, state, c, SLEEPING);
  state.epoch[c]++;
  sim.schedule(sim.now + RETRY_MS, state.ctx.evWake, connectionId(sim, state, c));
}

/** The number a connection's timer carries: its node, itself and its epoch (a timer of an older epoch is stale). */
function connectionId(sim: Simulation, state: RedisQueueState, c: number): number {
  return state.node + sim.model.nodeCount * (c + state.groupOf.length * state.epoch[c]);
}

function connectionOf(sim: Simulation, id: number): { state: RedisQueueState; c: number; epoch: number } {
  const nodes = sim.model.nodeCount;
  const state = redisStateOf(sim, id % nodes);
  const rest = Math.floor(id / nodes);
  const n = state.groupOf.length;
  return { state, c: rest % n, epoch: Math.floor(rest / n) };
}

/** The Redis state of queue node `node` (queue.ts keeps it on the node's state). */
function redisStateOf(sim: Simulation, node: number): RedisQueueState {
  return (sim.nodeState[node] as { redis: RedisQueueState }).redis;
}

function wake(sim: Simulation, id: number): void {
  const { state, c, epoch } = connectionOf(sim, id);
  if (epoch !== state.epoch[c] || state.doing[c] !== SLEEPING) return;
  kick(sim, state, c);
}

function acked(sim: Simulation, id: number): void {
  const { state, c, epoch } = connectionOf(sim, id);
  if (epoch !== state.epoch[c] || state.doing[c] !== ACKING) return;
  state.held--;
  kick(sim, state, c);
}

/** Registers the Redis queues' events (once per run, from the queue behaviour's setup). */
export function redisSetup(sim: Simulation): RedisContext {
  return {
    evPublished: sim.registerEvent('redis published', published, true),
    evWake: sim.registerEvent('redis consumer looks again', wake, false),
    evAcked: sim.registerEvent('redis acknowledged', acked, false),
  };
}

/** A queue node with Redis semantics into its state. */
export function redisCompile(sim: Simulation, node: { id: string; params: ParamsOf<'queue'> }, index: number, ctx: RedisContext): RedisQueueState {
  const p = node.params;
  const model = sim.model;
  const nOps = model.ops.length;
  const keyCount = sim.scenario.keys?.count ?? 0;
  const list = p.semantics === 'list';
  const shared: Pool | null = list ? { lines: new Array(nOps).fill(null), idle: new Int32Array(0), idleHead: 0, idleLength: 0 } : null;
  const groups: Group[] = [];
  const groupsOfOp: number[][] = Array.from({ length: nOps }, () => []);
  sim.scenario.edges.forEach((edge, e) => {
    if (edge.source !== node.id) return;
    const carries = new Uint8Array(nOps);
    const carriedOps: number[] = [];
    for (let op = 0; op < nOps; op++) {
      if (model.outEdges[index * nOps + op].includes(e)) {
        carries[op] = 1;
        carriedOps.push(op);
        groupsOfOp[op].push(groups.length);
      }
    }
    const pool = shared ?? { lines: new Array(nOps).fill(null), idle: new Int32Array(p.consumers), idleHead: 0, idleLength: 0 };
    groups.push({
      edge: e,
      target: model.edgeTarget[e],
      pool,
      carries,
      carriedOps,
      lastSeqOfKey: keyCount > 0 ? new Float64Array(keyCount).fill(-1) : null,
      nDelivered: 0,
      nDuplicates: 0,
      nLost: 0,
      nOutOfOrder: 0,
      lagMs: new LatencyHistogram(),
      lag: 0,
      lagArea: 0,
      lagMax: 0,
      lagSince: 0,
    });
  });
  const n = groups.length * p.consumers;
  if (shared !== null) shared.idle = new Int32Array(n);
  const state: RedisQueueState = {
    node: index,
    list,
    reliable: list && p.reliable,
    maxMessages: p.maxMessages ?? Infinity,
    enqueueTime: compileSampler(p.enqueueTimeMs),
    groups,
    groupsOfOp,
    groupOf: new Int32Array(n),
    doing: new Uint8Array(n),
    epoch: new Float64Array(n),
    inIdle: new Uint8Array(n),
    mT: new Float64Array(n),
    mSeq: new Float64Array(n),
    mKey: new Int32Array(n),
    mOp: new Int32Array(n),
    mFlags: new Uint8Array(n),
    kicked: new Uint8Array(n),
    inFlight: new Map(),
    kicks: [],
    kicking: false,
    held: 0,
    waiting: 0,
    seq: 0,
    ctx,
  };
  // Every connection starts idle, waiting in its pool's line (edge by edge, connection by connection).
  for (let c = 0; c < n; c++) {
    const gi = Math.floor(c / p.consumers);
    state.groupOf[c] = gi;
    const pool = groups[gi].pool;
    pool.idle[pool.idleLength++] = c;
    state.inIdle[c] = 1;
  }
  // The consumers are the queue's station: their utilization, the messages waiting and their wait are the node's results.
  sim.stations.define(index, { servers: n, serviceTimeMs: null, serve: noServe });
  return state;
}

function noServe(): void {
  throw new Error('a Redis queue keeps its own lines: nothing waits at its station');
}

/** Node `target` crashed: the connections of the edges into it crash with it. */
export function redisTargetCrashed(sim: Simulation, state: RedisQueueState, target: number): void {
  const per = state.groups.length > 0 ? state.groupOf.length / state.groups.length : 0;
  state.groups.forEach((g, gi) => {
    if (g.target !== target) return;
    for (let c = gi * per; c < (gi + 1) * per; c++) {
      const doing = state.doing[c];
      if (doing === BUSY) {
        // Its delivery is still on its way (a network delay): it dies with the consumer.
        failed(sim, state, c);
        sleep(sim, state, c);
      } else if (doing === ACKING) {
        // Handled, not yet acknowledged: the processing list still has it, and it goes back.
        failed(sim, state, c);
        sleep(sim, state, c);
      } else if (doing === IDLE && state.list) sleep(sim, state, c);
    }
    if (!state.list) {
      // The subscriber's connection is gone, and with it what Redis had pushed to it.
      for (const op of g.carriedOps) {
        const line = g.pool.lines[op];
        if (line === null) continue;
        while (line.length > 0) {
          const i = line.shift();
          if (inWindow(sim, line.t[i])) g.nLost++;
          state.held--;
          waitingChanges(sim, state, -1);
          lagChanges(sim, g, -1);
        }
      }
    }
  });
}

/** The delivery fields of edge `e` (a group of a Redis queue). */
export function redisEdgeResult(sim: Simulation, state: RedisQueueState, e: number, r: EdgeResult): void {
  const g = state.groups.find((x) => x.edge === e);
  if (g === undefined) return;
  const s = g.lagMs.count > 0 ? g.lagMs.summary() : null;
  r.delivered = g.nDelivered;
  r.duplicates = g.nDuplicates;
  r.lost = g.nLost;
  r.outOfOrder = g.nOutOfOrder;
  // Read-only (lagSummary): results read mid-run leave the run as it was.
  r.lagRecords = lagSummary(sim, g);
  r.lagMs = { mean: s?.mean ?? 0, p99: s?.p99 ?? 0, max: s?.max ?? 0 };
}

export function redisDispose(state: RedisQueueState): void {
  for (const g of state.groups) g.lagMs.dispose();
}
