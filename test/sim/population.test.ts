/**
 * Follower distributions: exact statistics against direct sums, exact
 * sampling against those statistics, and the engine's fan-out load against
 * post rate × expected fan-out.
 */
import { describe, expect, it } from 'vitest';
import type { FollowerDist, Population } from '../../src/scenario/schema';
import { Simulation } from '../../src/sim/engine';
import { compilePopulation } from '../../src/sim/population';
import { Rng } from '../../src/sim/random';
import { collectResults } from '../../src/sim/results';
import { client, edge, expectClose, run, scenario } from './helpers';

/** P(F = k) of a truncated discrete power law, straight from P(F ≥ k) in SCENARIO.md. */
function powerlawPmfDirect(alpha: number, min: number, max: number): Float64Array {
  const z = Math.pow(min, -alpha) - Math.pow(max + 1, -alpha);
  const p = new Float64Array(max + 1);
  for (let k = min; k <= max; k++) {
    const geK = (Math.pow(k, -alpha) - Math.pow(max + 1, -alpha)) / z;
    const geNext = k === max ? 0 : (Math.pow(k + 1, -alpha) - Math.pow(max + 1, -alpha)) / z;
    p[k] = geK - geNext;
  }
  return p;
}

function directStats(p: Float64Array, a: number, threshold: number) {
  let mass = 0;
  let mean = 0;
  let w = 0;
  let fw = 0;
  let fwAbove = 0;
  let wAbove = 0;
  let fAbove = 0;
  let cdf = 0;
  let p99 = -1;
  for (let k = 0; k < p.length; k++) {
    if (p[k] === 0) continue;
    mass += p[k];
    mean += k * p[k];
    const wk = Math.pow(k, a) * p[k];
    w += wk;
    fw += k * wk;
    if (k > threshold) {
      fwAbove += k * wk;
      wAbove += wk;
      fAbove += k * p[k];
    }
    cdf += p[k];
    if (p99 < 0 && cdf >= 0.99 - 1e-12) p99 = k;
  }
  return { mass, mean, p99, meanPostFanout: fw / w, postShareAbove: wAbove / w, writeShareAbove: fwAbove / fw, celebrity: fAbove };
}

const pop = (followers: FollowerDist, activityExponent = 0, extra: Partial<Population> = {}): Population => ({ users: 1_000_000, followers, activityExponent, ...extra });

describe('exact statistics of a power law (computed, not sampled)', () => {
  it.each([
    [1.0, 1, 1_000_000, 0],
    [1.3, 5, 200_000, 0.5],
    [2.5, 1, 1_000_000, 0],
    [0.7, 1, 300_000, -0.3],
  ])('α = %d, min %d, max %d, activity exponent %d: equal direct sums to 1e−9', (alpha, min, max, a) => {
    const p = powerlawPmfDirect(alpha, min, max);
    const t = 1000;
    const d = directStats(p, a, t);
    expect(d.mass).toBeCloseTo(1, 10);
    const model = compilePopulation(pop({ type: 'powerlaw', alpha, min, max }, a));
    const rel = (x: number, y: number) => Math.abs(x - y) / Math.abs(y);
    expect(rel(model.stats.meanFollowers, d.mean)).toBeLessThan(1e-9);
    expect(model.stats.p99Followers).toBe(d.p99);
    expect(model.stats.maxFollowers).toBe(max);
    expect(rel(model.stats.meanPostFanout, d.meanPostFanout)).toBeLessThan(1e-9);
    const ts = model.thresholdStats(t);
    expect(rel(ts.postShareAbove, d.postShareAbove)).toBeLessThan(1e-8);
    expect(rel(ts.writeShareAbove, d.writeShareAbove)).toBeLessThan(1e-8);
    expect(rel(ts.celebrityFetchesPerRead, d.celebrity)).toBeLessThan(1e-8);
    expect(rel(ts.hybridWritesPerPost, d.meanPostFanout * (1 - d.writeShareAbove))).toBeLessThan(1e-8);
  });

  it('handles DDIA-scale tails (max 30 million) in milliseconds', () => {
    const started = performance.now();
    const model = compilePopulation(pop({ type: 'powerlaw', alpha: 1.1, min: 10, max: 30_000_000 }, 0.3));
    const ts = model.thresholdStats(100_000);
    expect(performance.now() - started).toBeLessThan(500);
    expect(model.stats.meanFollowers).toBeGreaterThan(10);
    expect(ts.writeShareAbove).toBeGreaterThan(0);
    expect(ts.writeShareAbove).toBeLessThan(1);
  });
});

