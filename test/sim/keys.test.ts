/**
 * Keys (SCENARIO.md, "Keys, versions and derived data"): each request draws a
 * key at its client — uniformly, or by Zipf's law (key k in proportion to
 * 1/k^s) — from a stream of its own, so drawing keys moves no other number.
 */
import { describe, expect, it } from 'vitest';
import { decodeScenario } from '../../src/scenario/decode';
import { KeyLaw } from '../../src/sim/keys';
import { Rng } from '../../src/sim/random';
import { client, edge, exp, run, service } from './helpers';

function counts(law: KeyLaw, n: number, seed: number): Float64Array {
  const rng = new Rng(seed, 3000);
  const c = new Float64Array(law.count);
  for (let i = 0; i < n; i++) c[law.draw(rng)]++;
  return c;
}

describe('key popularity', () => {
  it('uniform keys pass a chi-square test (50 keys, 200,000 draws, 49 degrees of freedom: χ² < 85 at p = 0.001)', () => {
    for (const seed of [1, 2]) {
      const n = 200_000;
      const c = counts(new KeyLaw({ count: 50, popularity: { type: 'uniform' } }), n, seed);
      const e = n / 50;
      let chi2 = 0;
      for (const x of c) chi2 += ((x - e) * (x - e)) / e;
      expect(chi2).toBeLessThan(85);
    }
  });

  it('Zipf keys are drawn in proportion to 1/k^s, normalised (s = 0.8 and 1.2, 100 keys; each of the top 10 within 3%, χ² < 149 for 99 d.o.f.)', () => {
    for (const s of [0.8, 1.2]) {
      const n = 400_000;
      const law = new KeyLaw({ count: 100, popularity: { type: 'zipf', s } });
      const c = counts(law, n, 7);
      let h = 0;
      for (let k = 1; k <= 100; k++) h += k ** -s;
      let chi2 = 0;
      for (let k = 1; k <= 100; k++) {
        const e = (n * k ** -s) / h;
        chi2 += ((c[k - 1] - e) ** 2) / e;
        if (k <= 10) expect(Math.abs(c[k - 1] - e) / e, `key ${k} at s=${s}`).toBeLessThan(0.03);
      }
      expect(chi2).toBeLessThan(149);
    }
  });

  it('the table of 10 million Zipf keys is one Float64Array of 10 million entries, and its draws stay in range', () => {
    const law = new KeyLaw({ count: 10_000_000, popularity: { type: 'zipf', s: 1 } });
    expect(law.cdf!.length).toBe(10_000_000);
    const rng = new Rng(1, 3000);
    for (let i = 0; i < 10_000; i++) {
      const k = law.draw(rng);
      expect(k >= 0 && k < 10_000_000).toBe(true);
    }
  });
});

describe('keys in a scenario', () => {
  const base = { version: 2, seed: 3, durationSec: 20, warmupSec: 2, nodes: [client('c', 'get', 200), service('s', { servers: 2, serviceTimeMs: exp(5) })], edges: [edge('e', 'c', 's')] };

  it('drawing keys moves no other number (keys come from a stream of their own)', () => {
    const plain = run(base);
    const keyed = run({ ...base, keys: { count: 1000, popularity: { type: 'zipf', s: 1 } } });
    expect(keyed.ops).toEqual(plain.ops);
    expect(keyed.nodes).toEqual(plain.nodes);
  });

  it('rejects keys outside 1…10,000,000 and a Zipf exponent ≤ 0, naming the field', () => {
    const bad = decodeScenario({ ...base, keys: { count: 0 } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).toMatch(/keys\.count/);
    const badS = decodeScenario({ ...base, keys: { count: 10, popularity: { type: 'zipf', s: 0 } } });
    expect(badS.ok).toBe(false);
    if (!badS.ok) expect(badS.error.message).toMatch(/keys\.popularity\.s/);
  });
});
