/**
 * Timeouts on edges (SCENARIO.md, "Resilience on edges"): the caller gives
 * up on an attempt not completed within `timeoutMs` of being issued; the
 * callee is not told, and what it finishes for a caller that gave up is
 * wasted work. Checked against M/M/1's response-time distribution, whose
 * tail is exponential: P(T > t) = e^{−(μ−λ)t}.
 */
import { describe, expect, it } from 'vitest';
import { decodeScenario } from '../../src/scenario/decode';
import { client, edge, exp, expectClose, run, service } from './helpers';

const constant = (valueMs: number) => ({ type: 'constant', valueMs });

function mm1Doc(timeoutMs?: number, extra: Record<string, unknown> = {}) {
  return {
    version: 2,
    seed: 7,
    durationSec: 600,
    warmupSec: 10,
    nodes: [client('c', 'req', 80), service('s', { servers: 1, serviceTimeMs: exp(10) })],
    edges: [edge('e', 'c', 's', { ...(timeoutMs ? { timeoutMs } : {}), ...extra })],
  };
}

describe('timeouts', () => {
  it('M/M/1 with a timeout of 100 ms: the share timed out is P(T > 100 ms) = e^(−(μ−λ)·100)', () => {
    const r = run(mm1Doc(100));
    const expected = Math.exp(-(0.1 - 0.08) * 100); // 13.5%
    const o = r.ops.req;
    expectClose(o.errors / o.count, expected, 0.08, 'share of requests timed out');
    expect(o.errorsByCause).toEqual({ rejected: 0, timeout: o.errors, error: 0, down: 0, breakerOpen: 0 });
    expect(r.edges.e.timeouts).toBe(o.errors);
    // No request that succeeded took longer than the timeout.
    expect(o.latencyMs.max).toBeLessThanOrEqual(100);
  });

  it('the callee is not told: it does the same work, and what it finishes for nobody is wasted', () => {
    const without = run(mm1Doc());
    const withTimeout = run(mm1Doc(100));
    // A timeout draws no random number: the server sees exactly the same requests and service times.
    expect(withTimeout.nodes.s.utilization).toBe(without.nodes.s.utilization);
    expect(withTimeout.nodes.s.completed).toBe(without.nodes.s.completed);
    // Every timed-out request still completes at the server (unbounded line, nothing lost): all of it wasted.
    expectClose(withTimeout.nodes.s.wastedCompletions!, withTimeout.edges.e.timeouts!, 0.01, 'wasted completions');
    expect('wastedCompletions' in without.nodes.s).toBe(false);
    expect('errorsByCause' in without.ops.req).toBe(false);
  });

  it('a call answered in time is unaffected: a timeout longer than any response changes nothing', () => {
    const doc = (timeoutMs?: number) => ({
      version: 2,
      seed: 1,
      durationSec: 30,
      nodes: [client('c', 'req', 50), service('s', { servers: 8, serviceTimeMs: constant(5) })],
      edges: [edge('e', 'c', 's', timeoutMs ? { timeoutMs } : {})],
    });
    const a = run(doc());
    const b = run(doc(1000));
    expect(b.ops.req.errors).toBe(0);
    expect(b.ops.req.latencyMs).toEqual(a.ops.req.latencyMs);
    expect(b.edges.e.timeouts).toBe(0);
  });

  it('a timeout deeper in the system fails the request that waited on it, under the cause where it began', () => {
    const r = run({
      version: 2,
      seed: 3,
      durationSec: 60,
      nodes: [client('c', 'req', 20), service('api', { servers: 64, serviceTimeMs: constant(1), calls: 'sequential' }), service('slow', { servers: 64, serviceTimeMs: constant(50) }), service('after', { servers: 64, serviceTimeMs: constant(1) })],
      edges: [edge('c-api', 'c', 'api'), edge('api-slow', 'api', 'slow', { timeoutMs: 20 }), edge('api-after', 'api', 'after')],
    });
    expect(r.ops.req.errors).toBe(r.ops.req.count);
    expect(r.ops.req.errorsByCause!.timeout).toBe(r.ops.req.count);
    // Sequential calls stop at the failure: nothing reaches the next call.
    expect(r.nodes.after.arrivals).toBe(0);
    // The caller gave up at 20 ms after its 1 ms of service: the API's failed requests took 21 ms.
    expect(r.nodes.api.errors).toBe(r.nodes.api.arrivals);
  });

  it('the format: a positive number on a sync call; refused on an async one', () => {
    const ok = decodeScenario(mm1Doc(250));
    expect(ok.ok && ok.scenario.edges[0].timeoutMs).toBe(250);
    const zero = decodeScenario(mm1Doc(undefined, { timeoutMs: 0 }));
    expect(zero.ok ? '' : zero.error.message).toMatch(/edges\[0\]\.timeoutMs: expected a number > 0/);
    const async = decodeScenario(mm1Doc(100, { mode: 'async' }));
    expect(async.ok ? '' : async.error.message).toMatch(/edges\[0\]\.timeoutMs: expected no timeoutMs on an async call/);
  });
});
