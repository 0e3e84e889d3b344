/**
 * Time distributions (SCENARIO.md, "Distributions"): their moments and
 * densities (pure math, also used by the inspector's plots and by the
 * queueing-theory predictions) and compiled samplers for the engine.
 */
import type { SimpleTimeDist, TimeDist } from '../scenario/kinds';
import type { Rng } from './random';

/** z-score of the 99th percentile of a standard normal: σ = ln(p99/median) / Z99. */
export const Z99 = 2.3263478740408408;

/** μ and σ of the underlying normal of a lognormal given by its median and p99. */
export function lognormalParams(medianMs: number, p99Ms: number): { mu: number; sigma: number } {
  return { mu: Math.log(medianMs), sigma: Math.log(p99Ms / medianMs) / Z99 };
}

function simpleMoments(d: SimpleTimeDist): { mean: number; secondMoment: number } {
  switch (d.type) {
    case 'constant':
      return { mean: d.valueMs, secondMoment: d.valueMs * d.valueMs };
    case 'exponential':
      return { mean: d.meanMs, secondMoment: 2 * d.meanMs * d.meanMs };
    case 'uniform': {
      const { minMs: a, maxMs: b } = d;
      return { mean: (a + b) / 2, secondMoment: (a * a + a * b + b * b) / 3 };
    }
    case 'lognormal': {
      const { mu, sigma } = lognormalParams(d.medianMs, d.p99Ms);
      return { mean: Math.exp(mu + (sigma * sigma) / 2), secondMoment: Math.exp(2 * mu + 2 * sigma * sigma) };
    }
  }
}

function normalizedParts(d: Extract<TimeDist, { type: 'mixture' }>): { weight: number; dist: SimpleTimeDist }[] {
  const total = d.parts.reduce((s, p) => s + p.weight, 0);
  return d.parts.map((p) => ({ weight: p.weight / total, dist: p.dist }));
}

/** E[X] and E[X²] of a time distribution, in ms and ms². */
export function moments(d: TimeDist): { mean: number; secondMoment: number } {
  if (d.type !== 'mixture') return simpleMoments(d);
  let mean = 0;
  let secondMoment = 0;
  for (const p of normalizedParts(d)) {
    const m = simpleMoments(p.dist);
    mean += p.weight * m.mean;
    secondMoment += p.weight * m.secondMoment;
  }
  return { mean, secondMoment };
}

export function distMean(d: TimeDist): number {
  return moments(d).mean;
}

export function distVariance(d: TimeDist): number {
  const m = moments(d);
  return Math.max(0, m.secondMoment - m.mean * m.mean);
}

function erf(x: number): number {
  // The Chebyshev fit of erfc from Numerical Recipes (erfcc): fractional error below 1.2e-7 everywhere.
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? 1 - r : r - 1;
}

function simpleCdf(d: SimpleTimeDist, x: number): number {
  if (x < 0) return 0;
  switch (d.type) {
    case 'constant':
      return x >= d.valueMs ? 1 : 0;
    case 'exponential':
      return 1 - Math.exp(-x / d.meanMs);
    case 'uniform':
      if (d.maxMs === d.minMs) return x >= d.minMs ? 1 : 0;
      return Math.min(1, Math.max(0, (x - d.minMs) / (d.maxMs - d.minMs)));
    case 'lognormal': {
      if (x === 0) return 0;
      const { mu, sigma } = lognormalParams(d.medianMs, d.p99Ms);
      if (sigma === 0) return x >= d.medianMs ? 1 : 0;
      return 0.5 * (1 + erf((Math.log(x) - mu) / (sigma * Math.SQRT2)));
    }
  }
}

/** P(X ≤ x). */
export function distCdf(d: TimeDist, x: number): number {
  if (d.type !== 'mixture') return simpleCdf(d, x);
  return normalizedParts(d).reduce((s, p) => s + p.weight * simpleCdf(p.dist, x), 0);
}

/** The p-quantile, by bisection on the CDF (for plots and predictions, not the hot path). */
export function distQuantile(d: TimeDist, p: number): number {
  let lo = 0;
  let hi = Math.max(1e-9, distMean(d));
  while (distCdf(d, hi) < p && hi < 1e15) hi *= 2;
  for (let i = 0; i < 100; i++) {
    const mid = (lo + hi) / 2;
    if (distCdf(d, mid) < p) lo = mid;
    else hi = mid;
  }
  return hi;
}

// ---------------------------------------------------------------------------
// Samplers: a flat record per distribution and one switch, no closure per draw.

const CONSTANT = 0;
const EXPONENTIAL = 1;
const UNIFORM = 2;
const LOGNORMAL = 3;
const MIXTURE = 4;

export interface Sampler {
  readonly type: number;
  /** constant: value; exponential: mean; uniform: min; lognormal: mu. */
  readonly a: number;
  /** uniform: max − min; lognormal: sigma. */
  readonly b: number;
  /** mixture: cumulative weights and the part samplers. */
  readonly cumulative: Float64Array;
  readonly parts: Sampler[];
  readonly mean: number;
  readonly variance: number;
}

