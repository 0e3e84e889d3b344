/**
 * Expected load by linearity of expectation: client rates pushed through the
 * graph must agree with the simulation, and the fan-out writes per second
 * of the Twitter presets must be post rate × expected writes per post.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyseFollowers } from '../../src/followers/analysis';
import { expectedLoad } from '../../src/analysis/expectedLoad';
import { decodeScenarioJson } from '../../src/scenario/decode';
import type { Scenario } from '../../src/scenario/schema';
import { compilePopulation } from '../../src/sim/population';
import { runScenario } from '../../src/sim/run';
import { client, edge, expectClose, scenario, service } from '../sim/helpers';

function preset(name: string): Scenario {
  const r = decodeScenarioJson(readFileSync(join(__dirname, '../../public/scenarios', `${name}.json`), 'utf8'));
  if (!r.ok) throw new Error(r.error.message);
  return r.scenario;
}

describe('expected load', () => {
  it('fan-out on write: writes/s = post rate × mean followers of a post’s author', () => {
    const s = preset('twitter-fanout-write');
    const stats = compilePopulation(s.population!).stats;
    const a = analyseFollowers(s, 10_000)!;
    expect(a.writes).toHaveLength(1);
    expect(a.writes[0].postsPerSec).toBe(46);
    expect(a.writes[0].writesPerPost).toBeCloseTo(stats.meanPostFanout, 12);
    expect(a.writesPerSec).toBeCloseTo(46 * stats.meanPostFanout, 9);
  });

  it('hybrid: celebrities are skipped, so writes/s = post rate × writes per post below the threshold', () => {
    const s = preset('twitter-hybrid');
    const t = compilePopulation(s.population!).thresholdStats(10_000);
    const a = analyseFollowers(s, 123)!;
    expect(a.threshold).toMatchObject({ value: 10_000, inScenario: true });
    expect(a.writesPerSec).toBeCloseTo(46 * t.hybridWritesPerPost, 9);
    expect(a.readFanout.readsPerSec).toBe(3000);
    expect(a.readFanout.fetchesPerSec).toBeCloseTo(3000 * t.celebrityFetchesPerRead, 6);
  });

  it('fan-out on read makes no writes, and uses the what-if threshold for its shares', () => {
    const s = preset('twitter-fanout-read');
    const a = analyseFollowers(s, 5000)!;
    expect(a.writes).toEqual([]);
    expect(a.writesPerSec).toBe(0);
    expect(a.threshold).toMatchObject({ value: 5000, inScenario: false });
    expect(a.readFanout.fetchesPerSec).toBeCloseTo(3000 * compilePopulation(s.population!).stats.meanFollowees, 6);
  });

  it('a cache passes on its misses, a load balancer splits evenly, probability and fixed fan-out multiply', () => {
    const s = scenario({
      nodes: [
        client('c', 'read', 1000),
        { id: 'cache', kind: 'cache', params: { hitRatio: 0.75 } },
        { id: 'lb', kind: 'loadBalancer', params: {} },
        service('a'),
        service('b'),
        service('db'),
      ],
      edges: [
        edge('c-cache', 'c', 'cache'),
        edge('cache-lb', 'cache', 'lb'),
        edge('lb-a', 'lb', 'a'),
        edge('lb-b', 'lb', 'b'),
        edge('a-db', 'a', 'db', { fanout: { type: 'fixed', n: 4 }, probability: 0.5 }),
        edge('b-db', 'b', 'db', { ops: ['write'] }),
      ],
    });
    const load = expectedLoad(s, undefined);
    expect(load.edges['cache-lb'].callsPerSec).toBeCloseTo(250, 9);
    expect(load.edges['lb-a'].callsPerSec).toBeCloseTo(125, 9);
    expect(load.edges['lb-b'].callsPerSec).toBeCloseTo(125, 9);
    expect(load.edges['a-db'].callsPerSec).toBeCloseTo(125 * 4 * 0.5, 9);
    expect(load.edges['b-db'].callsPerSec).toBe(0);
    expect(load.nodeArrivalsPerSec.db).toBeCloseTo(250, 9);
  });

  it('agrees with the simulation on a follower graph with finite variance (lognormal, activity-weighted)', () => {
    const s = scenario({
      durationSec: 200,
      population: { users: 100_000, followers: { type: 'lognormal', median: 40, p99: 400 }, activityExponent: 0.5 },
      nodes: [client('posters', 'post', 50), service('api', { servers: 64, serviceTimeMs: { type: 'constant', valueMs: 0.1 } }), service('timelines', { servers: 4096, serviceTimeMs: { type: 'constant', valueMs: 0.01 } })],
      edges: [edge('p-api', 'posters', 'api'), edge('writes', 'api', 'timelines', { fanout: { type: 'followers', skipAbove: 300 } })],
    });
    const a = analyseFollowers(s, 0)!;
    const r = runScenario(s);
    expectClose(r.edges.writes.callsPerSec, a.writesPerSec, 0.04, 'fan-out writes/s');
  });
});
