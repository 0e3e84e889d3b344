/**
 * The pool of in-flight requests ("jobs"): one record per request at one
 * node, stored as struct-of-arrays in typed arrays and recycled through a
 * free list, so a run allocates nothing per request once the pool has grown
 * to the peak number in flight.
 *
 * A job may stand for many identical calls at once (`count` > 1): a bulk
 * fan-out. Its memory is one record whatever its count.
 */

import { grown, grownFreeStack } from './pool';

/** The job has completed (successfully or not). */
export const F_DONE = 1;
/** The job failed: rejected, or a sync call of its failed (errors fail fast). */
export const F_FAILED = 2;
/** The job is inside its own call-issuing loop: completions of its children wait for the loop to finish. */
export const F_ISSUING = 4;
/** The job arrived inside the measurement window [warmupSec, durationSec). */
export const F_COUNTED = 8;
/** Every call of the job has been issued (or, for a bulk splitter, every unit handed to a server). */
export const F_ISSUED_ALL = 16;
/** The job waits in its node's FIFO (a bulk splitter stays there while units remain). */
export const F_IN_FIFO = 32;
/** The job is a bulk splitter: its units are served in chunks, each chunk a child job. */
export const F_SPLITTER = 64;
/**
 * The job is a client's request itself: a client whose op takes a single
 * plain call (sync, fan-out 1, probability 1) needs no job of its own, so the
 * call carries the request and its completion completes the request.
 */
export const F_REQUEST = 128;
/** The job was cancelled while it waited in a line: the station skips it and nothing more happens to it. */
export const F_CANCELLED = 256;
/** The job's response is on its way back to its caller over the network (edge latency): it is done here, not yet there. */
export const F_IN_TRANSIT = 512;
/** The job's caller gave up on it (a timeout): it runs on, and what it finishes is wasted work. */
export const F_ABANDONED = 1024;
/**
 * The call (or its response) vanished into a black hole — a crashed node or a
 * partitioned edge that never answers: nothing more happens to it, and its
 * record is held until its caller's timeout gives up on it (without a
 * timeout, the caller waits for ever).
 */
export const F_LOST = 2048;
/** The job keeps its server after its service, while it waits for its own calls (a blocking node: thread per request). */
export const F_HOLDS_SERVER = 4096;
/**
 * The job is a hedged call's record, not work anywhere: it waits for the
 * call's copies in its caller's place, and completes with the first that
 * succeeds (or when every copy has failed).
 */
export const F_HEDGE = 8192;

/**
 * Why a job failed, in bits 16–18 of its flags (0: not failed, or failed for
 * the default reason, `rejected`: turned away by a full line). A failure
 * passes its cause up to the caller that it fails, so a request's error is
 * counted under the cause where it began (SCENARIO.md: `errorsByCause`).
 */
export const CAUSES = ['rejected', 'timeout', 'error', 'down', 'breakerOpen'] as const;
export type Cause = (typeof CAUSES)[number];
export const CAUSE_SHIFT = 16;
export const CAUSE_MASK = 0x7 << CAUSE_SHIFT;
export const CAUSE_TIMEOUT = 2;
export const CAUSE_ERROR = 3;
export const CAUSE_DOWN = 4;
export const CAUSE_BREAKER_OPEN = 5;

/** The cause index (into CAUSES) of a failed job's flags. */
export function causeIndex(flags: number): number {
  const c = (flags & CAUSE_MASK) >> CAUSE_SHIFT;
  return c === 0 ? 0 : c - 1;
}

/**
 * A job's fields live in two interleaved records rather than one array per
 * field: the integers (node … generation) in `ints`, INT_FIELDS apart, and
 * the numbers (arrival … remaining) in `nums`, NUM_FIELDS apart. A service
 * completion reads most of them, and with 10⁴ jobs in flight one array per
 * field would cost a cache miss per field; a record costs one or two.
 * Read field F of job j as `jobs.ints[j * INT_FIELDS + J_F]`.
 */
