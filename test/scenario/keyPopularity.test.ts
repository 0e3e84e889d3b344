/**
 * The inspector's key plot: the generalised harmonic numbers behind the Zipf
 * shares agree with the sum term by term, and the share of the top k keys is
 * exactly what the engine's key table draws.
 */
import { describe, expect, it } from 'vitest';
import { harmonic, rankSteps, shareCurve, topShare } from '../../src/scenario/keyPopularity';
import { KeyLaw } from '../../src/sim/keys';

function exact(n: number, s: number): number {
  let sum = 0;
  for (let k = n; k >= 1; k--) sum += Math.pow(k, -s);
  return sum;
}

describe('harmonic numbers', () => {
  for (const s of [0.3, 0.99, 1, 1.2, 2]) {
    it(`H(n, ${s}) agrees with the term-by-term sum, beyond the direct terms as well`, () => {
      for (const n of [1, 7, 10_000, 10_001, 123_457, 2_000_000]) expect(harmonic(n, s) / exact(n, s) - 1).toBeCloseTo(0, 11);
    });
  }
});

describe('the share of the most popular keys', () => {
  it('is what the engine draws: the cumulative Zipf table at every rank', () => {
    for (const s of [0.5, 1, 1.7]) {
      const keys = { count: 50_000, popularity: { type: 'zipf' as const, s } };
      const law = new KeyLaw(keys);
      for (const k of [1, 2, 10, 500, 12_345, 49_999, 50_000]) expect(topShare(keys, k)).toBeCloseTo(law.cdf![k - 1], 10);
    }
  });

  it('is k/N for uniform keys, 0 for none and 1 for all', () => {
    const keys = { count: 1000, popularity: { type: 'uniform' as const } };
    expect(topShare(keys, 10)).toBe(0.01);
    expect(topShare(keys, 0)).toBe(0);
    expect(topShare({ count: 10, popularity: { type: 'zipf', s: 1 } }, 10)).toBe(1);
  });

  it('is cheap at ten million keys (no term-by-term sum of them)', () => {
    const keys = { count: 10_000_000, popularity: { type: 'zipf' as const, s: 1 } };
    const share = topShare(keys, 100_000);
    // H(10^5, 1) / H(10^7, 1) ≈ (ln 10^5 + γ) / (ln 10^7 + γ)
    const g = 0.5772156649;
    expect(share).toBeCloseTo((Math.log(1e5) + g + 1 / 2e5) / (Math.log(1e7) + g + 1 / 2e7), 8);
  });

  it('steps through the ranks on a log scale, from the top key to the last', () => {
    const r = rankSteps(10_000_000);
    expect(r[0]).toBe(1);
    expect(r.at(-1)).toBe(10_000_000);
    expect(r.length).toBeLessThanOrEqual(48);
    for (let i = 1; i < r.length; i++) expect(r[i]).toBeGreaterThan(r[i - 1]);
    expect(rankSteps(3)).toEqual([1, 2, 3]);
  });
});

describe('the plotted curve', () => {
  it('is topShare at every rank, for both laws', () => {
    for (const keys of [
      { count: 3_000_000, popularity: { type: 'zipf' as const, s: 0.8 } },
      { count: 500, popularity: { type: 'zipf' as const, s: 1.3 } },
      { count: 5000, popularity: { type: 'uniform' as const } },
    ]) {
      const ranks = rankSteps(keys.count);
      shareCurve(keys, ranks).forEach((v, i) => expect(v).toBeCloseTo(topShare(keys, ranks[i]), 12));
    }
  });
});
