/** Helpers the kind modules share: glance text for distributions and enums, scaling of counts. */
import { KINDS, type NodeKind } from '../scenario/kinds';
import type { TimeDist } from '../scenario/schema';
import { distQuantile } from '../sim/distributions';
import { formatMs } from '../ui/format';
import type { Routing } from './types';

export const PASS_ALL: Routing = { passOn: 1, split: 'all' };

/** A time distribution in a few characters: "1 ms", "10 ms mean", "1–5 ms", "5 ms p50". */
export function distGlance(d: TimeDist): string {
  switch (d.type) {
    case 'constant':
      return formatMs(d.valueMs);
    case 'exponential':
      return `${formatMs(d.meanMs)} mean`;
    case 'uniform':
      return `${formatMs(d.minMs).replace(' ms', '')}–${formatMs(d.maxMs)}`;
    case 'lognormal':
      return `${formatMs(d.medianMs)} p50`;
    case 'mixture':
      return `${formatMs(distQuantile(d, 0.5))} p50 · ${formatMs(distQuantile(d, 0.99))} p99`;
  }
}

export function enumLabel(kind: NodeKind, param: string, value: string): string {
  const meta = KINDS[kind].params[param];
  return meta?.type === 'enum' ? (meta.valueLabels[value] ?? value) : value;
}

/**
 * A scaled rate, rounded to 12 significant digits so that scaling by a
 * factor and back gives the same number (33.3 × 100 is 3329.9999999999995
 * in floating point; this makes it 3330, and 3330 × 0.01 gives 33.3 again).
 */
export function scaleRate(rate: number, factor: number): number {
  return Number((rate * factor).toPrecision(12));
}

export function scaleCount(n: number, factor: number): number {
  return Math.max(1, Math.round(n * factor));
}
