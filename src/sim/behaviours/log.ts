/**
 * Log (a Kafka-style topic, SCENARIO.md "Logs and queues"). A produce call
 * completes after `appendTimeMs`; the record then sits in partition
 * hash(key) mod partitions (round robin without keys) for `retentionSec`,
 * read or not. Every outgoing edge is a consumer group of `consumers`:
 * partition p is owned by consumer p mod consumers (consumers beyond the
 * partition count own nothing and sit idle). A consumer delivers one record
 * at a time — a sync call along the edge, the next after the previous
 * completed — taking its partitions in turn, each in offset order. A failed
 * delivery is retried after RETRY_MS, holding its partition (and its
 * consumer). Every `commitIntervalMs` each group saves its positions; when a
 * group's target crashes, its consumers go back to the saved positions and
 * deliver again what they had delivered since (duplicates). A `rewind` fault
 * moves a group back to the first record appended at or after `toSec`.
 *
 * Choices where the contract is silent:
 * - A failed delivery is retried RETRY_MS (100 ms) later, the same record.
 * - The measurements count records by their append time in the window
 *   [warmupSec, durationSec): `delivered` (first deliveries), `duplicates`
 *   (deliveries of an offset already delivered along the edge), `lost`
 *   (expired unread, including those still unread and expired at the end),
 *   `outOfOrder` (first deliveries of a key older, by append order, than one
 *   of the key already delivered; redeliveries are duplicates, not disorder),
 *   `lagMs` (append → end of the first delivery). `lagRecords` is the
 *   time-average and maximum, over the window, of records appended and not
 *   yet delivered.
 * - The delivery jobs are the log's own: they are not arrivals of the node
 *   (a produce call is), and they are never counted in its completions.
 *
 * Memory: records are four typed arrays per partition (append time, key,
 * op, append sequence: 24 bytes a record), trimmed as retention expires them.
 */
import type { ParamsOf, ScenarioFault } from '../../scenario/schema';
import { compileSampler, sample, type Sampler } from '../distributions';
import type { Simulation } from '../engine';
import { F_FAILED, F_ISSUED_ALL, F_ISSUING, INT_FIELDS, J_COUNT, J_FLAGS, J_NODE, J_OP, NUM_FIELDS } from '../jobs';
import { LatencyHistogram } from '../stats';
import { inWindow, lagChanges, lagSummary, type LagTrack } from './groupLag';
import type { Behaviour } from './types';

/** A failed delivery is tried again this long after (the contract is silent). */
export const RETRY_MS = 100;

/** One partition's records: offsets base … base + length − 1 are held, at indices 0 … length − 1. */
class Partition {
  base = 0;
  length = 0;
  appendMs = new Float64Array(64);
  key = new Int32Array(64);
  op = new Int32Array(64);
  /** The log-wide append sequence of each record (for order by key). */
  seq = new Float64Array(64);
  /** With keys: the version each record carries and its commit time (change data capture), handed on to its deliveries. */
  ver: Int32Array | null;
  verMs: Float64Array | null;

  constructor(versions: boolean) {
    this.ver = versions ? new Int32Array(64) : null;
    this.verMs = versions ? new Float64Array(64) : null;
  }

  get end(): number {
    return this.base + this.length;
  }

  push(t: number, key: number, op: number, seq: number, ver = -1, verMs = 0): void {
    if (this.length === this.appendMs.length) {
      const n = this.length * 2;
      const a = new Float64Array(n);
      a.set(this.appendMs);
      this.appendMs = a;
      const k = new Int32Array(n);
      k.set(this.key);
      this.key = k;
      const o = new Int32Array(n);
      o.set(this.op);
      this.op = o;
      const s = new Float64Array(n);
      s.set(this.seq);
      this.seq = s;
      if (this.ver !== null) {
        const v = new Int32Array(n);
        v.set(this.ver);
        this.ver = v;
        const vm = new Float64Array(n);
        vm.set(this.verMs!);
        this.verMs = vm;
      }
    }
    if (this.ver !== null) {
      this.ver[this.length] = ver;
      this.verMs![this.length] = verMs;
    }
    this.appendMs[this.length] = t;
    this.key[this.length] = key;
    this.op[this.length] = op;
    this.seq[this.length] = seq;
    this.length++;
  }

