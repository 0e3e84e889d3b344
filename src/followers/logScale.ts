/** Log axes for the follower plots: decade ticks and their labels. */
import { formatCount } from '../ui/format';

export interface LogAxis {
  min: number;
  max: number;
  /** Position 0…1 of a value on the axis. */
  at: (v: number) => number;
  /** Powers of ten within [min, max], thinned to at most `maxTicks`. */
  ticks: number[];
}

export function logAxis(min: number, max: number, maxTicks = 6): LogAxis {
  const lo = Math.log10(min);
  const hi = Math.log10(Math.max(max, min * 10));
  const first = Math.ceil(lo - 1e-9);
  const last = Math.floor(hi + 1e-9);
  const every = Math.max(1, Math.ceil((last - first + 1) / maxTicks));
  const ticks: number[] = [];
  // Anchored at the top: the 1 of a probability axis, the largest decade of a count axis.
  for (let e = last; e >= first; e -= every) ticks.unshift(10 ** e);
  return { min, max: 10 ** hi, at: (v) => (Math.log10(Math.max(v, min)) - lo) / (hi - lo), ticks };
}

const SUPERSCRIPT: Record<string, string> = { '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹' };

/** A probability on a log axis: "1", "0.1", "0.01", then "10⁻³", "10⁻⁴"… */
export function probabilityTick(p: number): string {
  const e = Math.round(Math.log10(p));
  if (e >= -2) return String(10 ** e);
  return `10${String(e).replace(/./g, (c) => SUPERSCRIPT[c] ?? c)}`;
}

/** A follower count on a log axis: "1", "100", "10k", "1M". */
export function countTick(k: number): string {
  return formatCount(k);
}
