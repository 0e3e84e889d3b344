/**
 * The analysis and the engine share one set of rules: on random scenarios
 * (fast-check, fixed seed) the arrivals the engine simulates at every node
 * and the calls along every edge match the expected load computed from the
 * compiled model. The scenarios leave out what makes expected load an
 * estimate rather than a law — bounded lines (drops) and least-outstanding
 * balancing — and are scaled to be stable (every node at most half busy in
 * expectation), so that the law holds in steady state.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectedLoad } from '../../src/analysis/expectedLoad';
import { expectedUtilization } from '../../src/analysis/utilization';
import { decodeScenario } from '../../src/scenario/decode';
import type { Scenario, ScenarioNode } from '../../src/scenario/schema';
import { runScenario } from '../../src/sim/run';
import { routedScenarioArb } from '../sim/arbitraries';

const DURATION_SEC = 12;
const WARMUP_SEC = 2;
/** Calls per second the whole scenario may make (keeps each case well under a second). */
const MAX_CALLS_PER_SEC = 20_000;

/** The scenario made stable and small enough: client rates scaled down, servers and consumers raised. */
function tame(s: Scenario): Scenario {
  let t: Scenario = { ...s, durationSec: DURATION_SEC, warmupSec: WARMUP_SEC };
  const load = expectedLoad(t, undefined);
  const total = Object.values(load.nodeArrivalsPerSec).reduce((a, b) => a + b, 0);
  const scale = total > MAX_CALLS_PER_SEC ? MAX_CALLS_PER_SEC / total : 1;
  t = {
    ...t,
    nodes: t.nodes.map((n): ScenarioNode => (n.kind === 'client' && n.params.arrival.type !== 'closed' ? { ...n, params: { ...n.params, arrival: { ...n.params.arrival, ratePerSec: n.params.arrival.ratePerSec * scale } } } : n)),
  };
  const util = expectedUtilization(t);
  t = {
    ...t,
    nodes: t.nodes.map((n): ScenarioNode => {
      const u = util.get(n.id);
      if (n.kind === 'queue') return { ...n, params: { ...n.params, consumers: 4096 } };
      if (u === undefined || u <= 0.5 || !('servers' in n.params)) return n;
      return { ...n, params: { ...n.params, servers: Math.min(100_000, Math.ceil((n.params.servers * u) / 0.5)) } } as ScenarioNode;
    }),
  };
  return t;
}

/**
 * The largest product of fixed fan-outs on a path into each node: one
 * client request can bring up to that many arrivals, which scales the
 * variance of the count.
 */
function burstiness(s: Scenario): Map<string, number> {
  const m = new Map(s.nodes.map((n) => [n.id, 1]));
  // Edges only go forward in node order (see arbitraries): one pass over them sorted by source.
  const order = new Map(s.nodes.map((n, i) => [n.id, i]));
  const edges = [...s.edges].sort((a, b) => order.get(a.source)! - order.get(b.source)!);
  for (const e of edges) {
    const n = e.fanout.type === 'fixed' ? e.fanout.n : 1;
    m.set(e.target, Math.max(m.get(e.target)!, m.get(e.source)! * n));
  }
  return m;
}

/**
 * |simulated − expected| allowed: five standard deviations of a compound
 * count (N requests bringing at most B arrivals each: variance ≤ E × B),
 * plus 2% for the start-up transient and what is still in flight at the end.
 */
function tolerance(expected: number, burst: number): number {
  return 5 * Math.sqrt(Math.max(expected, 1) * burst) + 0.02 * expected + 3;
}

describe('expected load against the simulation', () => {
  it('arrivals at every node and calls along every edge match the expected rates', () => {
    fc.assert(
      fc.property(routedScenarioArb({ capacities: false, policies: ['roundRobin', 'random'] }), (doc) => {
        const decoded = decodeScenario(doc);
        expect(decoded.ok ? 'ok' : decoded.error.message).toBe('ok');
        if (!decoded.ok) return;
        const s = tame(decoded.scenario);
        const load = expectedLoad(s, undefined);
        const burst = burstiness(s);
        const r = runScenario(s);
        const window = DURATION_SEC - WARMUP_SEC;
        for (const n of s.nodes) {
          const expected = load.nodeArrivalsPerSec[n.id] * window;
          const simulated = r.nodes[n.id].arrivals;
          expect(Math.abs(simulated - expected), `node ${n.id}: ${simulated} arrivals, expected ${expected.toFixed(1)}`).toBeLessThanOrEqual(tolerance(expected, burst.get(n.id)!));
        }
        for (const e of s.edges) {
          const expected = load.edges[e.id].callsPerSec * window;
          const simulated = r.edges[e.id].calls;
          expect(Math.abs(simulated - expected), `edge ${e.id}: ${simulated} calls, expected ${expected.toFixed(1)}`).toBeLessThanOrEqual(tolerance(expected, burst.get(e.target)!));
        }
      }),
      { numRuns: 60, seed: 20261202 },
    );
  }, 120_000);
});
