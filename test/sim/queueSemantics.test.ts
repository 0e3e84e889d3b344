/**
 * The queue's semantics (SCENARIO.md, "Logs and queues: Kafka-style vs
 * Redis-style"): a Redis list — competing consumers, a message taken by one
 * of them and lost with it when it fails, unless reliable, which puts it
 * back and may deliver it twice; Redis Pub/Sub — each message to the
 * subscribers up when it is published, nothing kept; maxMessages, Redis's
 * memory, refusing produce calls when full. The broker (v1) stays as it was.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeScenario } from '../../src/scenario/decode';
import { graphProblems } from '../../src/scenario/graph';
import { Simulation } from '../../src/sim/engine';
import { collectResults, type EdgeResult, type Results } from '../../src/sim/results';
import { run, scenario } from './helpers';

const constant = (valueMs: number) => ({ type: 'constant', valueMs });
const exponential = (meanMs: number) => ({ type: 'exponential', meanMs });

interface Opts {
  semantics?: 'broker' | 'list' | 'pubsub';
  queue?: Record<string, unknown>;
  rate?: number;
  /** Services called by the queue, one edge each (`g`, then `g2`, …), with their params. */
  targets?: Record<string, unknown>[];
  keys?: Record<string, unknown>;
  faults?: unknown[];
  durationSec?: number;
  seed?: number;
  /** The producer stops here (so that every message is published inside the window). */
  stopAtSec?: number;
}

function queueScenario(o: Opts): Record<string, unknown> {
  const targets = o.targets ?? [{}];
  return {
    version: 2,
    seed: o.seed ?? 1,
    durationSec: o.durationSec ?? 60,
    ...(o.keys ? { keys: o.keys } : {}),
    nodes: [
      { id: 'c', kind: 'client', params: { op: 'w', arrival: { type: 'poisson', ratePerSec: o.rate ?? 100, ...(o.stopAtSec !== undefined ? { rateSchedule: [{ atSec: o.stopAtSec, ratePerSec: 0 }] } : {}) } } },
      { id: 'q', kind: 'queue', params: { ...(o.semantics ? { semantics: o.semantics } : {}), ...o.queue } },
      ...targets.map((params, i) => ({ id: i === 0 ? 's' : `s${i + 1}`, kind: 'service', params: { servers: 4, serviceTimeMs: exponential(10), ...params } })),
    ],
    edges: [{ id: 'p', source: 'c', target: 'q' }, ...targets.map((_, i) => ({ id: i === 0 ? 'g' : `g${i + 1}`, source: 'q', target: i === 0 ? 's' : `s${i + 1}` }))],
    ...(o.faults ? { faults: o.faults } : {}),
  };
}

/** A simulation of the document, with the node indices a test reads by id. */
function simulation(doc: Record<string, unknown>) {
  const s = scenario(doc);
  const sim = new Simulation(s);
  const index = (id: string) => s.nodes.findIndex((n) => n.id === id);
  return { sim, index };
}

function finish(sim: Simulation): Results {
  sim.runToEnd();
  const r = collectResults(sim, 0);
  sim.dispose();
  return r;
}

const crash = (atSec: number, durationSec: number, target = 's') => ({ id: 'x', type: 'crash', target, atSec, durationSec });

describe('a broker is what it was', () => {
  it('semantics "broker" written out gives the very results of a queue without it, and no delivery fields', () => {
    const bare = run(queueScenario({ queue: { consumers: 2 }, rate: 150 }));
    const broker = run(queueScenario({ semantics: 'broker', queue: { consumers: 2 }, rate: 150 }));
    expect({ ...broker, wallMs: 0 }).toEqual({ ...bare, wallMs: 0 });
    expect(broker.edges.g.delivered).toBeUndefined();
    expect(broker.edges.g.lost).toBeUndefined();
  });
});

