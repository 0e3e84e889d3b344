/**
 * The follower graph model (SCENARIO.md, "Population"): follower-count
 * distributions, exact statistics computed from them (not from samples), and
 * exact samplers for the engine.
 *
 * A distribution over integers is held as bins: one bin per integer below
 * 1,024 above the minimum, then bins each 1% wide. Bin masses are exact sums
 * (direct, or Euler–Maclaurin in the smooth tail), so expectations and
 * quantiles are exact to rounding; sampling picks a bin by its mass and then
 * an integer inside it by rejection against the true probability — exact too.
 */
import type { FollowerDist, Population } from '../scenario/schema';
import type { Rng } from './random';
import { integrate, normalCdf, normalInterval, sumRange } from './special';
import { Z99 } from './distributions';

const SINGLETON_BINS = 1024;
const BIN_RATIO = 1.01;
/** Lognormal counts are unbounded; beyond this the remaining mass is below 1e−17. */
const LOGNORMAL_TAIL_Z = 8.5;
const MAX_COUNT = 1e15;
/**
 * Below this power-law exponent the pmf is taken in its α → 0 limit: α · log1p(1/k) would underflow
 * for the largest follower counts allowed (1e10) once α < 2e−298.
 */
const TINY_ALPHA = 1e-200;
/**
 * Most rejections one draw may take. A bin's bound is above its pmf, so a try usually accepts with
 * probability near 1/1.02 (and far above 1/10 in any bin seen in practice, where 10,000 tries fail
 * together with probability below 1e−450). The cap only bounds the work of a bin whose masses all
 * underflowed to 0 (say), which then returns its last candidate: a uniform draw in the bin.
 */
const MAX_REJECTIONS = 10_000;

/** A discrete distribution on the integers [min, max], from an unnormalised probability mass function. */
export class IntegerDistribution {
  readonly min: number;
  readonly max: number;
  readonly pmf: (k: number) => number;
  private readonly lo: Float64Array;
  private readonly hi: Float64Array;
  /** Cumulative mass up to and including each bin. */
  private readonly cumulative: Float64Array;
  /** Rejection bound per bin (above the largest pmf value in it). */
  private readonly bound: Float64Array;
  readonly total: number;

  constructor(pmf: (k: number) => number, min: number, max: number) {
    this.pmf = pmf;
    this.min = min;
    this.max = max;
    const lo: number[] = [];
    const hi: number[] = [];
    let k = min;
    while (k <= max) {
      const end = k - min < SINGLETON_BINS ? k : Math.min(max, Math.max(k, Math.floor(k * BIN_RATIO)));
      lo.push(k);
      hi.push(end);
      k = end + 1;
    }
    this.lo = Float64Array.from(lo);
    this.hi = Float64Array.from(hi);
    this.cumulative = new Float64Array(lo.length);
    this.bound = new Float64Array(lo.length);
    let acc = 0;
    for (let i = 0; i < lo.length; i++) {
      acc += this.lo[i] === this.hi[i] ? pmf(this.lo[i]) : sumRange(pmf, this.lo[i], this.hi[i]);
      this.cumulative[i] = acc;
      if (this.lo[i] !== this.hi[i]) {
        const mid = Math.floor((this.lo[i] + this.hi[i]) / 2);
        this.bound[i] = 1.02 * Math.max(pmf(this.lo[i]), pmf(mid), pmf(this.hi[i]));
      }
    }
    this.total = acc;
  }

  /** E[g(X) · 1(X > above)], exact to rounding. */
  expect(g: (k: number) => number, above = -Infinity): number {
    const f = (k: number) => g(k) * this.pmf(k);
    let s = 0;
    for (let i = 0; i < this.lo.length; i++) {
      const hi = this.hi[i];
      if (hi <= above) continue;
      const lo = Math.max(this.lo[i], Math.floor(above) + 1);
      s += lo === hi ? f(lo) : sumRange(f, lo, hi);
    }
    return s / this.total;
  }

  /** P(X > above). */
  tail(above: number): number {
    return this.expect(() => 1, above);
  }

  mean(): number {
    return this.expect((k) => k);
  }