describe('exact statistics of a rounded lognormal and a constant', () => {
  it('lognormal: mean and p99 equal direct sums over the rounded distribution', () => {
    const median = 40;
    const p99 = 2000;
    const mu = Math.log(median);
    const sigma = Math.log(p99 / median) / 2.3263478740408408;
    // P(round(X) = k) by fine numerical integration of the density.
    const K = 2_000_000;
    const p = new Float64Array(K + 1);
    const cdf = (x: number) => (x <= 0 ? 0 : 0.5 * (1 + erfApprox((Math.log(x) - mu) / (sigma * Math.SQRT2))));
    for (let k = 0; k <= K; k++) p[k] = cdf(k + 0.5) - cdf(k - 0.5);
    const d = directStats(p, 0, 1e9);
    const model = compilePopulation(pop({ type: 'lognormal', median, p99 }));
    expect(Math.abs(model.stats.meanFollowers - d.mean) / d.mean).toBeLessThan(1e-4);
    expect(Math.abs(model.stats.p99Followers - p99)).toBeLessThanOrEqual(1);
    expect(model.stats.maxFollowers).toBeGreaterThan(p99);
  });

  it('constant: every statistic is the constant', () => {
    const model = compilePopulation(pop({ type: 'constant', n: 75 }, 1));
    expect(model.stats).toMatchObject({ meanFollowers: 75, p99Followers: 75, maxFollowers: 75, meanPostFanout: 75, meanFollowees: 75 });
  });

  it('followees default to a constant equal to the mean number of followers, rounded', () => {
    const model = compilePopulation(pop({ type: 'powerlaw', alpha: 1.5, min: 20, max: 100_000 }));
    expect(model.stats.meanFollowees).toBe(Math.round(model.stats.meanFollowers));
  });
});

/** erf to 1e−15 via the engine's erfc (tested against published values elsewhere). */
import { erfc } from '../../src/sim/special';
function erfApprox(x: number): number {
  return 1 - erfc(x);
}

describe('sampling follows the exact distribution', () => {
  it.each([
    ['power law α=2.5 (finite variance)', pop({ type: 'powerlaw', alpha: 2.5, min: 1, max: 1_000_000 })],
    ['power law α=1.2 weighted by activity^0.5', pop({ type: 'powerlaw', alpha: 1.2, min: 10, max: 1_000_000 }, 0.5)],
    ['lognormal', pop({ type: 'lognormal', median: 50, p99: 1000 })],
  ])('%s: sample CCDF matches the exact tail at several points', (_, p) => {
    const model = compilePopulation(p);
    const rng = new Rng(11);
    const n = 400_000;
    const draws = new Float64Array(n);
    for (let i = 0; i < n; i++) draws[i] = model.sampleAuthorFollowers(rng);
    for (const k of [10, 100, 1000, 10_000]) {
      const exact = model.authors.tail(k);
      if (exact < 1e-3) continue;
      let above = 0;
      for (const x of draws) if (x > k) above++;
      const se = Math.sqrt((exact * (1 - exact)) / n);
      expect(Math.abs(above / n - exact), `P(F > ${k})`).toBeLessThan(5 * se + 1e-9);
    }
  });
});

const followersScenario = (population: Population, edges: Record<string, unknown>[], rate = 400, durationSec = 100) =>
  scenario({
    seed: 5,
    durationSec,
    population,
    nodes: [
      client('posters', 'post', rate),
      { id: 'worker', kind: 'service', params: { servers: 64, serviceTimeMs: { type: 'constant', valueMs: 0.1 } } },
      { id: 'timelines', kind: 'cache', params: { hitRatio: 1, servers: 100_000, hitTimeMs: { type: 'constant', valueMs: 0.01 } } },
      { id: 'celebs', kind: 'cache', params: { hitRatio: 1, servers: 100_000, hitTimeMs: { type: 'constant', valueMs: 0.01 } } },
    ],
    edges: [edge('e0', 'posters', 'worker'), ...edges],
  });

