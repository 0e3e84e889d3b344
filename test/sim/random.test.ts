import { describe, expect, it } from 'vitest';
import { compileSampler, distMean, distQuantile, distVariance, sample, sampleInto, sampleSum } from '../../src/sim/distributions';
import { Rng } from '../../src/sim/random';
import { erfc, normalCdf } from '../../src/sim/special';
import type { TimeDist } from '../../src/scenario/kinds';

function moments(draw: () => number, n: number) {
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < n; i++) {
    const x = draw();
    s += x;
    s2 += x * x;
  }
  const mean = s / n;
  return { mean, variance: s2 / n - mean * mean };
}

describe('seeded randomness', () => {
  it('is reproducible per seed and stream, and streams differ', () => {
    const a = new Rng(42, 1);
    const b = new Rng(42, 1);
    const c = new Rng(42, 2);
    const xs = Array.from({ length: 5 }, () => a.uniform());
    expect(Array.from({ length: 5 }, () => b.uniform())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.uniform())).not.toEqual(xs);
    expect(new Rng(0).uniform()).not.toBe(new Rng(1).uniform());
  });

  it('draws uniforms in [0, 1) with mean ½ and variance 1/12', () => {
    const rng = new Rng(1);
    const m = moments(() => rng.uniform(), 1_000_000);
    expect(m.mean).toBeCloseTo(0.5, 2);
    expect(m.variance).toBeCloseTo(1 / 12, 3);
  });

  it.each([0.3, 4, 9.99, 10, 16.5, 29.5, 30, 1000, 1e6])('draws Poisson(%d) with mean and variance equal to the parameter', (mean) => {
    const rng = new Rng(2);
    const m = moments(() => rng.poisson(mean), 200_000);
    expect(m.mean / mean).toBeCloseTo(1, 2);
    expect(m.variance / mean).toBeCloseTo(1, 1);
  });

  it('draws n normals into an array exactly as n calls of normal(), a spare left over or taken up included', () => {
    for (const [skip, n] of [[0, 10], [1, 10], [0, 7], [1, 7], [1, 1], [0, 0]]) {
      const a = new Rng(12);
      const b = new Rng(12);
      // An odd number of draws before leaves a spare normal waiting.
      for (let i = 0; i < skip; i++) expect(a.normal()).toBe(b.normal());
      const out = new Float64Array(n);
      a.normals(out, n);
      expect(Array.from(out)).toEqual(Array.from({ length: n }, () => b.normal()));
      expect(a.normal()).toBe(b.normal());
      expect(a.uniform()).toBe(b.uniform());
    }
  });

  it.each<[string, TimeDist]>([
    ['lognormal', { type: 'lognormal', medianMs: 0.5, p99Ms: 5 }],
    ['exponential', { type: 'exponential', meanMs: 2 }],
    ['mixture', { type: 'mixture', parts: [{ weight: 0.9, dist: { type: 'constant', valueMs: 1 } }, { weight: 0.1, dist: { type: 'lognormal', medianMs: 10, p99Ms: 80 } }] }],
  ])('draws n %s service times into an array exactly as n draws one by one, leaving the stream where they would', (_name, dist) => {
    const s = compileSampler(dist);
    const a = new Rng(9);
    const b = new Rng(9);
    const out = new Float64Array(37);
    sampleInto(s, a, out, 37);
    expect(Array.from(out)).toEqual(Array.from({ length: 37 }, () => sample(s, b)));
    expect(a.uniform()).toBe(b.uniform());
  });

  it.each([9.99, 10, 16.5, 29.5])('draws Poisson(%d) with the exact probabilities, either side of the switch from the product method to PTRS', (mean) => {
    const rng = new Rng(4);
    const n = 400_000;
    const counts = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      const k = rng.poisson(mean);
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    // Total variation distance to the exact pmf: about 0.005 from sampling noise alone at this n.
    let p = Math.exp(-mean);
    let tv = 0;
    let mass = 0;
    for (let k = 0; k < 10 * mean; k++) {
      tv += Math.abs((counts.get(k) ?? 0) / n - p);
      mass += p;
      p *= mean / (k + 1);
    }
    tv += 1 - mass;
    expect(tv / 2).toBeLessThan(0.01);
  });

  it.each([
    [20, 0.3],
    [500, 0.01],
    [1e6, 0.2],
    [100, 0.98],
  ])('draws Binomial(%d, %d) with mean np and variance np(1−p)', (n, p) => {
    const rng = new Rng(3);
    const m = moments(() => rng.binomial(n, p), 200_000);
    expect(m.mean / (n * p)).toBeCloseTo(1, 2);
    expect(m.variance / (n * p * (1 - p))).toBeCloseTo(1, 1);
  });

  it.each([0.5, 1, 3.5, 100])('draws Gamma(%d) with mean and variance equal to the shape', (shape) => {
    const rng = new Rng(4);
    const m = moments(() => rng.gamma(shape), 200_000);
    expect(m.mean / shape).toBeCloseTo(1, 2);
    expect(m.variance / shape).toBeCloseTo(1, 1);
  });
});

describe('time distributions', () => {
  const cases: TimeDist[] = [
    { type: 'constant', valueMs: 7 },
    { type: 'exponential', meanMs: 10 },
    { type: 'uniform', minMs: 2, maxMs: 8 },
    { type: 'lognormal', medianMs: 5, p99Ms: 50 },
    { type: 'mixture', parts: [{ weight: 99, dist: { type: 'constant', valueMs: 10 } }, { weight: 1, dist: { type: 'exponential', meanMs: 1000 } }] },
  ];

  it.each(cases)('samples $type with the analytic mean and variance', (d) => {
    const rng = new Rng(5);
    const s = compileSampler(d);
    const m = moments(() => sample(s, rng), 400_000);
    expect(m.mean / distMean(d)).toBeCloseTo(1, 1);
    if (distVariance(d) > 0) expect(m.variance / distVariance(d)).toBeCloseTo(1, 0);
  });

  it('a lognormal given by median 5 and p99 50 has those quantiles', () => {
    const d: TimeDist = { type: 'lognormal', medianMs: 5, p99Ms: 50 };
    expect(distQuantile(d, 0.5)).toBeCloseTo(5, 6);
    expect(distQuantile(d, 0.99)).toBeCloseTo(50, 4);
  });

  it.each(cases)('sums of n draws of $type (bulk chunks) have mean n·E[X] and variance n·Var[X]', (d) => {
    const rng = new Rng(6);
    const s = compileSampler(d);
    for (const n of [5, 200]) {
      const m = moments(() => sampleSum(s, n, rng), 50_000);
      expect(m.mean / (n * distMean(d))).toBeCloseTo(1, 1);
      if (distVariance(d) > 0) expect(m.variance / (n * distVariance(d))).toBeCloseTo(1, 0);
    }
  });
});

describe('special functions', () => {
  it('erfc matches published values to 1e−14 relative', () => {
    const table: [number, number][] = [
      [0, 1],
      [0.5, 0.4795001221869535],
      [1, 0.15729920705028513],
      [2, 0.004677734981047266],
      [5, 1.5374597944280349e-12],
      [10, 2.088487583762545e-45],
      [-1, 1.8427007929497148],
    ];
    for (const [x, v] of table) expect(Math.abs(erfc(x) - v) / v, `erfc(${x})`).toBeLessThan(1e-14);
    expect(normalCdf(2.3263478740408408)).toBeCloseTo(0.99, 14);
  });
});