  /** The smallest k with P(X ≤ k) ≥ p. */
  quantile(p: number): number {
    const target = p * this.total;
    let b = 0;
    while (b < this.cumulative.length - 1 && this.cumulative[b] < target) b++;
    const lo = this.lo[b];
    const hi = this.hi[b];
    if (lo === hi) return lo;
    const before = b > 0 ? this.cumulative[b - 1] : 0;
    let a = lo;
    let z = hi;
    while (a < z) {
      const m = Math.floor((a + z) / 2);
      if (before + sumRange(this.pmf, lo, m) >= target) z = m;
      else a = m + 1;
    }
    return a;
  }

  /**
   * The bins with their normalised masses, for plots: P(X > hi[i]) is 1 minus
   * the running sum of `mass` up to i, exact without evaluating the pmf again.
   */
  bins(): { lo: Float64Array; hi: Float64Array; mass: Float64Array } {
    const mass = new Float64Array(this.cumulative.length);
    let prev = 0;
    for (let i = 0; i < mass.length; i++) {
      mass[i] = (this.cumulative[i] - prev) / this.total;
      prev = this.cumulative[i];
    }
    return { lo: this.lo.slice(), hi: this.hi.slice(), mass };
  }

  /** One exact draw. */
  sample(rng: Rng): number {
    const target = rng.uniform() * this.total;
    const c = this.cumulative;
    let a = 0;
    let z = c.length - 1;
    while (a < z) {
      const m = (a + z) >> 1;
      if (c[m] > target) z = m;
      else a = m + 1;
    }
    const lo = this.lo[a];
    const hi = this.hi[a];
    if (lo === hi) return lo;
    const width = hi - lo + 1;
    const bound = this.bound[a];
    for (let tries = 1; ; tries++) {
      const k = lo + Math.floor(rng.uniform() * width);
      if (rng.uniform() * bound < this.pmf(k) || tries >= MAX_REJECTIONS) return k;
    }
  }
}

/** Probability mass function and support of a follower-count distribution. */
function followerPmf(d: FollowerDist): { pmf: (k: number) => number; min: number; max: number } {
  switch (d.type) {
    case 'constant':
      return { pmf: (k) => (k === d.n ? 1 : 0), min: d.n, max: d.n };
    case 'powerlaw': {
      // P(F ≥ k) ∝ k^−α − (max+1)^−α, so P(F = k) ∝ k^−α − (k+1)^−α = k^−α · (1 − (1 + 1/k)^−α),
      // written with expm1/log1p so the difference keeps full precision for large k.
      const a = d.alpha;
      if (a < TINY_ALPHA) {
        // a · log1p(1/k) underflows (to 0 at α = 5e−324, so every mass would be 0 and sampling could
        // never accept). The masses only matter up to a constant factor, and as α → 0 they tend to
        // α · log1p(1/k) · (1 + O(α ln k)): dividing by α gives log1p(1/k), exact to rounding here.
        return { pmf: (k) => Math.log1p(1 / k), min: d.min, max: d.max };
      }
      return { pmf: (k) => Math.pow(k, -a) * -Math.expm1(-a * Math.log1p(1 / k)), min: d.min, max: d.max };
    }
    case 'lognormal': {
      // F = round(X), X lognormal with the given median and p99.
      const mu = Math.log(d.median);
      const sigma = Math.log(d.p99 / d.median) / Z99;
      if (sigma === 0) {
        const n = Math.round(d.median);
        return { pmf: (k) => (k === n ? 1 : 0), min: n, max: n };
      }
      const z = (x: number) => (Math.log(x) - mu) / sigma;
      const density = (x: number) => Math.exp(-0.5 * z(x) ** 2) / (x * sigma * Math.sqrt(2 * Math.PI));
      const pmf = (k: number): number => {
        if (k === 0) return normalCdf(z(0.5));
        // Far from 0 the mass of [k − ½, k + ½] is a smooth integral of the density (exact to rounding).
        if (k >= 64) return integrate(density, k - 0.5, k + 0.5);
        return normalInterval(z(k - 0.5), z(k + 0.5));
      };
      const max = Math.min(MAX_COUNT, Math.ceil(Math.exp(mu + LOGNORMAL_TAIL_Z * sigma)));
      return { pmf, min: 0, max: Math.max(max, 1) };
    }
  }
}

/**
 * The integer distribution of a follower-count distribution. A lognormal so narrow that its whole
 * mass falls between the points its pmf is evaluated at (median 63.5, p99 a rounding error above)
 * sums to 0: every statistic would be NaN. It is, to rounding, a point mass at its median.
 */
