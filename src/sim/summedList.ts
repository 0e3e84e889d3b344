/**
 * A station's leaf calls in service once there are thousands of them (the
 * engine's summed mode, engine.ts): unordered. `drain(T, S)` hands back every
 * call done by time T and sequence S — exactly that set, so the station's
 * busy servers are exact whenever the engine decides anything there — but in
 * no particular order, because nothing read in this mode depends on it: the
 * busy time of these calls is summed call by call instead of integrated
 * event by event, and their latencies go into a histogram whose bins and
 * counts do not care about order.
 *
 * Time is cut into buckets of `width` ms, each an unsorted list threaded
 * through the calls' slots (`next`); bucket k is kept at k mod ring for the
 * ring's buckets ahead of the first one not yet drained (`cur`), and a call
 * past them waits in a heap (`far`). A drain takes the lists of the buckets
 * that ended by T whole, walks the one T falls in, and pops the far heap
 * while its earliest is done. The width follows the calls' spacing (re-chosen
 * when the list doubles or halves, when buckets come out crowded or sparse, or
 * when too many calls fall past the ring).
 */
import { QuadHeap } from './heap';
import { LEAF_DONE } from './leafCalls';
import type { LeafKeys } from './leafList';
import type { LatencyHistogram } from './stats';

/** The calls' fields a drain completes them with (LeafCalls), and how a call's slot is given back. */
export interface SummedCalls extends LeafKeys {
  readonly arrival: Float64Array;
  readonly counted: Uint8Array;
  readonly group: Int32Array;
  readonly mode: Uint8Array;
  readonly last: Int32Array;
  readonly state: Uint8Array;
  release(slot: number): void;
}

/** Calls per bucket aimed at when the width is chosen. */
const PER_BUCKET = 4;
/** Until this many calls, every call waits in the far heap (there is no width to choose yet). */
const BUCKETS_FROM = 256;
const MIN_RING = 1024;
const MAX_RING = 65536;
/** The ring spans this many times the calls' typical spread, so that few fall past it (a long tail). */
const RING_SPAN = 16;

export class SummedList {
  private readonly keys: SummedCalls;
  private readonly far = new QuadHeap(64);
  size = 0;
  /** The first bucket not yet drained whole; every call in a list lies in cur … cur + ring − 1. */
  private cur = 0;
  /** 0 before the first width is chosen: every call is in the far heap. */
  private invWidth = 0;
  private ring = 0;
  private mask = 0;
  private head = new Int32Array(0);
  /** Slots handed back by the last take or peek (valid until the next). */
  out = new Int32Array(1024);
  /** The latest T drained to: every call pushed since is due at or after it. */
  private floorT = -Infinity;
  private sizeAtRebuild = 0;
  private drains = 0;
  private walked = 0;
  private stepped = 0;

  /** What the last drain added up: the busy time of its calls inside the measurement window, and how many of them were counted. */
  area = 0;
  counted = 0;
  private latency: LatencyHistogram | null = null;
  private fromMs = 0;
  private toMs = 0;

  constructor(keys: SummedCalls) {
    this.keys = keys;
  }

  /** Adds the call in `slot` (its time and sequence are set; its time is not before the last drain's T). */
  push(slot: number): void {
    this.size++;
    this.place(slot);
    if (this.invWidth === 0 ? this.size >= BUCKETS_FROM : this.size > 2 * this.sizeAtRebuild) this.rebuild();
  }

  private place(slot: number): void {
    const t = this.keys.time[slot];
    if (this.invWidth !== 0) {
      const k = Math.floor(t * this.invWidth);
      // k ≥ cur but for a call due before the last drain's T, which pushes never make (the far heap would still order it).
      if (k >= this.cur && k - this.cur < this.ring) {
        const h = k & this.mask;
        this.keys.next[slot] = this.head[h];
        this.head[h] = slot;
        return;
      }
    }
    this.far.push(t, this.keys.seq[slot], slot, 0);
  }

  /**
   * The calls done by (T, S) — time below T, or T and sequence at most S — leave the list, each
   * completed where it lies: its latency into `latency` if it was counted, its service inside
   * [fromMs, toMs] added to `area`, its slot given back (or kept for its group's event, whose
   * completion it is). Returns how many.
   */
  drain(T: number, S: number, latency: LatencyHistogram, fromMs: number, toMs: number): number {
    let n = 0;
    this.area = 0;
    this.counted = 0;
    this.latency = latency;
    this.fromMs = fromMs;
    this.toMs = toMs;
    if (T > this.floorT) this.floorT = T;
    if (this.invWidth !== 0) {
      const keys = this.keys;
      const head = this.head;
      const mask = this.mask;
      const kT = Math.floor(T * this.invWidth);
      if (kT - this.cur >= this.ring) {
        // T is past every list: all of them are done.
        for (let h = 0; h < this.ring; h++) n += this.finishList(h);
        this.cur = kT;
      } else {
        this.stepped += kT - this.cur;
        while (this.cur < kT) {
          n += this.finishList(this.cur & mask);
          this.cur++;
        }
        // The bucket T falls in: the calls done by (T, S) leave, the rest stay.
        const h = kT & mask;
        let s = head[h];
        let keep = -1;
        while (s !== -1) {
          const next = keys.next[s];
          const t = keys.time[s];
          if (t < T || (t === T && keys.seq[s] <= S)) {
            this.finish(s);
            n++;
          } else {
            keys.next[s] = keep;
            keep = s;
          }
          this.walked++;
          s = next;
        }
        head[h] = keep;
      }
    }
    const far = this.far;
    while (far.count > 0) {
      const e = far.entries;
      if (e[0] > T || (e[0] === T && e[1] > S)) break;
      const slot = e[2];
      far.pop();
      this.finish(slot);
      n++;
    }
    this.size -= n;
    if (++this.drains === 4096) this.review();
    return n;
  }

