/**
 * Faults on a timeline (SCENARIO.md v2): crash (refuse / black hole), pause,
 * slow, errors, capacity, partition, latency and random faults by MTBF/MTTR.
 * Where the arithmetic is exact (constant arrivals and service times) the
 * counts are checked exactly; where it is random, against queueing theory or
 * a binomial interval.
 */
import { describe, expect, it } from 'vitest';
import { decodeScenario } from '../../src/scenario/decode';
import { faultPlan, IntervalUnion } from '../../src/sim/faults';
import { Simulation } from '../../src/sim/engine';
import { client, edge, exp, expectClose, run, scenario, service } from './helpers';

const constant = (valueMs: number) => ({ type: 'constant', valueMs });

/** One constant-rate client calling one service: the arithmetic of every request is known. */
function line(opts: { rate?: number; serviceMs?: number; servers?: number; faults: unknown[]; edgeExtra?: Record<string, unknown>; durationSec?: number }) {
  return {
    version: 2,
    seed: 3,
    durationSec: opts.durationSec ?? 60,
    warmupSec: 0,
    nodes: [client('c', 'req', opts.rate ?? 100, 'constant'), service('s', { servers: opts.servers ?? 1, serviceTimeMs: constant(opts.serviceMs ?? 1) })],
    edges: [edge('e', 'c', 's', opts.edgeExtra ?? {})],
    faults: opts.faults,
  };
}

describe('crash', () => {
  it('refuse: every call arriving while the node is down fails at once with cause "down"; the node is down for the interval', () => {
    // Arrivals every 10 ms; a crash over [10 s, 20 s) meets exactly the 1,000 arrivals at 10.00 … 19.99 s.
    const r = run(line({ faults: [{ id: 'f', target: 's', type: 'crash', atSec: 10, durationSec: 10 }] }));
    expect(r.ops.req.count).toBe(6000);
    expect(r.ops.req.errors).toBe(1000);
    expect(r.ops.req.errorsByCause).toEqual({ rejected: 0, timeout: 0, error: 0, down: 1000, breakerOpen: 0 });
    expect(r.nodes.s.dropped).toBe(1000);
    expect(r.nodes.s.completed).toBe(5000);
    expect(r.nodes.s.downSec).toBe(10);
    expect(r.edges.e.failures).toBe(1000);
    // A refusal takes no time: the requests that succeed are untouched.
    expect(r.ops.req.latencyMs.max).toBe(1);
  });

  it('what is in service or waiting at the crash fails with it; capacity returns empty', () => {
    // Service 100 ms, arrivals every 200 ms: at 10.05 s the request of 10.00 s is in service.
    const r = run(line({ rate: 5, serviceMs: 100, faults: [{ id: 'f', target: 's', type: 'crash', atSec: 10.05, durationSec: 10 }] }));
    // Arrivals 10.2 … 20.0 s (50) are refused, and the one in service dies: 51.
    expect(r.ops.req.errorsByCause!.down).toBe(51);
    expect(r.nodes.s.errors).toBe(1);
    expect(r.nodes.s.dropped).toBe(50);
    expect(r.ops.req.unfinished).toBe(0);
    // After the crash, service is as before.
    expect(r.ops.req.latencyMs.max).toBe(100);
  });

  it('a crash empties the waiting line: each waiting request fails with cause "down"', () => {
    // Ten requests at once (fan-out 10) into one server of 100 ms: at 50 ms one is in service and nine wait.
    const doc = {
      version: 2,
      seed: 1,
      durationSec: 1,
      warmupSec: 0,
      nodes: [client('c', 'req', 1, 'constant'), service('s', { servers: 1, serviceTimeMs: constant(100) })],
      edges: [edge('e', 'c', 's', { fanout: { type: 'fixed', n: 10 } })],
      faults: [{ id: 'f', target: 's', type: 'crash', atSec: 0.05, durationSec: 0.1 }],
    };
    const r = run(doc);
    expect(r.nodes.s.arrivals).toBe(10);
    expect(r.nodes.s.errors).toBe(10);
    expect(r.nodes.s.completed).toBe(0);
    expect(r.ops.req.errorsByCause!.down).toBe(1);
    expect(r.nodes.s.meanQueueLength).toBeCloseTo((9 * 50) / 1000, 9);
  });

  it('black hole: arrivals are never answered — the caller waits for its timeout, or for ever without one', () => {
    const fault = { id: 'f', target: 's', type: 'crash', mode: 'blackhole', atSec: 10, durationSec: 10 };
    const timed = run(line({ faults: [fault], edgeExtra: { timeoutMs: 50 } }));
    expect(timed.ops.req.errorsByCause).toEqual({ rejected: 0, timeout: 1000, error: 0, down: 0, breakerOpen: 0 });
    expect(timed.edges.e.timeouts).toBe(1000);
    expect(timed.ops.req.unfinished).toBe(0);
    const hung = run(line({ faults: [fault] }));
    expect(hung.ops.req.errors).toBe(0);
    expect(hung.ops.req.unfinished).toBe(1000);
    expect(hung.nodes.s.dropped).toBe(1000);
  });

  it('a lost call is released once its caller gives up: memory does not grow with the black hole', () => {
    const sim = new Simulation(scenario(line({ faults: [{ id: 'f', target: 's', type: 'crash', mode: 'blackhole', atSec: 1, durationSec: 50 }], edgeExtra: { timeoutMs: 50 } })));
    sim.runToEnd();
    expect(sim.jobs.live).toBe(0);
    expect(sim.jobs.peak).toBeLessThan(20);
    sim.dispose();
  });
});

