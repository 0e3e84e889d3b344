/**
 * Summed mode (engine.ts, SimOptions.leafSummedFrom): a station with
 * thousands of leaf calls in service keeps them unordered and sums their busy
 * time call by call. Everything the engine decides stays exact — every count,
 * every percentile, every maximum, every event is the same as in call order —
 * and only two sums are added in another order: the busy time behind a node's
 * utilization and the latency sum behind its mean, equal to the last bits.
 * The tests run the mode from the first call (leafSummedFrom: 1) against
 * runs that never take it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeScenario } from '../../src/scenario/decode';
import type { Scenario } from '../../src/scenario/schema';
import { Simulation } from '../../src/sim/engine';
import { Rng } from '../../src/sim/random';
import { LatencyHistogram } from '../../src/sim/stats';
import { SummedList } from '../../src/sim/summedList';
import { scenarioArb } from './arbitraries';
import { scenario } from './helpers';
import { fanoutDoc, resultsOf, type Plain } from './leafScenarios';
import { DELAY_LAWS } from './referenceOrder';

/** The only results summed mode may change, and by how much at most (relative). */
const SUMMED_FIELDS = /^nodes\.[^.]+\.(utilization|latencyMs\.mean)$/;
const LAST_BITS = 1e-12;

/** Paths where two results differ; numbers under SUMMED_FIELDS may differ in the last bits without counting. */
function differences(a: unknown, b: unknown, path = ''): string[] {
  if (typeof a === 'number' && typeof b === 'number') {
    if (Object.is(a, b)) return [];
    const close = Math.abs(a - b) <= LAST_BITS * Math.max(Math.abs(a), Math.abs(b));
    return SUMMED_FIELDS.test(path) && close ? [] : [`${path}: ${a} vs ${b}`];
  }
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return Object.is(a, b) ? [] : [`${path}: ${String(a)} vs ${String(b)}`];
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  const out: string[] = [];
  for (const k of keys) out.push(...differences((a as Plain)[k], (b as Plain)[k], path === '' ? k : `${path}.${k}`));
  return out;
}

/** Whether a run switched any station to summed mode. */
function wentSummed(s: Scenario, leafSummedFrom: number): boolean {
  const sim = new Simulation(s, { leafSummedFrom });
  sim.runToEnd();
  const summed = (sim as unknown as { leaf: { summed: unknown[] } }).leaf.summed.some((x) => x !== null);
  sim.dispose();
  return summed;
}

function expectSame(s: Scenario, options: { maxJobs?: number } = {}): Plain {
  const summed = resultsOf(s, { ...options, leafSummedFrom: 1 });
  const ordered = resultsOf(s, { ...options, leafSummedFrom: Infinity });
  expect(differences(summed, ordered)).toEqual([]);
  return summed;
}

describe('the summed list of a station’s leaf calls', () => {
  it.each(DELAY_LAWS)('hands back exactly the calls done by each (time, sequence), and only those: %s', (_name, delay) => {
    const rng = new Rng(21, 0);
    const capacity = 100_000;
    const free: number[] = [];
    for (let i = capacity - 1; i >= 0; i--) free.push(i);
    let released: number[] = [];
    // Every call counted, in no group: a drain records each and gives its slot back.
    const keys = {
      time: new Float64Array(capacity),
      seq: new Float64Array(capacity),
      next: new Int32Array(capacity),
      arrival: new Float64Array(capacity),
      counted: new Uint8Array(capacity).fill(1),
      group: new Int32Array(capacity),
      mode: new Uint8Array(1),
      last: new Int32Array(1),
      state: new Uint8Array(capacity),
      release: (slot: number) => released.push(slot),
    };
    const latency = new LatencyHistogram();
    const list = new SummedList(keys);
    const inList = new Set<number>();
    let now = 0;
    let seq = 0;
    let bucketed = 0;
    for (let step = 0; step < 60_000; step++) {
      if (inList.size === 0 || rng.uniform() < (Math.floor(step / 15_000) % 2 === 0 ? 0.8 : 0.35)) {
        const slot = free.pop()!;
        keys.arrival[slot] = now;
        keys.time[slot] = now + delay(rng, step);
        keys.seq[slot] = seq++;
        list.push(slot);
        inList.add(slot);
      } else {
        // Now moves on a little (thousands stay in the list), sometimes to exactly a call's time with a sequence between calls'.
        const T = rng.uniform() < 0.01 && inList.size > 0 ? keys.time[[...inList][Math.floor(rng.uniform() * inList.size)]] : now + delay(rng, step) * rng.uniform() * 0.02;
        if (!Number.isFinite(T) || T < now) continue;
        now = T;
        const S = Math.floor(rng.uniform() * seq);
        const due = [...inList].filter((x) => keys.time[x] < T || (keys.time[x] === T && keys.seq[x] <= S)).sort((x, y) => x - y);
        released = [];
        const recorded = latency.count;
        const n = list.drain(T, S, latency, -Infinity, Infinity);
        expect(n).toBe(due.length);
        expect(released.sort((x, y) => x - y)).toEqual(due);
        expect(latency.count - recorded).toBe(n);
        expect(list.counted).toBe(n);
        for (const x of due) {
          inList.delete(x);
          free.push(x);
        }
      }
      expect(list.size).toBe(inList.size);
      if ((list as unknown as { invWidth: number }).invWidth !== 0) bucketed++;
    }
    const rest = list.peekAll();
    expect(Array.from(list.out.subarray(0, rest)).sort((x, y) => x - y)).toEqual([...inList].sort((x, y) => x - y));
    expect(list.takeAll()).toBe(inList.size);
    expect(list.size).toBe(0);
    // The list did run in buckets (bursts at one instant have no width to cut).
    if (_name !== 'bursts at the same instant') expect(bucketed).toBeGreaterThan(5_000);
  });
});

