/**
 * Every lesson step's check recognises the intended change and rejects an
 * unrelated one; every scenario a lesson loads is valid; readouts speak with
 * real numbers once a run has results.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LESSONS } from '../../src/lessons/lessons';
import type { Lesson, LessonContext } from '../../src/lessons/types';
import { decodeScenario, decodeScenarioJson } from '../../src/scenario/decode';
import type { Scenario, ScenarioNode } from '../../src/scenario/schema';
import { runScenario } from '../../src/sim/run';

const presets = join(__dirname, '../../public/scenarios');

function lessonScenario(lesson: Lesson): Scenario {
  const r = 'preset' in lesson.scenario ? decodeScenarioJson(readFileSync(join(presets, `${lesson.scenario.preset}.json`), 'utf8')) : decodeScenario(lesson.scenario.inline);
  if (!r.ok) throw new Error(`${lesson.id}: ${r.error.message}`);
  return r.scenario;
}

function presetScenario(name: string): Scenario {
  const r = decodeScenarioJson(readFileSync(join(presets, `${name}.json`), 'utf8'));
  if (!r.ok) throw new Error(r.error.message);
  return r.scenario;
}

function ctx(start: Scenario, scenario: Scenario, simulatedSec = 0, status: LessonContext['run']['status'] = 'paused'): LessonContext {
  return { start, scenario, run: { status, simulatedSec, results: null } };
}

/** The scenario with one node's params changed. */
function withParams(s: Scenario, id: string, change: (params: Record<string, unknown>) => Record<string, unknown>): Scenario {
  return { ...s, nodes: s.nodes.map((n) => (n.id === id ? ({ ...n, params: change(n.params as Record<string, unknown>) } as ScenarioNode) : n)) };
}
const withRate = (s: Scenario, id: string, ratePerSec: number) => withParams(s, id, (p) => ({ ...p, arrival: { ...(p.arrival as object), ratePerSec } }));
const withEdge = (s: Scenario, id: string, change: (e: Scenario['edges'][number]) => Scenario['edges'][number]) => ({ ...s, edges: s.edges.map((e) => (e.id === id ? change(e) : e)) });
const withServers = (s: Scenario, id: string, servers: number) => withParams(s, id, (p) => ({ ...p, servers }));
function withThreshold(s: Scenario, t: number): Scenario {
  return {
    ...s,
    edges: s.edges.map((e) => {
      if (e.fanout.type === 'followers') return { ...e, fanout: { ...e.fanout, skipAbove: t } };
      if (e.fanout.type === 'celebrityFollowees') return { ...e, fanout: { ...e.fanout, threshold: t } };
      return e;
    }),
  };
}
function scaledOut(s: Scenario): Scenario {
  const web = s.nodes.find((n) => n.id === 'web-1')!;
  return {
    ...s,
    nodes: [...s.nodes, { ...web, id: 'web-2' }],
    edges: [...s.edges, { ...s.edges[1], id: 'lb-web-2', target: 'web-2' }, { ...s.edges[2], id: 'web-2-db', source: 'web-2' }],
  };
}

type Case = { intended: (s: Scenario) => { scenario: Scenario; sec?: number }; unrelated: (s: Scenario) => { scenario: Scenario; sec?: number } };
const run = (sec: number) => (s: Scenario) => ({ scenario: s, sec });