describe('Redis Pub/Sub', () => {
  it('a subscriber loses exactly what was published while it was down, and what it held when it crashed; the other subscriber loses nothing (seeds 1, 2)', () => {
    for (const seed of [1, 2]) {
      // Enqueue time 0: a message is published the instant its produce call arrives, so the queue's arrivals count publishes.
      const doc = queueScenario({ seed, semantics: 'pubsub', queue: { consumers: 2, enqueueTimeMs: constant(0) }, rate: 200, targets: [{}, {}], faults: [crash(10, 5, 's2')], durationSec: 30 });
      const { sim, index } = simulation(doc);
      const q = index('q');
      const s2 = index('s2');
      sim.step(10_000 - 1e-6);
      const publishedBefore = sim.meter.nArrivals[q];
      // Held for the subscriber at the crash: published to it and not yet handled there.
      const heldAtCrash = publishedBefore - sim.meter.nCompleted[s2];
      sim.step(15_000 - 1e-6);
      const publishedWhileDown = sim.meter.nArrivals[q] - publishedBefore;
      const r = finish(sim);
      const published = r.nodes.q.arrivals;
      expect(publishedWhileDown).toBeGreaterThan(900);
      expect(r.edges.g2.lost).toBe(publishedWhileDown + heldAtCrash);
      expect(r.edges.g2.delivered).toBe(published - r.edges.g2.lost!);
      expect(r.edges.g.lost).toBe(0);
      expect(r.edges.g.delivered).toBe(published);
      for (const e of ['g', 'g2']) expect(r.edges[e].duplicates).toBe(0);
    }
  });

  it('keeps nothing: a subscriber that comes back gets none of what it missed (its lag never covers the outage)', () => {
    const r = run(queueScenario({ semantics: 'pubsub', queue: { consumers: 2 }, rate: 200, faults: [crash(10, 5)], durationSec: 30 }));
    // A log would hand it 5 s of records late; Pub/Sub delivers only what came after, within milliseconds.
    expect(r.edges.g.lagMs!.max).toBeLessThan(1000);
    expect(r.edges.g.lost).toBeGreaterThan(900);
  });
});

describe('a Redis list', () => {
  it('a consumer crash loses exactly the messages in flight (those its target was handling), nothing else; none twice (seeds 1, 2)', () => {
    for (const seed of [1, 2]) {
      for (const atSec of [10, 20.37]) {
        const doc = queueScenario({ seed, semantics: 'list', queue: { consumers: 4 }, rate: 300, faults: [crash(atSec, 2)], durationSec: 40, stopAtSec: 38 });
        const { sim, index } = simulation(doc);
        const s = index('s');
        sim.step(atSec * 1000 - 1e-6);
        // Four consumers, four servers: every message in flight is at the target, in service or waiting.
        const inFlight = sim.stations.busy[s] + sim.stations.queued[s];
        const r = finish(sim);
        expect(inFlight).toBeGreaterThan(0);
        expect(r.edges.g.lost, `seed ${seed}, crash at ${atSec} s`).toBe(inFlight);
        // What waited in the list is kept for the consumers, who take it when their target is back.
        expect(r.edges.g.delivered! + r.edges.g.lost!).toBe(r.nodes.q.arrivals);
        expect(r.edges.g.duplicates).toBe(0);
      }
    }
  });

  it('reliable (LMOVE): nothing lost; handled twice exactly the messages handled and not yet acknowledged at the crash — at most those in flight (seeds 1, 2)', () => {
    let twice = 0;
    for (const seed of [1, 2]) {
      for (const atSec of [10, 20.37, 30.11]) {
        // The acknowledgement takes a round trip of 5 ms after a 10 ms delivery: a third of the busy consumers are acknowledging.
        const doc = queueScenario({ seed, semantics: 'list', queue: { consumers: 4, reliable: true, enqueueTimeMs: constant(5) }, rate: 200, faults: [crash(atSec, 2)], durationSec: 40, stopAtSec: 38 });
        const { sim, index } = simulation(doc);
        sim.step(atSec * 1000 - 1e-6);
        const taken = sim.stations.busy[index('q')];
        const handling = sim.stations.busy[index('s')] + sim.stations.queued[index('s')];
        const r = finish(sim);
        const g = r.edges.g;
        expect(g.lost).toBe(0);
        expect(g.duplicates).toBe(taken - handling);
        expect(g.duplicates!).toBeLessThanOrEqual(taken);
        expect(g.delivered).toBe(r.nodes.q.arrivals);
        twice += g.duplicates!;
      }
    }
    expect(twice).toBeGreaterThan(0);
  });

  it('a failing consumer (errors at its target) loses what it fails on; reliable puts it back and loses nothing', () => {
    const faults = [{ id: 'e', type: 'errors', target: 's', atSec: 10, durationSec: 5, rate: 0.5 }];
    const plain = run(queueScenario({ semantics: 'list', queue: { consumers: 4 }, faults, durationSec: 30, stopAtSec: 29 })).edges.g;
    const reliable = run(queueScenario({ semantics: 'list', queue: { consumers: 4, reliable: true }, faults, durationSec: 30, stopAtSec: 29 })).edges.g;
    // About half of 5 s × 100/s.
    expect(plain.lost!).toBeGreaterThan(150);
    expect(plain.lost!).toBeLessThan(350);
    expect(reliable.lost).toBe(0);
    expect(reliable.delivered).toBe(plain.delivered! + plain.lost!);
  });

  it('competing edges: every message is taken by exactly one consumer across all the outgoing edges', () => {
    const r = run(queueScenario({ semantics: 'list', queue: { consumers: 2 }, rate: 200, targets: [{}, { serviceTimeMs: exponential(30) }], stopAtSec: 59 }));
    expect(r.edges.g.delivered! + r.edges.g2.delivered!).toBe(r.nodes.q.arrivals);
    // The faster edge's consumers come back for more sooner: they take more.
    expect(r.edges.g.delivered!).toBeGreaterThan(r.edges.g2.delivered!);
    expect(r.edges.g.duplicates! + r.edges.g2.duplicates!).toBe(0);
  });

  it('one consumer is a single-server queue (M/M/1: lag = 1/(μ−λ), λ = 60/s, 10 ms mean: 25 ms, ±6%), and delivers in order', () => {
    for (const seed of [1, 2]) {
      const g = run(queueScenario({ seed, semantics: 'list', queue: { consumers: 1, enqueueTimeMs: constant(0) }, rate: 60, keys: { count: 5 }, targets: [{ servers: 1 }], durationSec: 1200 })).edges.g;
      const err = Math.abs(g.lagMs!.mean - 25) / 25;
      expect(err, `lag mean ${g.lagMs!.mean} at seed ${seed}`).toBeLessThanOrEqual(0.06);
      expect(g.outOfOrder).toBe(0);
    }
  });
});