describe('pause', () => {
  it('stop the world: work in progress resumes after the pause, arrivals wait, nothing fails', () => {
    // Service 100 ms, arrivals every 200 ms; the request of 10.0 s has 50 ms left at the pause [10.05, 10.55):
    // it finishes at 10.60 s (600 ms), and the ones that waited drain one by one.
    const r = run(line({ rate: 5, serviceMs: 100, faults: [{ id: 'f', target: 's', type: 'pause', atSec: 10.05, durationSec: 0.5 }] }));
    expect(r.ops.req.errors).toBe(0);
    expect(r.ops.req.latencyMs.max).toBeCloseTo(600, 6);
    // Then 10.2 s is served 10.6–10.7 (500 ms), 10.4 s 10.7–10.8 (400 ms), … until the line is empty again.
    expect(r.nodes.s.completed).toBe(300);
    expect(r.nodes.s.maxQueueLength).toBe(2);
  });

  it('a service spanning several pauses finishes after all of them: work owed is exact', () => {
    const u = new IntervalUnion([
      { startMs: 10, endMs: 20 },
      { startMs: 15, endMs: 25 },
      { startMs: 30, endMs: 40 },
    ]);
    expect(u.starts).toEqual([10, 30]);
    expect(u.coveredIn(0, 35)).toBe(20);
    // 12 ms of work from t = 5: 5 before the first pause, 5 between, 2 after the second → 42.
    expect(u.uncoveredEnd(5, 12)).toBe(42);
    expect(u.uncoveredEnd(12, 3)).toBe(28);
    const r = run(line({ rate: 1, serviceMs: 300, durationSec: 2, faults: [
      { id: 'a', target: 's', type: 'pause', atSec: 0.1, durationSec: 0.1 },
      { id: 'b', target: 's', type: 'pause', atSec: 0.25, durationSec: 0.05 },
    ] }));
    // The request of t = 0 needs 300 ms of service; it loses 150 ms to the pauses.
    expect(r.ops.req.latencyMs.max).toBeCloseTo(450, 6);
  });
});

