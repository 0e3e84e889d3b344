/**
 * Bulk fan-out against event by event. Above `bulkThreshold` calls, a
 * request's fan-out travels as one job standing for all its calls; the target
 * node serves it in chunks (at most max(64, 4 × servers) of them), each chunk
 * holding one server for the summed service time of its calls. Work,
 * utilization and call counts are exact; waits and delivery times are
 * approximate because calls in a chunk are served back to back on one
 * server — this test bounds the error where both methods can run.
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/sim/run';
import { client, edge, scenario } from './helpers';

const s = scenario({
  seed: 3,
  durationSec: 200,
  warmupSec: 5,
  population: { users: 1_000_000, followers: { type: 'powerlaw', alpha: 1.4, min: 50, max: 20_000 } },
  nodes: [
    client('posters', 'post', 60),
    { id: 'worker', kind: 'service', params: { servers: 8, serviceTimeMs: { type: 'exponential', meanMs: 1 } } },
    { id: 'timelines', kind: 'cache', params: { hitRatio: 1, servers: 8, hitTimeMs: { type: 'exponential', meanMs: 0.5 } } },
  ],
  edges: [edge('e0', 'posters', 'worker'), edge('fan', 'worker', 'timelines', { fanout: { type: 'followers' } })],
});

describe('bulk fan-out approximates event-by-event simulation', () => {
  const exact = runScenario(s, { bulkThreshold: Infinity });
  const bulk = runScenario(s);

  it('counts exactly the same calls (same authors, same fan-outs)', () => {
    expect(bulk.edges.fan.calls).toBe(exact.edges.fan.calls);
    expect(bulk.nodes.timelines.arrivals).toBe(exact.nodes.timelines.arrivals);
  });

  it('does the same work: utilization within 1%', () => {
    const rel = Math.abs(bulk.nodes.timelines.utilization - exact.nodes.timelines.utilization) / exact.nodes.timelines.utilization;
    expect(exact.nodes.timelines.utilization).toBeGreaterThan(0.4);
    expect(rel).toBeLessThan(0.01);
  });

  it('delivers posts to every follower in about the same time: mean and p99 within 5%', () => {
    for (const key of ['mean', 'p50', 'p99'] as const) {
      const a = bulk.edges.fan.deliveryMs![key];
      const b = exact.edges.fan.deliveryMs![key];
      expect(Math.abs(a - b) / b, `delivery ${key}: bulk ${a.toFixed(1)} ms, event by event ${b.toFixed(1)} ms`).toBeLessThan(0.05);
    }
  });

  it('keeps the waits at the target node close: mean wait within 10%', () => {
    const a = bulk.nodes.timelines.waitMs.mean;
    const b = exact.nodes.timelines.waitMs.mean;
    expect(Math.abs(a - b) / b, `wait: bulk ${a.toFixed(2)} ms, event by event ${b.toFixed(2)} ms`).toBeLessThan(0.1);
  });

  it('uses fewer events (here most posts fan out to fewer than 256 followers and stay event by event)', () => {
    expect(bulk.events).toBeLessThan(exact.events * 0.7);
  });
});
