/**
 * How requests spread over keys, for the inspector's plot and sentence:
 * the share of requests that go to the k most popular of N keys. Uniform
 * keys give k/N; Zipf keys (rank r drawn in proportion to r^−s) give
 * H(k, s) / H(N, s), with H the generalised harmonic number.
 *
 * H(n, s) is summed term by term up to DIRECT_TERMS and continued by the
 * Euler–Maclaurin formula (the integral, half the end terms, and the first
 * derivative correction): at 10 million keys that is ten thousand powers
 * instead of ten million — nothing the main thread notices — and the error
 * of the continuation is below 1e-12 of the sum there (its next term falls
 * like m^−(s+3) at m = 10,000).
 */
import type { Keys } from './schema';

const DIRECT_TERMS = 10_000;

/** Σ_{k=1..n} k^−s, for n ≥ 0 (n need not be an integer beyond the direct terms: the continuation is smooth). */
export function harmonic(n: number, s: number): number {
  const m = Math.min(Math.floor(n), DIRECT_TERMS);
  let sum = 0;
  // From the smallest term up, so that rounding does not lose the tail.
  for (let k = m; k >= 1; k--) sum += Math.pow(k, -s);
  if (n <= m) return sum;
  const f = (x: number) => Math.pow(x, -s);
  const df = (x: number) => -s * Math.pow(x, -s - 1);
  const integral = s === 1 ? Math.log(n / m) : (Math.pow(n, 1 - s) - Math.pow(m, 1 - s)) / (1 - s);
  // Σ_{k=m+1..n} f(k) ≈ ∫_m^n f + (f(n) − f(m))/2 + (f'(n) − f'(m))/12
  return sum + integral + (f(n) - f(m)) / 2 + (df(n) - df(m)) / 12;
}

/** The share of requests that go to the `top` most popular keys (0 … 1). */
export function topShare(keys: Keys, top: number): number {
  const k = Math.max(0, Math.min(keys.count, top));
  if (keys.popularity.type === 'uniform') return k / keys.count;
  if (k === keys.count) return 1;
  return harmonic(k, keys.popularity.s) / harmonic(keys.count, keys.popularity.s);
}

/** topShare at each of `ranks` (increasing), in one pass over the direct terms: what the plot draws. */
export function shareCurve(keys: Keys, ranks: readonly number[]): number[] {
  if (keys.popularity.type === 'uniform') return ranks.map((r) => topShare(keys, r));
  const s = keys.popularity.s;
  const total = harmonic(keys.count, s);
  const out: number[] = [];
  let sum = 0;
  let k = 0;
  for (const r of ranks) {
    if (r > DIRECT_TERMS) {
      out.push(r >= keys.count ? 1 : harmonic(r, s) / total);
      continue;
    }
    // Summed from the top key up: over ten thousand terms the rounding is far below what a plot can show.
    while (k < r) sum += Math.pow(++k, -s);
    out.push(r >= keys.count ? 1 : sum / total);
  }
  return out;
}

/** Ranks from 1 to count, log-spaced (at most `points`, each an integer, increasing). */
export function rankSteps(count: number, points = 48): number[] {
  const out: number[] = [];
  for (let i = 0; i < points; i++) {
    const r = Math.round(Math.pow(count, i / (points - 1)));
    if (out.length === 0 || r > out[out.length - 1]) out.push(r);
  }
  return out;
}
