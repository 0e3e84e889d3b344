/**
 * Property tests of the engine's helpers over extreme parameters: every draw
 * ends, stays in range and, for ordinary parameters, is exactly what it was
 * before the degenerate cases were handled (so no normal result moves).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePopulation } from '../../src/sim/population';
import { Rng } from '../../src/sim/random';
import { LatencyHistogram } from '../../src/sim/stats';

/** Binomial(n, p) as the engine drew it before degenerate p were handled: the reference for ordinary p. */
function binomialBefore(rng: Rng, n: number, p: number): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  const variance = n * p * (1 - p);
  if (variance >= 50) {
    const k = Math.round(n * p + Math.sqrt(variance) * rng.normal());
    return k < 0 ? 0 : k > n ? n : k;
  }
  if (n < 64) {
    let k = 0;
    for (let i = 0; i < n; i++) if (rng.uniform() < p) k++;
    return k;
  }
  const flip = p > 0.5;
  const q = flip ? 1 - p : p;
  const logq = Math.log(1 - q);
  let k = 0;
  let i = Math.floor(Math.log(rng.uniformOpen()) / logq);
  while (i < n) {
    k++;
    i += 1 + Math.floor(Math.log(rng.uniformOpen()) / logq);
  }
  return flip ? n - k : k;
}

/** Any probability, tiny (down to the smallest subnormal) and near 1 included. */
const probability = fc.oneof(
  fc.double({ min: 0, max: 1, noNaN: true }),
  fc.double({ min: 5e-324, max: 1e-12, noNaN: true }),
  fc.double({ min: 0, max: 1e-12, noNaN: true }).map((e) => 1 - e),
  fc.constantFrom(0, 5e-324, 1e-300, 1e-20, 1.1e-16, 1 - 2 ** -53, 1),
);

describe('the binomial draw', () => {
  it('ends with an integer in [0, n] for every n and every probability, however small', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), probability, fc.integer({ min: 0, max: 2 ** 32 - 1 }), (n, p, seed) => {
        const k = new Rng(seed).binomial(n, p);
        expect(Number.isInteger(k) && k >= 0 && k <= n).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('gives exactly the draws it gave before whenever log(1 − p) is representable', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.double({ min: 1e-15, max: 1, noNaN: true }),
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        (n, p, seed) => {
          const a = new Rng(seed);
          const b = new Rng(seed);
          for (let i = 0; i < 5; i++) expect(a.binomial(n, p)).toBe(binomialBefore(b, n, p));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('makes no call at 1e−20 × 1,000 and every call at 1 − 1e−20 (which is 1)', () => {
    const rng = new Rng(1);
    expect(rng.binomial(1000, 1e-20)).toBe(0);
    expect(rng.binomial(1000, 1 - 1e-20)).toBe(1000);
  });
});

const followerDist = fc.oneof(
  fc
    .record({
      alpha: fc.oneof(fc.double({ min: 5e-324, max: 20, noNaN: true }), fc.constantFrom(5e-324, 1e-300, 1e-200, 1e-100, 20)),
      min: fc.integer({ min: 1, max: 1e10 }),
      span: fc.oneof(fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 1e10 })),
    })
    .map(({ alpha, min, span }) => ({ type: 'powerlaw' as const, alpha, min, max: Math.min(1e10, min + span) })),
  fc
    .record({ median: fc.double({ min: 5e-324, max: 1e10, noNaN: true }), ratio: fc.double({ min: 1, max: 1e12, noNaN: true }) })
    .map(({ median, ratio }) => ({ type: 'lognormal' as const, median, p99: Math.min(1e10, Math.max(median, median * ratio)) })),
  fc.integer({ min: 0, max: 1e10 }).map((n) => ({ type: 'constant' as const, n })),
);

describe('the follower sampler', () => {
  it('draws integers inside the support, with finite statistics, for any distribution the format accepts', () => {
    fc.assert(
      fc.property(followerDist, fc.double({ min: -5, max: 5, noNaN: true }), fc.integer({ min: 0, max: 1000 }), (followers, activityExponent, seed) => {
        const model = compilePopulation({ users: 1000, followers, activityExponent });
        const rng = new Rng(seed);
        const { min, max } = model.authors;
        for (let i = 0; i < 20; i++) {
          const k = model.sampleAuthorFollowers(rng);
          expect(Number.isInteger(k) && k >= min && k <= max).toBe(true);
          const f = model.sampleFollowees(rng);
          expect(Number.isInteger(f) && f >= 0).toBe(true);
        }
        expect(Number.isNaN(model.stats.meanFollowers)).toBe(false);
      }),
      { numRuns: 150 },
    );
  });

  it('treats a lognormal narrower than one integer as a point mass (found by this property: its masses summed to 0, every statistic was NaN and sampling never accepted)', () => {
    const model = compilePopulation({ users: 1000, followers: { type: 'lognormal', median: 63.50000000000025, p99: 63.50000000000026 }, activityExponent: 0 });
    expect(model.stats).toMatchObject({ meanFollowers: 64, p99Followers: 64, meanFollowees: 64 });
    expect(model.sampleAuthorFollowers(new Rng(1))).toBe(64);
  });

  it('samples the α → 0 limit of the power law, P(F = k) ∝ log(1 + 1/k), at α = 5e−324', () => {
    const model = compilePopulation({ users: 1000, followers: { type: 'powerlaw', alpha: 5e-324, min: 1, max: 1000 }, activityExponent: 0 });
    const rng = new Rng(3);
    let ones = 0;
    const n = 100_000;
    for (let i = 0; i < n; i++) if (model.sampleAuthorFollowers(rng) === 1) ones++;
    // P(F = 1) = log 2 / log 1001.
    expect(ones / n).toBeCloseTo(Math.log(2) / Math.log(1001), 2);
  });
});

describe('the latency histogram', () => {
  const anyValue = fc.oneof(
    fc.double({ noNaN: false }),
    fc.double({ min: 0, max: 1e6, noNaN: true }),
    fc.constantFrom(1e14, 1.8e13, 2 ** 62 / 1e6, 1e300, Number.MAX_VALUE, Infinity, -Infinity, NaN, -0),
  );

  it('records any number with bounded memory and ordered percentiles never above the maximum', () => {
    fc.assert(
      fc.property(fc.array(anyValue, { minLength: 1, maxLength: 50 }), fc.array(anyValue, { maxLength: 5 }), (values, weighted) => {
        const h = new LatencyHistogram();
        for (const v of values) h.record(v);
        for (const v of weighted) h.recordWeighted(v, 3);
        expect(h.counts.length).toBeLessThan(10_000);
        const finite = values.filter((v) => !Number.isNaN(v));
        if (finite.length === values.length && weighted.every((v) => !Number.isNaN(v))) {
          const ps = h.percentiles([50, 90, 99, 99.9, 100]);
          for (let i = 1; i < ps.length; i++) expect(ps[i]).toBeGreaterThanOrEqual(ps[i - 1]);
          expect(ps[ps.length - 1]).toBeLessThanOrEqual(h.max);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('reports a run of values of 1e300 ms as 1e300 ms, not as a bucket bound', () => {
    const h = new LatencyHistogram();
    for (let i = 0; i < 10; i++) h.record(1e300);
    expect(h.summary()).toMatchObject({ p50: 1e300, p99: 1e300, max: 1e300 });
  });
});