export const INT_FIELDS = 8;
export const J_NODE = 0;
export const J_OP = 1;
/** Caller waiting for this job (sync calls), or −1. */
export const J_PARENT = 2;
/** Delivery group this call belongs to (fan-out edges), or −1. */
export const J_GROUP = 3;
/** Edge this call came along, or −1 for a client's request. */
export const J_EDGE = 4;
/** Sync calls issued and not yet completed. */
export const J_PENDING = 5;
/** The F_ flags above. */
export const J_FLAGS = 6;
/**
 * Generation of the record, raised every time it is released: an event or
 * timer stamped with an older generation belongs to a previous life of the
 * record and must not act on it.
 */
export const J_GEN = 7;

export const NUM_FIELDS = 8;
/** Arrival time at the node, ms. */
export const J_ARRIVAL = 0;
/** How many identical calls this job stands for. */
export const J_COUNT = 1;
/** Service time drawn for this job (a chunk's busy time), ms. */
export const J_SERVICE = 2;
/** Service start (servers), or the time a message entered the consumer queue (queues), ms. */
export const J_MARK = 3;
/** How many of the job's units issue downstream calls (a cache chunk: its misses). */
export const J_CALL_UNITS = 4;
/** Followers of the request's author (−1: not drawn). */
export const J_AUTHOR = 5;
/** Accounts the request's user follows (−1: not drawn). */
export const J_FOLLOWEES = 6;
/** Bulk splitter: units not yet handed to a server. */
export const J_REMAINING = 7;

export class JobPool {
  capacity = 0;
  /** Jobs currently allocated. */
  live = 0;
  /** Highest number allocated at once. */
  peak = 0;

  /** The integer fields of every job (J_NODE … J_GEN), INT_FIELDS per job. */
  ints = new Int32Array(0);
  /** The numeric fields of every job (J_ARRIVAL … J_REMAINING), NUM_FIELDS per job. */
  nums = new Float64Array(0);
  /** Sequential calls: index of the current edge in the out-edge list. LB: the chosen edge. */
  cursor = new Int32Array(0);
  /** Sequential calls: the delivery group of the current edge, or −1. */
  openGroup = new Int32Array(0);
  /** Sequential calls: copies left on the current edge (−1: not computed yet). */
  copiesLeft = new Float64Array(0);
  /** The call a load balancer made for the job (a hedge's cancellation reaches through it), or −1. */
  child = new Int32Array(0);
  /** Which attempt of its call this job is (1: the first; retries count up). */
  attempt = new Int32Array(0);
  /** The backoff waited before this attempt, ms (decorrelated jitter grows from it). */
  lastDelay = new Float64Array(0);
  /** The key of the request this job serves (SCENARIO.md "Keys"), or −1 without keys: calls inherit their caller's. */
  key = new Int32Array(0);
  /**
   * The key's version the job carries (SCENARIO.md "Keys, versions and derived data"), or −1: a call
   * takes its caller's, and a response hands its own up to its caller — what a database committed or
   * read, what a cache answered. `verMs` is when that version was committed (for lag).
   */
  ver = new Int32Array(0);
  verMs = new Float64Array(0);

  private free = new Int32Array(0);
  private freeCount = 0;

  constructor(initialCapacity = 1024) {
    this.grow(initialCapacity);
  }

