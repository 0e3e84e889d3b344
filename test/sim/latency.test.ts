/**
 * Network delay on edges (SCENARIO.md, Format v2: edge `latencyMs`): a call
 * arrives after one draw of the delay and its response returns after
 * another. A constant delay draws no random numbers, so a run with it sees
 * exactly the same service times as without: every response time moves by
 * exactly the round trip.
 */
import { describe, expect, it } from 'vitest';
import { decodeScenario } from '../../src/scenario/decode';
import { mm1 } from '../../src/sim/theory';
import { client, edge, exp, expectClose, run, service } from './helpers';

const constant = (valueMs: number) => ({ type: 'constant', valueMs });

function mm1Doc(latencyMs?: unknown) {
  return {
    version: 2,
    seed: 5,
    durationSec: 300,
    warmupSec: 10,
    nodes: [client('c', 'req', 80), service('s', { servers: 1, serviceTimeMs: exp(10) })],
    edges: [edge('e', 'c', 's', latencyMs ? { latencyMs } : {})],
  };
}

describe('network delay on an edge', () => {
  it('a constant delay adds exactly the round trip to every response, and nothing at the callee', () => {
    const without = run(mm1Doc());
    const withDelay = run(mm1Doc(constant(5)));
    expect(withDelay.ops.req.count).toBe(without.ops.req.count);
    expect(withDelay.ops.req.latencyMs.mean - without.ops.req.latencyMs.mean).toBeCloseTo(10, 9);
    expect(withDelay.ops.req.latencyMs.max - without.ops.req.latencyMs.max).toBeCloseTo(10, 9);
    // The server sees the same requests 5 ms later: its own latency is the same M/M/1.
    expectClose(withDelay.nodes.s.latencyMs.mean, without.nodes.s.latencyMs.mean, 0.002, 'server mean latency');
    expectClose(withDelay.nodes.s.utilization, without.nodes.s.utilization, 0.002, 'utilization');
  });

  it('a random delay adds twice its mean to the mean response time (M/M/1 + two exponential trips)', () => {
    const r = run({ ...mm1Doc(exp(2)), durationSec: 1200 });
    // The two trips are independent of the queue: client − server is their mean sum, 4 ms, with little noise.
    expectClose(r.ops.req.latencyMs.mean - r.nodes.s.latencyMs.mean, 4, 0.02, 'mean of the two trips');
    // The queue itself is still M/M/1 (its mean is noisy at ρ = 0.8: 10%).
    expectClose(r.nodes.s.latencyMs.mean, mm1(0.08, 0.1).meanResponse, 0.1, 'server latency');
  });

  it('sequential calls pay the round trip of each call in turn', () => {
    const doc = (latency: boolean) => ({
      version: 2,
      seed: 2,
      durationSec: 60,
      nodes: [
        client('c', 'req', 20),
        service('api', { servers: 64, serviceTimeMs: constant(1), calls: 'sequential' }),
        service('a', { servers: 64, serviceTimeMs: constant(2) }),
        service('b', { servers: 64, serviceTimeMs: constant(3) }),
      ],
      edges: [
        edge('c-api', 'c', 'api'),
        edge('api-a', 'api', 'a', latency ? { latencyMs: constant(1) } : {}),
        edge('api-b', 'api', 'b', latency ? { latencyMs: constant(1.5) } : {}),
      ],
    });
    expect(run(doc(false)).ops.req.latencyMs.mean).toBeCloseTo(6, 9);
    expect(run(doc(true)).ops.req.latencyMs.mean).toBeCloseTo(6 + 2 + 3, 9);
  });

  it('a fan-out is delivered when the last response is back; an async call costs its caller nothing', () => {
    const doc = (latency: boolean) => ({
      version: 2,
      seed: 3,
      durationSec: 60,
      nodes: [client('c', 'req', 50), service('api', { servers: 64, serviceTimeMs: constant(1) }), service('shards', { servers: 4096, serviceTimeMs: exp(1) }), { id: 'q', kind: 'queue', params: { consumers: 8 } }, service('w', { servers: 8, serviceTimeMs: constant(1) })],
      edges: [
        edge('c-api', 'c', 'api'),
        edge('api-shards', 'api', 'shards', { fanout: { type: 'fixed', n: 10 }, ...(latency ? { latencyMs: constant(2) } : {}) }),
        edge('api-q', 'api', 'q', { mode: 'async', ...(latency ? { latencyMs: constant(7) } : {}) }),
        edge('q-w', 'q', 'w'),
      ],
    });
    const a = run(doc(false));
    const b = run(doc(true));
    // Ten calls out and back: the slowest shard plus one round trip of 4 ms.
    expect(b.edges['api-shards'].deliveryMs!.mean - a.edges['api-shards'].deliveryMs!.mean).toBeCloseTo(4, 6);
    expect(b.ops.req.latencyMs.mean - a.ops.req.latencyMs.mean).toBeCloseTo(4, 6);
    // The queue hears of each message 7 ms later; the producer never waited for it.
    expect(b.nodes.q.arrivals).toBe(a.nodes.q.arrivals);
  });

  it('least-outstanding balancing counts a call until its response is back', () => {
    // Two identical backends, one far away: calls to it stay outstanding longer, so it gets fewer.
    const r = run({
      version: 2,
      seed: 4,
      durationSec: 120,
      nodes: [client('c', 'req', 200), { id: 'lb', kind: 'loadBalancer', params: { policy: 'leastOutstanding' } }, service('near', { servers: 64, serviceTimeMs: exp(5) }), service('far', { servers: 64, serviceTimeMs: exp(5) })],
      edges: [edge('c-lb', 'c', 'lb'), edge('lb-near', 'lb', 'near'), edge('lb-far', 'lb', 'far', { latencyMs: constant(20) })],
    });
    expect(r.edges['lb-far'].calls).toBeLessThan(0.45 * (r.edges['lb-near'].calls + r.edges['lb-far'].calls));
  });

  it('the format: a distribution, absent by default, refused with a message when it is not one', () => {
    const ok = decodeScenario(mm1Doc(exp(2)));
    expect(ok.ok && ok.scenario.edges[0].latencyMs).toEqual(exp(2));
    const none = decodeScenario(mm1Doc());
    expect(none.ok && 'latencyMs' in none.scenario.edges[0]).toBe(false);
    const bad = decodeScenario(mm1Doc({ type: 'exponential', meanMs: -1 }));
    expect(bad.ok ? '' : bad.error.message).toMatch(/edges\[0\]\.latencyMs\.meanMs: expected a number > 0/);
  });
});
