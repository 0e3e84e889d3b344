/**
 * A latency histogram down-sampled for plotting: the engine's HDR buckets
 * (thousands of them, each under 1% wide) folded into a few dozen
 * log-spaced bins between the smallest and the largest value seen, plus the
 * percentiles to mark on the chart. Log spacing shows a body of milliseconds
 * and a tail of seconds on one axis.
 */
import type { Simulation } from './engine';
import { bucketHigh, bucketLow, LatencyHistogram } from './stats';

export interface LatencyBins {
  /** Lower and upper edge of each bin, ms. */
  lowMs: number[];
  highMs: number[];
  /** Values in each bin. */
  counts: number[];
  total: number;
  meanMs: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  p999Ms: number;
  maxMs: number;
}

const NS_PER_MS = 1e6;

/** Folds a histogram into `binCount` log-spaced bins; null when it is empty. */
export function logBins(h: LatencyHistogram, binCount = 60): LatencyBins | null {
  if (h.count === 0) return null;
  const counts = h.counts;
  let first = -1;
  let last = -1;
  for (let i = 0; i < counts.length; i++) {
    if (counts[i] > 0) {
      if (first < 0) first = i;
      last = i;
    }
  }
  // Zero latencies land in bucket 0: start the axis at 1 µs so a log axis stays finite.
  const loNs = Math.max(bucketLow(first), 1000);
  const hiNs = Math.max(bucketHigh(last) + 1, loNs * 1.01);
  const bins = Math.max(1, Math.min(binCount, Math.round(binCount * Math.min(1, Math.log(hiNs / loNs) / Math.log(4)))));
  const ratio = Math.log(hiNs / loNs);
  const lowMs: number[] = [];
  const highMs: number[] = [];
  const binCounts = new Array<number>(bins).fill(0);
  for (let b = 0; b < bins; b++) {
    lowMs.push((loNs * Math.exp((ratio * b) / bins)) / NS_PER_MS);
    highMs.push((loNs * Math.exp((ratio * (b + 1)) / bins)) / NS_PER_MS);
  }
  for (let i = first; i <= last; i++) {
    const c = counts[i];
    if (c === 0) continue;
    const mid = (bucketLow(i) + bucketHigh(i) + 1) / 2;
    let b = mid <= loNs ? 0 : Math.floor((Math.log(mid / loNs) / ratio) * bins);
    if (b >= bins) b = bins - 1;
    binCounts[b] += c;
  }
  const [p50, p95, p99, p999] = h.percentiles([50, 95, 99, 99.9]);
  return {
    lowMs,
    highMs,
    counts: binCounts,
    total: h.count,
    meanMs: h.mean(),
    p50Ms: p50,
    p95Ms: p95,
    p99Ms: p99,
    p999Ms: p999,
    maxMs: h.max,
  };
}

/** Per op (model order), the response times measured so far, binned; null for an op with none yet. */
export function opLatencyBins(sim: Simulation, binCount = 60): (LatencyBins | null)[] {
  return sim.model.ops.map((_, op) => {
    const merged = new LatencyHistogram();
    for (let i = 0; i < sim.model.nodeCount; i++) {
      if (sim.model.clientOp[i] === op) merged.add(sim.meter.nodeLatency[i]);
    }
    return logBins(merged, binCount);
  });
}