  /**
   * The one way a job record comes to life: every field set, none left over
   * from the record's previous life.
   */
  spawn(node: number, op: number, parent: number, group: number, edge: number, flags: number, arrivalMs: number, count: number, author: number, followees: number, key = -1): number {
    const j = this.alloc();
    const ints = this.ints;
    const i = j * INT_FIELDS;
    ints[i + J_NODE] = node;
    ints[i + J_OP] = op;
    ints[i + J_PARENT] = parent;
    ints[i + J_GROUP] = group;
    ints[i + J_EDGE] = edge;
    ints[i + J_PENDING] = 0;
    ints[i + J_FLAGS] = flags;
    const nums = this.nums;
    const n = j * NUM_FIELDS;
    nums[n + J_ARRIVAL] = arrivalMs;
    nums[n + J_COUNT] = count;
    nums[n + J_SERVICE] = 0;
    nums[n + J_MARK] = arrivalMs;
    nums[n + J_CALL_UNITS] = count;
    nums[n + J_AUTHOR] = author;
    nums[n + J_FOLLOWEES] = followees;
    nums[n + J_REMAINING] = 0;
    this.cursor[j] = 0;
    this.openGroup[j] = -1;
    this.child[j] = -1;
    this.copiesLeft[j] = -1;
    this.attempt[j] = 1;
    this.lastDelay[j] = 0;
    this.key[j] = key;
    this.ver[j] = -1;
    return j;
  }

  /** A fresh job id with stale fields: use `spawn`. */
  private alloc(): number {
    if (this.freeCount === 0) this.grow(this.capacity * 2);
    const j = this.free[--this.freeCount];
    this.live++;
    if (this.live > this.peak) this.peak = this.live;
    return j;
  }

  /** Every live job id in increasing order: O(capacity), for rare sweeps (a crash looks for the work at its node). */
  liveIds(): number[] {
    const free = new Uint8Array(this.capacity);
    for (let i = 0; i < this.freeCount; i++) free[this.free[i]] = 1;
    const ids: number[] = [];
    for (let j = 0; j < this.capacity; j++) if (free[j] === 0) ids.push(j);
    return ids;
  }

  release(j: number): void {
    const i = j * INT_FIELDS;
    this.ints[i + J_FLAGS] = 0;
    this.ints[i + J_GEN] = (this.ints[i + J_GEN] + 1) | 0;
    this.free[this.freeCount++] = j;
    this.live--;
  }

  private grow(capacity: number): void {
    this.ints = grown(this.ints, capacity * INT_FIELDS);
    this.nums = grown(this.nums, capacity * NUM_FIELDS);
    this.cursor = grown(this.cursor, capacity);
    this.openGroup = grown(this.openGroup, capacity);
    this.child = grown(this.child, capacity);
    this.copiesLeft = grown(this.copiesLeft, capacity);
    this.attempt = grown(this.attempt, capacity);
    this.lastDelay = grown(this.lastDelay, capacity);
    this.key = grown(this.key, capacity);
    this.ver = grown(this.ver, capacity);
    this.verMs = grown(this.verMs, capacity);
    this.free = grownFreeStack(this.free, this.freeCount, this.capacity, capacity);
    this.freeCount += capacity - this.capacity;
    this.capacity = capacity;
  }
}

/**
 * A station's waiting line: a growable ring of job ids taken first-in
 * first-out, or last-in first-out (the newest first: under overload LIFO
 * serves fresh requests whose callers are still waiting).
 */
export class Line {
  private buf = new Int32Array(16);
  private head = 0;
  length = 0;
  readonly lifo: boolean;

  constructor(lifo = false) {
    this.lifo = lifo;
  }

  push(j: number): void {
    if (this.length === this.buf.length) {
      const next = new Int32Array(this.buf.length * 2);
      for (let i = 0; i < this.length; i++) next[i] = this.buf[(this.head + i) & (this.buf.length - 1)];
      this.buf = next;
      this.head = 0;
    }
    this.buf[(this.head + this.length) & (this.buf.length - 1)] = j;
    this.length++;
  }

  /** The job the next free server takes. */
  peek(): number {
    return this.lifo ? this.buf[(this.head + this.length - 1) & (this.buf.length - 1)] : this.buf[this.head];
  }

  /** Removes the job `peek` returned. */
  take(): number {
    if (this.lifo) {
      this.length--;
      return this.buf[(this.head + this.length) & (this.buf.length - 1)];
    }
    const j = this.buf[this.head];
    this.head = (this.head + 1) & (this.buf.length - 1);
    this.length--;
    return j;
  }
}
