/**
 * Hedged requests (SCENARIO.md v2, `hedge`; Dean & Barroso, "The Tail at
 * Scale"): after `afterMs` without an answer a copy goes along the same
 * edge; the first copy to succeed completes the call; copies still waiting
 * in a line are cancelled; a load balancer sends copies to backends not yet
 * tried. Checked against the closed form of min(S₁, afterMs + S₂).
 */
import { describe, expect, it } from 'vitest';
import { decodeScenario } from '../../src/scenario/decode';
import { client, edge, exp, expectClose, run, service } from './helpers';

const constant = (valueMs: number) => ({ type: 'constant', valueMs });
/** 99% of services take 10 ms, 1% take 1 s: a tail of stragglers. */
const straggly = { type: 'mixture', parts: [{ weight: 0.99, dist: constant(10) }, { weight: 0.01, dist: constant(1000) }] };

describe('hedging', () => {
  it('a copy after 20 ms cuts the 1-in-100 straggler: mean = 0.99·10 + 0.01·(0.99·30 + 0.01·1000), for about 1% more calls', () => {
    const doc = (hedge?: Record<string, unknown>) => ({
      version: 2,
      seed: 6,
      durationSec: 200,
      warmupSec: 0,
      nodes: [client('c', 'req', 200), service('s', { servers: 10_000, serviceTimeMs: straggly })],
      edges: [edge('e', 'c', 's', hedge ? { hedge } : {})],
    });
    const bare = run(doc());
    expect(bare.ops.req.latencyMs.p999).toBeGreaterThan(900);
    const r = run(doc({ afterMs: 20 }));
    expectClose(r.ops.req.latencyMs.mean, 0.99 * 10 + 0.01 * (0.99 * 30 + 0.01 * 1000), 0.01, 'mean response time');
    const n = r.edges.e.calls;
    // A copy goes only for the stragglers (1%); attempts count first calls and copies.
    expect(Math.abs(r.edges.e.hedges! - 0.01 * n)).toBeLessThan(4 * Math.sqrt(n * 0.01));
    expect(r.edges.e.attempts).toBe(n + r.edges.e.hedges!);
    expect(r.ops.req.latencyMs.p999).toBeLessThan(35);
    expect(r.ops.req.errors).toBe(0);
  });

  it('the call fails only when every copy failed: with errors at 1/2 and two copies, 1/8 of calls fail', () => {
    const doc = {
      version: 2,
      seed: 12,
      durationSec: 300,
      warmupSec: 0,
      nodes: [client('c', 'req', 100), service('s', { servers: 10_000, serviceTimeMs: constant(10) })],
      edges: [edge('e', 'c', 's', { hedge: { afterMs: 5, maxHedges: 2 } })],
      faults: [{ id: 'x', target: 's', type: 'errors', rate: 0.5, atSec: 0 }],
    };
    const r = run(doc);
    const n = r.ops.req.count;
    expect(Math.abs(r.ops.req.errors - n / 8)).toBeLessThan(4 * Math.sqrt((n * 7) / 64));
    expect(r.ops.req.errorsByCause!.error).toBe(r.ops.req.errors);
    // The first copy always goes (at 5 ms); the second only when the original failed at 10 ms.
    expectClose(r.edges.e.hedges! / n, 1.5, 0.02, 'copies per call');
  });

  it('copies still waiting in a line are cancelled when another copy wins, and every call is accounted for', () => {
    const doc = {
      version: 2,
      seed: 2,
      durationSec: 120,
      warmupSec: 0,
      nodes: [client('c', 'req', 60), service('s', { servers: 1, serviceTimeMs: exp(10) })],
      edges: [edge('e', 'c', 's', { hedge: { afterMs: 15 } })],
    };
    const r = run(doc);
    const s = r.nodes.s;
    expect(s.abandonedDropped!).toBeGreaterThan(100);
    expect(s.completed + s.errors + s.dropped + s.abandonedDropped!).toBe(s.arrivals);
    expect(s.arrivals).toBe(r.edges.e.attempts);
    expect(r.ops.req.errors).toBe(0);
    expect(r.ops.req.unfinished).toBe(0);
  });

  it('behind a load balancer a copy goes to a backend not yet tried: with one backend stuck at 1 s, every hedged call ends at 60 ms', () => {
    const doc = (policy: string) => ({
      version: 2,
      seed: 5,
      durationSec: 60,
      warmupSec: 0,
      nodes: [
        client('c', 'req', 100),
        { id: 'lb', kind: 'loadBalancer', params: { policy } },
        service('stuck', { servers: 10_000, serviceTimeMs: constant(1000) }),
        service('fine', { servers: 10_000, serviceTimeMs: constant(10) }),
      ],
      edges: [edge('h', 'c', 'lb', { hedge: { afterMs: 50 } }), edge('a', 'lb', 'stuck'), edge('b', 'lb', 'fine')],
    });
    for (const policy of ['random', 'roundRobin', 'leastOutstanding']) {
      const r = run(doc(policy));
      expect(r.ops.req.latencyMs.max, policy).toBeCloseTo(60, 6);
      // Every copy went to the fine backend: the stuck one saw first attempts only, each hedged 50 ms later
      // (those of the run's last 50 ms are hedged after its end, where nothing is counted).
      const hedges = r.edges.h.hedges!;
      expect(r.nodes.stuck.arrivals - hedges, policy).toBeGreaterThanOrEqual(0);
      expect(r.nodes.stuck.arrivals - hedges, policy).toBeLessThan(15);
      expect(r.nodes.stuck.arrivals + r.nodes.fine.arrivals, policy).toBe(r.edges.h.attempts);
    }
  });

  it('a crash while copies are out fails the copies, not the call’s own record: the node counts only real work', () => {
    const doc = {
      version: 2,
      seed: 0,
      durationSec: 3,
      warmupSec: 0,
      nodes: [client('c', 'req', 1, 'constant'), { id: 'n', kind: 'index', params: { writeOps: [] } }],
      edges: [edge('e', 'c', 'n', { timeoutMs: 2, hedge: { afterMs: 0 } })],
      faults: [{ id: 'f', target: 'n', type: 'crash', atSec: 0.001, durationSec: 0.03 }],
    };
    const r = run(doc);
    const n = r.nodes.n;
    expect(n.completed + n.errors + n.dropped + n.abandonedDropped!).toBe(n.arrivals);
    expect(r.ops.req.errorsByCause!.down).toBe(1);
  });

  it('the format: defaults filled in; refused on an async call; 1…3 copies', () => {
    const base = { version: 2, nodes: [client('c', 'req', 1), service('s')] };
    const ok = decodeScenario({ ...base, edges: [edge('e', 'c', 's', { hedge: { afterMs: 10 } })] });
    expect(ok.ok && ok.scenario.edges[0].hedge).toEqual({ afterMs: 10, maxHedges: 1 });
    const bad = decodeScenario({ ...base, edges: [edge('e', 'c', 's', { mode: 'async', hedge: { afterMs: 10, maxHedges: 4 } })] });
    expect(bad.ok ? '' : bad.error.problems.join('\n')).toMatch(/edges\[0\]\.hedge\.maxHedges: expected an integer ≤ 3[\s\S]*no hedge on an async call/);
  });
});
