/**
 * The log kind (SCENARIO.md, "Logs and queues: Kafka-style vs Redis-style"):
 * partitions by key, one consumer group per outgoing edge, in-order delivery
 * per partition, committed offsets and redelivery after a crash, retention
 * that drops records read or not, and replay by rewind.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeScenario } from '../../src/scenario/decode';
import { graphProblems } from '../../src/scenario/graph';
import type { EdgeResult } from '../../src/sim/results';
import { expectClose, run } from './helpers';

const constant = (valueMs: number) => ({ type: 'constant', valueMs });
const exponential = (meanMs: number) => ({ type: 'exponential', meanMs });

interface Opts {
  rate?: number;
  partitions?: number;
  consumers?: number;
  service?: Record<string, unknown>;
  log?: Record<string, unknown>;
  keys?: Record<string, unknown>;
  faults?: unknown[];
  durationSec?: number;
  warmupSec?: number;
  seed?: number;
  extraGroups?: { id: string; consumers?: number; service: Record<string, unknown> }[];
}

function logScenario(o: Opts): Record<string, unknown> {
  const nodes: unknown[] = [
    { id: 'c', kind: 'client', params: { op: 'w', arrival: { type: 'poisson', ratePerSec: o.rate ?? 50 } } },
    { id: 'l', kind: 'log', params: { partitions: o.partitions ?? 1, ...o.log } },
    { id: 's', kind: 'service', params: { servers: 1, serviceTimeMs: constant(10), ...o.service } },
  ];
  const edges: unknown[] = [
    { id: 'p', source: 'c', target: 'l' },
    { id: 'g', source: 'l', target: 's', ...(o.consumers !== undefined ? { consumers: o.consumers } : {}) },
  ];
  for (const x of o.extraGroups ?? []) {
    nodes.push({ id: `s-${x.id}`, kind: 'service', params: { servers: 1, ...x.service } });
    edges.push({ id: x.id, source: 'l', target: `s-${x.id}`, ...(x.consumers !== undefined ? { consumers: x.consumers } : {}) });
  }
  return {
    version: 2,
    seed: o.seed ?? 1,
    durationSec: o.durationSec ?? 300,
    warmupSec: o.warmupSec ?? 0,
    ...(o.keys ? { keys: o.keys } : {}),
    nodes,
    edges,
    ...(o.faults ? { faults: o.faults } : {}),
  };
}

const group = (doc: Record<string, unknown>, id = 'g'): EdgeResult => run(doc).edges[id];

describe('one partition with one consumer is a single-server queue', () => {
  it('M/D/1: lag = wait + service = ρD/(2(1−ρ)) + D (λ = 50/s, D = 10 ms: 15 ms, ±3%), at seeds 1 and 2', () => {
    for (const seed of [1, 2]) {
      const g = group(logScenario({ seed, durationSec: 1200, warmupSec: 20 }));
      expectClose(g.lagMs!.mean, 15, 0.03, `lagMs.mean at seed ${seed}`);
      expect(g.duplicates).toBe(0);
      expect(g.lost).toBe(0);
    }
  });

  it('M/M/1: lag = 1/(μ−λ) (λ = 60/s, mean service 10 ms: 25 ms, ±5%), and mean lag in records = λ × lag (Little)', () => {
    for (const seed of [1, 2]) {
      const g = group(logScenario({ seed, rate: 60, service: { serviceTimeMs: exponential(10) }, durationSec: 1800, warmupSec: 20 }));
      expectClose(g.lagMs!.mean, 25, 0.05, `lagMs.mean at seed ${seed}`);
      // Records appended and not delivered: L = λW = 0.06 × 25 = 1.5 (the in-flight record counts as not yet delivered).
      expectClose(g.lagRecords!.mean, 1.5, 0.06, `lagRecords.mean at seed ${seed}`);
    }
  });
});

describe('consumer groups', () => {
  it('consumers beyond the partition count change nothing (4 partitions: 4 consumers and 9 give the very same results)', () => {
    const base = { partitions: 4, rate: 200, keys: { count: 1000 }, service: { servers: 8 }, durationSec: 60 };
    const four = run(logScenario({ ...base, consumers: 4 }));
    const nine = run(logScenario({ ...base, consumers: 9 }));
    expect(nine.edges.g).toEqual(four.edges.g);
    expect(nine.nodes).toEqual(four.nodes);
  });

  it('partitions cap a group’s parallelism: 1 consumer of 4 partitions is one server (lag grows), 4 consumers keep up', () => {
    // 150 records/s, 10 ms each: one consumer at ρ = 1.5 falls behind, four share it at ρ = 0.375.
    const base = { partitions: 4, rate: 150, keys: { count: 1000 }, service: { servers: 8 }, durationSec: 60 };
    const one = group(logScenario({ ...base, consumers: 1 }));
    const four = group(logScenario({ ...base, consumers: 4 }));
    expect(one.lagRecords!.max).toBeGreaterThan(1000);
    expect(four.lagMs!.mean).toBeLessThan(20);
  });

  it('each outgoing edge is an independent group: a slow group lags, the fast one beside it does not notice', () => {
    const doc = logScenario({ partitions: 2, consumers: 2, rate: 100, durationSec: 60, service: { serviceTimeMs: constant(2) }, extraGroups: [{ id: 'slow', consumers: 2, service: { serviceTimeMs: constant(30) } }] });
    const alone = group(logScenario({ partitions: 2, consumers: 2, rate: 100, durationSec: 60, service: { serviceTimeMs: constant(2) } }));
    const r = run(doc);
    expect(r.edges.slow.lagRecords!.max).toBeGreaterThan(100);
    expect(r.edges.g.lagMs!.mean).toBeCloseTo(alone.lagMs!.mean, 6);
    expect(r.edges.g.delivered).toBe(alone.delivered);
  });
});

describe('order', () => {
  it('a log never delivers a key out of order (property over random small scenarios, no faults)', () => {
    fc.assert(
      fc.property(
        fc.record({
          partitions: fc.integer({ min: 1, max: 8 }),
          consumers: fc.integer({ min: 1, max: 10 }),
          keys: fc.integer({ min: 1, max: 50 }),
          zipf: fc.boolean(),
          rate: fc.integer({ min: 10, max: 300 }),
          servers: fc.integer({ min: 1, max: 8 }),
          meanMs: fc.double({ min: 0.5, max: 20, noNaN: true }),
          seed: fc.integer({ min: 0, max: 1000 }),
        }),
        (x) => {
          const g = group(
            logScenario({
              seed: x.seed,
              durationSec: 10,
              partitions: x.partitions,
              consumers: x.consumers,
              rate: x.rate,
              keys: { count: x.keys, popularity: x.zipf ? { type: 'zipf', s: 1.1 } : { type: 'uniform' } },
              service: { servers: x.servers, serviceTimeMs: exponential(x.meanMs) },
            }),
          );
          expect(g.outOfOrder).toBe(0);
          expect(g.duplicates).toBe(0);
        },
      ),
      { numRuns: 40, seed: 11 },
    );
  });
});

describe('commits, crashes and redelivery', () => {
  it('after its target crashes a group redelivers what it delivered since its last commit: duplicates ≤ records in a commit interval, nothing lost', () => {
    for (const seed of [1, 2]) {
      for (const commitIntervalMs of [200, 1000, 5000]) {
        const rate = 100;
        const g = group(
          logScenario({ seed, rate, partitions: 3, consumers: 3, keys: { count: 100 }, service: { servers: 3, serviceTimeMs: constant(2) }, log: { commitIntervalMs }, durationSec: 60, faults: [{ id: 'x', type: 'crash', target: 's', atSec: 20.3, durationSec: 2 }] }),
        );
        expect(g.duplicates).toBeGreaterThan(0);
        // Records delivered in one commit interval, with room for Poisson fluctuation (+5σ) and the in-flight ones.
        const mean = (rate * commitIntervalMs) / 1000;
        expect(g.duplicates!).toBeLessThanOrEqual(mean + 5 * Math.sqrt(mean) + 3);
        expect(g.lost).toBe(0);
        expect(g.outOfOrder).toBe(0);
      }
    }
  });

  it('a rewind replays from the first record appended at or after toSec: each replayed record is a duplicate', () => {
    const rate = 50;
    const g = group(logScenario({ rate, partitions: 2, consumers: 2, keys: { count: 10 }, durationSec: 60, faults: [{ id: 'r', type: 'rewind', target: 'g', atSec: 40, toSec: 10 }] }));
    // About 30 s of records, 50/s.
    expectClose(g.duplicates!, 30 * rate, 0.1, 'records replayed');
    expect(g.lost).toBe(0);
  });
});

describe('retention', () => {
  it('a stalled group loses exactly the records that expired unread; a group that keeps up loses none', () => {
    for (const seed of [1, 2]) {
      // 20 records/s, 100 ms each with one consumer: ρ = 2, the group falls behind by 10/s; records live 10 s.
      const doc = logScenario({ seed, rate: 20, partitions: 1, service: { serviceTimeMs: constant(100) }, log: { retentionSec: 10 }, durationSec: 120, extraGroups: [{ id: 'fast', service: { serviceTimeMs: constant(1) } }] });
      const r = run(doc);
      const slow = r.edges.g;
      const fast = r.edges.fast;
      expect(fast.lost).toBe(0);
      expect(slow.lost).toBeGreaterThan(0);
      // Every record appended is delivered, lost, or still unread and unexpired at the end (at most 10 s of them).
      const appended = r.nodes.l.completed;
      expect(fast.delivered).toBe(appended);
      const unaccounted = appended - slow.delivered! - slow.lost!;
      expect(unaccounted).toBeGreaterThanOrEqual(0);
      expect(unaccounted).toBeLessThanOrEqual(20 * 10 * 1.5);
      // The slow group is never more than the retention behind: its lag stays below the records of 10 s (+ slack).
      expect(slow.lagMs!.max).toBeLessThanOrEqual(10_000 + 100 + 1e-6);
      expect(slow.duplicates).toBe(0);
    }
  });
});

describe('retention, exactly', () => {
  it('a group stalled past the retention loses exactly the records that expired before it got back — each record delivered once or lost (seeds 1, 2)', () => {
    for (const seed of [1, 2]) {
      // 20 records/s, one every 50 ms; the group's target stops the world from 20 s to 50 s; records live 10 s.
      const doc = logScenario({ seed, partitions: 2, consumers: 2, keys: { count: 50 }, service: { servers: 2, serviceTimeMs: constant(10) }, log: { retentionSec: 10 }, durationSec: 80, faults: [{ id: 'stall', type: 'pause', target: 's', atSec: 20, durationSec: 30 }], extraGroups: [{ id: 'fast', consumers: 2, service: { servers: 2, serviceTimeMs: constant(1) } }] });
      (doc.nodes as Record<string, unknown>[])[0] = { id: 'c', kind: 'client', params: { op: 'w', arrival: { type: 'constant', ratePerSec: 20, rateSchedule: [{ atSec: 79, ratePerSec: 0 }] } } };
      const r = run(doc);
      const g = r.edges.g;
      // When the pause ends at 50 s, every record appended before 40 s has expired; those after 20 s were never read: 20 s × 20/s.
      expect(Math.abs(g.lost! - 400), `lost ${g.lost} at seed ${seed}`).toBeLessThanOrEqual(2);
      const appended = r.nodes.l.completed;
      expect(g.delivered! + g.lost!).toBe(appended);
      // Delivered once each: the target saw exactly the records that were not lost.
      expect(r.nodes.s.arrivals).toBe(g.delivered);
      expect(g.duplicates).toBe(0);
      // The longest wait is a record the pause caught in delivery (30 s); none that sat out the pause unread was delivered late.
      expect(g.lagMs!.max).toBeLessThanOrEqual(30_000 + 100);
      expect(r.edges.fast.lost).toBe(0);
      expect(r.edges.fast.delivered).toBe(appended);
    }
  });
});

describe('bad input names the field', () => {
  const decode = (doc: Record<string, unknown>) => {
    const r = decodeScenario(doc);
    if (!r.ok) return r.error.message;
    const problems = graphProblems(r.scenario);
    return problems.map((p) => p.line).join('\n');
  };

  it('partitions outside 1…1024', () => {
    expect(decode(logScenario({ partitions: 0 }))).toMatch(/nodes\[1\]\.params\.partitions: expected an integer ≥ 1/);
    expect(decode(logScenario({ partitions: 2000 }))).toMatch(/nodes\[1\]\.params\.partitions: expected an integer ≤ 1024/);
  });

  it('consumers below 1, and consumers on an edge that does not leave a log', () => {
    expect(decode(logScenario({ consumers: 0 }))).toMatch(/edges\[1\]\.consumers: expected an integer ≥ 1/);
    const doc = logScenario({});
    (doc.edges as Record<string, unknown>[])[0].consumers = 2;
    expect(decode(doc)).toMatch(/edges\[0\]\.consumers: consumers size a log's consumer group/);
  });

  it('a rewind to a time before the run, or to after its own start, or of an edge that does not leave a log', () => {
    expect(decode(logScenario({ faults: [{ id: 'r', type: 'rewind', target: 'g', atSec: 10, toSec: -1 }] }))).toMatch(/faults\[0\]\.toSec: expected a number ≥ 0/);
    expect(decode(logScenario({ faults: [{ id: 'r', type: 'rewind', target: 'g', atSec: 10, toSec: 20 }] }))).toMatch(/faults\[0\]\.toSec: expected a time at or before atSec/);
    expect(decode(logScenario({ faults: [{ id: 'r', type: 'rewind', target: 'p', atSec: 10, toSec: 0 }] }))).toMatch(/faults\[0\]\.target: a rewind moves a log's consumer group back/);
  });
});

describe('reading results mid-run', () => {
  it('leaves the run as it was: results read every few events (as the live page reads them) end bit-identical to a run never read', async () => {
    const { readFileSync } = await import('node:fs');
    const { Simulation } = await import('../../src/sim/engine');
    const { collectResults } = await import('../../src/sim/results');
    const { runScenario } = await import('../../src/sim/run');
    const r = decodeScenario(JSON.parse(readFileSync(new URL('../fixtures/logs/log-and-queue.json', import.meta.url), 'utf8')));
    if (!r.ok) throw new Error(r.error.message);
    const scenario = { ...r.scenario, durationSec: 30 };
    const untouched = { ...runScenario(scenario), wallMs: 0 };
    const sim = new Simulation(scenario);
    let n = 0;
    while (!sim.finished) {
      sim.step(Math.max(sim.durationMs, sim.heap.peekTime()), 97 + (n++ % 13) * 31);
      collectResults(sim, 0);
    }
    expect({ ...collectResults(sim, 0), wallMs: 0 }).toEqual(untouched);
    sim.dispose();
  });
});
