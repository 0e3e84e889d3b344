/**
 * Counts over a trailing window of simulated time, in a ring of buckets:
 * memory fixed whatever the rate (a per-event log of 300,000 calls a second
 * over 10 s would hold 3 million times). A count "over the trailing window"
 * is over the buckets that overlap it, so the window's start is exact to
 * one bucket (1% of the window with the default 100 buckets). Retry budgets
 * and circuit breakers count attempts and failures with it.
 */
export class SlidingCount {
  private readonly bucketMs: number;
  private readonly counts: Float64Array[];
  /** The index (time ÷ bucketMs) of the newest bucket written. */
  private head = -1;

  /** `series` parallel counts over a window of `windowMs` in `buckets` buckets. */
  constructor(windowMs: number, series: number, buckets = 100) {
    this.bucketMs = windowMs / buckets;
    this.counts = Array.from({ length: series }, () => new Float64Array(buckets));
  }

  /** Moves the window to end at `nowMs` (time never goes back), emptying the buckets it leaves. */
  private advance(nowMs: number): void {
    const index = Math.floor(nowMs / this.bucketMs);
    if (index <= this.head) return;
    const n = this.counts[0].length;
    const clear = Math.min(n, index - this.head);
    for (let k = 1; k <= clear; k++) {
      const slot = (((this.head + k) % n) + n) % n;
      for (const c of this.counts) c[slot] = 0;
    }
    this.head = index;
  }

  add(series: number, nowMs: number, amount = 1): void {
    this.advance(nowMs);
    const n = this.counts[series].length;
    this.counts[series][((this.head % n) + n) % n] += amount;
  }

  /** The count of a series over the trailing window ending at `nowMs`. */
  total(series: number, nowMs: number): number {
    this.advance(nowMs);
    let sum = 0;
    for (const v of this.counts[series]) sum += v;
    return sum;
  }
}
