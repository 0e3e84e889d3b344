/**
 * The pool of in-flight requests ("jobs"): one record per request at one
 * node, stored as struct-of-arrays in typed arrays and recycled through a
 * free list, so a run allocates nothing per request once the pool has grown
 * to the peak number in flight.
 *
 * A job may stand for many identical calls at once (`count` > 1): a bulk
 * fan-out. Its memory is one record whatever its count.
 */

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

export class JobPool {
  capacity = 0;
  /** Jobs currently allocated. */
  live = 0;
  /** Highest number allocated at once. */
  peak = 0;

  node = new Int32Array(0);
  op = new Int32Array(0);
  /** Caller waiting for this job (sync calls), or −1. */
  parent = new Int32Array(0);
  /** Delivery group this call belongs to (fan-out edges), or −1. */
  group = new Int32Array(0);
  /** Edge this call came along, or −1 for a client's request. */
  edge = new Int32Array(0);
  /** Sync calls issued and not yet completed. */
  pending = new Int32Array(0);
  /** Sequential calls: index of the current edge in the out-edge list. LB: the chosen edge. */
  cursor = new Int32Array(0);
  /** Sequential calls: the delivery group of the current edge, or −1. */
  openGroup = new Int32Array(0);
  flags = new Uint16Array(0);
  /**
   * Generation of each record, raised every time it is released: an event or
   * timer stamped with an older generation belongs to a previous life of the
   * record and must not act on it.
   */
  gen = new Int32Array(0);
  /** Arrival time at the node, ms. */
  arrival = new Float64Array(0);
  /** Service start (servers), or the time a message entered the consumer queue (queues), ms. */
  mark = new Float64Array(0);
  /** Service time drawn for this job (a chunk's busy time), ms. */
  service = new Float64Array(0);
  /** How many identical calls this job stands for. */
  count = new Float64Array(0);
  /** Bulk splitter: units not yet handed to a server. */
  remaining = new Float64Array(0);
  /** How many of the job's units issue downstream calls (a cache chunk: its misses). */
  callUnits = new Float64Array(0);
  /** Sequential calls: copies left on the current edge (−1: not computed yet). */
  copiesLeft = new Float64Array(0);
  /** Followers of the request's author (−1: not drawn). */
  author = new Float64Array(0);
  /** Accounts the request's user follows (−1: not drawn). */
  followees = new Float64Array(0);

  private free = new Int32Array(0);
  private freeCount = 0;

  constructor(initialCapacity = 1024) {
    this.grow(initialCapacity);
  }

  /**
   * The one way a job record comes to life: every field set, none left over
   * from the record's previous life.
   */
  spawn(node: number, op: number, parent: number, group: number, edge: number, flags: number, arrivalMs: number, count: number, author: number, followees: number): number {
    const j = this.alloc();
    this.node[j] = node;
    this.op[j] = op;
    this.parent[j] = parent;
    this.group[j] = group;
    this.edge[j] = edge;
    this.pending[j] = 0;
    this.cursor[j] = 0;
    this.openGroup[j] = -1;
    this.flags[j] = flags;
    this.arrival[j] = arrivalMs;
    this.mark[j] = arrivalMs;
    this.service[j] = 0;
    this.count[j] = count;
    this.remaining[j] = 0;
    this.callUnits[j] = count;
    this.copiesLeft[j] = -1;
    this.author[j] = author;
    this.followees[j] = followees;
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

  release(j: number): void {
    this.flags[j] = 0;
    this.gen[j] = (this.gen[j] + 1) | 0;
    this.free[this.freeCount++] = j;
    this.live--;
  }

  private grow(capacity: number): void {
    const old = this.capacity;
    const copyI32 = (a: Int32Array) => {
      const b = new Int32Array(capacity);
      b.set(a);
      return b;
    };
    const copyF64 = (a: Float64Array) => {
      const b = new Float64Array(capacity);
      b.set(a);
      return b;
    };
    this.node = copyI32(this.node);
    this.op = copyI32(this.op);
    this.parent = copyI32(this.parent);
    this.group = copyI32(this.group);
    this.edge = copyI32(this.edge);
    this.pending = copyI32(this.pending);
    this.cursor = copyI32(this.cursor);
    this.openGroup = copyI32(this.openGroup);
    const flags = new Uint16Array(capacity);
    flags.set(this.flags);
    this.flags = flags;
    this.gen = copyI32(this.gen);
    this.arrival = copyF64(this.arrival);
    this.mark = copyF64(this.mark);
    this.service = copyF64(this.service);
    this.count = copyF64(this.count);
    this.remaining = copyF64(this.remaining);
    this.callUnits = copyF64(this.callUnits);
    this.copiesLeft = copyF64(this.copiesLeft);
    this.author = copyF64(this.author);
    this.followees = copyF64(this.followees);
    const free = new Int32Array(capacity);
    free.set(this.free.subarray(0, this.freeCount));
    // New ids are handed out in increasing order.
    for (let id = capacity - 1; id >= old; id--) free[this.freeCount++] = id;
    this.free = free;
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
