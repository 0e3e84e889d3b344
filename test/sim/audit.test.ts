/**
 * What an independent audit measured wrong in the bulk path, each checked
 * against call-by-call simulation of the same scenario or a closed form.
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/sim/run';
import { client, edge, expectClose, scenario } from './helpers';

const constant = (valueMs: number) => ({ type: 'constant', valueMs });

describe('sequential calls are sequential however many there are', () => {
  const sequentialFanout = (n: number) =>
    runScenario(
      scenario({
        durationSec: 20,
        nodes: [
          client('c', 'op', 2, 'constant'),
          { id: 'app', kind: 'service', params: { servers: 4, serviceTimeMs: constant(0), calls: 'sequential' } },
          { id: 'leaf', kind: 'service', params: { servers: 2000, serviceTimeMs: constant(1) } },
        ],
        edges: [edge('e0', 'c', 'app'), edge('e1', 'app', 'leaf', { fanout: { type: 'fixed', n } })],
      }),
    ).ops.op.latencyMs;

  it('a request that makes n calls one after another takes n × 1 ms: no jump between 256 and 257', () => {
    for (const n of [256, 257, 1000]) {
      const latency = sequentialFanout(n);
      expectClose(latency.mean, n, 0.01, `mean response with ${n} sequential calls`);
      expectClose(latency.max, n, 0.01, `max response with ${n} sequential calls`);
    }
  });
});

describe('the work of a bulk chunk is exact', () => {
  // Posts fan out to 5,000 timelines each: every fan-out travels in bulk.
  const fanoutTo = (serviceTimeMs: unknown, bulkThreshold?: number) =>
    runScenario(
      scenario({
        seed: 5,
        durationSec: 120,
        warmupSec: 10,
        nodes: [
          client('posts', 'post', 4),
          { id: 'timelines', kind: 'service', params: { servers: 64, serviceTimeMs } },
        ],
        edges: [edge('fan', 'posts', 'timelines', { fanout: { type: 'fixed', n: 5000 } })],
      }),
      { bulkThreshold },
    ).nodes.timelines;

  it('a 99.9% / 0.1% mixture (0.5 ms, 1 s) does the work its mean says: utilization λ·E[S]/c within 3%', () => {
    const mixture = {
      type: 'mixture',
      parts: [
        { weight: 999, dist: constant(0.5) },
        { weight: 1, dist: constant(1000) },
      ],
    };
    const bulk = fanoutTo(mixture);
    const expected = (bulk.arrivals * (0.999 * 0.5 + 0.001 * 1000)) / (110_000 * 64);
    expectClose(bulk.utilization, expected, 0.03, 'bulk utilization, mixture service');
  });

  it('a heavy lognormal (median 0.2 ms, p99 20 ms) does the work its mean says, as call by call does', () => {
    const heavy = { type: 'lognormal', medianMs: 0.2, p99Ms: 20 };
    const meanMs = 0.2 * Math.exp((Math.log(100) / 2.3263478740408408) ** 2 / 2);
    const bulk = fanoutTo(heavy);
    const expected = (bulk.arrivals * meanMs) / (110_000 * 64);
    expectClose(bulk.utilization, expected, 0.05, 'bulk utilization, heavy lognormal');
  });
});

describe('capacities hold for queues and bulk work', () => {
  it('a queue of capacity 5 never has more than 5 messages waiting, counting those still being enqueued', () => {
    const r = runScenario(
      scenario({
        durationSec: 60,
        nodes: [
          client('c', 'job', 50),
          { id: 'q', kind: 'queue', params: { enqueueTimeMs: constant(200), consumers: 1, capacity: 5 } },
          { id: 'worker', kind: 'service', params: { servers: 1, serviceTimeMs: { type: 'exponential', meanMs: 100 } } },
        ],
        edges: [edge('e0', 'c', 'q'), edge('e1', 'q', 'worker')],
      }),
    );
    expect(r.nodes.q.maxQueueLength).toBeLessThanOrEqual(5);
    expect(r.nodes.q.dropped).toBeGreaterThan(0);
  });

  it('bulk admission never reports more waiting than queueCapacity', () => {
    const r = runScenario(
      scenario({
        durationSec: 30,
        nodes: [client('c', 'post', 2), { id: 'db', kind: 'service', params: { servers: 8, queueCapacity: 1000, serviceTimeMs: constant(5) } }],
        edges: [edge('fan', 'c', 'db', { fanout: { type: 'fixed', n: 5000 } })],
      }),
    );
    expect(r.nodes.db.dropped).toBeGreaterThan(0);
    expect(r.nodes.db.maxQueueLength).toBeLessThanOrEqual(1000);
  });
});

describe("Little's law holds within one bulk result, and bulk delivery agrees with call by call", () => {
  const s = scenario({
    seed: 11,
    durationSec: 300,
    warmupSec: 10,
    population: { users: 1_000_000, followers: { type: 'powerlaw', alpha: 1.2, min: 200, max: 50_000 } },
    nodes: [
      client('posters', 'post', 4),
      { id: 'timelines', kind: 'cache', params: { hitRatio: 1, servers: 16, hitTimeMs: { type: 'exponential', meanMs: 0.4 } } },
    ],
    edges: [edge('fan', 'posters', 'timelines', { fanout: { type: 'followers' } })],
  });
  const bulk = runScenario(s);
  const exact = runScenario(s, { bulkThreshold: Infinity });

  it('mean queue length = arrival rate × mean wait, within 5%, in the bulk run', () => {
    const node = bulk.nodes.timelines;
    const rate = node.arrivals / (bulk.simulatedSec * 1000);
    expectClose(node.meanQueueLength, rate * node.waitMs.mean, 0.05, "Little's law (bulk)");
  });

  it('delivery times within 5% of call by call (mean and p99)', () => {
    for (const key of ['mean', 'p99'] as const) {
      expectClose(bulk.edges.fan.deliveryMs![key], exact.edges.fan.deliveryMs![key], 0.05, `delivery ${key}`);
    }
  });
});
