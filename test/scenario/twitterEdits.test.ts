/**
 * The Twitter tools as scenario edits: the hybrid's celebrity threshold is
 * one value kept in two kinds of edge, and DDIA scale moves a scenario to
 * Twitter's real rates and back without losing a digit.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeScenarioJson } from '../../src/scenario/decode';
import { scaleScenario } from '../../src/scenario/scale';
import type { Scenario } from '../../src/scenario/schema';
import { celebrityThreshold, ddiaScaleOf, thresholdsDisagree, toggleDdiaScale, withCelebrityThreshold } from '../../src/scenario/twitter';

function preset(name: string): Scenario {
  const r = decodeScenarioJson(readFileSync(join(__dirname, '../../public/scenarios', `${name}.json`), 'utf8'));
  if (!r.ok) throw new Error(r.error.message);
  return r.scenario;
}

describe('celebrity threshold', () => {
  it('is read from the hybrid and set on both its halves at once', () => {
    const s = preset('twitter-hybrid');
    expect(celebrityThreshold(s)).toBe(10_000);
    const t = withCelebrityThreshold(s, 2500);
    expect(t.edges.find((e) => e.id === 'timeline-writes')!.fanout).toEqual({ type: 'followers', skipAbove: 2500 });
    expect(t.edges.find((e) => e.id === 'merge-celebrities')!.fanout).toEqual({ type: 'celebrityFollowees', threshold: 2500 });
    expect(celebrityThreshold(t)).toBe(2500);
    expect(thresholdsDisagree(t)).toBe(false);
    // Edges without a threshold are the same objects.
    expect(t.edges.find((e) => e.id === 'insert-post')).toBe(s.edges.find((e) => e.id === 'insert-post'));
  });

  it('leaves fan-out on write and on read alone: they have none', () => {
    for (const name of ['twitter-fanout-write', 'twitter-fanout-read']) {
      const s = preset(name);
      expect(celebrityThreshold(s)).toBeUndefined();
      expect(withCelebrityThreshold(s, 2500)).toBe(s);
    }
  });
});

describe('DDIA scale', () => {
  it('knows which scale a Twitter scenario is at, and that other scenarios have none', () => {
    expect(ddiaScaleOf(preset('twitter-hybrid'))).toEqual({ scale: 'reduced', postsPerSec: 46, timelineReadsPerSec: 3000, shareOfDdia: 0.01 });
    expect(ddiaScaleOf(preset('twitter-hybrid-ddia'))).toMatchObject({ scale: 'ddia', postsPerSec: 4600, timelineReadsPerSec: 300_000 });
    expect(ddiaScaleOf(preset('cache-aside'))).toBeUndefined();
  });

  it('multiplies rates and capacity by 100 and says so in a preset’s name', () => {
    const s = preset('twitter-hybrid');
    const up = toggleDdiaScale(s);
    expect(ddiaScaleOf(up)).toMatchObject({ scale: 'ddia', postsPerSec: 4600, timelineReadsPerSec: 300_000 });
    expect(up.nodes.find((n) => n.id === 'api')).toMatchObject({ params: { servers: 1600 } });
    expect(up.name).toBe("Twitter home timeline: hybrid — celebrities merged on read (at DDIA's rates)");
    expect(up.population).toBe(s.population);
    expect(up.nodes.map((n) => n.position)).toEqual(s.nodes.map((n) => n.position));
  });

  it('round-trips exactly, from every Twitter preset and from the DDIA-scale one', () => {
    for (const name of ['twitter-hybrid', 'twitter-fanout-write', 'twitter-fanout-read', 'twitter-hybrid-ddia']) {
      const s = preset(name);
      expect(toggleDdiaScale(toggleDdiaScale(s)), name).toEqual(s);
    }
  });

  it('round-trips rates that are not round numbers', () => {
    const s = preset('twitter-hybrid');
    const odd = { ...s, nodes: s.nodes.map((n) => (n.kind === 'client' ? { ...n, params: { ...n.params, arrival: { ...n.params.arrival, ratePerSec: 33.3 } } } : n)) };
    const up = toggleDdiaScale(odd);
    expect(ddiaScaleOf(up)?.postsPerSec).toBe(3330);
    expect(toggleDdiaScale(up)).toEqual(odd);
    expect(scaleScenario(scaleScenario(odd, 7), 1 / 7)).toEqual(odd);
  });
});