describe('slow, errors and capacity against theory', () => {
  it('slow ×2 over the whole run: M/M/1 with twice the service time, W = 2S / (1 − 2λS)', () => {
    const doc = {
      version: 2,
      seed: 11,
      durationSec: 600,
      warmupSec: 10,
      nodes: [client('c', 'req', 50), service('s', { servers: 1, serviceTimeMs: exp(5) })],
      edges: [edge('e', 'c', 's')],
      faults: [{ id: 'f', target: 's', type: 'slow', factor: 2, atSec: 0 }],
    };
    const r = run(doc);
    expectClose(r.ops.req.latencyMs.mean, 10 / (1 - 0.5), 0.05, 'mean response time');
    expectClose(r.nodes.s.utilization, 0.5, 0.03, 'utilization');
  });

  it('errors at rate 0.3: a binomial share of the requests fails with cause "error" after its service', () => {
    const doc = {
      version: 2,
      seed: 5,
      durationSec: 200,
      warmupSec: 0,
      nodes: [client('c', 'req', 100), service('s', { servers: 4, serviceTimeMs: exp(5) })],
      edges: [edge('e', 'c', 's')],
      faults: [{ id: 'f', target: 's', type: 'errors', rate: 0.3, atSec: 0 }],
    };
    const r = run(doc);
    const n = r.ops.req.count;
    expect(Math.abs(r.ops.req.errors - 0.3 * n)).toBeLessThan(4 * Math.sqrt(n * 0.3 * 0.7));
    expect(r.ops.req.errorsByCause!.error).toBe(r.ops.req.errors);
    expect(r.nodes.s.errors).toBe(r.ops.req.errors);
    // The failed requests were served: the server was as busy as without the fault.
    expectClose(r.nodes.s.utilization, (100 * 5) / 4000, 0.05, 'utilization');
  });

  it('retry on error: with 3 attempts a request fails with probability 0.3³, and the edge makes 1 + 0.3 + 0.09 attempts per call', () => {
    const doc = {
      version: 2,
      seed: 9,
      durationSec: 300,
      warmupSec: 0,
      nodes: [client('c', 'req', 100), service('s', { servers: 4, serviceTimeMs: exp(5) })],
      edges: [edge('e', 'c', 's', { retry: { maxAttempts: 3, on: ['error'] } })],
      faults: [{ id: 'f', target: 's', type: 'errors', rate: 0.3, atSec: 0 }],
    };
    const r = run(doc);
    const n = r.ops.req.count;
    const p = 0.3 ** 3;
    expect(Math.abs(r.ops.req.errors - p * n)).toBeLessThan(4 * Math.sqrt(n * p * (1 - p)));
    expectClose(r.edges.e.attempts! / r.edges.e.calls, 1.39, 0.01, 'attempts per call');
    expectClose(r.edges.e.failures! / r.edges.e.attempts!, 0.3, 0.02, 'failed share of attempts');
    // Without "error" in `on`, nothing is retried.
    const noRetry = run({ ...doc, edges: [edge('e', 'c', 's', { retry: { maxAttempts: 3, on: ['timeout'] } })] });
    expect(noRetry.edges.e.retries).toBe(0);
  });

  it('capacity: an M/M/4 left with 1 server for the whole run behaves as M/M/1, and utilization is of the 4 it was built with', () => {
    const doc = {
      version: 2,
      seed: 13,
      durationSec: 600,
      warmupSec: 10,
      nodes: [client('c', 'req', 60), service('s', { servers: 4, serviceTimeMs: exp(10) })],
      edges: [edge('e', 'c', 's')],
      faults: [{ id: 'f', target: 's', type: 'capacity', servers: 1, atSec: 0 }],
    };
    const r = run(doc);
    expectClose(r.ops.req.latencyMs.mean, 10 / (1 - 0.6), 0.07, 'mean response time');
    expectClose(r.nodes.s.utilization, 0.6 / 4, 0.04, 'utilization of the 4 servers');
  });
});

describe('edge faults', () => {
  it('partition (refuse): calls along the edge fail at once with cause "down" and never reach the target', () => {
    const r = run(line({ faults: [{ id: 'p', target: 'e', type: 'partition', mode: 'refuse', atSec: 10, durationSec: 10 }] }));
    expect(r.ops.req.errorsByCause!.down).toBe(1000);
    expect(r.nodes.s.arrivals).toBe(5000);
    expect(r.edges.e.calls).toBe(6000);
  });

  it('partition (black hole): calls vanish, the caller times out; responses setting off across it vanish too', () => {
    // Service 30 ms, timeout 50 ms: the calls of 9.97, 9.98 and 9.99 s are answered at 10.00 s or later, inside the partition.
    const r = run(line({ serviceMs: 30, servers: 4, edgeExtra: { timeoutMs: 50 }, faults: [{ id: 'p', target: 'e', type: 'partition', atSec: 10, durationSec: 10 }] }));
    // Calls 10.00 … 19.99 s (1,000) never arrive; those three arrive and their responses are lost.
    expect(r.ops.req.errorsByCause!.timeout).toBe(1003);
    expect(r.nodes.s.arrivals).toBe(5000);
    expect(r.nodes.s.completed).toBe(5000);
  });

  it('latency: extra delay each way while the fault lasts', () => {
    const r = run(line({ faults: [{ id: 'l', target: 'e', type: 'latency', extraMs: constant(100), atSec: 10, durationSec: 10 }] }));
    expect(r.ops.req.errors).toBe(0);
    expect(r.ops.req.latencyMs.max).toBe(201);
    // Calls issued in [10, 20) s take 201 ms; a call issued at 9.99 s returns at 10.000 s — its response pays 100 ms too.
    expect(r.ops.req.latencyMs.p50).toBeCloseTo(1, 1);
  });
});

