/**
 * Retries on edges (SCENARIO.md, "Resilience on edges"): after an attempt
 * that times out, the caller waits the backoff and tries again, up to
 * maxAttempts in all, within the retry budget. With servers to spare the
 * attempts are independent, so the closed forms are simple: with a service
 * time U(0, 20) ms and a 10 ms timeout, each attempt times out with
 * probability 1/2.
 */
import { describe, expect, it } from 'vitest';
import { decodeScenario } from '../../src/scenario/decode';
import { client, edge, expectClose, run, service } from './helpers';

const uniform = { type: 'uniform', minMs: 0, maxMs: 20 };

function doc(retry: Record<string, unknown> | undefined, rate = 200) {
  return {
    version: 2,
    seed: 11,
    durationSec: 300,
    warmupSec: 5,
    nodes: [client('c', 'req', rate), service('s', { servers: 1000, serviceTimeMs: uniform })],
    edges: [edge('e', 'c', 's', { timeoutMs: 10, ...(retry ? { retry } : {}) })],
  };
}

describe('retries', () => {
  it('three attempts, each timing out with probability 1/2: 1/8 of requests fail, 1 + 1/2 + 1/4 attempts per request', () => {
    const r = run(doc({ maxAttempts: 3 }));
    const o = r.ops.req;
    expectClose(o.errors / o.count, 1 / 8, 0.04, 'share failed after three attempts');
    expect(o.errorsByCause!.timeout).toBe(o.errors);
    expectClose(r.edges.e.attempts! / r.edges.e.calls, 1.75, 0.01, 'attempts per call');
    expectClose(r.edges.e.retries! / r.edges.e.calls, 0.75, 0.02, 'retries per call');
    expectClose(r.edges.e.timeouts! / r.edges.e.attempts!, 0.5, 0.02, 'share of attempts timed out');
    // Every timed-out attempt still finishes at the server, for nobody.
    expectClose(r.nodes.s.wastedCompletions!, r.edges.e.timeouts!, 0.01, 'wasted completions');
  });

  it('the backoff delays the retry: a request that needed a second attempt took 10 ms + the delay + its service', () => {
    for (const [backoff, delay] of [
      [{ type: 'constant', baseMs: 8 }, 8],
      [{ type: 'exponential', baseMs: 5, multiplier: 3 }, 5],
    ] as const) {
      const r = run(doc({ maxAttempts: 2, backoff }));
      const l = r.ops.req.latencyMs;
      // Successes: two thirds on the first attempt (under 10 ms), one third on the second, in [10 + delay, 20 + delay).
      expect(l.p50).toBeLessThan(10);
      expect(l.p90).toBeGreaterThanOrEqual(10 + delay);
      expect(l.max).toBeLessThan(20 + delay + 0.5);
    }
  });

  it('a retry budget of 0.1 lets at most one retry per ten first attempts', () => {
    const r = run(doc({ maxAttempts: 3, budget: { ratio: 0.1 } }));
    const e = r.edges.e;
    expect(e.retries! / e.calls).toBeLessThanOrEqual(0.1 + 0.005);
    expect(e.retries! / e.calls).toBeGreaterThan(0.09);
    // Without the budget half the requests would be rescued; with it most failures stay failures.
    expectClose(r.ops.req.errors / r.ops.req.count, 0.5 - 0.1 * 0.5, 0.05, 'share failed');
  });

  it('retries only what the rule names: on errors alone, a timeout is not retried', () => {
    const r = run(doc({ maxAttempts: 3, on: ['error'] }));
    expect(r.edges.e.retries).toBe(0);
    expectClose(r.ops.req.errors / r.ops.req.count, 0.5, 0.03, 'share failed');
  });

  it('jitter spreads the delay: full jitter waits U(0, d), so second attempts start anywhere in [10, 10 + d)', () => {
    const r = run(doc({ maxAttempts: 2, backoff: { type: 'constant', baseMs: 40 }, jitter: 'full' }));
    const l = r.ops.req.latencyMs;
    expect(l.max).toBeGreaterThan(40);
    expect(l.max).toBeLessThan(70.5);
  });

  it('an answered failure is retried under "error": a call turned away by a full line, or one whose own calls failed', () => {
    // One server of 10 ms and no waiting place: at 50 calls/s an attempt is turned away with probability ρ/(1+ρ) = 1/3
    // (Erlang B, one server); a retry after 100 ms meets an independent state of the server.
    const full = (retry?: Record<string, unknown>) => ({
      version: 2,
      seed: 5,
      durationSec: 300,
      warmupSec: 5,
      nodes: [client('c', 'req', 50), service('s', { servers: 1, queueCapacity: 0, serviceTimeMs: { type: 'exponential', meanMs: 10 } })],
      edges: [edge('e', 'c', 's', retry ? { retry } : {})],
    });
    const once = run(full());
    expectClose(once.ops.req.errors / once.ops.req.count, 1 / 3, 0.04, 'share turned away without retries');
    const r = run(full({ maxAttempts: 2, on: ['error'], backoff: { type: 'constant', baseMs: 100 } }));
    expect(r.edges.e.retries).toBeGreaterThan(0);
    // Retries add load, so the second attempt meets a busier server; the request fails only if both are turned away.
    expect(r.ops.req.errors / r.ops.req.count).toBeLessThan(0.2);
    expect(r.ops.req.errorsByCause).toBeUndefined();
    expect(r.edges.e.retries! / r.edges.e.calls).toBeGreaterThan(0.33);
  });

  it('retries across layers multiply: 4 attempts at each of 3 layers make 64 attempts at the bottom for one failing request', () => {
    const layer = (id: string) => service(id, { servers: 100, serviceTimeMs: { type: 'constant', valueMs: 1 } });
    const retry = { maxAttempts: 4, on: ['error'] };
    const three = run({
      version: 2,
      seed: 1,
      durationSec: 10,
      warmupSec: 0,
      nodes: [client('c', 'req', 1, 'constant'), layer('a'), layer('b'), layer('db')],
      edges: [edge('ca', 'c', 'a', { retry }), edge('ab', 'a', 'b', { retry }), edge('bdb', 'b', 'db', { retry })],
      faults: [{ id: 'broken', target: 'db', type: 'errors', rate: 1, atSec: 0 }],
    });
    expect(three.nodes.db.arrivals).toBe(10 * 64);
    expect(three.nodes.a.arrivals).toBe(10 * 4);
    expect(three.ops.req.errors).toBe(10);
  });

  it('a black hole without timeouts fills the system until the in-flight limit stops the run, and the stop says why', async () => {
    const { Simulation } = await import('../../src/sim/engine');
    const { scenario } = await import('./helpers');
    const s = scenario({
      version: 2,
      seed: 1,
      durationSec: 120,
      nodes: [client('c', 'req', 1000), service('s', { servers: 10, serviceTimeMs: { type: 'exponential', meanMs: 1 } })],
      edges: [edge('e', 'c', 's')],
      faults: [{ id: 'hole', target: 's', type: 'crash', mode: 'blackhole', atSec: 10 }],
    });
    const sim = new Simulation(s, { maxJobs: 20_000 });
    sim.runToEnd();
    expect(sim.stopped?.reason).toBe('maxJobs');
    expect(sim.stopped!.atSec).toBeGreaterThan(25);
    expect(sim.stopped!.message).toMatch(/lost in a black hole .* give the edges into it a timeout/);
    sim.dispose();
  });

  it('the format: defaults filled in; refused on an async call; attempts 1…10', () => {
    const ok = decodeScenario(doc({}));
    expect(ok.ok && ok.scenario.edges[0].retry).toEqual({
      maxAttempts: 3,
      on: ['timeout', 'error'],
      backoff: { type: 'none', baseMs: 10, capMs: 10_000, multiplier: 2 },
      jitter: 'none',
    });
    const bad = decodeScenario(doc({ maxAttempts: 11 }));
    expect(bad.ok ? '' : bad.error.message).toMatch(/edges\[0\]\.retry\.maxAttempts: expected an integer ≤ 10/);
    const async = decodeScenario({ ...doc({}), edges: [edge('e', 'c', 's', { mode: 'async', retry: {} })] });
    expect(async.ok ? '' : async.error.message).toMatch(/edges\[0\]\.retry: expected no retry on an async call/);
  });
});
