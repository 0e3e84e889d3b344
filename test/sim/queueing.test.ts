/**
 * The engine against queueing theory (SCENARIO.md, "Ground truth"). Long runs
 * with a warm-up, fixed seeds, tolerances of a few percent — a tick-based
 * simulator is off by tens of percent at these utilizations.
 */
import { describe, expect, it } from 'vitest';
import { ekm1, erlangC, forkJoinQuantile, mg1, mm1, mm1k, mmc, slowShare } from '../../src/sim/theory';
import { Simulation } from '../../src/sim/engine';
import { client, edge, exp, expectClose, run, scenario, service } from './helpers';

describe('M/M/1 (client → one server, exponential service)', () => {
  // λ = 800/s, μ = 1000/s: ρ = 0.8, about 2.4 million requests.
  const lambda = 0.8; // per ms
  const mu = 1.0;
  const r = run({
    seed: 7,
    durationSec: 3000,
    warmupSec: 100,
    nodes: [client('c', 'get', lambda * 1000), service('s', { servers: 1, serviceTimeMs: exp(1 / mu) })],
    edges: [edge('e', 'c', 's')],
  });
  const t = mm1(lambda, mu);

  it('mean response time is 1/(μ−λ)', () => expectClose(r.ops.get.latencyMs.mean, t.meanResponse, 0.03, 'mean response'));
  it('p50 and p99 are −ln(1−q)/(μ−λ)', () => {
    expectClose(r.ops.get.latencyMs.p50, t.responseQuantile(0.5), 0.03, 'p50');
    expectClose(r.ops.get.latencyMs.p99, t.responseQuantile(0.99), 0.03, 'p99');
    expectClose(r.ops.get.latencyMs.p999, t.responseQuantile(0.999), 0.05, 'p99.9');
  });
  it('mean queue length is ρ²/(1−ρ)', () => expectClose(r.nodes.s.meanQueueLength, t.meanQueueLength, 0.04, 'Lq'));
  it('utilization is ρ', () => expectClose(r.nodes.s.utilization, t.utilization, 0.005, 'utilization'));
  it('throughput equals the arrival rate', () => expectClose(r.ops.get.throughputPerSec, 800, 0.005, 'throughput'));
});

describe('M/M/c', () => {
  it('mean wait follows Erlang C', () => {
    // c = 4, λ = 3.2/ms·… : ρ = 0.8 per server.
    const lambda = 3.2;
    const mu = 1;
    const r = run({
      seed: 11,
      durationSec: 600,
      warmupSec: 20,
      nodes: [client('c', 'get', lambda * 1000), service('s', { servers: 4, serviceTimeMs: exp(1 / mu) })],
      edges: [edge('e', 'c', 's')],
    });
    const t = mmc(lambda, mu, 4);
    expect(erlangC(4, 3.2)).toBeCloseTo(0.5964, 3); // a published table value
    expectClose(r.nodes.s.waitMs.mean, t.meanWait, 0.04, 'mean wait');
    expectClose(r.nodes.s.meanQueueLength, t.meanQueueLength, 0.04, 'Lq');
    expectClose(r.nodes.s.utilization, 0.8, 0.01, 'utilization');
  });
});