describe('random faults', () => {
  it('MTBF 20 s and MTTR 5 s: the node is down about MTTR / (MTBF + MTTR) = 20% of the time, and refuses about as many calls', () => {
    const doc = line({ rate: 50, durationSec: 3600, faults: [{ id: 'r', target: 's', type: 'crash', random: { mtbfSec: 20, mttrSec: 5 } }] });
    const s = scenario(doc);
    const plan = faultPlan(s, s.seed);
    expect(plan.length).toBeGreaterThan(200);
    for (let i = 1; i < plan.length; i++) expect(plan[i].startMs).toBeGreaterThanOrEqual(plan[i - 1].endMs);
    const r = run(doc);
    expectClose(r.nodes.s.downSec! / 3600, 0.2, 0.15, 'down share');
    // Constant arrivals: the refused calls are the down time × the rate, within one call per interval.
    expect(Math.abs(r.ops.req.errors - r.nodes.s.downSec! * 50)).toBeLessThanOrEqual(plan.length);
  });

  it('the plan is fixed by the seed, and another fault on another node leaves every other draw as it was', () => {
    const doc = line({ faults: [{ id: 'r', target: 's', type: 'pause', random: { mtbfSec: 5, mttrSec: 1 } }] });
    const s = scenario(doc);
    expect(faultPlan(s, 3)).toEqual(faultPlan(s, 3));
    expect(faultPlan(s, 3)).not.toEqual(faultPlan(s, 4));
    const a = {
      version: 2,
      seed: 2,
      durationSec: 60,
      nodes: [client('c', 'req', 80), service('s', { servers: 2, serviceTimeMs: exp(10) }), service('t', { servers: 2, serviceTimeMs: exp(5) })],
      edges: [edge('e', 'c', 's'), edge('f', 'c', 't')],
    };
    const base = run(a);
    const withFault = run({ ...a, faults: [{ id: 'x', target: 't', type: 'errors', rate: 0.5, atSec: 0 }] });
    expect(withFault.ops.req.count).toBe(base.ops.req.count);
    expect(withFault.nodes.s).toEqual(base.nodes.s);
  });
});

describe('faults keep every call counted (bulk path included)', () => {
  it('a celebrity fan-out into a crashing, erroring node: arrivals = completed + errors + dropped at every node', () => {
    const doc = {
      version: 2,
      seed: 4,
      durationSec: 40,
      warmupSec: 0,
      population: { users: 100_000, followers: { type: 'powerlaw', alpha: 1.3, min: 20, max: 2_000_000 } },
      nodes: [
        client('posts', 'post', 20),
        service('fan', { servers: 4, serviceTimeMs: exp(1) }),
        { id: 'tl', kind: 'database', params: { servers: 32, serviceTimeMs: exp(0.05), queueCapacity: 100_000 } },
      ],
      edges: [edge('p', 'posts', 'fan', { timeoutMs: 2000 }), edge('w', 'fan', 'tl', { fanout: { type: 'followers' } })],
      faults: [
        { id: 'down', target: 'tl', type: 'crash', atSec: 10, durationSec: 3 },
        { id: 'bad', target: 'tl', type: 'errors', rate: 0.01, atSec: 20, durationSec: 10 },
        { id: 'gc', target: 'tl', type: 'pause', atSec: 32, durationSec: 1 },
      ],
    };
    const r = run(doc);
    for (const [id, n] of Object.entries(r.nodes)) {
      if (id === 'posts') continue;
      expect(n.completed + n.errors + n.dropped, id).toBe(n.arrivals);
    }
    expect(r.nodes.tl.errors).toBeGreaterThan(0);
    expect(r.ops.post.count).toBe(r.ops.post.errors + r.ops.post.throughputPerSec * 40 + r.ops.post.unfinished);
  });
});

