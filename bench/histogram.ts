/**
 * Why the engine records latencies in its own HdrHistogram-layout histogram
 * (src/sim/stats.ts) rather than through hdr-histogram-js: the cost of one
 * record, in ns, for the same values (median of 5 passes over 2 million
 * exponential latencies, fixed seed). Both keep two significant digits.
 */
import * as hdr from 'hdr-histogram-js';
import { Rng } from '../src/sim/random';
import { LatencyHistogram } from '../src/sim/stats';

const VALUES = 2_000_000;
const PASSES = 5;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** ns per value of `record` over the values, median of the passes. */
function timeRecords(values: Float64Array, fresh: () => { record: (ms: number) => void; done?: () => void }): number {
  const ns: number[] = [];
  for (let p = 0; p < PASSES; p++) {
    const h = fresh();
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < values.length; i++) h.record(values[i]);
    ns.push(Number(process.hrtime.bigint() - t0) / values.length);
    h.done?.();
  }
  return median(ns);
}

export async function histogramBench(): Promise<{ name: string; nsPerValue: number }[]> {
  const rng = new Rng(1);
  const values = new Float64Array(VALUES);
  for (let i = 0; i < VALUES; i++) values[i] = rng.exponential(20);
  await hdr.initWebAssembly();
  const reference = (useWebAssembly: boolean) => () => {
    const h = hdr.build({ numberOfSignificantValueDigits: 2, bitBucketSize: 64, useWebAssembly });
    return { record: (ms: number) => h.recordValue(Math.floor(ms * 1e6)), done: () => h.destroy() };
  };
  return [
    { name: 'LatencyHistogram (this engine)', nsPerValue: timeRecords(values, () => new LatencyHistogram()) },
    { name: 'hdr-histogram-js, WebAssembly', nsPerValue: timeRecords(values, reference(true)) },
    { name: 'hdr-histogram-js, JavaScript', nsPerValue: timeRecords(values, reference(false)) },
  ];
}