const NO_PARTS: Sampler[] = [];
const NO_WEIGHTS = new Float64Array(0);

function simpleSampler(d: SimpleTimeDist): Sampler {
  const mean = distMean(d);
  const variance = distVariance(d);
  const base = { cumulative: NO_WEIGHTS, parts: NO_PARTS, mean, variance };
  switch (d.type) {
    case 'constant':
      return { type: CONSTANT, a: d.valueMs, b: 0, ...base };
    case 'exponential':
      return { type: EXPONENTIAL, a: d.meanMs, b: 0, ...base };
    case 'uniform':
      return { type: UNIFORM, a: d.minMs, b: d.maxMs - d.minMs, ...base };
    case 'lognormal': {
      const { mu, sigma } = lognormalParams(d.medianMs, d.p99Ms);
      return { type: LOGNORMAL, a: mu, b: sigma, ...base };
    }
  }
}

/** Compiles a distribution into a sampler. */
export function compileSampler(d: TimeDist): Sampler {
  if (d.type !== 'mixture') return simpleSampler(d);
  const parts = normalizedParts(d);
  const cumulative = new Float64Array(parts.length);
  let acc = 0;
  parts.forEach((p, i) => {
    acc += p.weight;
    cumulative[i] = acc;
  });
  cumulative[parts.length - 1] = 1;
  return {
    type: MIXTURE,
    a: 0,
    b: 0,
    cumulative,
    parts: parts.map((p) => simpleSampler(p.dist)),
    mean: distMean(d),
    variance: distVariance(d),
  };
}

/** One draw, in ms. */
export function sample(s: Sampler, rng: Rng): number {
  switch (s.type) {
    case CONSTANT:
      return s.a;
    case EXPONENTIAL:
      return rng.exponential(s.a);
    case UNIFORM:
      return s.a + s.b * rng.uniform();
    case LOGNORMAL:
      return Math.exp(s.a + s.b * rng.normal());
    default: {
      const u = rng.uniform();
      const c = s.cumulative;
      let i = 0;
      while (i < c.length - 1 && u >= c[i]) i++;
      return sample(s.parts[i], rng);
    }
  }
}

/** `n` draws into `out`, in order: what n calls of `sample` give, with the lognormal's loop kept tight (a station's fan-out of leaf calls). */
export function sampleInto(s: Sampler, rng: Rng, out: Float64Array, n: number): void {
  if (s.type === LOGNORMAL) {
    const a = s.a;
    const b = s.b;
    rng.normals(out, n);
    for (let i = 0; i < n; i++) out[i] = Math.exp(a + b * out[i]);
  } else {
    for (let i = 0; i < n; i++) out[i] = sample(s, rng);
  }
}

/** Above this many calls a chunk's lognormal or uniform work is drawn as one moment-matched variate instead of call by call. */
export const EXACT_SUM_LIMIT = 4096;

/**
 * The sum of `n` independent draws — the busy time of a bulk chunk of n calls.
 * Exact in distribution for constant, exponential (a Gamma variate), a
 * mixture (its n calls are split over the parts multinomially, then each
 * part's share is summed), and for up to EXACT_SUM_LIMIT draws of any other
 * part. Beyond that a lognormal or uniform part's sum is one variate with the
 * sum's exact mean and variance: a lognormal (Fenton–Wilkinson) for a
 * lognormal, a normal for a uniform (light-tailed: at n > 4096 it is never
 * near 0). The total work is therefore exact in expectation whatever the
 * service distribution — unlike a normal clamped at zero, which inflated a
 * heavy tail's work.
 */
export function sampleSum(s: Sampler, n: number, rng: Rng): number {
  if (n <= 0) return 0;
  if (n === 1) return sample(s, rng);
  switch (s.type) {
    case CONSTANT:
      return s.a * n;
    case EXPONENTIAL:
      return s.a * rng.gamma(n);
    case MIXTURE: {
      let left = n;
      let rest = 1;
      let total = 0;
      const c = s.cumulative;
      for (let i = 0; i < s.parts.length && left > 0; i++) {
        const weight = c[i] - (i > 0 ? c[i - 1] : 0);
        const k = i === s.parts.length - 1 ? left : rng.binomial(left, Math.min(1, weight / rest));
        rest -= weight;
        left -= k;
        if (k > 0) total += sampleSum(s.parts[i], k, rng);
      }
      return total;
    }
    default: {
      if (n <= EXACT_SUM_LIMIT) {
        let total = 0;
        for (let i = 0; i < n; i++) total += sample(s, rng);
        return total;
      }
      const mean = n * s.mean;
      const variance = n * s.variance;
      if (s.type === LOGNORMAL) {
        const sigma2 = Math.log(1 + variance / (mean * mean));
        return Math.exp(Math.log(mean) - sigma2 / 2 + Math.sqrt(sigma2) * rng.normal());
      }
      const total = mean + Math.sqrt(variance) * rng.normal();
      return total > 0 ? total : 0;
    }
  }
}
