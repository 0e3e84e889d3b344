/**
 * Every call is accounted for, whatever breaks: on random scenarios (fast-check,
 * fixed seed) with random timeouts, retries, hedges and breakers on their sync
 * edges, random server behaviours and random refusing faults, every node's
 * arrivals end as completed, failed, turned away or discarded once the run has
 * drained; wasted work never exceeds what a node completed; and two runs of
 * one scenario agree to the bit.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeScenario } from '../../src/scenario/decode';
import { collectResults } from '../../src/sim/results';
import { Simulation } from '../../src/sim/engine';
import { scenarioArb } from './arbitraries';

const resilience = fc.record({
  timeoutMs: fc.double({ min: 2, max: 300, noNaN: true }),
  retry: fc.option(fc.record({ maxAttempts: fc.integer({ min: 2, max: 4 }), jitter: fc.constantFrom('none', 'full') }), { nil: undefined }),
  hedge: fc.option(fc.record({ afterMs: fc.double({ min: 0, max: 50, noNaN: true }), maxHedges: fc.integer({ min: 1, max: 3 }) }), { nil: undefined }),
  breaker: fc.option(fc.record({ minCalls: fc.integer({ min: 1, max: 20 }), windowSec: fc.constantFrom(0.5, 2) }), { nil: undefined }),
});
const behaviour = fc.record({ queueDiscipline: fc.constantFrom('fifo', 'lifo'), blocking: fc.boolean(), dropAbandoned: fc.boolean() });
const fault = fc.record({
  node: fc.nat(),
  type: fc.constantFrom('crash', 'pause', 'slow', 'errors', 'capacity'),
  atFraction: fc.double({ min: 0, max: 0.9, noNaN: true }),
  durationFraction: fc.double({ min: 0.01, max: 0.5, noNaN: true }),
});

const caseArb = fc.record({
  doc: scenarioArb,
  edges: fc.array(resilience, { minLength: 14, maxLength: 14 }),
  behaviours: fc.array(behaviour, { minLength: 8, maxLength: 8 }),
  faults: fc.array(fault, { maxLength: 4 }),
  partition: fc.option(fc.record({ edge: fc.nat(), atFraction: fc.double({ min: 0, max: 0.9, noNaN: true }) }), { nil: undefined }),
});

const SERVER_KINDS = new Set(['service', 'database', 'cache', 'index']);

type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

function build(c: Case) {
  const doc = structuredClone(c.doc) as Record<string, any>;
  doc.version = 2;
  doc.durationSec = 3;
  doc.warmupSec = 0;
  doc.edges = doc.edges.map((e: any, i: number) => (e.mode === 'async' ? e : { ...e, ...c.edges[i % c.edges.length] }));
  doc.nodes = doc.nodes.map((n: any, i: number) => (SERVER_KINDS.has(n.kind) ? { ...n, params: { ...n.params, ...c.behaviours[i % 8] } } : n));
  const targets = doc.nodes.filter((n: any) => SERVER_KINDS.has(n.kind));
  const faults: unknown[] = [];
  c.faults.forEach((f, k) => {
    if (targets.length === 0) return;
    const t = targets[f.node % targets.length];
    const params = f.type === 'slow' ? { factor: 5 } : f.type === 'errors' ? { rate: 0.3 } : f.type === 'capacity' ? { servers: 1 } : {};
    // One fault per (type, target) keeps them apart (overlapping ones of a kind are refused).
    if (faults.some((g: any) => g.type === f.type && g.target === t.id)) return;
    faults.push({ id: `f${k}`, target: t.id, type: f.type, atSec: f.atFraction * doc.durationSec, durationSec: f.durationFraction * doc.durationSec, ...params });
  });
  if (c.partition && doc.edges.length > 0) {
    const e = doc.edges[c.partition.edge % doc.edges.length];
    faults.push({ id: 'cut', target: e.id, type: 'partition', mode: 'refuse', atSec: c.partition.atFraction * doc.durationSec, durationSec: 0.2 });
  }
  if (faults.length > 0) doc.faults = faults;
  return doc;
}

describe('faults and resilience keep every call accounted for', () => {
  it('arrivals = completed + errors + dropped + discarded at every node after the drain; wasted ≤ completed; deterministic', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const decoded = decodeScenario(build(c));
        if (!decoded.ok) {
          // Only what the generator cannot rule out cheaply: faults on a node a graph check refuses.
          expect(decoded.error.message).toMatch(/faults|hedge|breaker|retry|timeout/);
          return;
        }
        const s = decoded.scenario;
        const sim = new Simulation(s, { maxJobs: 200_000 });
        sim.runToEnd(5_000_000);
        const r = collectResults(sim, 0);
        const drained = sim.heap.size === 0 && sim.stopped === null;
        for (const n of s.nodes) {
          if (n.kind === 'client') continue;
          const x = r.nodes[n.id];
          const over = x.completed + x.errors + x.dropped + (x.abandonedDropped ?? 0);
          if (drained) expect(over, n.id).toBe(x.arrivals);
          else expect(over, n.id).toBeLessThanOrEqual(x.arrivals);
          if (x.wastedCompletions !== undefined) expect(x.wastedCompletions, n.id).toBeLessThanOrEqual(x.completed);
        }
        for (const [op, o] of Object.entries(r.ops)) {
          if (o.errorsByCause) expect(Object.values(o.errorsByCause).reduce((a, b) => a + b, 0), op).toBe(o.errors);
          if (drained) expect(o.unfinished, op).toBe(0);
        }
        sim.dispose();
        const again = new Simulation(s, { maxJobs: 200_000 });
        again.runToEnd(5_000_000);
        expect(collectResults(again, 0)).toEqual(r);
        again.dispose();
      }),
      { seed: 20261202, numRuns: 100 },
    );
  });
});
