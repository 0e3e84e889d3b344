/**
 * A station's leaf calls in service (LeafCalls, engine.ts's fast path), in
 * the order their completions would pop from the event list: by time, then
 * insertion sequence. It is EventHeap's calendar (heap.ts) — a front heap
 * holding the current bucket, the buckets ahead as unsorted lists, a far heap
 * past them — except that a bucket's list is threaded through the calls' own
 * slots (`next`), so appending a call writes one integer beside the call's
 * other fields, and the ring itself is a few kilobytes of list heads. The
 * general list stores each pending event as a 32-byte record in a bucket
 * array of megabytes; with thousands of calls in service at one station (a
 * database answering every read's celebrity merges) nearly every append and
 * every bucket coming due then missed the cache.
 *
 * The order never depends on the width of a bucket or the size of the ring
 * (test/sim/leafList.test.ts checks it against a reference sort), only how
 * fast it is found.
 */
import { CalendarTuning, QuadHeap } from './heap';

/** The calls' fields the list reads: completion time, insertion sequence, and the link to the next call of the same bucket. */
export interface LeafKeys {
  readonly time: Float64Array;
  readonly seq: Float64Array;
  readonly next: Int32Array;
}

/** List heads kept ahead of the current bucket, at least and at most (a power of two, chosen at each rebuild). */
const MIN_RING = 256;
const MAX_RING = 65536;
/** Past this many calls the list runs as a calendar (below, the front heap alone is as fast). */
const CALENDAR_FROM = 256;
/** Calls per bucket aimed at when the width is chosen. */
const PER_BUCKET = 4;

export class LeafList {
  private readonly keys: LeafKeys;
  /** Every call in heap mode; as a calendar, the current bucket's. */
  private readonly front = new QuadHeap(64);
  /** Calls of buckets past the ring (calendar mode only). */
  private readonly far = new QuadHeap(16);
  size = 0;
  /** The current bucket; Infinity in heap mode. */
  private cur = Infinity;
  private invWidth = 0;
  private ring = MIN_RING;
  private mask = MIN_RING - 1;
  /** Bucket k's first call (−1: none), for k in cur+1 … cur+ring−1, at k mod ring. */
  private head = new Int32Array(0);
  private readonly tuning = new CalendarTuning(PER_BUCKET);
  /** Heap mode: the size at which to try a calendar next. */
  private calendarAt = CALENDAR_FROM;

  constructor(keys: LeafKeys) {
    this.keys = keys;
  }

  /** The earliest call's completion time (the list is not empty). */
  peekTime(): number {
    return this.front.entries[0];
  }

  /** The earliest call's slot. */
  peekId(): number {
    return this.front.entries[2] | 0;
  }

  /** Adds the call in `slot` (its time and sequence are set). */
  push(slot: number): void {
    const t = this.keys.time[slot];
    this.size++;
    if (this.cur === Infinity) {
      this.front.push(t, this.keys.seq[slot], slot, 0);
      if (this.size > this.calendarAt) this.rebuild();
      return;
    }
    // The front is empty only when the whole list is: the call's bucket becomes the current one.
    if (this.size === 1) this.cur = Math.floor(t * this.invWidth);
    this.tuning.pushes++;
    this.place(slot, t);
  }

  /** Removes the earliest call. */
  pop(): void {
    this.size--;
    this.front.pop();
    if (this.front.count === 0 && this.size > 0) this.advance();
  }

  private place(slot: number, t: number): void {
    const k = Math.floor(t * this.invWidth);
    if (k <= this.cur) {
      this.front.push(t, this.keys.seq[slot], slot, 0);
      // Too wide a width piles the calls into the current bucket.
      if (this.tuning.piledUp(this.front.count, this.size)) this.rebuild();
      return;
    }
    if (k - this.cur < this.ring) {
      const h = k & this.mask;
      this.keys.next[slot] = this.head[h];
      this.head[h] = slot;
      return;
    }
    this.far.push(t, this.keys.seq[slot], slot, 0);
  }

  /** The front ran dry: the next non-empty bucket (a list's, or the far heap's earliest) becomes current. */
  private advance(): void {
    const far = this.far;
    const farBucket = far.count > 0 ? Math.floor(far.entries[0] * this.invWidth) : Infinity;
    const ringEnd = this.cur + this.ring;
    const mask = this.mask;
    const head = this.head;
    const stop = farBucket < ringEnd ? farBucket : ringEnd;
    let k = this.cur + 1;
    while (k < stop && head[k & mask] === -1) k++;
    const scanned = k - this.cur - 1;
    // Every list empty: the far heap's earliest bucket is next.
    if (k >= ringEnd) k = farBucket;
    this.cur = k;
    const front = this.front;
    let moved = 0;
    if (k < ringEnd) {
      const h = k & mask;
      const keys = this.keys;
      let s = head[h];
      head[h] = -1;
      while (s !== -1) {
        front.push(keys.time[s], keys.seq[s], s, 0);
        s = keys.next[s];
        moved++;
      }
    }
    far.moveUpTo(k, this.invWidth, front);
    if (this.tuning.advanced(moved, scanned, this.size, far.count)) this.rebuild();
  }

  /** Chooses the width from the calls pending (PER_BUCKET per bucket over the nearer half) and puts every call back where it belongs. */
  private rebuild(): void {
    const n = this.size;
    const keys = this.keys;
    const slots = new Int32Array(n);
    let m = 0;
    for (let i = 0; i < this.front.count; i++) slots[m++] = this.front.entries[i * 4 + 2];
    for (let i = 0; i < this.far.count; i++) slots[m++] = this.far.entries[i * 4 + 2];
    for (let h = 0; h < this.head.length; h++) {
      for (let s = this.head[h]; s !== -1; s = keys.next[s]) slots[m++] = s;
    }
    const times = new Float64Array(n);
    for (let i = 0; i < n; i++) times[i] = keys.time[slots[i]];
    times.sort();
    const half = n >> 1;
    const width = ((times[half] - times[0]) / Math.max(1, half)) * PER_BUCKET;
    this.front.count = 0;
    this.far.count = 0;
    this.tuning.chosen();
    if (width > 0 && Number.isFinite(1 / width) && Number.isFinite(times[0] / width)) {
      // Heads for twice the calls pending at PER_BUCKET a bucket: a few kilobytes.
      let ring = MIN_RING;
      while (ring < MAX_RING && ring * PER_BUCKET < 2 * n) ring *= 2;
      if (ring !== this.head.length) {
        this.ring = ring;
        this.mask = ring - 1;
        this.head = new Int32Array(ring);
      }
      this.head.fill(-1);
      this.invWidth = 1 / width;
      this.cur = Math.floor(times[0] * this.invWidth);
      for (let i = 0; i < n; i++) this.place(slots[i], keys.time[slots[i]]);
    } else {
      // Times too close together (or too far apart) to cut into buckets: the front heap alone, until the list doubles.
      this.head.fill(-1);
      this.cur = Infinity;
      this.calendarAt = 2 * n;
      for (let i = 0; i < n; i++) this.front.push(keys.time[slots[i]], keys.seq[slots[i]], slots[i], 0);
    }
  }
}