describe('order: competing consumers can deliver a key out of order, a log never does', () => {
  it('4 consumers of one list over 10 keys: some key is applied out of order (seeds 1, 2); one consumer never', () => {
    for (const seed of [1, 2]) {
      const base = { seed, semantics: 'list' as const, rate: 200, keys: { count: 10 }, durationSec: 20 };
      expect(run(queueScenario({ ...base, queue: { consumers: 4 } })).edges.g.outOfOrder!).toBeGreaterThan(0);
      expect(run(queueScenario({ ...base, queue: { consumers: 1 }, targets: [{ servers: 1, serviceTimeMs: exponential(2) }] })).edges.g.outOfOrder).toBe(0);
    }
  });

  it('property: over random workloads a log with as many consumers is never out of order; the list with several consumers is, somewhere', () => {
    let listDisorder = 0;
    fc.assert(
      fc.property(
        fc.record({
          consumers: fc.integer({ min: 2, max: 8 }),
          keys: fc.integer({ min: 1, max: 30 }),
          zipf: fc.boolean(),
          rate: fc.integer({ min: 20, max: 300 }),
          servers: fc.integer({ min: 2, max: 8 }),
          meanMs: fc.double({ min: 1, max: 20, noNaN: true }),
          seed: fc.integer({ min: 0, max: 1000 }),
        }),
        (x) => {
          const keys = { count: x.keys, popularity: x.zipf ? { type: 'zipf', s: 1.1 } : { type: 'uniform' } };
          const target = { servers: x.servers, serviceTimeMs: exponential(x.meanMs) };
          const list = run(queueScenario({ seed: x.seed, semantics: 'list', queue: { consumers: x.consumers }, rate: x.rate, keys, targets: [target], durationSec: 10 })).edges.g;
          const doc = queueScenario({ seed: x.seed, rate: x.rate, keys, targets: [target], durationSec: 10 });
          const nodes = doc.nodes as Record<string, unknown>[];
          nodes[1] = { id: 'q', kind: 'log', params: { partitions: x.consumers } };
          (doc.edges as Record<string, unknown>[])[1].consumers = x.consumers;
          const log: EdgeResult = run(doc).edges.g;
          expect(log.outOfOrder).toBe(0);
          expect(list.duplicates).toBe(0);
          listDisorder += list.outOfOrder!;
        },
      ),
      { numRuns: 25, seed: 7 },
    );
    expect(listDisorder).toBeGreaterThan(0);
  });
});