describe('summed mode', () => {
  it('changes nothing on random scenarios but the last bits of busy time and latency sums', () => {
    let taken = 0;
    fc.assert(
      fc.property(scenarioArb, (doc) => {
        const decoded = decodeScenario(doc);
        if (!decoded.ok) return;
        expectSame(decoded.scenario);
        if (wentSummed(decoded.scenario, 1)) taken++;
      }),
      { numRuns: 300, seed: 20261205 },
    );
    expect(taken).toBeGreaterThan(20);
  });

  it('is what a station with thousands of calls in service switches to, and the DDIA shape stays exact in it', () => {
    // 3,000 reads/s × 40 calls × ~1.6 ms: about 190 in service on 4,000 servers, 2,048 from a switch point of 100.
    const s = scenario(fanoutDoc({ rate: 3000, dbServers: 4000, fanout: 40, durationSec: 2 }));
    expect(wentSummed(s, 100)).toBe(true);
    expect(wentSummed(s, Infinity)).toBe(false);
    const r = expectSame(s);
    expect((r.nodes as Record<string, { completed: number }>).db.completed).toBeGreaterThan(100_000);
  });

  it('stays exact near saturation, where its calls become events of their own whenever a call must wait', () => {
    for (const seed of [1, 2]) {
      const s = scenario(fanoutDoc({ rate: 4000, dbServers: 40, fanout: 6, seed, durationSec: 3 }));
      const r = expectSame(s);
      expect((r.nodes as Record<string, { meanQueueLength: number }>).db.meanQueueLength).toBeGreaterThan(0.01);
    }
    expectSame(scenario(fanoutDoc({ rate: 300, dbServers: 40, fanout: 50, durationSec: 2 })));
  });

  it('stays exact when a bounded line turns calls away, and at the in-flight limit', () => {
    const r = expectSame(scenario(fanoutDoc({ rate: 4500, dbServers: 40, fanout: 6, capacity: 5, durationSec: 3 })));
    expect((r.nodes as Record<string, { dropped: number }>).db.dropped).toBeGreaterThan(0);
    const overloaded = expectSame(scenario(fanoutDoc({ rate: 6000, dbServers: 40, fanout: 6, durationSec: 20 })), { maxJobs: 20_000 });
    expect((overloaded.stopped as { reason: string } | undefined)?.reason).toBe('maxJobs');
    const wide = scenario(fanoutDoc({ rate: 3000, dbServers: 4000, fanout: 40, durationSec: 3 }));
    for (const maxJobs of [400, 1500, 5000]) expectSame(wide, { maxJobs });
  });

  it('counts the busy time of calls still in service when the run ends', () => {
    // Service of ~2 s against a 1.5 s run: most calls are still in service at the end.
    const doc = fanoutDoc({ rate: 200, dbServers: 4000, fanout: 10, durationSec: 1.5 });
    const db = (doc.nodes as Plain[]).find((n) => n.id === 'db')!;
    (db.params as Plain).serviceTimeMs = { type: 'lognormal', medianMs: 2000, p99Ms: 6000 };
    const r = expectSame(scenario(doc));
    expect((r.nodes as Record<string, { utilization: number }>).db.utilization).toBeGreaterThan(0.05);
  });
});