describe('bad input', () => {
  const base = line({ faults: [] });
  const decode = (faults: unknown[]) => decodeScenario({ ...base, faults });
  const message = (faults: unknown[]) => {
    const d = decode(faults);
    return d.ok ? 'ok' : d.error.message;
  };
  it('names the field and what was wrong', () => {
    expect(message([{ id: 'f', target: 'nope', type: 'crash', atSec: 1 }])).toMatch(/^faults\[0\]\.target: no node has the id "nope"/);
    expect(message([{ id: 'f', target: 's', type: 'partition', atSec: 1 }])).toMatch(/targets an edge, and "s" is a node/);
    expect(message([{ id: 'f', target: 'c', type: 'crash', atSec: 1 }])).toMatch(/a client cannot fail/);
    const withQueue = decodeScenario({ ...base, nodes: [...base.nodes, { id: 'q', kind: 'queue', params: {} }], faults: [{ id: 'f', target: 'q', type: 'crash', atSec: 1 }] });
    expect(withQueue.ok ? 'ok' : withQueue.error.message).toMatch(/a queue cannot be given faults yet/);
    expect(message([{ id: 'f', target: 's', type: 'crash' }])).toMatch(/^faults\[0\]\.atSec: expected atSec/);
    expect(message([{ id: 'f', target: 's', type: 'slow', factor: -1, atSec: 1 }])).toMatch(/^faults\[0\]\.factor: expected a number > 0, got -1/);
    expect(message([{ id: 'f', target: 's', type: 'errors', rate: 2, atSec: 1 }])).toMatch(/^faults\[0\]\.rate: expected a number ≤ 1/);
    expect(message([{ id: 'f', target: 's', type: 'melt', atSec: 1 }])).toMatch(/^faults\[0\]\.type: expected an object whose "type" is one of "crash"/);
    expect(message([{ id: 'f', target: 's', type: 'crash', atSec: 1 }, { id: 'f', target: 's', type: 'pause', atSec: 2 }])).toMatch(/duplicate fault id "f"/);
    expect(message([{ id: 'f', target: 's', type: 'crash', random: { mtbfSec: 0.1, mttrSec: 0.001 } }].concat(Array(99).fill(0).map((_, i) => ({ id: `g${i}`, target: 's', type: 'pause', random: { mtbfSec: 0.1, mttrSec: 0.001 } }))))).toMatch(/^faults: random faults would happen about/);
    expect(message([{ id: 'a', target: 's', type: 'crash', atSec: 1, durationSec: 5 }, { id: 'b', target: 's', type: 'crash', atSec: 4 }])).toMatch(/^faults\[1\]\.atSec: overlaps faults\[0\] \("a"\), a crash of "s" too/);
    expect(message([{ id: 'a', target: 's', type: 'crash', atSec: 1, durationSec: 5 }, { id: 'b', target: 's', type: 'crash', atSec: 6 }, { id: 'c', target: 's', type: 'slow', atSec: 2 }])).toBe('ok');
    expect(message(Array(101).fill(0).map((_, i) => ({ id: `g${i}`, target: 's', type: 'pause', atSec: 1 })))).toMatch(/at most 100 faults/);
  });

  it('a fault that lasts to the end of the run and one that starts after it are fine', () => {
    const r = run(line({ faults: [{ id: 'f', target: 's', type: 'crash', atSec: 50 }, { id: 'g', target: 's', type: 'pause', atSec: 100, durationSec: 1 }] }));
    expect(r.nodes.s.downSec).toBe(10);
  });
});