  /** Every call leaves the list, into `out` (in no particular order); returns how many. */
  takeAll(): number {
    const n = this.collect();
    this.far.count = 0;
    this.head.fill(-1);
    this.size = 0;
    return n;
  }

  /** Every call still in the list, into `out`, which keeps them; returns how many. */
  peekAll(): number {
    return this.collect();
  }

  private collect(): number {
    let n = 0;
    for (let i = 0; i < this.far.count; i++) n = this.emit(n, this.far.entries[i * 4 + 2]);
    for (let h = 0; h < this.head.length; h++) {
      for (let s = this.head[h]; s !== -1; s = this.keys.next[s]) n = this.emit(n, s);
    }
    return n;
  }

  /** Every call in the list at `h` is done: each is finished, and the list emptied. Returns how many. */
  private finishList(h: number): number {
    const keys = this.keys;
    let n = 0;
    for (let s = this.head[h]; s !== -1; ) {
      const next = keys.next[s];
      this.finish(s);
      n++;
      s = next;
    }
    this.head[h] = -1;
    return n;
  }

  /** A call done: its latency, its busy time, its slot. */
  private finish(slot: number): void {
    const c = this.keys;
    const a = c.arrival[slot];
    const t = c.time[slot];
    const from = a > this.fromMs ? a : this.fromMs;
    const to = t < this.toMs ? t : this.toMs;
    if (to > from) this.area += to - from;
    if (c.counted[slot] === 1) {
      this.latency!.record(t - a);
      this.counted++;
    }
    const g = c.group[slot];
    // The group's last call stays for the group's event, which is this completion too.
    if (c.mode[g] === 1 && c.last[g] === slot) c.state[slot] = LEAF_DONE;
    else c.release(slot);
  }

  private emit(n: number, slot: number): number {
    if (n === this.out.length) {
      const out = new Int32Array(2 * n);
      out.set(this.out);
      this.out = out;
    }
    this.out[n] = slot;
    return n + 1;
  }

  /** Every 4,096 drains: a new width if the buckets walked were crowded, the buckets stepped over mostly empty, or the far heap holds too many. */
  private review(): void {
    const crowded = this.walked > 4096 * 4 * PER_BUCKET;
    const sparse = this.stepped > 4096 * 64 && this.walked < 4096;
    const far = this.invWidth !== 0 && this.far.count > this.size / 4;
    this.drains = 0;
    this.walked = 0;
    this.stepped = 0;
    if ((crowded || sparse || far || this.size < this.sizeAtRebuild / 4) && this.size >= BUCKETS_FROM) this.rebuild();
  }

  /** Chooses the width from the calls in the list (PER_BUCKET per bucket over the nearer half) and puts each back where it belongs. */
  private rebuild(): void {
    // Into a buffer of its own: a rebuild during a drain must not overwrite the calls the drain hands back.
    const slots = new Int32Array(this.size);
    let n = 0;
    for (let i = 0; i < this.far.count; i++) slots[n++] = this.far.entries[i * 4 + 2];
    for (let h = 0; h < this.head.length; h++) {
      for (let s = this.head[h]; s !== -1; s = this.keys.next[s]) slots[n++] = s;
    }
    const keys = this.keys;
    const times = new Float64Array(n);
    for (let i = 0; i < n; i++) times[i] = keys.time[slots[i]];
    times.sort();
    const half = n >> 1;
    const width = ((times[half] - times[0]) / Math.max(1, half)) * PER_BUCKET;
    this.far.count = 0;
    this.sizeAtRebuild = n;
    if (width > 0 && Number.isFinite(1 / width) && Number.isFinite(times[0] / width)) {
      let ring = MIN_RING;
      while (ring < MAX_RING && ring * PER_BUCKET < RING_SPAN * n) ring *= 2;
      if (ring !== this.head.length) {
        this.ring = ring;
        this.mask = ring - 1;
        this.head = new Int32Array(ring);
      }
      this.head.fill(-1);
      this.invWidth = 1 / width;
      // From the earliest call in the list, or the last drain's T if earlier: a call pushed later is due at or after it.
      const from = this.floorT < times[0] && this.floorT !== -Infinity ? this.floorT : times[0];
      this.cur = Math.floor(from * this.invWidth);
    } else {
      // Times too close together (or too far apart) to cut into buckets: the far heap holds them all.
      this.head.fill(-1);
      this.invWidth = 0;
    }
    for (let i = 0; i < n; i++) this.place(slots[i]);
  }
}
