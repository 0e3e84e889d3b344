/** The values a sweep visits: evenly spaced, on a linear or a log scale. */

export type SweepScale = 'linear' | 'log';

export interface SweepRange {
  from: number;
  to: number;
  steps: number;
  scale: SweepScale;
  /** Integer parameters (servers) are rounded, and repeats after rounding dropped. */
  integer: boolean;
}

/** Most points one sweep may run. */
export const MAX_SWEEP_POINTS = 40;

/** What is wrong with a range, or undefined when it can be swept. */
export function rangeProblem(r: SweepRange): string | undefined {
  if (!Number.isFinite(r.from) || !Number.isFinite(r.to)) return 'Expected numbers for the range.';
  if (!Number.isInteger(r.steps) || r.steps < 2 || r.steps > MAX_SWEEP_POINTS) return `Expected 2 to ${MAX_SWEEP_POINTS} points.`;
  if (r.scale === 'log' && (r.from <= 0 || r.to <= 0)) return 'A log scale needs values above 0.';
  if (r.from === r.to) return 'Expected two different ends.';
  return undefined;
}

/**
 * `steps` values from `from` to `to`, both included: equal differences on a
 * linear scale, equal ratios on a log one (1, 2, 4, 8… for 1 → 8 in 4 steps).
 * Values are rounded to 6 significant digits (integers for integer
 * parameters), so that the ends are exactly what was typed.
 */
export function sweepPoints(r: SweepRange): number[] {
  if (rangeProblem(r)) return [];
  const values: number[] = [];
  for (let i = 0; i < r.steps; i++) {
    const t = i / (r.steps - 1);
    const v = r.scale === 'log' ? r.from * (r.to / r.from) ** t : r.from + (r.to - r.from) * t;
    const clean = i === 0 ? r.from : i === r.steps - 1 ? r.to : Number(v.toPrecision(6));
    const value = r.integer ? Math.round(clean) : clean;
    if (values[values.length - 1] !== value) values.push(value);
  }
  return values;
}
