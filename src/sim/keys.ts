/**
 * Keys (SCENARIO.md, "Keys, versions and derived data"): every request draws
 * a key at its client, from a random stream of the client's own (KEY_STREAM +
 * the client's number), so a scenario without `keys` draws nothing and stays
 * bit-identical, and variants of a keyed scenario see the same keys.
 *
 * Uniform keys are one draw. Zipf keys (key k, 0-based, drawn in proportion to
 * 1/(k+1)^s) come from a precomputed cumulative table searched by bisection:
 * exact for every s > 0 (rejection samplers such as Devroye's need s > 1 or a
 * second law below it), O(log count) a draw, and its memory is one Float64Array
 * of `count` entries shared by every client — 80 MB at the limit of 10 million
 * keys, 8 KB for the default thousand. The table is built once per run.
 */
import type { Keys } from '../scenario/schema';
import type { Rng } from './random';

/** Random streams of key draws: KEY_STREAM + the client's number (clients use 1–400, faults 999 on, batch 2000 on). */
export const KEY_STREAM = 3000;

export class KeyLaw {
  readonly count: number;
  /** Zipf: P(key ≤ k), normalised so the last entry is 1; null for uniform keys. */
  readonly cdf: Float64Array | null;

  constructor(keys: Keys) {
    this.count = keys.count;
    if (keys.popularity.type === 'zipf') {
      const s = keys.popularity.s;
      const cdf = new Float64Array(keys.count);
      let sum = 0;
      for (let k = 0; k < keys.count; k++) {
        sum += Math.pow(k + 1, -s);
        cdf[k] = sum;
      }
      for (let k = 0; k < keys.count; k++) cdf[k] /= sum;
      cdf[keys.count - 1] = 1;
      this.cdf = cdf;
    } else this.cdf = null;
  }

  /** One key, 0 … count − 1. */
  draw(rng: Rng): number {
    const cdf = this.cdf;
    if (cdf === null) return rng.int(this.count);
    const u = rng.uniform();
    // The first k with cdf[k] > u.
    let lo = 0;
    let hi = cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cdf[mid] > u) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}
