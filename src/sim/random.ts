/**
 * Seeded randomness for the engine. The generator is pure-rand's
 * xoroshiro128+; everything else here turns its uniform draws into the
 * variates a simulation needs. Never `Math.random`: the same scenario and
 * seed must give bit-identical results in the worker and in the CLI.
 */
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';

/** splitmix32: spreads a 32-bit seed over the generator's 128-bit state. */
function splitmix32(state: number): [number, number] {
  let z = (state + 0x9e3779b9) | 0;
  let x = z;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  x ^= x >>> 16;
  return [z, x | 0];
}

/** A stream of random numbers; streams with different ids never overlap (2^64 draws apart). */
export class Rng {
  private readonly gen: RandomGenerator & { jump(): void };
  private spareNormal = 0;
  private hasSpareNormal = false;

  constructor(seed: number, stream = 0) {
    let s = seed >>> 0;
    const words: number[] = [];
    for (let i = 0; i < 4; i++) {
      const [next, out] = splitmix32(s);
      s = next;
      words.push(out);
    }
    if (words.every((w): boolean => w === 0)) words[0] = 1; // the all-zero state is a fixed point
    this.gen = xoroshiro128plusFromState(words) as RandomGenerator & { jump(): void };
    for (let i = 0; i < stream; i++) this.gen.jump();
  }

  /** Uniform in [0, 1), 53 random bits. */
  uniform(): number {
    return uniformFloat64(this.gen);
  }

  /** Uniform in (0, 1]: safe for logarithms. */
  uniformOpen(): number {
    return 1 - uniformFloat64(this.gen);
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(uniformFloat64(this.gen) * n);
  }

  /**
   * Exponential with the given mean. One 32-bit draw suffices: u ∈ (0, 1)
   * on a 2^−32 grid truncates the tail at 22.9 means, a point reached with
   * probability 1e−10 — far beyond any percentile reported — at half the cost.
   */
  exponential(mean: number): number {
    return -mean * Math.log(((this.gen.next() >>> 0) + 0.5) * 2.3283064365386963e-10);
  }

  /** Standard normal (Marsaglia's polar method, caching the second variate). */
  normal(): number {
    if (this.hasSpareNormal) {
      this.hasSpareNormal = false;
      return this.spareNormal;
    }
    const x = this.polarPair();
    this.hasSpareNormal = true;
    return x;
  }

  /** `n` standard normals into `out`: exactly what `n` calls of `normal` give, pair by pair without the spare's round trip. */
  normals(out: Float64Array, n: number): void {
    let i = 0;
    if (n > 0 && this.hasSpareNormal) {
      this.hasSpareNormal = false;
      out[i++] = this.spareNormal;
    }
    while (i < n) {
      out[i++] = this.polarPair();
      if (i < n) out[i++] = this.spareNormal;
      else this.hasSpareNormal = true;
    }
  }

  /** One step of the polar method: returns the first normal of a pair and leaves the second in spareNormal (the caller says whether it is kept). */
  private polarPair(): number {
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * this.uniform() - 1;
      v = 2 * this.uniform() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    this.spareNormal = v * f;
    return u * f;
  }

  /** Gamma(shape, 1) by Marsaglia and Tsang (2000); shape > 0. */
  gamma(shape: number): number {
    if (shape < 1) {
      // Boost: Gamma(a) = Gamma(a + 1) · U^(1/a).
      return this.gamma(shape + 1) * Math.pow(this.uniformOpen(), 1 / shape);
    }
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = this.normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = this.uniformOpen();
      if (u < 1 - 0.0331 * x * x * x * x) return d * v;
      if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
    }
  }

  /**
   * Poisson with the given mean: Knuth's product method below 10 (it costs
   * mean + 1 uniforms), otherwise the PTRS transformed rejection of Hörmann
   * (1993), exact for every mean from 10 (the bound the paper gives, and
   * numpy's), at a few uniforms whatever the mean.
   */
  poisson(mean: number): number {
    if (!(mean > 0)) return 0;
    if (mean < 10) {
      const limit = Math.exp(-mean);
      let k = 0;
      let p = this.uniformOpen();
      while (p > limit) {
        k++;
        p *= this.uniformOpen();
      }
      return k;
    }
    const slam = Math.sqrt(mean);
    const loglam = Math.log(mean);
    const b = 0.931 + 2.53 * slam;
    const a = -0.059 + 0.02483 * b;
    const invalpha = 1.1239 + 1.1328 / (b - 3.4);
    const vr = 0.9277 - 3.6224 / (b - 2);
    for (;;) {
      const u = this.uniform() - 0.5;
      const v = this.uniformOpen();
      const us = 0.5 - Math.abs(u);
      const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43);
      if (us >= 0.07 && v <= vr) return k;
      if (k < 0 || (us < 0.013 && v > us)) continue;
      if (Math.log(v) + Math.log(invalpha) - Math.log(a / (us * us) + b) <= -mean + k * loglam - logFactorial(k)) {
        return k;
      }
    }
  }

  /**
   * Binomial(n, p): exact inversion for small n·p, a normal approximation
   * (continuity-corrected, clamped to [0, n]) when n·p·(1−p) ≥ 50 — used only
   * for bulk fan-outs, where thousands of calls share one draw.
   */
  binomial(n: number, p: number): number {
    if (n <= 0 || p <= 0) return 0;
    if (p >= 1) return n;
    const variance = n * p * (1 - p);
    if (variance >= 50) {
      const k = Math.round(n * p + Math.sqrt(variance) * this.normal());
      return k < 0 ? 0 : k > n ? n : k;
    }
    if (n < 64) {
      let k = 0;
      for (let i = 0; i < n; i++) if (this.uniform() < p) k++;
      return k;
    }
    // Few successes (or few failures): count geometric gaps between them.
    const flip = p > 0.5;
    const q = flip ? 1 - p : p;
    // Below q ≈ 1.1e−16, 1 − q rounds to 1 and log(1 − q) to 0: every gap would be −∞ and the loop
    // below would never end. log1p keeps those q exact; the ordinary case keeps Math.log, so draws
    // for every other p are bit for bit what they were.
    let logq = Math.log(1 - q);
    if (!(logq < 0)) logq = Math.log1p(-q);
    if (!(logq < 0)) return flip ? n : 0;
    let k = 0;
    let i = Math.floor(Math.log(this.uniformOpen()) / logq);
    while (i < n) {
      k++;
      i += 1 + Math.floor(Math.log(this.uniformOpen()) / logq);
    }
    return flip ? n - k : k;
  }
}

const LOG_FACTORIAL_TABLE: number[] = [0];
for (let i = 1; i < 256; i++) LOG_FACTORIAL_TABLE[i] = LOG_FACTORIAL_TABLE[i - 1] + Math.log(i);

/** ln(k!), exact from a table below 256, Stirling's series above. */
export function logFactorial(k: number): number {
  if (k < 256) return LOG_FACTORIAL_TABLE[k];
  const x = k + 1;
  return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x) - 1 / (360 * x * x * x);
}