describe('maxMessages: Redis’s memory, full means the produce call fails', () => {
  it('a list that fills refuses produce calls; the messages held never exceed the bound', () => {
    // 100 messages/s against one consumer at 100 ms each: the list fills within a second.
    const doc = (maxMessages?: number) => queueScenario({ semantics: 'list', queue: { consumers: 1, ...(maxMessages ? { maxMessages } : {}) }, targets: [{ servers: 1, serviceTimeMs: constant(100) }], durationSec: 30 });
    const bounded = run(doc(50));
    expect(bounded.ops.w.errors).toBeGreaterThan(2000);
    expect(bounded.ops.w.errorsByCause).toBeUndefined(); // no faults or timeouts: errors are the one cause, rejected
    expect(bounded.nodes.q.dropped).toBe(bounded.ops.w.errors);
    expect(bounded.nodes.q.maxQueueLength).toBeLessThanOrEqual(50);
    expect(bounded.edges.g.lost).toBe(0);
    const unbounded = run(doc());
    expect(unbounded.ops.w.errors).toBe(0);
    expect(unbounded.nodes.q.maxQueueLength).toBeGreaterThan(2000);
  });

  it('reliable: a message awaiting acknowledgement still takes memory (the bound counts the processing list)', () => {
    const r = run(queueScenario({ semantics: 'list', queue: { consumers: 4, reliable: true, maxMessages: 10 }, targets: [{ servers: 4, serviceTimeMs: constant(100) }], durationSec: 20 }));
    // Four taken, so at most six wait.
    expect(r.nodes.q.maxQueueLength).toBeLessThanOrEqual(6);
    expect(r.ops.w.errors).toBeGreaterThan(0);
  });

  it('Pub/Sub: a slow subscriber’s buffer fills Redis’s memory, and publishing fails for everyone', () => {
    const r = run(queueScenario({ semantics: 'pubsub', queue: { consumers: 1, maxMessages: 100 }, targets: [{}, { servers: 1, serviceTimeMs: constant(50) }], durationSec: 20 }));
    expect(r.ops.w.errors).toBeGreaterThan(0);
    expect(r.nodes.q.maxQueueLength).toBeLessThanOrEqual(100);
    expect(r.edges.g.delivered).toBe(r.edges.g2.delivered);
  });
});

describe('bad input names the field', () => {
  const decode = (doc: Record<string, unknown>) => {
    const r = decodeScenario(doc);
    if (!r.ok) return r.error.message;
    return graphProblems(r.scenario).map((p) => p.line).join('\n');
  };
  const withQueue = (params: Record<string, unknown>) => queueScenario({ queue: params });

  it('a semantics a queue does not know', () => {
    expect(decode(withQueue({ semantics: 'kafka' }))).toMatch(/^nodes\[1\]\.params\.semantics: expected one of "broker", "list", "pubsub", got "kafka"/);
  });

  it('maxMessages below 1, or on a broker', () => {
    expect(decode(withQueue({ semantics: 'list', maxMessages: 0 }))).toMatch(/^nodes\[1\]\.params\.maxMessages: expected an integer ≥ 1, got 0/);
    expect(decode(withQueue({ maxMessages: 10 }))).toMatch(/^nodes\[1\]\.params\.maxMessages: expected no maxMessages on a broker queue/);
  });

  it('reliable on anything but a list; capacity on a Redis queue', () => {
    expect(decode(withQueue({ semantics: 'pubsub', reliable: true }))).toMatch(/^nodes\[1\]\.params\.reliable: expected no reliable on a Pub\/Sub queue/);
    expect(decode(withQueue({ reliable: true }))).toMatch(/^nodes\[1\]\.params\.reliable: expected no reliable on a broker queue/);
    expect(decode(withQueue({ semantics: 'list', reliable: false }))).toBe('');
    expect(decode(withQueue({ semantics: 'list', capacity: 10 }))).toMatch(/^nodes\[1\]\.params\.capacity: expected no capacity on a Redis list queue/);
  });

  it('more consumer connections than a run can hold', () => {
    const doc = queueScenario({ semantics: 'list', queue: { consumers: 60_000 }, targets: [{}, {}] });
    expect(decode(doc)).toMatch(/^nodes\[1\]\.params\.consumers: expected at most 100,000 consumers in all/);
  });
});
