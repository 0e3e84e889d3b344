/**
 * What the follower plots draw, from the exact bins of a distribution (no
 * sampling, no extra evaluation of the probability mass function): the
 * complementary CDF P(F > k) on log-log axes, and a histogram of fan-out per
 * post on log-spaced bins with each bin's share of posts and of writes.
 */
import type { IntegerDistribution } from '../sim/population';

export interface CcdfPoint {
  /** A follower count, ≥ 1. */
  k: number;
  /** P(F > k); 0 past the largest account. */
  tail: number;
}

/**
 * P(F > k) at the end of every bin, thinned to at most `maxPoints` points
 * evenly spread on a log axis. Counts below 1 are left out (a log axis has
 * no 0); the curve starts at 1 just below the smallest count.
 */
export function ccdfPoints(dist: IntegerDistribution, maxPoints = 160): CcdfPoint[] {
  const { lo, hi, mass } = dist.bins();
  const all: CcdfPoint[] = [];
  const first = Math.max(1, lo[0] - 1);
  let below = 0;
  for (let i = 0; i < hi.length; i++) {
    if (hi[i] < first) {
      below += mass[i];
      continue;
    }
    if (all.length === 0 && first < hi[i]) all.push({ k: first, tail: Math.max(0, 1 - below) });
    below += mass[i];
    all.push({ k: hi[i], tail: Math.max(0, 1 - below) });
  }
  // The last bin ends at the largest count, where the tail is 0 (up to rounding).
  if (all.length > 0) all[all.length - 1].tail = 0;
  if (all.length <= maxPoints) return all;
  const span = Math.log(all[all.length - 1].k / all[0].k);
  const step = span / (maxPoints - 1);
  const kept: CcdfPoint[] = [all[0]];
  for (let i = 1; i < all.length - 1; i++) {
    if (Math.log(all[i].k / kept[kept.length - 1].k) >= step) kept.push(all[i]);
  }
  kept.push(all[all.length - 1]);
  return kept;
}

export interface FanoutBin {
  /** Follower counts in (lo, hi]; the first bin also holds 0. */
  lo: number;
  hi: number;
  /** Share of posts whose author has a follower count in the bin. */
  postShare: number;
  /** Share of fan-out writes (followers of those posts) in the bin. */
  writeShare: number;
}

/** Log-spaced bins per decade in the fan-out histogram. */
export const FANOUT_BINS_PER_DECADE = 2;

/**
 * A histogram of fan-out per post: posts bucketed by their author's follower
 * count on log-spaced bins, with each bucket's share of posts and of the
 * writes those posts cause. Within a 1%-wide distribution bin the writes are
 * taken at its geometric middle (under 0.5% off), which is plenty for a plot;
 * the numbers the editor prints come from the exact statistics.
 */
export function fanoutHistogram(authors: IntegerDistribution): FanoutBin[] {
  const { lo, hi, mass } = authors.bins();
  const top = Math.max(1, hi[hi.length - 1]);
  // Bin b holds (10^(b/B), 10^((b+1)/B)], the first one from 0; enough bins to reach the largest count.
  const n = Math.max(1, Math.ceil(Math.log10(top) * FANOUT_BINS_PER_DECADE - 1e-9));
  const edges = Array.from({ length: n + 1 }, (_, i) => (i === 0 ? 0 : 10 ** (i / FANOUT_BINS_PER_DECADE)));
  const bins: FanoutBin[] = [];
  for (let i = 0; i < n; i++) bins.push({ lo: edges[i], hi: edges[i + 1], postShare: 0, writeShare: 0 });
  let writes = 0;
  for (let i = 0; i < mass.length; i++) {
    if (mass[i] === 0) continue;
    const mid = lo[i] === hi[i] ? lo[i] : Math.sqrt(lo[i] * hi[i]);
    let b = mid <= 1 ? 0 : Math.ceil(Math.log10(mid) * FANOUT_BINS_PER_DECADE - 1e-9) - 1;
    b = Math.min(n - 1, Math.max(0, b));
    bins[b].postShare += mass[i];
    bins[b].writeShare += mass[i] * mid;
    writes += mass[i] * mid;
  }
  if (writes > 0) for (const bin of bins) bin.writeShare /= writes;
  // Leading empty bins carry nothing to look at.
  const firstUsed = bins.findIndex((b) => b.postShare > 0);
  return firstUsed > 0 ? bins.slice(firstUsed) : bins;
}