function followerDistribution(d: FollowerDist): { dist: IntegerDistribution; pmf: (k: number) => number } {
  const base = followerPmf(d);
  const dist = new IntegerDistribution(base.pmf, base.min, base.max);
  if ((dist.total > 0 && Number.isFinite(dist.total)) || d.type !== 'lognormal') return { dist, pmf: base.pmf };
  const n = Math.round(d.median);
  const pmf = (k: number) => (k === n ? 1 : 0);
  return { dist: new IntegerDistribution(pmf, n, n), pmf };
}

/** Posting weight w(F) = F^activityExponent; an account with no followers weighs as one with 1 when the exponent is negative. */
function activityWeight(exponent: number): (k: number) => number {
  if (exponent === 0) return () => 1;
  if (exponent < 0) return (k) => Math.pow(Math.max(k, 1), exponent);
  return (k) => Math.pow(k, exponent);
}

export interface PopulationStats {
  users: number;
  /** E[F]. */
  meanFollowers: number;
  p99Followers: number;
  /** The distribution's max (lognormal: its 1 − 1/users quantile). */
  maxFollowers: number;
  /** E[F · w(F)] / E[w(F)]: followers of a post's author. */
  meanPostFanout: number;
  /** The mean of the followees distribution (accounts a reader follows). */
  meanFollowees: number;
}

export interface ThresholdStats {
  threshold: number;
  /** Share of posts written by accounts with more than `threshold` followers. */
  postShareAbove: number;
  /** Share of fan-out writes (fan-out on write) that come from those accounts. */
  writeShareAbove: number;
  /** Fan-out writes per post when those accounts are skipped (the hybrid). */
  hybridWritesPerPost: number;
  /** Celebrity fetches per timeline read: E[F · 1(F > threshold)]. */
  celebrityFetchesPerRead: number;
}

export interface PopulationModel {
  readonly stats: PopulationStats;
  sampleAuthorFollowers(rng: Rng): number;
  sampleFollowees(rng: Rng): number;
  /** Mean number of accounts above `threshold` that a user follows: E[F · 1(F > threshold)]. */
  celebrityFolloweeMean(threshold: number): number;
  thresholdStats(threshold: number): ThresholdStats;
  readonly followers: IntegerDistribution;
  readonly authors: IntegerDistribution;
}

/** Compiles a population: distributions, samplers and exact statistics. */
export function compilePopulation(p: Population): PopulationModel {
  const { dist: followers, pmf } = followerDistribution(p.followers);
  const w = activityWeight(p.activityExponent);
  const authors = p.activityExponent === 0 ? followers : new IntegerDistribution((k) => pmf(k) * w(k), followers.min, followers.max);
  const meanFollowers = followers.mean();
  const followeeDist: FollowerDist = p.followees ?? { type: 'constant', n: Math.round(meanFollowers) };
  const followees = followerDistribution(followeeDist).dist;
  const maxFollowers = p.followers.type === 'lognormal' ? followers.quantile(1 - 1 / p.users) : followers.max;
  const stats: PopulationStats = {
    users: p.users,
    meanFollowers,
    p99Followers: followers.quantile(0.99),
    maxFollowers,
    meanPostFanout: authors.mean(),
    meanFollowees: followees.mean(),
  };
  const celebrityCache = new Map<number, number>();
  const celebrityFolloweeMean = (threshold: number) => {
    let v = celebrityCache.get(threshold);
    if (v === undefined) {
      v = followers.expect((k) => k, threshold);
      celebrityCache.set(threshold, v);
    }
    return v;
  };
  return {
    stats,
    followers,
    authors,
    sampleAuthorFollowers: (rng) => authors.sample(rng),
    sampleFollowees: (rng) => followees.sample(rng),
    celebrityFolloweeMean,
    thresholdStats(threshold) {
      const writesAbove = authors.expect((k) => k, threshold);
      return {
        threshold,
        postShareAbove: authors.tail(threshold),
        writeShareAbove: stats.meanPostFanout > 0 ? writesAbove / stats.meanPostFanout : 0,
        hybridWritesPerPost: stats.meanPostFanout - writesAbove,
        celebrityFetchesPerRead: celebrityFolloweeMean(threshold),
      };
    },
  };
}

/** Exact statistics of a population, for results and the UI. */
export function populationStats(p: Population): PopulationStats {
  return compilePopulation(p).stats;
}

