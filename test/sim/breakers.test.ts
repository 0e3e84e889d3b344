/**
 * Circuit breakers on edges (SCENARIO.md v2, "Resilience on edges"): over
 * the trailing window, at least `minCalls` attempts and a failed share of
 * at least `failureRatio` open the breaker; open, it fails attempts at once
 * (cause `breakerOpen`) for `openSec`, then lets one trial through.
 */
import { describe, expect, it } from 'vitest';
import { decodeScenario } from '../../src/scenario/decode';
import { client, edge, run } from './helpers';

const constant = (valueMs: number) => ({ type: 'constant', valueMs });

function doc(breaker: Record<string, unknown> | undefined, faults: unknown[], extra: Record<string, unknown> = {}) {
  return {
    version: 2,
    seed: 2,
    durationSec: 60,
    warmupSec: 0,
    nodes: [client('c', 'req', 100, 'constant'), { id: 's', kind: 'service', params: { servers: 4, serviceTimeMs: constant(2) } }],
    edges: [edge('e', 'c', 's', { ...(breaker ? { breaker } : {}), ...extra })],
    faults,
  };
}

describe('circuit breakers', () => {
  it('a crash opens the breaker once half of the window has failed; open, it fails attempts at once, and it lags the recovery', () => {
    // 100 calls/s; a crash over [10, 30) s. The 10 s window still holds 10 s of successes, so the breaker opens when the
    // 500th refusal (at 14.99 s) makes half of it failures. A trial every 5 s: refused at 19.99, 24.99 and 29.99 s (still
    // down), let through at 34.99 s — the node has been back for 5 s — succeeds and closes it.
    const crash = [{ id: 'x', target: 's', type: 'crash', atSec: 10, durationSec: 20 }];
    const r = run(doc({}, crash));
    const causes = r.ops.req.errorsByCause!;
    expect(causes.down).toBe(500 + 3);
    expect(r.nodes.s.dropped).toBe(causes.down);
    // Everything from 15.00 to 34.99 s but the four trials fails at once.
    expect(causes.breakerOpen).toBe(2000 - 4);
    expect(r.edges.e.breakerOpenSec).toBeCloseTo(34.992 - 14.99, 6);
    // Without a breaker every one of them reaches the down node, and recovery is immediate.
    const bare = run(doc(undefined, crash));
    expect(bare.ops.req.errorsByCause!.down).toBe(2000);
    expect(bare.ops.req.errors).toBe(2000);
    expect('breakerOpenSec' in bare.edges.e).toBe(false);
  });

  it('stays closed below the failure ratio or below minCalls', () => {
    const errors = [{ id: 'x', target: 's', type: 'errors', rate: 0.3, atSec: 0 }];
    const r = run(doc({ failureRatio: 0.5 }, errors));
    expect(r.ops.req.errorsByCause!.breakerOpen).toBe(0);
    expect(r.edges.e.breakerOpenSec).toBe(0);
    const opens = run(doc({ failureRatio: 0.2 }, errors));
    expect(opens.ops.req.errorsByCause!.breakerOpen).toBeGreaterThan(0);
    const few = run({ ...doc({ failureRatio: 0.2, minCalls: 2000 }, errors) });
    expect(few.ops.req.errorsByCause!.breakerOpen).toBe(0);
  });

  it('fails fast instead of waiting: against a black-holed callee it turns most 1 s timeouts into instant errors', () => {
    const hole = [{ id: 'x', target: 's', type: 'crash', mode: 'blackhole', atSec: 10, durationSec: 20 }];
    const bare = run(doc(undefined, hole, { timeoutMs: 1000 }));
    expect(bare.ops.req.errorsByCause!.timeout).toBe(2000);
    const r = run(doc({ windowSec: 2, minCalls: 10 }, hole, { timeoutMs: 1000 }));
    const causes = r.ops.req.errorsByCause!;
    expect(causes.breakerOpen).toBeGreaterThan(1500);
    expect(causes.timeout).toBeLessThan(300);
    // Retries are not sent into an open breaker: far fewer than one per failed call.
    const withRetry = run(doc({ windowSec: 2, minCalls: 10 }, hole, { timeoutMs: 1000, retry: { maxAttempts: 3 } }));
    expect(withRetry.edges.e.retries!).toBeLessThan(600);
    const bareRetry = run(doc(undefined, hole, { timeoutMs: 1000, retry: { maxAttempts: 3 } }));
    expect(bareRetry.edges.e.retries!).toBeGreaterThan(3500);
  });

  it('the format: defaults filled in; refused on an async call', () => {
    const d = decodeScenario(doc({}, []));
    expect(d.ok && d.scenario.edges[0].breaker).toEqual({ failureRatio: 0.5, minCalls: 20, windowSec: 10, openSec: 5 });
    const bad = decodeScenario(doc({ failureRatio: 0 }, [], { mode: 'async' }));
    expect(bad.ok ? '' : bad.error.problems.join('\n')).toMatch(/edges\[0\]\.breaker\.failureRatio: expected a number > 0[\s\S]*expected no breaker on an async call/);
  });
});