  /** Drops the records before offset `to`. */
  trim(to: number): void {
    const drop = to - this.base;
    if (drop <= 0) return;
    this.appendMs.copyWithin(0, drop, this.length);
    this.key.copyWithin(0, drop, this.length);
    this.op.copyWithin(0, drop, this.length);
    this.seq.copyWithin(0, drop, this.length);
    this.ver?.copyWithin(0, drop, this.length);
    this.verMs?.copyWithin(0, drop, this.length);
    this.length -= drop;
    this.base = to;
  }

  /** The first offset appended at or after `t` (end when none). */
  firstAtOrAfter(t: number): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.appendMs[mid] < t) lo = mid + 1;
      else hi = mid;
    }
    return this.base + lo;
  }
}

/** A consumer group: the edge it delivers along and its positions per partition. */
interface Group extends LagTrack {
  edge: number;
  target: number;
  consumers: number;
  /** Per partition: the next offset to deliver, the last saved one, one past the highest ever delivered. */
  next: Float64Array;
  committed: Float64Array;
  delivered: Float64Array;
  /** Per consumer (active ones only: min(consumers, partitions)). */
  busy: Uint8Array;
  /** The partition a consumer's delivery is from (−1: none), the partition it looks at first next time. */
  current: Int32Array;
  turn: Int32Array;
  /** Raised when a consumer restarts: deliveries of an older epoch are forgotten. */
  epoch: Int32Array;
  /** Whether a consumer's retry is scheduled (one at a time). */
  retryPending: Uint8Array;
  /** The global consumer id of consumer 0 (events name consumers by it). */
  firstId: number;
  /** Per op: whether the edge carries it. */
  carries: Uint8Array;
  /** Per key: the highest append sequence delivered (null without keys). */
  lastSeqOfKey: Float64Array | null;
  // Results (records appended in the window).
  nDelivered: number;
  nDuplicates: number;
  nLost: number;
  nOutOfOrder: number;
  lagMs: LatencyHistogram;
  // Its lag (records or messages yet to receive): LagTrack's fields.
}

interface LogState {
  node: number;
  partitions: Partition[];
  appendTime: Sampler;
  retentionMs: number;
  commitMs: number;
  groups: Group[];
  roundRobin: number;
  seq: number;
  commitScheduled: boolean;
  /** Per delivery job: its group, consumer, partition, offset and epoch. */
  inFlight: Map<number, { g: number; c: number; p: number; offset: number; epoch: number }>;
  ctx: LogContext;
}

interface LogContext {
  evAppended: number;
  evRetry: number;
  evCommit: number;
  evRewind: number;
  /** Global consumer id → its log and group. */
  consumers: { state: LogState; g: number; c: number }[];
  rewinds: { state: LogState; g: number; toMs: number }[];
}