describe('M/G/1 (Pollaczek–Khinchine)', () => {
  const lambda = 0.7;
  const cases = [
    { name: 'M/D/1 (constant service)', dist: { type: 'constant', valueMs: 1 }, m1: 1, m2: 1 },
    { name: 'uniform service', dist: { type: 'uniform', minMs: 0, maxMs: 2 }, m1: 1, m2: 4 / 3 },
    {
      name: 'lognormal service',
      dist: { type: 'lognormal', medianMs: 0.8, p99Ms: 3 },
      m1: Math.exp(Math.log(0.8) + (Math.log(3 / 0.8) / 2.3263478740408408) ** 2 / 2),
      m2: Math.exp(2 * Math.log(0.8) + 2 * (Math.log(3 / 0.8) / 2.3263478740408408) ** 2),
    },
  ];
  for (const c of cases) {
    it(`${c.name}: mean wait is λE[S²]/(2(1−ρ))`, () => {
      const l = lambda / c.m1 > 0.9 ? 0.9 / c.m1 : lambda;
      const r = run({
        seed: 5,
        durationSec: 1200,
        warmupSec: 50,
        nodes: [client('c', 'get', l * 1000), service('s', { serviceTimeMs: c.dist })],
        edges: [edge('e', 'c', 's')],
      });
      const t = mg1(l, c.m1, c.m2);
      expectClose(r.nodes.s.waitMs.mean, t.meanWait, 0.04, 'mean wait');
      expectClose(r.ops.get.latencyMs.mean, t.meanResponse, 0.03, 'mean response');
    });
  }
});

describe('M/M/1/K (finite queue)', () => {
  it('rejects the share of arrivals theory predicts, and rejections fail the request', () => {
    // queueCapacity 4 ⇒ K = 5 in the system; ρ = 1.2 (overloaded, yet bounded).
    const lambda = 1.2;
    const r = run({
      seed: 3,
      durationSec: 600,
      warmupSec: 10,
      nodes: [client('c', 'get', lambda * 1000), service('s', { servers: 1, queueCapacity: 4, serviceTimeMs: exp(1) })],
      edges: [edge('e', 'c', 's')],
    });
    const t = mm1k(lambda, 1, 5);
    const blocked = r.nodes.s.dropped / r.nodes.s.arrivals;
    expectClose(blocked, t.blockingProbability, 0.02, 'blocking probability');
    expectClose(r.ops.get.errors / r.ops.get.count, t.blockingProbability, 0.02, 'error share');
    expectClose(r.ops.get.throughputPerSec / 1000, t.throughput, 0.01, 'throughput');
    expectClose(r.ops.get.latencyMs.mean, t.meanResponse, 0.03, 'mean response of admitted requests');
    expect(r.nodes.s.maxQueueLength).toBe(4);
  });
});

describe('tandem queues (Jackson network)', () => {
  it('each stage behaves as its own M/M/1 and response times add', () => {
    const lambda = 0.6;
    const r = run({
      seed: 9,
      durationSec: 1200,
      warmupSec: 50,
      nodes: [
        client('c', 'get', lambda * 1000),
        service('a', { serviceTimeMs: exp(1), calls: 'sequential' }),
        service('b', { serviceTimeMs: exp(1 / 1.5) }),
      ],
      edges: [edge('e1', 'c', 'a'), edge('e2', 'a', 'b')],
    });
    // With non-blocking calls, "a" releases its server before calling "b": two independent M/M/1s (Burke's theorem).
    const ta = mm1(lambda, 1);
    const tb = mm1(lambda, 1.5);
    expectClose(r.nodes.a.waitMs.mean, ta.meanWait, 0.04, 'wait at a');
    expectClose(r.nodes.b.waitMs.mean, tb.meanWait, 0.04, 'wait at b');
    expectClose(r.ops.get.latencyMs.mean, ta.meanResponse + tb.meanResponse, 0.03, 'end-to-end mean');
  });
});