describe('fan-out load in the engine', () => {
  // α = 2.5 has finite variance: the sample mean of the fan-out converges fast enough for a tight check.
  const finite = pop({ type: 'powerlaw', alpha: 2.5, min: 20, max: 1_000_000 });

  it('timeline writes/s = post rate × expected fan-out per post', () => {
    const s = followersScenario(finite, [edge('fan', 'worker', 'timelines', { fanout: { type: 'followers' } })]);
    const r = run(s as never);
    const expected = 400 * compilePopulation(finite).stats.meanPostFanout;
    expectClose(r.edges.fan.callsPerSec, expected, 0.02, 'fan-out writes/s');
    expectClose(r.nodes.timelines.arrivals / r.simulatedSec, expected, 0.02, 'arrivals at the timelines cache');
    expect(r.population!.meanPostFanout).toBeCloseTo(compilePopulation(finite).stats.meanPostFanout, 9);
  });

  it('the hybrid skips exactly the celebrities: writes drop by their share, to post rate × E[F·1(F ≤ t)]', () => {
    const heavy = pop({ type: 'powerlaw', alpha: 1.8, min: 20, max: 200_000 }, 0.2);
    const t = 2000;
    const s = followersScenario(heavy, [
      edge('hybrid', 'worker', 'timelines', { fanout: { type: 'followers', skipAbove: t } }),
      edge('all', 'worker', 'celebs', { fanout: { type: 'followers' } }),
    ]);
    const r = run(s as never);
    const model = compilePopulation(heavy);
    const ts = model.thresholdStats(t);
    // Same posts, same authors on both edges: the difference is exactly the celebrities' followers.
    const skipped = r.edges.all.calls - r.edges.hybrid.calls;
    expect(skipped).toBeGreaterThan(0);
    expectClose(r.edges.hybrid.callsPerSec, 400 * ts.hybridWritesPerPost, 0.02, 'hybrid writes/s');
    expectClose(skipped / r.edges.all.calls, ts.writeShareAbove, 0.15, 'share of writes skipped');
  });

  it('fan-out on read: each read fetches every followee; celebrity fetches are Poisson with mean E[F·1(F > t)]', () => {
    const p = pop({ type: 'powerlaw', alpha: 2.5, min: 20, max: 1_000_000 }, 0, { followees: { type: 'lognormal', median: 30, p99: 300 } });
    const model = compilePopulation(p);
    const s = scenario({
      seed: 6,
      durationSec: 100,
      population: p,
      nodes: [
        client('readers', 'timeline', 300),
        { id: 'posts', kind: 'database', params: { servers: 100_000, serviceTimeMs: { type: 'constant', valueMs: 0.01 } } },
        { id: 'celebs', kind: 'database', params: { servers: 100_000, serviceTimeMs: { type: 'constant', valueMs: 0.01 } } },
      ],
      edges: [
        edge('read', 'readers', 'posts', { fanout: { type: 'followees' } }),
        edge('merge', 'readers', 'celebs', { fanout: { type: 'celebrityFollowees', threshold: 100 } }),
      ],
    });
    const r = run(s as never);
    expectClose(r.edges.read.callsPerSec, 300 * model.stats.meanFollowees, 0.02, 'followee fetches/s');
    expectClose(r.edges.merge.callsPerSec, 300 * model.celebrityFolloweeMean(100), 0.02, 'celebrity fetches/s');
  });
});

describe('bulk fan-out: a 30-million-follower post', () => {
  it('completes quickly with bounded memory, counts every call, and takes as long as the work demands', () => {
    const s = scenario({
      seed: 1,
      durationSec: 1,
      population: pop({ type: 'constant', n: 30_000_000 }),
      nodes: [
        client('celebrity', 'post', 1, 'constant'),
        { id: 'timelines', kind: 'cache', params: { hitRatio: 1, servers: 10_000, hitTimeMs: { type: 'constant', valueMs: 0.1 } } },
      ],
      edges: [edge('fan', 'celebrity', 'timelines', { fanout: { type: 'followers' } })],
    });
    const started = performance.now();
    const sim = new Simulation(s);
    sim.runToEnd();
    const r = collectResults(sim, 0);
    expect(performance.now() - started).toBeLessThan(3000);
    expect(r.edges.fan.calls).toBe(30_000_000);
    expect(r.nodes.timelines.arrivals).toBe(30_000_000);
    expect(r.nodes.timelines.completed).toBe(30_000_000);
    expect(sim.jobs.peak, 'jobs in flight at once').toBeLessThan(50_000);
    // Guided chunks: at most about 3 × max(64, 4 × servers) = 120,000 chunks for 10,000 servers, one event each.
    expect(sim.events, 'heap events').toBeLessThan(130_000);
    // 30 M lookups × 0.1 ms on 10,000 servers: the last timeline gets the post after 300 ms, later by at
    // most one of the smallest chunks (1/(8C) of the job, C = 40,000: 94 calls, 9.4 ms).
    const deliveredMs = r.edges.fan.deliveryMs!.max;
    expect(deliveredMs).toBeGreaterThanOrEqual(300 * 0.99);
    expect(deliveredMs, 'delivery time of the celebrity post').toBeLessThanOrEqual(300 + (30_000_000 / (8 * 40_000)) * 0.1 + 1);
    expect(r.ops.post.latencyMs.max).toBeCloseTo(r.edges.fan.deliveryMs!.max, 6);
    sim.dispose();
  });
});
