/**
 * Retry delays (SCENARIO.md, "Resilience on edges"): the wait before retry
 * r = 1, 2, … after a failed attempt. The base delay d is none (0),
 * constant (baseMs) or exponential (min(capMs, baseMs × multiplier^(r−1)));
 * jitter then spreads it: full = U(0, d), equal = d/2 + U(0, d/2),
 * decorrelated = min(capMs, U(baseMs, 3 × the previous delay)) — the
 * variants of "Exponential Backoff And Jitter" (AWS Architecture Blog,
 * 2015), which the retry lessons compare.
 */
import type { Rng } from '../random';

export type BackoffType = 'none' | 'constant' | 'exponential';
export type JitterType = 'none' | 'full' | 'equal' | 'decorrelated';

export interface BackoffRule {
  type: BackoffType;
  baseMs: number;
  capMs: number;
  multiplier: number;
  jitter: JitterType;
}

/** The delay before retry `r` (≥ 1), given the previous retry's delay (ignored for r = 1). */
export function retryDelayMs(rule: BackoffRule, r: number, previousMs: number, rng: Rng): number {
  if (rule.jitter === 'decorrelated') {
    // Decorrelated jitter grows from the previous delay rather than from r: the first retry waits baseMs × U(1, 3).
    const prev = r <= 1 ? rule.baseMs : Math.max(rule.baseMs, previousMs);
    return Math.min(rule.capMs, rule.baseMs + rng.uniform() * (3 * prev - rule.baseMs));
  }
  const d = baseDelayMs(rule, r);
  switch (rule.jitter) {
    case 'none':
      return d;
    case 'full':
      return rng.uniform() * d;
    case 'equal':
      return d / 2 + rng.uniform() * (d / 2);
  }
}

/** The delay before retry `r` without jitter. */
export function baseDelayMs(rule: BackoffRule, r: number): number {
  switch (rule.type) {
    case 'none':
      return 0;
    case 'constant':
      return rule.baseMs;
    case 'exponential':
      // multiplier^(r−1) overflows to Infinity for large r; the cap keeps the result finite.
      return Math.min(rule.capMs, rule.baseMs * Math.pow(rule.multiplier, r - 1));
  }
}
