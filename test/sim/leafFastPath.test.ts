/**
 * The leaf fast path (engine.ts, Simulation.leafCalls) changes how leaf calls
 * are kept, never what happens: with it and without it (SimOptions.leafFastPath,
 * an option for these tests) every result is bit-identical — on random
 * scenarios, near saturation where calls wait, at the in-flight limit, with a
 * tracer following requests (which turns the path off), stepped slice by
 * slice, and against a run with live windows (which never takes it).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeScenario } from '../../src/scenario/decode';
import { Simulation } from '../../src/sim/engine';
import { collectResults } from '../../src/sim/results';
import { runScenario } from '../../src/sim/run';
import { Tracer } from '../../src/sim/trace';
import { scenarioArb } from './arbitraries';
import { scenario } from './helpers';
import { fanoutDoc, resultsOf, tookFastPath, type Plain } from './leafScenarios';

describe('the leaf fast path', () => {
  it('gives bit-identical results on random scenarios', () => {
    let taken = 0;
    fc.assert(
      fc.property(scenarioArb, (doc) => {
        const decoded = decodeScenario(doc);
        if (!decoded.ok) return;
        const on = resultsOf(decoded.scenario, { leafFastPath: true });
        const off = resultsOf(decoded.scenario, { leafFastPath: false });
        expect(on).toEqual(off);
        if (tookFastPath(decoded.scenario)) taken++;
      }),
      { numRuns: 500, seed: 20261204 },
    );
    // Enough of them take the path for the comparison to mean something.
    expect(taken).toBeGreaterThan(20);
  });

  it('is taken by a fan-out to leaf calls, and gives the same results as without it', () => {
    const s = scenario(fanoutDoc({ rate: 2000, dbServers: 64, fanout: 8 }));
    expect(tookFastPath(s)).toBe(true);
    expect(tookFastPath(s, { leafFastPath: false })).toBe(false);
    expect(resultsOf(s, { leafFastPath: true })).toEqual(resultsOf(s, { leafFastPath: false }));
  });

  it('stays exact near saturation, where calls wait for a server and the line fills and empties', () => {
    for (const seed of [1, 2, 3]) {
      // 4,000 requests/s × 6 calls × ~1.6 ms on 40 servers: ρ ≈ 0.95, so lines form and clear over and over.
      const s = scenario(fanoutDoc({ rate: 4000, dbServers: 40, fanout: 6, seed, durationSec: 3 }));
      const on = resultsOf(s, { leafFastPath: true });
      const off = resultsOf(s, { leafFastPath: false });
      const db = (on.nodes as Record<string, { meanQueueLength: number; waitMs?: { p99: number } }>).db;
      expect(db.meanQueueLength).toBeGreaterThan(0.01);
      expect(on).toEqual(off);
    }
  });

  it('stays exact when a fan-out is wider than the free servers: the first calls take them at once, the rest wait in line', () => {
    for (const seed of [1, 2]) {
      // 50 calls at a time on 40 servers: every fan-out fills the station part way through.
      const s = scenario(fanoutDoc({ rate: 300, dbServers: 40, fanout: 50, seed, durationSec: 2 }));
      expect(tookFastPath(s)).toBe(true);
      const on = resultsOf(s, { leafFastPath: true });
      expect((on.nodes as Record<string, { meanQueueLength: number }>).db.meanQueueLength).toBeGreaterThan(1);
      expect(on).toEqual(resultsOf(s, { leafFastPath: false }));
    }
  });

  it('stays exact when a bounded line turns calls away', () => {
    const s = scenario(fanoutDoc({ rate: 4500, dbServers: 40, fanout: 6, capacity: 5, durationSec: 3 }));
    const on = resultsOf(s, { leafFastPath: true });
    expect((on.nodes as Record<string, { dropped: number }>).db.dropped).toBeGreaterThan(0);
    expect(on).toEqual(resultsOf(s, { leafFastPath: false }));
  });

  it('stops at the in-flight limit at the same event, with the same results, on an overloaded scenario', () => {
    // ρ ≈ 1.3 at the database: the line grows until maxJobs stops the run.
    const s = scenario(fanoutDoc({ rate: 6000, dbServers: 40, fanout: 6, durationSec: 20 }));
    const on = resultsOf(s, { leafFastPath: true, maxJobs: 20_000 });
    const off = resultsOf(s, { leafFastPath: false, maxJobs: 20_000 });
    expect((on.stopped as { reason: string } | undefined)?.reason).toBe('maxJobs');
    expect(on).toEqual(off);
    // A limit the fast calls alone approach (many calls in service, no line): the count must include them.
    const wide = scenario(fanoutDoc({ rate: 3000, dbServers: 4000, fanout: 40, durationSec: 3 }));
    for (const maxJobs of [400, 1500, 5000]) expect(resultsOf(wide, { leafFastPath: true, maxJobs })).toEqual(resultsOf(wide, { leafFastPath: false, maxJobs }));
  });

  it('gives the same results with a tracer following requests (which turns the path off) as without one', () => {
    const s = scenario(fanoutDoc({ rate: 2000, dbServers: 64, fanout: 8 }));
    const traced = runScenario(s, {
      onSimulation: (sim) => {
        const tracer = new Tracer(sim);
        sim.observer = tracer;
        tracer.traceNext('read', 1000);
        tracer.grantSamples(4);
      },
    }) as unknown as Plain;
    delete traced.wallMs;
    expect(traced).toEqual(resultsOf(s, { leafFastPath: true }));
  });

  it('gives what a run with live windows gives (which never takes the path), and stepped slice by slice the same as at once', () => {
    const s = scenario(fanoutDoc({ rate: 3000, dbServers: 48, fanout: 8, durationSec: 3 }));
    const live = new Simulation(s, { windowMs: 250 });
    while (!live.finished) live.step(live.now + 250);
    live.windows!.closeUpTo(Math.max(live.now, live.durationMs));
    const windowed = collectResults(live, 0) as unknown as Plain;
    live.dispose();
    // Headless, stepped in uneven slices: state read between steps (busy servers) is up to date.
    const stepped = new Simulation(s, { leafFastPath: true });
    const reference = new Simulation(s, { leafFastPath: false });
    let t = 0;
    while (!stepped.finished || !reference.finished) {
      t += 37.5;
      stepped.step(t);
      reference.step(t);
      expect(Array.from(stepped.busy)).toEqual(Array.from(reference.busy));
      expect(stepped.events).toBe(reference.events);
      expect(Array.from(stepped.meter.busyArea)).toEqual(Array.from(reference.meter.busyArea));
    }
    const a = collectResults(stepped, 0) as unknown as Plain;
    const b = collectResults(reference, 0) as unknown as Plain;
    stepped.dispose();
    reference.dispose();
    for (const r of [windowed, a, b]) delete r.wallMs;
    expect(a).toEqual(b);
    expect(a).toEqual(windowed);
    expect((a.nodes as Record<string, { completed: number }>).db.completed).toBeGreaterThan(10_000);
  });

  it('keeps an event budget exact (the path is off under one)', () => {
    const s = scenario(fanoutDoc({ rate: 2000, dbServers: 64, fanout: 8 }));
    for (const maxEvents of [1000, 54_321]) expect(resultsOf(s, { leafFastPath: true, maxEvents })).toEqual(resultsOf(s, { leafFastPath: false, maxEvents }));
    const sim = new Simulation(s);
    sim.step(500);
    sim.runToEnd(100_000);
    const reference = new Simulation(s, { leafFastPath: false });
    reference.step(500);
    reference.runToEnd(100_000);
    expect(collectResults(sim, 0)).toEqual({ ...collectResults(reference, 0), wallMs: 0 });
  });

  it('refuses a fault injected into a run that took it, and takes one with the path off', () => {
    const s = scenario(fanoutDoc({ rate: 2000, dbServers: 64, fanout: 8 }));
    const fault = { id: 'db-down', target: 'db', type: 'crash' as const, mode: 'refuse' as const, atSec: 2, durationSec: 1 };
    const fast = new Simulation(s);
    fast.step(1000);
    expect(() => fast.injectFault(fault)).toThrow(/fast path/);
    const plain = new Simulation(s, { leafFastPath: false });
    plain.step(1000);
    expect(() => plain.injectFault(fault)).not.toThrow();
    fast.dispose();
    plain.dispose();
  });
});
