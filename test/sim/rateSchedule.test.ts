/**
 * A client's `rateSchedule` (SCENARIO.md v2): a piecewise-constant rate.
 * Poisson arrivals form an exact non-homogeneous Poisson process (counts per
 * piece are Poisson with mean rate × length); constant arrivals keep their
 * beat within each piece.
 */
import { describe, expect, it } from 'vitest';
import { decodeScenario } from '../../src/scenario/decode';
import { Simulation } from '../../src/sim/engine';
import { client, edge, run, scenario, service } from './helpers';

function doc(type: 'poisson' | 'constant', rateSchedule: unknown, ratePerSec = 100) {
  return {
    version: 2,
    seed: 4,
    durationSec: 60,
    warmupSec: 0,
    nodes: [{ ...client('c', 'req', ratePerSec, type), params: { op: 'req', arrival: { type, ratePerSec, rateSchedule } } }, service('s', { servers: 1000, serviceTimeMs: { type: 'constant', valueMs: 1 } })],
    edges: [edge('e', 'c', 's')],
  };
}

/** Requests created per 1 s window. */
function createdPerSecond(d: Record<string, unknown>): number[] {
  const sim = new Simulation(scenario(d), { windowMs: 1000 });
  sim.runToEnd();
  const w = sim.windows!.take().map((x) => x.ops[0].created);
  sim.dispose();
  return w;
}

describe('rate schedules', () => {
  it('Poisson: each piece gets a Poisson count of rate × length (a spike to 1,000/s for 10 s, a pause at 0, back to 100/s)', () => {
    const w = createdPerSecond(doc('poisson', [{ atSec: 20, ratePerSec: 1000 }, { atSec: 30, ratePerSec: 0 }, { atSec: 40, ratePerSec: 100 }]));
    const sum = (a: number, b: number) => w.slice(a, b).reduce((x, y) => x + y, 0);
    const within = (count: number, mean: number) => expect(Math.abs(count - mean), `${count} vs ${mean}`).toBeLessThan(4 * Math.sqrt(mean));
    within(sum(0, 20), 2000);
    within(sum(20, 30), 10_000);
    expect(sum(30, 40)).toBe(0);
    within(sum(40, 60), 2000);
  });

  it('constant: exactly rate × length per piece, the beat restarting at each change', () => {
    const w = createdPerSecond(doc('constant', [{ atSec: 10, ratePerSec: 50 }, { atSec: 20, ratePerSec: 200 }]));
    expect(w.slice(0, 10).every((n) => n === 100)).toBe(true);
    expect(w.slice(10, 20).every((n) => n === 50)).toBe(true);
    expect(w.slice(20, 60).every((n) => n === 200)).toBe(true);
  });

  it('a schedule starting at 0 replaces the base rate from the start; without a schedule nothing changes', () => {
    const r = run(doc('constant', [{ atSec: 0, ratePerSec: 10 }]));
    expect(r.ops.req.count).toBe(600);
    const d = decodeScenario(doc('poisson', undefined));
    expect(d.ok && (d.scenario.nodes[0].params as { arrival: { rateSchedule?: unknown } }).arrival.rateSchedule).toBeUndefined();
  });

  it('bad schedules are named', () => {
    const problem = (schedule: unknown) => {
      const d = decodeScenario(doc('poisson', schedule));
      return d.ok ? 'ok' : d.error.message;
    };
    expect(problem([{ atSec: 10, ratePerSec: 5 }, { atSec: 5, ratePerSec: 1 }])).toMatch(/^nodes\[0\]\.params\.arrival\.rateSchedule: expected changes in increasing atSec order/);
    expect(problem([{ atSec: 10, ratePerSec: -5 }])).toMatch(/^nodes\[0\]\.params\.arrival\.rateSchedule\[0\]\.ratePerSec: expected a number ≥ 0, got -5/);
    expect(problem([])).toMatch(/expected at least one/);
  });
});

describe('expected requests under a schedule', () => {
  it('integrates the pieces over any stretch, and the analysis uses the measurement window’s mean', async () => {
    const { expectedRequests, meanRatePerSec } = await import('../../src/scenario/arrival');
    const a = { type: 'poisson' as const, ratePerSec: 100, rateSchedule: [{ atSec: 20, ratePerSec: 1000 }, { atSec: 30, ratePerSec: 0 }, { atSec: 40, ratePerSec: 100 }] };
    expect(expectedRequests(a, 0, 60)).toBe(2000 + 10_000 + 0 + 2000);
    expect(expectedRequests(a, 25, 35)).toBe(5000);
    expect(expectedRequests(a, 50, 70)).toBe(2000);
    expect(meanRatePerSec(a, 0, 60)).toBeCloseTo(14_000 / 60, 9);
    expect(meanRatePerSec({ type: 'poisson', ratePerSec: 7 }, 0, 60)).toBe(7);
  });
});
