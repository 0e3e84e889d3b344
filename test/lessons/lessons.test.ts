/**
 * Every lesson step's check recognises the intended change and rejects an
 * unrelated one; every scenario a lesson loads is valid; readouts speak with
 * real numbers once a run has results.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LESSONS } from '../../src/lessons/lessons';
import { NO_LAB } from '../../src/lessons/context';
import type { LessonComparison, LessonContext } from '../../src/lessons/types';
import { COMPARE_DURATION_SEC, MAX_VARIANTS, TWITTER_VARIANTS } from '../../src/store/labSlice';
import type { Scenario } from '../../src/scenario/schema';
import { runScenario } from '../../src/sim/run';
import { withCrash, withoutCache, openTester, withBackupTasks, withHedge, PRESETS_DIR, presetScenario, scaledOut, scenarioOfLesson, withEdge, withoutRetries, withParams, withRate, withRetryBudget, withServers, withThreshold } from './learner';

const lessonScenario = scenarioOfLesson;

function ctx(start: Scenario, scenario: Scenario, simulatedSec = 0, status: LessonContext['run']['status'] = 'paused', lab: LessonContext['lab'] = NO_LAB): LessonContext {
  return { start, scenario, run: { status, simulatedSec, results: null }, lab };
}

type Outcome = { scenario: Scenario; sec?: number; lab?: LessonContext['lab'] };
type Case = { intended: (s: Scenario) => Outcome; unrelated: (s: Scenario) => Outcome };
const run = (sec: number) => (s: Scenario) => ({ scenario: s, sec });

/** The learner ran a sweep of `parameterId` over `values` (every point done). */
function swept(parameterId: string, values: number[], status: LessonContext['lab']['sweep']['status'] = 'done') {
  return (s: Scenario): Outcome => ({
    scenario: s,
    lab: { ...NO_LAB, sweep: { status, parameterId, op: 'request', points: values.map((value) => ({ value, status: 'done', p50: 10, p99: 50 })) } },
  });
}
const SWEEP_VALUES = [5.25, 7.3, 10.2, 14.3, 19.9, 27.7, 38.7, 54, 75.3, 105];

type LabCompare = LessonContext['lab']['compare'];

/** Compare as a step sees it after `comparison` was started: `done` of its variants finished with results, the rest still running. */
function comparedLab(comparison: LessonComparison, done = comparison.variants.length, ran: Partial<LessonComparison> = {}): LessonContext['lab'] {
  const runs: LabCompare['runs'] = comparison.variants.map((_, i) =>
    i < done ? { label: `v${i}`, status: 'done', metrics: { writesPerSec: 0, errors: 0 } } : { label: `v${i}`, status: 'running' },
  );
  const status = done === comparison.variants.length ? 'done' : 'running';
  return { ...NO_LAB, compare: { status, runs, ran: { ...comparison, ...ran } } };
}

/** The learner ran the comparison of a lesson's step (1-based): `done` of its variants finished. */
function compared(lessonId: string, step: number, done?: number) {
  return (s: Scenario): Outcome => ({ scenario: s, lab: comparedLab(comparisonOf(lessonId, step), done) });
}

function comparisonOf(lessonId: string, step: number): LessonComparison {
  const c = LESSONS.find((l) => l.id === lessonId)?.steps[step - 1]?.compare;
  if (!c) throw new Error(`${lessonId} step ${step} runs no comparison`);
  return c;
}

