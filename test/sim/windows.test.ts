/**
 * Celebrity posts in the live windows: recorded only when asked for and only
 * with a population, counted from each post's author, and without changing
 * the results or any other window field.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeScenarioJson } from '../../src/scenario/decode';
import type { Scenario } from '../../src/scenario/schema';
import { Simulation } from '../../src/sim/engine';
import { collectResults } from '../../src/sim/results';
import type { SimWindow } from '../../src/sim/windows';
import { client, exp, edge, scenario, service } from './helpers';

function preset(name: string, durationSec: number): Scenario {
  const r = decodeScenarioJson(readFileSync(new URL(`../../public/scenarios/${name}.json`, import.meta.url), 'utf8'));
  if (!r.ok) throw new Error(r.error.message);
  return { ...r.scenario, durationSec, warmupSec: Math.min(r.scenario.warmupSec, durationSec / 4) };
}

function liveRun(s: Scenario, celebrityThreshold?: number): { windows: SimWindow[]; results: string } {
  const sim = new Simulation(s, { seed: s.seed, windowMs: 1000 });
  if (celebrityThreshold !== undefined) sim.windows!.recordCelebrityPosts(celebrityThreshold);
  const windows: SimWindow[] = [];
  while (!sim.finished) {
    sim.step(sim.now + 1000);
    windows.push(...sim.windows!.take());
  }
  sim.windows!.closeUpTo(Math.max(sim.now, sim.durationMs));
  windows.push(...sim.windows!.take());
  const results = collectResults(sim, 0) as unknown as Record<string, unknown>;
  delete results.wallMs;
  sim.dispose();
  return { windows, results: JSON.stringify(results) };
}

const postsIn = (w: SimWindow, op: number) => w.ops[op].created;

describe('celebrity posts in the live windows', () => {
  const hybrid = preset('twitter-hybrid', 150);
  const threshold = 10_000;
  const recorded = liveRun(hybrid, threshold);
  const plain = liveRun(hybrid);

  it('the flagship (seed 1) has no celebrity post in its first minute, and has some by 150 s', () => {
    expect(recorded.windows.length).toBeGreaterThanOrEqual(150);
    const firstMinute = recorded.windows.filter((w) => w.endSec <= 60);
    expect(firstMinute).toHaveLength(60);
    for (const w of firstMinute) expect(w.celebrityPosts).toEqual({ thresholdFollowers: threshold, count: 0, maxFollowers: 0, totalFollowers: 0 });
    const withCelebrity = recorded.windows.filter((w) => (w.celebrityPosts?.count ?? 0) > 0);
    expect(withCelebrity.length).toBeGreaterThan(0);
    for (const w of withCelebrity) {
      const c = w.celebrityPosts!;
      expect(c.maxFollowers).toBeGreaterThan(threshold);
      expect(c.totalFollowers).toBeGreaterThanOrEqual(c.maxFollowers);
      expect(c.totalFollowers).toBeLessThanOrEqual(c.count * c.maxFollowers);
      // Every celebrity post is a post created in that window.
      expect(c.count).toBeLessThanOrEqual(w.ops.reduce((a, _, o) => a + postsIn(w, o), 0));
    }
  });

  it('recording them changes neither the results nor any other window field', () => {
    expect(recorded.results).toBe(plain.results);
    const stripped = recorded.windows.map(({ celebrityPosts: _, ...rest }) => rest);
    expect(JSON.stringify(stripped)).toBe(JSON.stringify(plain.windows));
    expect(plain.windows.every((w) => w.celebrityPosts === undefined)).toBe(true);
  });

  it('fan-out on write makes at least their followers in timeline writes over the run', () => {
    const write = preset('twitter-fanout-write', 150);
    const { windows } = liveRun(write, threshold);
    const fanoutEdge = write.edges.findIndex((e) => e.fanout.type === 'followers');
    expect(fanoutEdge).toBeGreaterThanOrEqual(0);
    const celebrityFollowers = windows.reduce((a, w) => a + (w.celebrityPosts?.totalFollowers ?? 0), 0);
    const writes = windows.reduce((a, w) => a + w.edges[fanoutEdge].callsPerSec * (w.endSec - w.startSec), 0);
    expect(celebrityFollowers).toBeGreaterThan(0);
    expect(writes).toBeGreaterThanOrEqual(celebrityFollowers);
  });

  it('a scenario without a population records none, even when asked', () => {
    const s = scenario({ seed: 1, durationSec: 5, warmupSec: 1, nodes: [client('c', 'req', 50), service('s', { serviceTimeMs: exp(5) })], edges: [edge('e', 'c', 's')] });
    const { windows } = liveRun(s, threshold);
    expect(windows.length).toBe(5);
    expect(windows.every((w) => w.celebrityPosts === undefined)).toBe(true);
  });
});
