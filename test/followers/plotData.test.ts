/** The follower plots are drawn from the exact bins: they must agree with the exact tail and statistics. */
import { describe, expect, it } from 'vitest';
import { ccdfPoints, fanoutHistogram } from '../../src/followers/plotData';
import { compilePopulation } from '../../src/sim/population';

const heavy = compilePopulation({ users: 300e6, followers: { type: 'powerlaw', alpha: 1.31, min: 7, max: 30_000_000 }, activityExponent: 0.25 });

describe('CCDF points', () => {
  const points = ccdfPoints(heavy.followers);
  it('start at 1 just below the smallest count, fall monotonically, and end at 0 at the largest', () => {
    expect(points[0]).toEqual({ k: 6, tail: 1 });
    expect(points[points.length - 1]).toEqual({ k: 30_000_000, tail: 0 });
    for (let i = 1; i < points.length; i++) {
      expect(points[i].k).toBeGreaterThan(points[i - 1].k);
      expect(points[i].tail).toBeLessThanOrEqual(points[i - 1].tail);
    }
    expect(points.length).toBeLessThanOrEqual(160);
  });

  it('are P(F > k) exactly', () => {
    for (const p of points.filter((_, i) => i % 20 === 5)) {
      const exact = heavy.followers.tail(p.k);
      expect(Math.abs(p.tail - exact)).toBeLessThan(1e-9 + exact * 1e-6);
    }
  });

  it('draw a constant distribution as one step', () => {
    const c = compilePopulation({ users: 10, followers: { type: 'constant', n: 75 }, activityExponent: 0 });
    expect(ccdfPoints(c.followers)).toEqual([
      { k: 74, tail: 1 },
      { k: 75, tail: 0 },
    ]);
  });
});

describe('fan-out histogram', () => {
  const bins = fanoutHistogram(heavy.authors);
  it('shares of posts and of writes each sum to 1', () => {
    expect(bins.reduce((s, b) => s + b.postShare, 0)).toBeCloseTo(1, 9);
    expect(bins.reduce((s, b) => s + b.writeShare, 0)).toBeCloseTo(1, 9);
  });

  it('splits at a threshold the way the exact statistics do, within 1% (1%-wide bins straddle it)', () => {
    const t = heavy.thresholdStats(10_000);
    const above = bins.filter((b) => b.lo >= 10_000 - 1e-6);
    const posts = above.reduce((s, b) => s + b.postShare, 0);
    expect(Math.abs(posts - t.postShareAbove) / t.postShareAbove).toBeLessThan(0.01);
    const writes = above.reduce((s, b) => s + b.writeShare, 0);
    expect(Math.abs(writes - t.writeShareAbove) / t.writeShareAbove).toBeLessThan(0.01);
  });

  it('show the heavy tail’s lesson: most posts are small, most writes are not', () => {
    const small = bins.filter((b) => b.hi <= 100);
    expect(small.reduce((s, b) => s + b.postShare, 0)).toBeGreaterThan(0.9);
    expect(small.reduce((s, b) => s + b.writeShare, 0)).toBeLessThan(0.3);
  });
});
