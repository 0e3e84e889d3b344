/**
 * The scenarios of the lessons and the changes a learner makes to them, for
 * the tests of the lessons' checks and of the numbers their texts quote.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Lesson } from '../../src/lessons/types';
import { decodeScenario, decodeScenarioJson } from '../../src/scenario/decode';
import type { Scenario, ScenarioNode } from '../../src/scenario/schema';
import { EDGE_POLICY_META } from '../../src/scenario/kinds';
import { switchModel } from '../../src/inspector/ArrivalFields';

/** Where the presets live. */
export const PRESETS_DIR = join(__dirname, '../../public/scenarios');

export function presetScenario(name: string): Scenario {
  const r = decodeScenarioJson(readFileSync(join(PRESETS_DIR, `${name}.json`), 'utf8'));
  if (!r.ok) throw new Error(r.error.message);
  return r.scenario;
}

/** The scenario a lesson opens with. */
export function scenarioOfLesson(lesson: Lesson): Scenario {
  if ('preset' in lesson.scenario) return presetScenario(lesson.scenario.preset);
  const r = decodeScenario(lesson.scenario.inline);
  if (!r.ok) throw new Error(`${lesson.id}: ${r.error.message}`);
  return r.scenario;
}

/** The scenario with one node's params changed. */
export function withParams(s: Scenario, id: string, change: (params: Record<string, unknown>) => Record<string, unknown>): Scenario {
  return { ...s, nodes: s.nodes.map((n) => (n.id === id ? ({ ...n, params: change(n.params as Record<string, unknown>) } as ScenarioNode) : n)) };
}
export const withRate = (s: Scenario, id: string, ratePerSec: number) => withParams(s, id, (p) => ({ ...p, arrival: { ...(p.arrival as object), ratePerSec } }));
export const withEdge = (s: Scenario, id: string, change: (e: Scenario['edges'][number]) => Scenario['edges'][number]) => ({
  ...s,
  edges: s.edges.map((e) => (e.id === id ? change(e) : e)),
});
export const withServers = (s: Scenario, id: string, servers: number) => withParams(s, id, (p) => ({ ...p, servers }));

/** Both halves of the hybrid at one celebrity threshold. */
export function withThreshold(s: Scenario, t: number): Scenario {
  return {
    ...s,
    edges: s.edges.map((e) => {
      if (e.fanout.type === 'followers') return { ...e, fanout: { ...e.fanout, skipAbove: t } };
      if (e.fanout.type === 'celebrityFollowees') return { ...e, fanout: { ...e.fanout, threshold: t } };
      return e;
    }),
  };
}

/** The scaling lesson's web server copied and wired between the load balancer and the database. */
export function scaledOut(s: Scenario): Scenario {
  const web = s.nodes.find((n) => n.id === 'web-1')!;
  return {
    ...s,
    nodes: [...s.nodes, { ...web, id: 'web-2' }],
    edges: [...s.edges, { ...s.edges[1], id: 'lb-web-2', target: 'web-2' }, { ...s.edges[2], id: 'web-2-db', source: 'web-2' }],
  };
}

/** The retry storm's users → API call without retries ("Remove retries"). */
export function withoutRetries(s: Scenario): Scenario {
  return withEdge(s, 'users-api', (e) => {
    const { retry: _retry, ...rest } = e;
    return rest as typeof e;
  });
}

/** Retries added again from the inspector ("Add retries", its metadata's start) with a retry budget of 0.1. */
export function withRetryBudget(s: Scenario): Scenario {
  return withEdge(s, 'users-api', (e) => ({ ...e, retry: { ...(EDGE_POLICY_META.retry.added as NonNullable<typeof e.retry>), budget: { ratio: 0.1 } } }));
}

/** The coordinated-omission load tester switched to open load, as the inspector does it (Poisson at the rate it was sending). */
export function openTester(s: Scenario): Scenario {
  return withParams(s, 'tester', (p) => ({ ...p, arrival: switchModel(p.arrival as never, 'open') }));
}

/** The tail-at-scale leaf call hedged from the inspector ("Add hedging", its metadata's start), with `copies` copies. */
export function withHedge(s: Scenario, copies: number): Scenario {
  return withEdge(s, 'root-leaves', (e) => ({ ...e, hedge: { ...(EDGE_POLICY_META.hedge.added as NonNullable<typeof e.hedge>), maxHedges: copies } }));
}

/** The stragglers' sort with backup tasks after 1.5 × the median task. */
export function withBackupTasks(s: Scenario): Scenario {
  return withParams(s, 'sort', (p) => ({ ...p, speculative: { afterFactor: 1.5 } }));
}

/** The maintainability lesson's simplification: the cache deleted (its edges with it), the API wired to the database. */
export function withoutCache(s: Scenario): Scenario {
  return {
    ...s,
    nodes: s.nodes.filter((n) => n.kind !== 'cache'),
    edges: [...s.edges.filter((e) => e.source !== 'cache' && e.target !== 'cache'), { id: 'api-db', source: 'api', target: 'db', fanout: { type: 'fixed', n: 1 }, probability: 1, mode: 'sync' }],
  };
}

/** A crash of `target` from `atSec` for `durationSec`, as Break it adds one. */
export function withCrash(s: Scenario, target: string, atSec: number, durationSec: number): Scenario {
  return { ...s, faults: [...(s.faults ?? []), { id: `crash-${target}`, type: 'crash', target, atSec, durationSec } as NonNullable<Scenario['faults']>[number]] };
}