/** Per lesson, per step with a check: a change that should satisfy it and one that should not. */
const cases: Record<string, Record<number, Case>> = {
  'describing-load': {
    0: { intended: run(10), unrelated: run(2) },
    1: { intended: (s) => ({ scenario: withRate(s, 'readers', 6000) }), unrelated: (s) => ({ scenario: withRate(s, 'posters', 92) }) },
    2: { intended: (s) => ({ scenario: withRate(s, 'posters', 92) }), unrelated: (s) => ({ scenario: withRate(s, 'readers', 6000) }) },
  },
  'fan-out': {
    0: { intended: run(10), unrelated: run(1) },
    1: { intended: () => ({ scenario: presetScenario('twitter-fanout-write'), sec: 5 }), unrelated: () => ({ scenario: presetScenario('twitter-hybrid'), sec: 5 }) },
    2: { intended: run(120), unrelated: run(60) },
    3: { intended: () => ({ scenario: presetScenario('twitter-hybrid') }), unrelated: () => ({ scenario: presetScenario('twitter-fanout-write') }) },
    4: { intended: () => ({ scenario: withThreshold(presetScenario('twitter-hybrid'), 1000) }), unrelated: () => ({ scenario: withThreshold(presetScenario('twitter-hybrid'), 100_000) }) },
  },
  'response-time': {
    0: { intended: run(20), unrelated: run(5) },
    1: { intended: (s) => ({ scenario: withRate(s, 'clients', 90) }), unrelated: (s) => ({ scenario: withServers(s, 'server', 2) }) },
    2: { intended: (s) => ({ scenario: withServers(s, 'server', 2) }), unrelated: (s) => ({ scenario: withRate(s, 'clients', 90) }) },
  },
  percentiles: {
    0: { intended: run(20), unrelated: run(0) },
    2: {
      intended: (s) => ({ scenario: withParams(s, 'db', (p) => ({ ...p, serviceTimeMs: { type: 'lognormal', medianMs: 5, p99Ms: 500 } })) }),
      unrelated: (s) => ({ scenario: withServers(s, 'db', 4) }),
    },
  },
  'tail-amplification': {
    0: { intended: run(30), unrelated: run(3) },
    1: { intended: (s) => ({ scenario: withEdge(s, 'root-leaves', (e) => ({ ...e, fanout: { type: 'fixed', n: 10 } })) }), unrelated: (s) => ({ scenario: withServers(s, 'root', 32) }) },
    2: { intended: (s) => ({ scenario: s }), unrelated: (s) => ({ scenario: withEdge(s, 'root-leaves', (e) => ({ ...e, fanout: { type: 'fixed', n: 10 } })) }) },
  },
  throughput: {
    0: { intended: run(20), unrelated: run(5) },
    1: { intended: (s) => ({ scenario: withRate(s, 'clients', 95) }), unrelated: (s) => ({ scenario: withRate(s, 'clients', 85) }) },
    2: { intended: (s) => ({ scenario: withRate(s, 'clients', 110) }), unrelated: (s) => ({ scenario: withRate(s, 'clients', 95) }) },
  },
  scaling: {
    0: { intended: run(20), unrelated: run(5) },
    1: { intended: (s) => ({ scenario: withParams(s, 'web-1', (p) => ({ ...p, serviceTimeMs: { type: 'exponential', meanMs: 7 } })) }), unrelated: (s) => ({ scenario: withServers(s, 'web-1', 8) }) },
    2: { intended: (s) => ({ scenario: scaledOut(s) }), unrelated: (s) => ({ scenario: withServers(s, 'db', 24) }) },
    3: { intended: (s) => ({ scenario: withRate(scaledOut(s), 'users', 700) }), unrelated: (s) => ({ scenario: withRate(s, 'users', 700) }) },
  },
  caching: {
    0: { intended: run(20), unrelated: run(5) },
    1: { intended: (s) => ({ scenario: withParams(s, 'cache', (p) => ({ ...p, hitRatio: 0.3 })) }), unrelated: (s) => ({ scenario: withServers(s, 'db', 1) }) },
    2: { intended: (s) => ({ scenario: withParams(s, 'cache', (p) => ({ ...p, hitRatio: 0.99 })) }), unrelated: (s) => ({ scenario: withParams(s, 'cache', (p) => ({ ...p, hitRatio: 0.3 })) }) },
  },
  queues: {
    0: { intended: run(30), unrelated: run(10) },
    1: { intended: (s) => ({ scenario: withParams(s, 'jobs', (p) => ({ ...p, consumers: 2 })) }), unrelated: (s) => ({ scenario: withServers(s, 'workers', 8) }) },
    2: { intended: (s) => ({ scenario: withParams(s, 'jobs', (p) => ({ ...p, capacity: 100 })) }), unrelated: (s) => ({ scenario: withParams(s, 'jobs', (p) => ({ ...p, consumers: 2 })) }) },
    3: {
      intended: (s) => ({ scenario: withEdge(withParams(s, 'jobs', (p) => ({ ...p, capacity: 100 })), 'api-jobs', (e) => ({ ...e, mode: 'sync' })) }),
      unrelated: (s) => ({ scenario: withParams(s, 'jobs', (p) => ({ ...p, capacity: 100 })) }),
    },
  },
};

describe('lessons', () => {
  it('cover every idea of DDIA chapter 1, with the agreed ids', () => {
    expect(LESSONS.map((l) => l.id)).toEqual(['describing-load', 'fan-out', 'response-time', 'percentiles', 'tail-amplification', 'throughput', 'scaling', 'caching', 'queues']);
    for (const l of LESSONS) {
      expect(l.steps.length, l.id).toBeGreaterThanOrEqual(3);
      expect(l.minutes).toBeGreaterThanOrEqual(2);
      expect(l.minutes).toBeLessThanOrEqual(5);
    }
  });

  describe.each(LESSONS.map((l) => [l.id, l] as const))('%s', (_, lesson) => {
    const start = lessonScenario(lesson);

    it('loads a valid scenario (a preset that exists, or its own)', () => {
      if ('preset' in lesson.scenario) expect(existsSync(join(presets, `${lesson.scenario.preset}.json`))).toBe(true);
      expect(start.nodes.length).toBeGreaterThan(0);
    });

    it('has a case for every check, and every check tells the intended change from an unrelated one', () => {
      lesson.steps.forEach((step, i) => {
        if (!step.check) return;
        const c = cases[lesson.id]?.[i];
        expect(c, `${lesson.id} step ${i + 1} needs test cases`).toBeDefined();
        if (!c) return;
        const yes = c.intended(start);
        const no = c.unrelated(start);
        expect(step.check(ctx(start, yes.scenario, yes.sec ?? 120, 'running')), `${lesson.id} step ${i + 1}: intended change`).toBe(true);
        expect(step.check(ctx(start, no.scenario, no.sec ?? 120, 'running')), `${lesson.id} step ${i + 1}: unrelated change`).toBe(false);
      });
    });

    it('does not pass its scenario-change steps before the learner changes anything', () => {
      lesson.steps.forEach((step, i) => {
        const c = cases[lesson.id]?.[i];
        if (!step.check || !c || c.intended === undefined || 'sec' in c.intended(start)) return;
        if (lesson.id === 'tail-amplification' && i === 2) return; // "set it back": true on the original
        expect(step.check(ctx(start, start, 120, 'running')), `${lesson.id} step ${i + 1} passes untouched`).toBe(false);
      });
    });

    it('reads out real numbers from a run of its scenario', () => {
      const results = runScenario({ ...start, warmupSec: 0 }, { durationSec: 8 });
      const context: LessonContext = { start, scenario: start, run: { status: 'running', simulatedSec: 8, results } };
      for (const step of lesson.steps) {
        const text = step.readout?.(context);
        if (text === undefined) continue;
        expect(text).not.toMatch(/undefined|NaN|–/);
        expect(text).toMatch(/\d/);
      }
    });
  });
});
