/**
 * Closed-loop clients (SCENARIO.md v2): N users, each with at most one
 * request in flight. With think time Z in front of one exponential server the
 * network is product-form, so mean value analysis gives the exact mean
 * response time; with a fixed interval, a stall hides from latency measured
 * at the send (coordinated omission) and shows in the intended latency.
 */
import { describe, expect, it } from 'vitest';
import { decodeScenario } from '../../src/scenario/decode';
import { edge, exp, expectClose, run, service } from './helpers';

/** Exact MVA for N users, mean think Z, one FCFS exponential server of mean S: mean response time R(N). */
function mva(users: number, thinkMs: number, serviceMs: number): { responseMs: number; throughputPerMs: number } {
  let q = 0;
  let r = 0;
  let x = 0;
  for (let n = 1; n <= users; n++) {
    r = serviceMs * (1 + q);
    x = n / (r + thinkMs);
    q = x * r;
  }
  return { responseMs: r, throughputPerMs: x };
}

const closedClient = (id: string, op: string, arrival: Record<string, unknown>) => ({ id, kind: 'client', params: { op, arrival: { type: 'closed', ...arrival } } });

describe('closed-loop users', () => {
  for (const users of [1, 5, 20]) {
    it(`${users} users thinking 40 ms (exponential) at an M/M/1 of 10 ms: mean response time and throughput as mean value analysis says`, () => {
      const r = run({
        version: 2,
        seed: 3,
        durationSec: 600,
        warmupSec: 10,
        nodes: [closedClient('c', 'req', { users, thinkTimeMs: exp(40) }), service('s', { servers: 1, serviceTimeMs: exp(10) })],
        edges: [edge('e', 'c', 's')],
      });
      const m = mva(users, 40, 10);
      expectClose(r.ops.req.latencyMs.mean, m.responseMs, 0.04, 'mean response time');
      expectClose(r.ops.req.throughputPerSec, m.throughputPerMs * 1000, 0.03, 'throughput');
      // The interactive response time law: X = N / (R + Z).
      expectClose(r.ops.req.throughputPerSec / 1000, users / (r.ops.req.latencyMs.mean + 40), 0.03, 'X = N/(R+Z)');
      expect(r.ops.req.intendedLatencyMs).toBeUndefined();
    });
  }

  it('a user never has two requests in flight: one user of a 10 ms server sends at most 100 requests a second', () => {
    const r = run({
      version: 2,
      seed: 1,
      durationSec: 20,
      nodes: [closedClient('c', 'req', { users: 1, thinkTimeMs: { type: 'constant', valueMs: 0 } }), service('s', { servers: 8, serviceTimeMs: { type: 'constant', valueMs: 10 } })],
      edges: [edge('e', 'c', 's')],
    });
    expect(r.ops.req.count).toBe(2000);
    expect(r.nodes.s.maxQueueLength).toBe(0);
  });

  it('coordinated omission: a 1 s stall of a load tester with a 10 ms schedule shows in one measured latency, and in a hundred intended ones', () => {
    const doc = {
      version: 2,
      seed: 1,
      durationSec: 60,
      warmupSec: 0,
      nodes: [closedClient('tester', 'req', { users: 1, intervalMs: 10 }), service('s', { servers: 1, serviceTimeMs: { type: 'constant', valueMs: 1 } })],
      edges: [edge('e', 'tester', 's')],
      faults: [{ id: 'stall', target: 's', type: 'pause', atSec: 30, durationSec: 1 }],
    };
    const r = run(doc);
    const measured = r.ops.req.latencyMs;
    const intended = r.ops.req.intendedLatencyMs!;
    // Measured at the send, only the request caught in the pause waited: p99 stays at the service time.
    expect(measured.p99).toBeCloseTo(1, 1);
    expect(measured.max).toBeGreaterThan(990);
    // From the intended send times, the hundred sends the tester skipped waited up to a second: p99 ≈ 0.5–1 s.
    expect(intended.p99).toBeGreaterThan(400);
    expect(intended.max).toBeGreaterThan(990);
    // The tester catches up: it sends at once while behind, so it still makes ~6,000 requests.
    expect(r.ops.req.count).toBeGreaterThan(5900);
    // Without a stall the two agree.
    const calm = run({ ...doc, faults: undefined });
    expect(calm.ops.req.intendedLatencyMs!.p99).toBeCloseTo(calm.ops.req.latencyMs.p99, 6);
  });

  it('users are staggered over the interval, and the format names what is wrong', () => {
    const r = run({
      version: 2,
      seed: 1,
      durationSec: 10,
      warmupSec: 0,
      nodes: [closedClient('c', 'req', { users: 4, intervalMs: 100 }), service('s', { servers: 1, serviceTimeMs: { type: 'constant', valueMs: 20 } })],
      edges: [edge('e', 'c', 's')],
    });
    // Four users each every 100 ms, 25 ms apart: the 20 ms server never queues.
    expect(r.ops.req.count).toBe(400);
    expect(r.nodes.s.maxQueueLength).toBe(0);
    const problem = (arrival: Record<string, unknown>) => {
      const d = decodeScenario({ version: 2, nodes: [closedClient('c', 'req', arrival), service('s')], edges: [edge('e', 'c', 's')] });
      return d.ok ? 'ok' : d.error.message;
    };
    expect(problem({ users: 0, intervalMs: 10 })).toMatch(/^nodes\[0\]\.params\.arrival\.users: expected an integer ≥ 1/);
    expect(problem({ users: 2 })).toMatch(/expected either thinkTimeMs .* or intervalMs/);
    expect(problem({ users: 2, intervalMs: 10, thinkTimeMs: exp(5) })).toMatch(/not both or neither/);
    expect(problem({ users: 2, intervalMs: -1 })).toMatch(/intervalMs: expected a number > 0/);
  });
});
