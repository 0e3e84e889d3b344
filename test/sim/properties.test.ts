/**
 * Invariants of the engine on random scenarios (fast-check, fixed seed): a
 * request is always completed, rejected or still in flight; nothing leaks;
 * utilization never exceeds 1; percentiles are ordered.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeScenario } from '../../src/scenario/decode';
import { Simulation, type SimOptions } from '../../src/sim/engine';
import { collectResults } from '../../src/sim/results';
import type { LatencySummary } from '../../src/sim/stats';
import { scenarioArb } from './arbitraries';

function ordered(s: LatencySummary): boolean {
  return s.p50 <= s.p90 && s.p90 <= s.p95 && s.p95 <= s.p99 && s.p99 <= s.p999 && s.p999 <= s.max && s.mean <= s.max + 1e-9;
}

function checkInvariants(doc: unknown, options: SimOptions): void {
        const decoded = decodeScenario(doc);
        expect(decoded.ok ? 'ok' : decoded.error.message).toBe('ok');
        if (!decoded.ok) return;
        const sim = new Simulation(decoded.scenario, { windowMs: 500, ...options });
        sim.runToEnd(5_000_000);
        const drained = sim.heap.size === 0;
        const r = collectResults(sim, 0);
        for (const [op, o] of Object.entries(r.ops)) {
          expect(o.unfinished, `op ${op} unfinished`).toBeGreaterThanOrEqual(0);
          expect(o.errors + o.unfinished + o.throughputPerSec * r.simulatedSec).toBeCloseTo(o.count, 6);
          if (drained) expect(o.unfinished, `op ${op}: drained runs finish every request`).toBe(0);
          expect(ordered(o.latencyMs), `op ${op} percentiles ${JSON.stringify(o.latencyMs)}`).toBe(true);
        }
        for (const [id, n] of Object.entries(r.nodes)) {
          const accounted = n.completed + n.errors + n.dropped;
          expect(accounted, `node ${id}: completed + errors + dropped ≤ arrivals`).toBeLessThanOrEqual(n.arrivals + 1e-9);
          if (drained) expect(accounted, `node ${id}: every arrival accounted for`).toBeCloseTo(n.arrivals, 6);
          expect(n.utilization, `node ${id} utilization`).toBeLessThanOrEqual(1 + 1e-9);
          expect(n.utilization).toBeGreaterThanOrEqual(0);
          expect(n.meanQueueLength).toBeGreaterThanOrEqual(0);
          expect(ordered(n.latencyMs), `node ${id} percentiles`).toBe(true);
        }
        if (drained) {
          expect(sim.jobs.live, 'no job left allocated after the run drained').toBe(0);
          for (let i = 0; i < sim.model.nodeCount; i++) {
            expect(sim.busy[i], `node ${i} busy at the end`).toBe(0);
            expect(sim.queued[i], `node ${i} queue at the end`).toBe(0);
          }
        }
        sim.dispose();
}

describe('engine invariants on random scenarios', () => {
  it('conserves requests, leaks nothing, keeps utilization ≤ 1 and percentiles ordered', () => {
    fc.assert(
      fc.property(scenarioArb, (doc) => checkInvariants(doc, {})),
      { seed: 20261126, numRuns: 300 },
    );
  });

  it('holds the same invariants when every fan-out travels as a bulk job served in chunks', () => {
    fc.assert(
      fc.property(scenarioArb, (doc) => checkInvariants(doc, { bulkThreshold: 1, chunksPerServer: 1, minChunks: 1 })),
      { seed: 42, numRuns: 300 },
    );
  });
});