/** The fan-out lesson's comparison, finished: what a learner may have left in Compare before another lesson. */
const TWITTER_COMPARISON: LessonComparison = { variants: TWITTER_VARIANTS, seed: 1, durationSec: COMPARE_DURATION_SEC };

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
    5: { intended: compared('fan-out', 6), unrelated: compared('fan-out', 6, 2) },
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
    1: { intended: swept('rate:clients', SWEEP_VALUES), unrelated: swept('servers:server', [1, 2, 3, 4, 5, 6]) },
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
  'faults-and-failures': {
    0: { intended: run(890), unrelated: run(120) },
    1: { intended: () => ({ scenario: presetScenario('random-faults-replicas') }), unrelated: () => ({ scenario: presetScenario('random-faults-one') }) },
  },
  'retry-storms': {
    0: { intended: run(60), unrelated: run(20) },
    1: { intended: (s) => ({ scenario: withoutRetries(s) }), unrelated: (s) => ({ scenario: withServers(s, 'api', 12) }) },
    2: { intended: (s) => ({ scenario: withRetryBudget(withoutRetries(s)) }), unrelated: (s) => ({ scenario: withoutRetries(s) }) },
  },
  'hedged-requests': {
    0: { intended: run(30), unrelated: run(10) },
    1: { intended: (s) => ({ scenario: withHedge(s, 1) }), unrelated: (s) => ({ scenario: withServers(s, 'root', 32) }) },
    2: { intended: (s) => ({ scenario: withHedge(s, 2) }), unrelated: (s) => ({ scenario: withHedge(s, 1) }) },
  },
  'batch-throughput': {
    0: { intended: run(3400), unrelated: run(2000) },
    1: { intended: (s) => ({ scenario: withBackupTasks(s) }), unrelated: (s) => ({ scenario: withParams(s, 'sort', (p) => ({ ...p, workers: 2000 })) }) },
  },
  'caches-in-sync': {
    0: { intended: run(60), unrelated: run(30) },
    1: { intended: () => ({ scenario: presetScenario('dual-writes-cdc') }), unrelated: () => ({ scenario: presetScenario('versioned-writes') }) },
    2: { intended: () => ({ scenario: presetScenario('versioned-writes') }), unrelated: () => ({ scenario: presetScenario('dual-writes') }) },
    3: { intended: compared('caches-in-sync', 4), unrelated: (s) => ({ scenario: s, lab: comparedLab(TWITTER_COMPARISON) }) },
  },
  'logs-vs-queues': {
    0: { intended: run(60), unrelated: run(30) },
    1: { intended: () => ({ scenario: presetScenario('kafka-vs-redis-list') }), unrelated: () => ({ scenario: presetScenario('log-slow-and-fast-groups') }) },
    2: { intended: () => ({ scenario: presetScenario('log-replay-rebuild') }), unrelated: () => ({ scenario: presetScenario('kafka-vs-redis-log') }) },
    3: { intended: compared('logs-vs-queues', 4), unrelated: (s) => ({ scenario: s, lab: comparedLab(TWITTER_COMPARISON) }) },
  },
  maintainability: {
    0: { intended: run(20), unrelated: run(5) },
    1: { intended: (s) => ({ scenario: withoutCache(s) }), unrelated: (s) => ({ scenario: { ...s, nodes: s.nodes.filter((n) => n.kind !== 'cache'), edges: s.edges.filter((e) => e.source !== 'cache' && e.target !== 'cache') } }) },
    2: {
      intended: (s) => ({ scenario: withCrash(withoutCache(s), 'db', 30, 10), sec: 46 }),
      unrelated: (s) => ({ scenario: withCrash(withoutCache(s), 'db', 30, 10), sec: 38 }),
    },
  },
  'measuring-latency': {
    0: { intended: run(45), unrelated: run(20) },
    2: { intended: (s) => ({ scenario: openTester(s) }), unrelated: (s) => ({ scenario: withServers(s, 'api', 8) }) },
  },
};

