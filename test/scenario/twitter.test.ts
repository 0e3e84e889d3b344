/**
 * The Twitter home-timeline presets (DDIA ch. 1) reproduce the dilemma:
 * fan-out on read makes reads slow, fan-out on write multiplies writes, and
 * the hybrid sits between — at 1/100 of DDIA's rates, and at the real ones.
 */
import { nominalRatePerSec } from '../../src/scenario/arrival';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeScenarioJson } from '../../src/scenario/decode';
import { scaleScenario } from '../../src/scenario/scale';
import type { Scenario } from '../../src/scenario/schema';
import { compilePopulation } from '../../src/sim/population';
import { runScenario } from '../../src/sim/run';
import { DDIA_FACTOR, ddiaHybrid } from '../../scripts/make-ddia-preset';

function preset(name: string): Scenario {
  const r = decodeScenarioJson(readFileSync(join(__dirname, '../../public/scenarios', `${name}.json`), 'utf8'));
  if (!r.ok) throw new Error(r.error.message);
  return r.scenario;
}

const postRate = (s: Scenario) => s.nodes.reduce((sum, n) => sum + (n.kind === 'client' && n.params.op === 'post' ? nominalRatePerSec(n.params.arrival) : 0), 0);
const timelineWrites = (s: Scenario) => s.edges.find((e) => e.fanout.type === 'followers');

describe('Twitter home timeline presets', () => {
  const names = ['twitter-fanout-read', 'twitter-fanout-write', 'twitter-hybrid'] as const;
  const results = Object.fromEntries(names.map((n) => [n, runScenario(preset(n), { durationSec: 120 })]));
  const writesPerSec = (n: (typeof names)[number]) => {
    const e = timelineWrites(preset(n));
    return e ? results[n].edges[e.id].callsPerSec : 0;
  };

  it('use ops "post" and "timeline" on the same workload and population', () => {
    for (const n of names) expect(Object.keys(results[n].ops).sort()).toEqual(['post', 'timeline']);
    const [a, b, c] = names.map((n) => preset(n));
    expect(b.population).toEqual(a.population);
    expect(c.population).toEqual(a.population);
    expect(results['twitter-hybrid'].ops.timeline.count).toBe(results['twitter-fanout-read'].ops.timeline.count);
  });

  it('timeline p99: read > hybrid ≥ write', () => {
    const p99 = (n: (typeof names)[number]) => results[n].ops.timeline.latencyMs.p99;
    expect(p99('twitter-fanout-read')).toBeGreaterThan(p99('twitter-hybrid'));
    expect(p99('twitter-hybrid')).toBeGreaterThanOrEqual(p99('twitter-fanout-write'));
  });

  it('timeline writes/s: write > hybrid > read', () => {
    expect(writesPerSec('twitter-fanout-write')).toBeGreaterThan(writesPerSec('twitter-hybrid'));
    expect(writesPerSec('twitter-hybrid')).toBeGreaterThan(writesPerSec('twitter-fanout-read'));
    expect(writesPerSec('twitter-fanout-read')).toBe(0);
  });

  it('at DDIA scale the write strategy means ≈ 345k timeline writes/s: 4.6k posts/s × ≈ 75 followers per post', () => {
    const write = scaleScenario(preset('twitter-fanout-write'), DDIA_FACTOR);
    expect(postRate(write)).toBe(4600);
    const perPost = compilePopulation(write.population!).stats.meanPostFanout;
    expect(perPost).toBeGreaterThan(72);
    expect(perPost).toBeLessThan(78);
    const expected = postRate(write) * perPost;
    expect(expected).toBeGreaterThan(330_000);
    expect(expected).toBeLessThan(360_000);
  });

  it('the DDIA-scale preset is the hybrid ×100, up to date with its generator, and keeps every utilization', () => {
    expect(readFileSync(join(__dirname, '../../public/scenarios/twitter-hybrid-ddia.json'), 'utf8')).toBe(ddiaHybrid());
    const ddia = preset('twitter-hybrid-ddia');
    expect(ddia.nodes.find((n) => n.id === 'readers')).toMatchObject({ params: { arrival: { ratePerSec: 300_000 } } });
    const small = runScenario({ ...preset('twitter-hybrid'), warmupSec: 0 }, { durationSec: 20 });
    const big = runScenario({ ...ddia, warmupSec: 0 }, { durationSec: 0.5 });
    for (const id of ['api', 'posts', 'timelines']) {
      expect(Math.abs(big.nodes[id].utilization - small.nodes[id].utilization), id).toBeLessThan(0.05);
    }
  });
});