describe('load balancer splits', () => {
  const lambda = 1.6; // total; each of 2 backends has μ = 1
  const doc = (policy: string) => ({
    seed: 21,
    durationSec: 1200,
    warmupSec: 50,
    nodes: [
      client('c', 'get', lambda * 1000),
      { id: 'lb', kind: 'loadBalancer', params: { policy } },
      service('s1', { serviceTimeMs: exp(1) }),
      service('s2', { serviceTimeMs: exp(1) }),
    ],
    edges: [edge('e0', 'c', 'lb'), edge('e1', 'lb', 's1'), edge('e2', 'lb', 's2')],
  });

  it('random: each backend is an M/M/1 with half the load (Poisson splitting)', () => {
    const r = run(doc('random'));
    const t = mm1(lambda / 2, 1);
    expectClose(r.nodes.s1.waitMs.mean, t.meanWait, 0.05, 'wait at s1');
    expectClose(r.nodes.s2.waitMs.mean, t.meanWait, 0.05, 'wait at s2');
    expectClose(r.edges.e1.callsPerSec, 800, 0.01, 'calls to s1');
  });

  it('round robin: each backend sees Erlang-2 arrivals (E2/M/1), and waits less than random', () => {
    const r = run(doc('roundRobin'));
    const t = ekm1(lambda / 2, 1, 2);
    expectClose(r.nodes.s1.waitMs.mean, t.meanWait, 0.04, 'wait at s1');
    expect(r.edges.e1.calls).toBeCloseTo(r.edges.e2.calls, -1);
    expect(t.meanWait).toBeLessThan(mm1(lambda / 2, 1).meanWait);
  });

  it('least outstanding: waits less than round robin (join the shortest queue)', () => {
    const rr = run(doc('roundRobin'));
    const lo = run(doc('leastOutstanding'));
    expect(lo.ops.get.latencyMs.mean).toBeLessThan(rr.ops.get.latencyMs.mean);
    expect(Math.abs(lo.nodes.s1.utilization - lo.nodes.s2.utilization)).toBeLessThan(0.01);
  });

  it('a balancer with no edge for the op fails the request', () => {
    const r = run({
      durationSec: 10,
      nodes: [client('c', 'get', 100), { id: 'lb', kind: 'loadBalancer' }, service('s')],
      edges: [edge('e0', 'c', 'lb'), edge('e1', 'lb', 's', { ops: ['put'] })],
    });
    expect(r.ops.get.errors).toBe(r.ops.get.count);
    expect(r.nodes.lb.errors).toBe(r.ops.get.count);
  });
});

describe('fork-join', () => {
  it('a request waiting for the slowest of n exponential backends has p-quantile −ln(1 − p^(1/n))/μ', () => {
    const n = 10;
    const nodes: unknown[] = [client('c', 'get', 200), service('fork', { serviceTimeMs: { type: 'constant', valueMs: 0 }, servers: 1000 })];
    const edges: unknown[] = [edge('e0', 'c', 'fork')];
    for (let i = 0; i < n; i++) {
      nodes.push(service(`b${i}`, { servers: 10000, serviceTimeMs: exp(5) }));
      edges.push(edge(`e${i + 1}`, 'fork', `b${i}`));
    }
    const r = run({ seed: 13, durationSec: 1000, nodes, edges });
    for (const [p, key] of [
      [0.5, 'p50'],
      [0.9, 'p90'],
      [0.99, 'p99'],
    ] as const) {
      expectClose(r.ops.get.latencyMs[key], forkJoinQuantile(n, 1 / 5, p), 0.02, key);
    }
  });

  it('the same fan-out as one edge with a fixed fan-out of n gives the same quantiles', () => {
    const r = run({
      seed: 13,
      durationSec: 1000,
      nodes: [client('c', 'get', 200), service('leaf', { servers: 100000, serviceTimeMs: exp(5) })],
      edges: [edge('e', 'c', 'leaf', { fanout: { type: 'fixed', n: 10 } })],
    });
    expectClose(r.ops.get.latencyMs.p99, forkJoinQuantile(10, 1 / 5, 0.99), 0.02, 'p99');
    expect(r.edges.e.calls).toBe(r.ops.get.count * 10);
    expect(r.edges.e.deliveryMs!.p99).toBeCloseTo(r.ops.get.latencyMs.p99, 6);
  });

  it('tail at scale: 100 leaves each slow 1% of the time make 63% of requests slow', () => {
    const sim = new Simulation(scenario({
      seed: 17,
      durationSec: 500,
      nodes: [
        client('c', 'get', 100),
        service('leaf', {
          servers: 100000,
          serviceTimeMs: { type: 'mixture', parts: [{ weight: 99, dist: { type: 'constant', valueMs: 10 } }, { weight: 1, dist: { type: 'constant', valueMs: 1000 } }] },
        }),
      ],
      edges: [edge('e', 'c', 'leaf', { fanout: { type: 'fixed', n: 100 } })],
    }));
    sim.runToEnd();
    // 1 − 0.99^100 = 63.4% of requests meet a slow leaf: the 35th percentile is still fast, the 38th already slow.
    expect(slowShare(100, 0.01)).toBeCloseTo(0.634, 3);
    const responses = sim.meter.nodeLatency[0];
    expect(responses.count).toBeGreaterThan(40_000);
    expect(responses.percentile(35)).toBeLessThan(10.1);
    expect(responses.percentile(38)).toBeGreaterThan(999);
    sim.dispose();
  });
});