describe('a step that runs a comparison in Compare', () => {
  const steps = LESSONS.flatMap((l) => l.steps.flatMap((step, i) => (step.compare ? [[`${l.id} step ${i + 1}`, step] as const] : [])));

  it('is in the lessons whose idea is a comparison, last before the recap', () => {
    expect(steps.map(([name]) => name)).toEqual(['fan-out step 6', 'caches-in-sync step 4', 'logs-vs-queues step 4']);
    for (const id of ['fan-out', 'caches-in-sync', 'logs-vs-queues']) expect(LESSONS.find((l) => l.id === id)!.steps.at(-1)!.compare, id).toBeDefined();
  });

  it('compares what its lesson is about: the dual writes with their CDC twin, the Kafka log with the Redis list', () => {
    const names = (c: LessonComparison) => c.variants.map((v) => (v.kind === 'preset' ? v.name : v.kind));
    expect(names(comparisonOf('caches-in-sync', 4))).toEqual(['dual-writes', 'dual-writes-cdc']);
    expect(names(comparisonOf('logs-vs-queues', 4))).toEqual(['kafka-vs-redis-log', 'kafka-vs-redis-list']);
    expect(names(comparisonOf('fan-out', 6))).toEqual(['twitter-fanout-read', 'twitter-hybrid', 'twitter-fanout-write']);
  });

  describe.each(steps)('%s', (_, step) => {
    const comparison = step.compare!;
    const start = presetScenario('mm1');
    const passes = (lab: LessonContext['lab']) => step.check!(ctx(start, start, 120, 'running', lab));

    it('compares two or three presets that exist, as Compare can', () => {
      expect(comparison.variants.length).toBeGreaterThanOrEqual(2);
      expect(comparison.variants.length).toBeLessThanOrEqual(MAX_VARIANTS);
      for (const v of comparison.variants) {
        expect(v.kind).toBe('preset');
        if (v.kind === 'preset') expect(existsSync(join(PRESETS_DIR, `${v.name}.json`)), v.name).toBe(true);
      }
    });

    it('does not tick before the comparison has its results', () => {
      expect(passes(NO_LAB), 'nothing compared yet').toBe(false);
      expect(passes(comparedLab(comparison, 0)), 'just started').toBe(false);
      expect(passes(comparedLab(comparison, comparison.variants.length - 1)), 'one variant still running').toBe(false);
      const cancelled = comparedLab(comparison);
      expect(passes({ ...cancelled, compare: { ...cancelled.compare, status: 'cancelled' } }), 'cancelled').toBe(false);
      const failed = comparedLab(comparison);
      expect(passes({ ...failed, compare: { ...failed.compare, runs: failed.compare.runs.map((r, i) => (i === 0 ? { label: r.label, status: 'failed' } : r)) } }), 'a variant failed').toBe(false);
    });

    it('does not tick for the results of another comparison', () => {
      const other = step.compare === comparisonOf('fan-out', 6) ? comparisonOf('caches-in-sync', 4) : TWITTER_COMPARISON;
      expect(passes(comparedLab(other)), 'other variants').toBe(false);
      expect(passes(comparedLab(comparison, undefined, { variants: [...comparison.variants].reverse() })), 'the same, in another order').toBe(false);
      expect(passes(comparedLab(comparison, undefined, { seed: comparison.seed + 1 })), 'another seed').toBe(false);
      expect(passes(comparedLab(comparison, undefined, { durationSec: comparison.durationSec * 2 })), 'another length').toBe(false);
    });

    it('ticks once every variant of its comparison has finished with results', () => {
      expect(passes(comparedLab(comparison))).toBe(true);
    });
  });
});

describe('lessons', () => {
  it('end with a recap of two to four sentences', () => {
    for (const l of LESSONS) {
      expect(l.recap.length, l.id).toBeGreaterThanOrEqual(2);
      expect(l.recap.length, l.id).toBeLessThanOrEqual(4);
      for (const line of l.recap) expect(line, l.id).toMatch(/^\S.{20,}[.!]$/);
    }
  });

  it('cover every idea of DDIA chapter 1, with the agreed ids', () => {
    expect(LESSONS.map((l) => l.id)).toEqual(['describing-load', 'fan-out', 'response-time', 'percentiles', 'tail-amplification', 'throughput', 'scaling', 'caching', 'queues', 'faults-and-failures', 'retry-storms', 'hedged-requests', 'measuring-latency', 'batch-throughput', 'caches-in-sync', 'logs-vs-queues', 'maintainability']);
    for (const l of LESSONS) {
      expect(l.steps.length, l.id).toBeGreaterThanOrEqual(3);
      expect(l.minutes).toBeGreaterThanOrEqual(2);
      expect(l.minutes).toBeLessThanOrEqual(5);
    }
  });

  describe.each(LESSONS.map((l) => [l.id, l] as const))('%s', (_, lesson) => {
    const start = lessonScenario(lesson);

    it('loads a valid scenario (a preset that exists, or its own)', () => {
      if ('preset' in lesson.scenario) expect(existsSync(join(PRESETS_DIR, `${lesson.scenario.preset}.json`))).toBe(true);
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
        expect(step.check(ctx(start, yes.scenario, yes.sec ?? 120, 'running', yes.lab)), `${lesson.id} step ${i + 1}: intended change`).toBe(true);
        expect(step.check(ctx(start, no.scenario, no.sec ?? 120, 'running', no.lab)), `${lesson.id} step ${i + 1}: unrelated change`).toBe(false);
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
      const context: LessonContext = { start, scenario: start, run: { status: 'running', simulatedSec: 8, results }, lab: NO_LAB };
      for (const step of lesson.steps) {
        const text = step.readout?.(context);
        if (text === undefined) continue;
        expect(text).not.toMatch(/undefined|NaN|–/);
        expect(text).toMatch(/\d/);
      }
    });
  });
});
