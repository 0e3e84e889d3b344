import * as hdr from 'hdr-histogram-js';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/sim/random';
import { bucketHigh, bucketIndex, bucketLow, LatencyHistogram } from '../../src/sim/stats';

function exactPercentile(sorted: Float64Array, p: number): number {
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

describe('latency histogram (HDR log-linear layout)', () => {
  it('maps every value into a bucket that contains it, buckets tiling the line without gaps', () => {
    for (let i = 0; i < 256 + 128 * 40; i++) {
      expect(bucketLow(i + 1), `bucket ${i}`).toBe(bucketHigh(i) + 1);
      expect(bucketIndex(bucketLow(i))).toBe(i);
      expect(bucketIndex(bucketHigh(i))).toBe(i);
    }
    for (const v of [0, 1, 255, 256, 257, 1e3, 1e6, 2 ** 32 - 1, 2 ** 32, 2 ** 32 + 1, 7.2e12, 2 ** 52]) {
      const i = bucketIndex(v);
      expect(bucketLow(i)).toBeLessThanOrEqual(v);
      expect(bucketHigh(i)).toBeGreaterThanOrEqual(v);
    }
  });

  it('reports every percentile within 1% of the exact order statistic, from microseconds to hours', () => {
    const rng = new Rng(3);
    for (const scaleMs of [0.001, 0.05, 1, 30, 5000, 3.6e6]) {
      const n = 200_000;
      const values = new Float64Array(n);
      const h = new LatencyHistogram();
      for (let i = 0; i < n; i++) {
        // A heavy-tailed mixture: lognormal body plus rare slow outliers.
        const v = scaleMs * Math.exp(0.8 * rng.normal()) * (rng.uniform() < 0.01 ? 50 : 1);
        values[i] = v;
        h.record(v);
      }
      values.sort();
      const summary = h.summary();
      for (const [p, got] of [
        [50, summary.p50],
        [90, summary.p90],
        [95, summary.p95],
        [99, summary.p99],
        [99.9, summary.p999],
      ] as const) {
        const exact = exactPercentile(values, p);
        expect(Math.abs(got - exact) / exact, `p${p} at scale ${scaleMs} ms`).toBeLessThanOrEqual(0.01);
      }
      expect(summary.max).toBe(values[n - 1]);
      const mean = values.reduce((a, b) => a + b, 0) / n;
      expect(summary.mean).toBeCloseTo(mean, 6);
    }
  });

  it('agrees with hdr-histogram-js (2 significant digits) on the same values', () => {
    const rng = new Rng(9);
    const ours = new LatencyHistogram();
    const reference = hdr.build({ numberOfSignificantValueDigits: 2, bitBucketSize: 64 });
    for (let i = 0; i < 100_000; i++) {
      const ms = rng.exponential(20);
      ours.record(ms);
      reference.recordValue(Math.floor(ms * 1e6));
    }
    for (const p of [10, 50, 90, 99, 99.9]) {
      const theirs = reference.getValueAtPercentile(p) / 1e6;
      expect(Math.abs(ours.percentile(p) - theirs) / theirs, `p${p}`).toBeLessThan(0.008);
    }
  });

  it('weighted records, merging and reset behave like repeated records', () => {
    const a = new LatencyHistogram();
    const b = new LatencyHistogram();
    for (let i = 0; i < 1000; i++) a.record(5);
    b.recordWeighted(5, 1000);
    expect(b.summary()).toEqual(a.summary());
    const c = new LatencyHistogram();
    c.record(1e6);
    a.add(c);
    expect(a.count).toBe(1001);
    expect(a.max).toBe(1e6);
    expect(a.percentile(100)).toBe(1e6);
    a.reset();
    expect(a.count).toBe(0);
    expect(a.summary().p99).toBe(0);
  });

  it('memory depends on the largest value, not on how many were recorded', () => {
    const h = new LatencyHistogram();
    for (let i = 0; i < 1_000_000; i++) h.record(1 + (i % 1000));
    expect(h.counts.length).toBeLessThan(5000);
  });
});