describe('break it now', () => {
  const doc = (faults?: unknown[]) => ({
    version: 2,
    seed: 8,
    durationSec: 30,
    warmupSec: 2,
    nodes: [client('c', 'req', 150), service('s', { servers: 2, serviceTimeMs: exp(8) }), service('t', { servers: 4, serviceTimeMs: exp(3) })],
    edges: [edge('e', 'c', 's', { timeoutMs: 200, retry: { maxAttempts: 2 } }), edge('f', 's', 't', { latencyMs: constant(1) })],
    ...(faults ? { faults } : {}),
  });
  const faults = [
    { id: 'p', target: 'e', type: 'partition', atSec: 12, durationSec: 2 },
    { id: 'x', target: 't', type: 'errors', rate: 0.2, atSec: 15, durationSec: 5 },
    { id: 'g', target: 's', type: 'pause', atSec: 21, durationSec: 0.5 },
  ];

  it('a fault injected into a running simulation gives the results of a run that had it from the start', async () => {
    const { collectResults } = await import('../../src/sim/results');
    const whole = new Simulation(scenario(doc(faults)), { windowMs: 1000 });
    whole.runToEnd();
    const live = new Simulation(scenario(doc()), { windowMs: 1000 });
    const s = scenario(doc(faults));
    live.step(11_000);
    live.injectFault(s.faults![0]);
    live.step(14_999.5);
    live.injectFault(s.faults![1]);
    live.injectFault(s.faults![2]);
    live.runToEnd();
    const r = collectResults(whole, 0);
    expect(r.ops.req.errorsByCause!.timeout).toBeGreaterThan(100);
    expect(r.nodes.t.errors).toBeGreaterThan(100);
    expect(collectResults(live, 0)).toEqual(r);
    expect(() => live.injectFault({ ...s.faults![0], id: 'late', atSec: 1 })).toThrow(/cannot join a run/);
    whole.dispose();
    live.dispose();
  });

  it('also on a client’s plain edge, whose requests skip the edge machinery until a fault targets it', async () => {
    const { collectResults } = await import('../../src/sim/results');
    const plain = (f?: unknown[]) => ({ ...line({ rate: 200, serviceMs: 2, servers: 2, faults: f ?? [] }), seed: 4 });
    const fault = { id: 'l', target: 'e', type: 'latency', extraMs: exp(20), atSec: 5, durationSec: 3 };
    const whole = new Simulation(scenario(plain([fault])));
    whole.runToEnd();
    const live = new Simulation(scenario(plain()));
    live.step(4_000);
    live.injectFault(scenario(plain([fault])).faults![0]);
    live.runToEnd();
    const r = collectResults(whole, 0);
    expect(r.ops.req.latencyMs.max).toBeGreaterThan(40);
    expect(collectResults(live, 0)).toEqual(r);
  });
});

describe('fault streams', () => {
  it('lie above every client stream and below a cost that matters', async () => {
    const { FAULT_STREAM } = await import('../../src/sim/faults');
    const { LIMITS } = await import('../../src/scenario/kinds');
    expect(FAULT_STREAM - 1).toBeGreaterThan(2 * LIMITS.maxNodes + 2);
    expect(FAULT_STREAM + 100).toBeLessThan(10_000);
  });
});

describe('live windows of a run that can fail', () => {
  it('carry errors by cause, goodput, attempts and the breaker state; a run that cannot fail carries none of them', () => {
    const doc = {
      ...line({ rate: 100, faults: [{ id: 'f', target: 's', type: 'crash', atSec: 5, durationSec: 10 }], edgeExtra: { breaker: { minCalls: 10, windowSec: 2 }, retry: { maxAttempts: 2 } } }),
      durationSec: 30,
      slos: [{ op: 'req', latencyMs: 5, target: 0.9 }],
    };
    const sim = new Simulation(scenario(doc), { windowMs: 1000 });
    sim.runToEnd();
    const windows = sim.windows!.take();
    for (const w of windows) {
      const op = w.ops[0];
      const sum = Object.values(op.errorsByCausePerSec!).reduce((a, b) => a + b, 0);
      expect(sum).toBeCloseTo(op.errorsPerSec, 9);
      expect(op.goodputPerSec!).toBeLessThanOrEqual(op.throughputPerSec);
    }
    expect(windows[7].ops[0].errorsByCausePerSec!.breakerOpen).toBeGreaterThan(50);
    expect(windows[7].edges[0].breaker).not.toBe('closed');
    expect(windows[3].edges[0].breaker).toBe('closed');
    expect(windows[5].edges[0].failuresPerSec).toBeGreaterThan(0);
    sim.dispose();
    const plain = new Simulation(scenario(line({ faults: [] })), { windowMs: 1000 });
    plain.step(2000);
    const w = plain.windows!.take()[0];
    expect('errorsByCausePerSec' in w.ops[0] || 'failuresPerSec' in w.edges[0] || 'breaker' in w.edges[0]).toBe(false);
    plain.dispose();
  });
});