/** A 32-bit mix of the key (murmur3's finaliser), so neighbouring keys spread over partitions. */
function hashKey(k: number): number {
  let h = k | 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function logArrive(sim: Simulation, j: number, state: LogState): void {
  sim.scheduleJob(sim.now + sample(state.appendTime, sim.rng), state.ctx.evAppended, j);
}

/** The broker wrote the record(s): the produce call completes, and every idle owner of the partition starts. */
function logAppended(sim: Simulation, j: number): void {
  const jobs = sim.jobs;
  const state = sim.nodeState[jobs.ints[j * INT_FIELDS + J_NODE]] as LogState;
  const key = jobs.key[j];
  const op = jobs.ints[j * INT_FIELDS + J_OP];
  const units = jobs.nums[j * NUM_FIELDS + J_COUNT];
  const P = state.partitions.length;
  for (let u = 0; u < units; u++) {
    const p = key >= 0 ? hashKey(key) % P : state.roundRobin++ % P;
    const part = state.partitions[p];
    part.push(sim.now, key, op, state.seq++, jobs.ver[j], jobs.verMs[j]);
    for (let g = 0; g < state.groups.length; g++) {
      const group = state.groups[g];
      lagChanges(sim, group, 1);
      const c = p % Math.min(group.consumers, P);
      if (group.busy[c] === 0) deliverNext(sim, state, g, c);
    }
    if (state.retentionMs !== Infinity && (part.length & 1023) === 0) expire(sim, state, p);
  }
  if (!state.commitScheduled) {
    state.commitScheduled = true;
    sim.schedule(sim.now + state.commitMs, state.ctx.evCommit, state.node);
  }
  sim.completeJob(j, false);
}

/** Retention: records of partition p older than retentionMs go, read or not; a group that had not read them loses them. */
function expire(sim: Simulation, state: LogState, p: number): void {
  const part = state.partitions[p];
  const to = part.firstAtOrAfter(sim.now - state.retentionMs + 1e-9);
  if (to <= part.base) return;
  for (const group of state.groups) skipTo(sim, state, group, p, to);
  part.trim(to);
}

/** Group `group` moves past every offset of partition p before `to` that it has not delivered: those are lost. */
function skipTo(sim: Simulation, state: LogState, group: Group, p: number, to: number): void {
  const part = state.partitions[p];
  const from = group.next[p];
  if (from >= to) return;
  for (let o = Math.max(from, group.delivered[p]); o < to; o++) {
    if (inWindow(sim, part.appendMs[o - part.base])) group.nLost++;
  }
  lagChanges(sim, group, -(to - from));
  group.next[p] = to;
  if (group.committed[p] < to) group.committed[p] = to;
  if (group.delivered[p] < to) group.delivered[p] = to;
}

/** Consumer c of group g delivers its next record, if one of its partitions has one and it is not busy. */
function deliverNext(sim: Simulation, state: LogState, g: number, c: number): void {
  const group = state.groups[g];
  const P = state.partitions.length;
  const active = Math.min(group.consumers, P);
  const owned = Math.ceil((P - c) / active);
  for (let i = 0; i < owned; i++) {
    const k = (group.turn[c] + i) % owned;
    const p = c + k * active;
    const part = state.partitions[p];
    // Records expired before this consumer got to them.
    if (state.retentionMs !== Infinity && group.next[p] < part.end) {
      const to = part.firstAtOrAfter(sim.now - state.retentionMs + 1e-9);
      if (to > group.next[p]) skipTo(sim, state, group, p, to);
    }
    while (group.next[p] < part.end && group.carries[part.op[group.next[p] - part.base]] === 0) {
      // A record of an op this edge does not carry: passed over.
      group.next[p]++;
      if (group.delivered[p] < group.next[p]) group.delivered[p] = group.next[p];
      lagChanges(sim, group, -1);
    }
    if (group.next[p] >= part.end) continue;
    group.turn[c] = (k + 1) % owned;
    startDelivery(sim, state, g, c, p);
    return;
  }
}

function startDelivery(sim: Simulation, state: LogState, g: number, c: number, p: number): void {
  const group = state.groups[g];
  const part = state.partitions[p];
  const offset = group.next[p];
  const i = offset - part.base;
  group.busy[c] = 1;
  group.current[c] = p;
  const jobs = sim.jobs;
  const j = jobs.spawn(state.node, part.op[i], -1, -1, -1, 0, sim.now, 1, -1, -1, part.key[i]);
  if (part.ver !== null) {
    jobs.ver[j] = part.ver[i];
    jobs.verMs[j] = part.verMs![i];
  }
  state.inFlight.set(j, { g, c, p, offset, epoch: group.epoch[c] });
  jobs.ints[j * INT_FIELDS + J_FLAGS] |= F_ISSUING;
  sim.fireCall(j, group.edge, -1, 1);
  jobs.ints[j * INT_FIELDS + J_FLAGS] = (jobs.ints[j * INT_FIELDS + J_FLAGS] & ~F_ISSUING) | F_ISSUED_ALL;
  sim.settle(j);
}

/** A delivery job is over (the call along the edge completed or failed). */
function deliveryDone(sim: Simulation, j: number, state: LogState): void {
  const d = state.inFlight.get(j);
  if (d === undefined) return; // a produce call
  state.inFlight.delete(j);
  const group = state.groups[d.g];
  if (d.epoch !== group.epoch[d.c]) return; // the consumer restarted meanwhile: it has moved on
  const failed = (sim.jobs.ints[j * INT_FIELDS + J_FLAGS] & F_FAILED) !== 0;
  if (failed) {
    if (sim.nodeDown[group.target] !== 0) restart(sim, state, d.g);
    else scheduleRetry(sim, state, group, d.c);
    return;
  }
  const part = state.partitions[d.p];
  const i = d.offset - part.base;
  if (i >= 0 && i < part.length) {
    const t = part.appendMs[i];
    const counted = inWindow(sim, t);
    if (d.offset < group.delivered[d.p]) {
      if (counted) group.nDuplicates++;
    } else {
      group.delivered[d.p] = d.offset + 1;
      if (counted) {
        group.nDelivered++;
        group.lagMs.record(sim.now - t);
      }
      const key = part.key[i];
      if (key >= 0 && group.lastSeqOfKey !== null) {
        const seq = part.seq[i];
        if (seq < group.lastSeqOfKey[key]) {
          if (counted) group.nOutOfOrder++;
        } else group.lastSeqOfKey[key] = seq;
      }
    }
  }
  if (group.next[d.p] === d.offset) {
    group.next[d.p] = d.offset + 1;
    lagChanges(sim, group, -1);
  }
  group.busy[d.c] = 0;
  group.current[d.c] = -1;
  deliverNext(sim, state, d.g, d.c);
}

/** Group g's consumers restart (its target crashed): back to the saved positions, in-flight deliveries forgotten. */
function restart(sim: Simulation, state: LogState, g: number): void {
  const group = state.groups[g];
  for (let p = 0; p < state.partitions.length; p++) moveTo(sim, group, p, Math.max(group.committed[p], state.partitions[p].base));
  const active = group.busy.length;
  for (let c = 0; c < active; c++) {
    group.epoch[c]++;
    group.busy[c] = 1; // until the retry: a restarting consumer is not idle
    group.current[c] = -1;
    scheduleRetry(sim, state, group, c);
  }
}

function scheduleRetry(sim: Simulation, state: LogState, group: Group, c: number): void {
  if (group.retryPending[c] !== 0) return;
  group.retryPending[c] = 1;
  sim.schedule(sim.now + RETRY_MS, state.ctx.evRetry, group.firstId + c);
}

function moveTo(sim: Simulation, group: Group, p: number, to: number): void {
  const from = group.next[p];
  if (to === from) return;
  lagChanges(sim, group, from - to);
  group.next[p] = to;
}

function retryDue(sim: Simulation, id: number): void {
  const { state, g, c } = (sim.behaviourContext(logBehaviour) as LogContext).consumers[id];
  const group = state.groups[g];
  group.retryPending[c] = 0;
  group.busy[c] = 0;
  group.current[c] = -1;
  deliverNext(sim, state, g, c);
}

/** Every group saves its positions; the timer runs on while some group has something to deliver. */
function commitDue(sim: Simulation, node: number): void {
  const state = sim.nodeState[node] as LogState;
  let behind = false;
  for (const group of state.groups) {
    group.committed.set(group.next);
    if (group.lag > 0) behind = true;
    for (let c = 0; c < group.busy.length; c++) if (group.busy[c] !== 0) behind = true;
  }
  if (behind) sim.schedule(sim.now + state.commitMs, state.ctx.evCommit, node);
  else state.commitScheduled = false;
}

/** A rewind fault: the group goes back to the first record appended at or after toSec, and delivers from there. */
function rewindDue(sim: Simulation, k: number): void {
  const { state, g, toMs } = (sim.behaviourContext(logBehaviour) as LogContext).rewinds[k];
  const group = state.groups[g];
  for (let p = 0; p < state.partitions.length; p++) {
    const part = state.partitions[p];
    moveTo(sim, group, p, Math.max(part.base, part.firstAtOrAfter(toMs)));
    group.committed[p] = group.next[p];
  }
  for (let c = 0; c < group.busy.length; c++) {
    group.epoch[c]++;
    group.busy[c] = 0;
    group.current[c] = -1;
    if (group.retryPending[c] === 0) deliverNext(sim, state, g, c);
    else group.busy[c] = 1;
  }
  if (!state.commitScheduled) {
    state.commitScheduled = true;
    sim.schedule(sim.now + state.commitMs, state.ctx.evCommit, state.node);
  }
}

export const logBehaviour: Behaviour<LogState, LogContext> = {
  kind: 'log',
  bulkRule: 'a bulk produce appends one record per call it stands for; deliveries are one record each',
  setup: (sim) => ({
    evAppended: sim.registerEvent('log appended', logAppended, true),
    evRetry: sim.registerEvent('log consumer retries', retryDue, false),
    evCommit: sim.registerEvent('log commits', commitDue, false),
    evRewind: sim.registerEvent('log rewinds', rewindDue, false),
    consumers: [],
    rewinds: [],
  }),
  compile(sim, node, index, ctx) {
    const p = node.params as ParamsOf<'log'>;
    const model = sim.model;
    const nOps = model.ops.length;
    const keyCount = sim.scenario.keys?.count ?? 0;
    const state: LogState = {
      node: index,
      partitions: Array.from({ length: p.partitions }, () => new Partition(sim.data !== null && sim.data.versioned)),
      appendTime: compileSampler(p.appendTimeMs),
      retentionMs: p.retentionSec === undefined ? Infinity : p.retentionSec * 1000,
      commitMs: p.commitIntervalMs,
      groups: [],
      roundRobin: 0,
      seq: 0,
      commitScheduled: false,
      inFlight: new Map(),
      ctx,
    };
    sim.scenario.edges.forEach((edge, e) => {
      if (edge.source !== node.id) return;
      const carries = new Uint8Array(nOps);
      for (let op = 0; op < nOps; op++) if (model.outEdges[index * nOps + op].includes(e)) carries[op] = 1;
      const consumers = edge.consumers ?? 1;
      const active = Math.min(consumers, p.partitions);
      const g = state.groups.length;
      const firstId = ctx.consumers.length;
      for (let c = 0; c < active; c++) ctx.consumers.push({ state, g, c });
      state.groups.push({
        edge: e,
        target: model.edgeTarget[e],
        consumers,
        next: new Float64Array(p.partitions),
        committed: new Float64Array(p.partitions),
        delivered: new Float64Array(p.partitions),
        busy: new Uint8Array(active),
        current: new Int32Array(active).fill(-1),
        turn: new Int32Array(active),
        epoch: new Int32Array(active),
        retryPending: new Uint8Array(active),
        firstId,
        carries,
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
      for (const f of sim.scenario.faults ?? []) {
        if (f.type !== 'rewind' || f.target !== edge.id) continue;
        const k = ctx.rewinds.length;
        ctx.rewinds.push({ state, g, toMs: (f as Extract<ScenarioFault, { type: 'rewind' }>).toSec * 1000 });
        sim.schedule(f.atSec! * 1000, ctx.evRewind, k);
      }
    });
    return state;
  },
  arrive: logArrive,
  onComplete: deliveryDone,
  targetCrashed(sim, _index, state, target) {
    state.groups.forEach((group, g) => {
      if (group.target === target) restart(sim, state, g);
    });
  },
  edgeResult(sim, _index, state, e, r) {
    const group = state.groups.find((x) => x.edge === e);
    if (group === undefined) return;
    // Records still unread whose retention ran out by the end: lost as well.
    let lost = group.nLost;
    if (state.retentionMs !== Infinity) {
      state.partitions.forEach((part, p) => {
        for (let o = Math.max(group.next[p], group.delivered[p], part.base); o < part.end; o++) {
          const t = part.appendMs[o - part.base];
          if (t + state.retentionMs <= sim.now && inWindow(sim, t)) lost++;
        }
      });
    }
    const s = group.lagMs.count > 0 ? group.lagMs.summary() : null;
    r.delivered = group.nDelivered;
    r.duplicates = group.nDuplicates;
    r.lost = lost;
    r.outOfOrder = group.nOutOfOrder;
    // Read-only (lagSummary): results read mid-run leave the run as it was.
    r.lagRecords = lagSummary(sim, group);
    r.lagMs = { mean: s?.mean ?? 0, p99: s?.p99 ?? 0, max: s?.max ?? 0 };
  },
  dispose(state) {
    for (const g of state.groups) g.lagMs.dispose();
  },
};

// Read-only views for the live page (read at snapshot and window time, never per event).

/** Partitions a live view describes one by one at most (a node draws a few lanes; the totals cover them all). */
export const LIVE_PARTITIONS = 16;

/** One partition as the page draws it. */
export interface LogPartitionLive {
  /** Offsets held: base … end − 1 (records past retention are not counted, trimmed yet or not). */
  base: number;
  end: number;
  /** Age of the oldest record held, ms (null when the partition holds none). */
  oldestAgeMs: number | null;
}

/** A consumer group's standing so far: the same counts as the edge's results (records appended after warm-up). */
export interface LogGroupTotals {
  /** The edge's index (scenario order). */
  edge: number;
  /** Records appended and not yet delivered along the edge, now. */
  lagRecords: number;
  delivered: number;
  duplicates: number;
  /** Expired unread, including those past retention not yet trimmed. */
  lost: number;
}

/** A consumer group with its position in each described partition. */
export interface LogGroupLive extends LogGroupTotals {
  consumers: number;
  /** Consumers that own a partition: min(consumers, partitions); the rest sit idle. */
  activeConsumers: number;
  /** Per described partition: the next offset to deliver, the last committed one, records not yet delivered. */
  next: number[];
  committed: number[];
  lag: number[];
  /** Per described partition: age of the oldest record not yet delivered, ms (null when caught up). */
  nextAgeMs: (number | null)[];
}

/** A log node's partitions and consumer groups now. */
export interface LogLive {
  /** Null: records are kept forever. */
  retentionMs: number | null;
  partitionCount: number;
  /** Records held over all partitions. */
  recordsHeld: number;
  /** The first LIVE_PARTITIONS partitions. */
  partitions: LogPartitionLive[];
  groups: LogGroupLive[];
}

function logStateAt(sim: Simulation, index: number): LogState | null {
  const state = sim.nodeState[index] as LogState | undefined;
  return sim.behaviours[index]?.kind === 'log' && state ? state : null;
}

/** The first offset of partition `part` still within retention at `nowMs`. */
function heldBase(state: LogState, part: Partition, nowMs: number): number {
  if (state.retentionMs === Infinity || part.length === 0) return part.base;
  return Math.max(part.base, part.firstAtOrAfter(nowMs - state.retentionMs + 1e-9));
}

function groupTotals(sim: Simulation, state: LogState, group: Group, nowMs: number): LogGroupTotals {
  let lost = group.nLost;
  if (state.retentionMs !== Infinity) {
    // As edgeResult counts them: unread records past retention, appended in the measurement window.
    for (let p = 0; p < state.partitions.length; p++) {
      const part = state.partitions[p];
      const expired = heldBase(state, part, nowMs);
      const from = Math.max(group.next[p], group.delivered[p], part.base, part.firstAtOrAfter(sim.warmupMs));
      const to = Math.min(expired, part.firstAtOrAfter(sim.durationMs));
      if (to > from) lost += to - from;
    }
  }
  return { edge: group.edge, lagRecords: group.lag, delivered: group.nDelivered, duplicates: group.nDuplicates, lost };
}

/** Each consumer group's totals so far (cumulative), or null when node `index` is not a log. */
export function logGroupTotals(sim: Simulation, index: number, nowMs = sim.now): LogGroupTotals[] | null {
  const state = logStateAt(sim, index);
  return state === null ? null : state.groups.map((g) => groupTotals(sim, state, g, nowMs));
}

/** Log node `index`'s partitions and groups now, for the page to draw; null for another kind. */
export function logLive(sim: Simulation, index: number, nowMs = sim.now): LogLive | null {
  const state = logStateAt(sim, index);
  if (state === null) return null;
  const shown = state.partitions.slice(0, LIVE_PARTITIONS);
  let recordsHeld = 0;
  for (const part of state.partitions) recordsHeld += part.end - heldBase(state, part, nowMs);
  const partitions = shown.map((part) => {
    const base = heldBase(state, part, nowMs);
    return { base, end: part.end, oldestAgeMs: base < part.end ? nowMs - part.appendMs[base - part.base] : null };
  });
  const groups = state.groups.map((group) => {
    const next: number[] = [];
    const committed: number[] = [];
    const lag: number[] = [];
    const nextAgeMs: (number | null)[] = [];
    shown.forEach((part, p) => {
      next.push(group.next[p]);
      committed.push(group.committed[p]);
      lag.push(Math.max(0, part.end - group.next[p]));
      const o = Math.max(group.next[p], part.base);
      nextAgeMs.push(o < part.end ? nowMs - part.appendMs[o - part.base] : null);
    });
    return {
      ...groupTotals(sim, state, group, nowMs),
      consumers: group.consumers,
      activeConsumers: group.busy.length,
      next,
      committed,
      lag,
      nextAgeMs,
    };
  });
  return { retentionMs: state.retentionMs === Infinity ? null : state.retentionMs, partitionCount: state.partitions.length, recordsHeld, partitions, groups };
}
