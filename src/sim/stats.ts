/**
 * Latency statistics with bounded memory: a log-linear histogram in the HDR
 * layout (Gil Tene's HdrHistogram with 2 significant digits) plus exact
 * count, sum and maximum.
 *
 * Why not hdr-histogram-js itself: the engine records 3–6 latencies per
 * request and the bar is 3 million requests per second — a budget of about
 * 330 ns per request for everything. `npm run bench -- histogram` measures
 * one record at 134–190 ns in hdr-histogram-js's JS build and 26–39 ns in its
 * WebAssembly build (the latter across a wasm boundary, with a manual
 * `destroy()`), against 12–17 ns for this class, which also keeps its counts
 * in a plain Float64Array that can be posted to the UI as is. test/sim/stats.test.ts checks it against
 * hdr-histogram-js on the same values.
 *
 * Layout: values in integer nanoseconds; below 256 ns one bucket per ns;
 * above, for each power of two 2^e ≥ 256, 128 buckets of width 2^(e−7). A
 * bucket is at most 1/128 of its values wide, so every reported percentile
 * is within 0.8% of the exact order statistic for latencies above 256 ns
 * (0.000256 ms), and the counts array grows only with the largest value seen.
 */

const NS_PER_MS = 1e6;
const SUB_BUCKETS = 256;
const HALF = 128;
const TWO_POW_32 = 4294967296;

export interface LatencySummary {
  mean: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  p999: number;
  max: number;
}

export const EMPTY_SUMMARY: LatencySummary = Object.freeze({ mean: 0, p50: 0, p90: 0, p95: 0, p99: 0, p999: 0, max: 0 });

/**
 * The largest value recorded as itself, ns: 2^62 ns is about 146 years. bucketIndex is exact below
 * 2^64 only, and a value of 1e300 ms (an index refreshing every 1e300 ms) would otherwise ask for a
 * bucket array of 1e298 entries, grown forever. Anything longer — and NaN — lands in this one
 * overflow bucket, whose percentiles read as the exact maximum.
 */
const MAX_NS = 2 ** 62;
/** 2^−e, for exact power-of-two scaling without Math.pow on the hot path. */
const INV_POW2 = Float64Array.from({ length: 64 }, (_, e) => 2 ** -e);

/** The bucket index of an integer value in ns (0 ≤ ns < 2^53). */
export function bucketIndex(ns: number): number {
  if (ns < SUB_BUCKETS) return ns;
  if (ns < TWO_POW_32) {
    const e = 24 - Math.clz32(ns); // floor(log2 ns) − 7, so ns / 2^e ∈ [128, 256)
    return SUB_BUCKETS + (e - 1) * HALF + ((ns >>> e) - HALF);
  }
  const e = 56 - Math.clz32(Math.floor(ns * INV_POW2[32]));
  return SUB_BUCKETS + (e - 1) * HALF + (Math.floor(ns * INV_POW2[e]) - HALF);
}

/** The smallest value (ns) of a bucket. */
export function bucketLow(index: number): number {
  if (index < SUB_BUCKETS) return index;
  const e = Math.floor((index - SUB_BUCKETS) / HALF) + 1;
  const sub = (index - SUB_BUCKETS) % HALF + HALF;
  return sub * 2 ** e;
}

/** The largest value (ns) a bucket holds. */
export function bucketHigh(index: number): number {
  if (index < SUB_BUCKETS) return index;
  const e = Math.floor((index - SUB_BUCKETS) / HALF) + 1;
  return bucketLow(index) + 2 ** e - 1;
}

/** The bucket of every value at or beyond MAX_NS. */
export const OVERFLOW_BUCKET = bucketIndex(MAX_NS);

/** A histogram of durations in milliseconds. */
export class LatencyHistogram {
  counts = new Float64Array(SUB_BUCKETS + 8 * HALF);
  /** Number of values recorded (a weighted record adds its weight). */
  count = 0;
  /** Exact sum of the values, in ms, for an exact mean. */
  sum = 0;
  /** Exact maximum, in ms. */
  max = 0;

  record(ms: number): void {
    const ns = Math.floor(ms * NS_PER_MS);
    const i = ns < SUB_BUCKETS ? (ns > 0 ? ns : 0) : ns < MAX_NS ? bucketIndex(ns) : OVERFLOW_BUCKET;
    if (i >= this.counts.length) this.grow(i);
    this.counts[i]++;
    this.count++;
    this.sum += ms;
    if (ms > this.max) this.max = ms;
  }

  /** Records `weight` equal values (rounded to an integer; nothing when < 0.5). */
  recordWeighted(ms: number, weight: number): void {
    const n = Math.round(weight);
    if (n <= 0) return;
    const ns = Math.floor(ms * NS_PER_MS);
    const i = ns < SUB_BUCKETS ? (ns > 0 ? ns : 0) : ns < MAX_NS ? bucketIndex(ns) : OVERFLOW_BUCKET;
    if (i >= this.counts.length) this.grow(i);
    this.counts[i] += n;
    this.count += n;
    this.sum += ms * n;
    if (ms > this.max) this.max = ms;
  }

  private grow(index: number): void {
    let size = this.counts.length;
    while (size <= index) size += 8 * HALF;
    const next = new Float64Array(size);
    next.set(this.counts);
    this.counts = next;
  }

  mean(): number {
    return this.count > 0 ? this.sum / this.count : 0;
  }

  /** The value at a percentile in [0, 100], in ms: the top of the bucket holding that rank, never above the maximum. */
  percentile(p: number): number {
    if (this.count === 0) return 0;
    const rank = Math.max(1, Math.ceil((p / 100) * this.count));
    const counts = this.counts;
    let seen = 0;
    for (let i = 0; i < counts.length; i++) {
      seen += counts[i];
      if (seen >= rank) return this.bucketTop(i);
    }
    return this.max;
  }

  /** Several percentiles (ascending) in one pass. */
  percentiles(ps: readonly number[]): number[] {
    const out: number[] = [];
    if (this.count === 0) return ps.map(() => 0);
    const counts = this.counts;
    let seen = 0;
    let i = -1;
    for (const p of ps) {
      const rank = Math.max(1, Math.ceil((p / 100) * this.count));
      while (seen < rank && i < counts.length - 1) seen += counts[++i];
      out.push(this.bucketTop(i));
    }
    return out;
  }

  /** The value a percentile falling in bucket `i` reports, ms. */
  private bucketTop(i: number): number {
    return i >= OVERFLOW_BUCKET ? this.max : Math.min((bucketHigh(i) + 1) / NS_PER_MS, this.max);
  }

  summary(): LatencySummary {
    if (this.count === 0) return { ...EMPTY_SUMMARY };
    const [p50, p90, p95, p99, p999] = this.percentiles([50, 90, 95, 99, 99.9]);
    return { mean: this.mean(), p50, p90, p95, p99, p999, max: this.max };
  }

  /** Adds another histogram's values into this one. */
  add(other: LatencyHistogram): void {
    if (other.count === 0) return;
    if (other.counts.length > this.counts.length) this.grow(other.counts.length - 1);
    const a = this.counts;
    const b = other.counts;
    for (let i = 0; i < b.length; i++) a[i] += b[i];
    this.count += other.count;
    this.sum += other.sum;
    if (other.max > this.max) this.max = other.max;
  }

  reset(): void {
    this.counts.fill(0);
    this.count = 0;
    this.sum = 0;
    this.max = 0;
  }

  /** Kept for call sites that manage lifetimes explicitly; plain memory needs no release. */
  dispose(): void {}
}
