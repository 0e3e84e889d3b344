/**
 * Join groups (SimPy's `AllOf`, `AnyOf` and `AnyOf(…, Timeout)`): a record
 * that waits for several pieces of work and completes once — when all of them
 * are over (ALL_OF), when the first succeeds (FIRST_OF; it fails only when
 * every member failed), or like FIRST_OF but failing at a deadline
 * (FIRST_OF_OR_TIMEOUT). Members are counted in, and counted out as they
 * finish; the record is recycled when its last member is out, whenever the
 * join itself completed. Struct-of-arrays, recycled through a free list.
 */
import { grown, grownFreeStack } from './pool';

export const ALL_OF = 0;
export const FIRST_OF = 1;
export const FIRST_OF_OR_TIMEOUT = 2;

/** What `settle` and `expire` report. */
export const JOIN_OPEN = 0;
export const JOIN_SUCCEEDED = 1;
export const JOIN_FAILED = 2;

export class JoinPool {
  private capacity = 0;
  mode = new Uint8Array(0);
  /** Members not yet over, plus one while the join is still being filled (`open` … `seal`). */
  remaining = new Int32Array(0);
  /** The join's outcome once decided (JOIN_OPEN until then). */
  outcome = new Uint8Array(0);
  /** Whether any member failed. */
  failed = new Uint8Array(0);
  /** Whether any member succeeded. */
  succeeded = new Uint8Array(0);
  /** What the join stands for, to its owner (a delivery group: its edge). */
  tag = new Int32Array(0);
  /** When the awaited work started, ms. */
  startMs = new Float64Array(0);
  /** How many requests the join stands for (a bulk caller's count). */
  weight = new Float64Array(0);
  /** Whether the join's measurement counts (opened inside the measurement window). */
  counted = new Uint8Array(0);
  live = 0;
  private free = new Int32Array(0);
  private freeCount = 0;

  constructor(initialCapacity = 256) {
    this.grow(initialCapacity);
  }

  /** A new join, held open until `seal` so that members finishing at once cannot complete it early. */
  open(mode: number, tag: number, startMs: number, weight: number, counted: boolean): number {
    if (this.freeCount === 0) this.grow(this.capacity * 2);
    const g = this.free[--this.freeCount];
    this.live++;
    this.mode[g] = mode;
    this.remaining[g] = 1;
    this.outcome[g] = JOIN_OPEN;
    this.failed[g] = 0;
    this.succeeded[g] = 0;
    this.tag[g] = tag;
    this.startMs[g] = startMs;
    this.weight[g] = weight;
    this.counted[g] = counted ? 1 : 0;
    return g;
  }

  /** One more member to wait for. */
  add(g: number): void {
    this.remaining[g]++;
  }

  /** `n` more members to wait for. */
  addMany(g: number, n: number): void {
    this.remaining[g] += n;
  }

  /**
   * `n` members succeeded that cannot decide the join: more than `n` holds are left on it (the
   * caller knows). What `n` calls of `settle(g, false)` would do, each returning JOIN_OPEN.
   */
  settleQuietly(g: number, n: number): void {
    this.succeeded[g] = 1;
    this.remaining[g] -= n;
  }

  /** No more members: the hold taken by `open` is let go. Returns what `settle` returns. */
  seal(g: number, failed = false): number {
    return this.leave(g, failed ? 2 : 0);
  }

  /**
   * A member is over. Returns JOIN_SUCCEEDED or JOIN_FAILED when this very
   * call decides the join, else JOIN_OPEN (still waiting, or decided before).
   * The record may be recycled by this call: read what you need first.
   */
  settle(g: number, failed: boolean): number {
    return this.leave(g, failed ? 2 : 1);
  }

  /** One hold on the join is let go: a member that succeeded (1) or failed (2), or the filling hold (0). */
  private leave(g: number, how: number): number {
    const failed = how === 2;
    if (failed) this.failed[g] = 1;
    else if (how === 1) this.succeeded[g] = 1;
    const left = --this.remaining[g];
    let decided = JOIN_OPEN;
    if (this.outcome[g] === JOIN_OPEN) {
      if (this.mode[g] === ALL_OF) {
        if (left === 0) decided = this.failed[g] ? JOIN_FAILED : JOIN_SUCCEEDED;
      } else if (how === 1) {
        decided = JOIN_SUCCEEDED;
      } else if (left === 0) {
        decided = JOIN_FAILED;
      }
      if (decided !== JOIN_OPEN) this.outcome[g] = decided;
    }
    if (left === 0) this.release(g);
    return decided;
  }

  /** The deadline of a FIRST_OF_OR_TIMEOUT join passed: it fails now unless already decided. */
  expire(g: number): number {
    if (this.outcome[g] !== JOIN_OPEN) return JOIN_OPEN;
    this.outcome[g] = JOIN_FAILED;
    return JOIN_FAILED;
  }

  private release(g: number): void {
    this.free[this.freeCount++] = g;
    this.live--;
  }

  private grow(capacity: number): void {
    this.mode = grown(this.mode, capacity);
    this.remaining = grown(this.remaining, capacity);
    this.outcome = grown(this.outcome, capacity);
    this.failed = grown(this.failed, capacity);
    this.succeeded = grown(this.succeeded, capacity);
    this.tag = grown(this.tag, capacity);
    this.startMs = grown(this.startMs, capacity);
    this.weight = grown(this.weight, capacity);
    this.counted = grown(this.counted, capacity);
    this.free = grownFreeStack(this.free, this.freeCount, this.capacity, capacity);
    this.freeCount += capacity - this.capacity;
    this.capacity = capacity;
  }
}