describe('cache', () => {
  it('a hit/miss mixture: misses reach the backend at rate (1 − h)·λ, response = lookup + miss share × backend', () => {
    const h = 0.8;
    const r = run({
      seed: 4,
      durationSec: 600,
      warmupSec: 10,
      nodes: [
        client('c', 'get', 1000),
        { id: 'cache', kind: 'cache', params: { hitRatio: h, hitTimeMs: { type: 'constant', valueMs: 1 }, servers: 64 } },
        { id: 'db', kind: 'database', params: { servers: 1000, serviceTimeMs: { type: 'constant', valueMs: 20 } } },
      ],
      edges: [edge('e1', 'c', 'cache'), edge('e2', 'cache', 'db')],
    });
    expectClose(r.edges.e2.callsPerSec, (1 - h) * 1000, 0.02, 'miss rate');
    expectClose(r.ops.get.latencyMs.mean, 1 + (1 - h) * 20, 0.02, 'mean response');
    expect(r.ops.get.latencyMs.p50).toBeCloseTo(1, 1);
    expect(r.ops.get.latencyMs.p99).toBeCloseTo(21, 0);
  });
});

describe("Little's law at every node", () => {
  it('mean queue length ≈ arrival rate × mean wait', () => {
    const r = run({
      seed: 8,
      durationSec: 600,
      warmupSec: 20,
      nodes: [
        client('c', 'get', 600),
        { id: 'lb', kind: 'loadBalancer', params: { policy: 'random' } },
        service('a', { servers: 2, serviceTimeMs: exp(2.5) }),
        service('b', { servers: 1, serviceTimeMs: { type: 'uniform', minMs: 0.5, maxMs: 3 } }),
        { id: 'db', kind: 'database', params: { servers: 2, serviceTimeMs: { type: 'lognormal', medianMs: 3, p99Ms: 20 } } },
        { id: 'q', kind: 'queue', params: { consumers: 2 } },
        service('w', { servers: 2, serviceTimeMs: exp(3) }),
      ],
      edges: [
        edge('e0', 'c', 'lb'),
        edge('e1', 'lb', 'a'),
        edge('e2', 'lb', 'b'),
        edge('e3', 'a', 'db'),
        edge('e4', 'b', 'q', { mode: 'async' }),
        edge('e5', 'q', 'w'),
      ],
    });
    for (const id of ['a', 'b', 'db', 'q']) {
      const n = r.nodes[id];
      const rate = n.arrivals / r.simulatedSec / 1000; // per ms
      expect(n.meanQueueLength, `${id} should queue in this test`).toBeGreaterThan(0.05);
      expectClose(n.meanQueueLength, rate * n.waitMs.mean, 0.03, `Little's law at ${id}`);
    }
    // "w" rarely waits: both sides are near zero, so compare absolutely.
    const w = r.nodes.w;
    expect(Math.abs(w.meanQueueLength - (w.arrivals / r.simulatedSec / 1000) * w.waitMs.mean)).toBeLessThan(0.002);
  });
});
