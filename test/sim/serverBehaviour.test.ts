/**
 * Server behaviour (SCENARIO.md v2): `queueDiscipline`, `blocking` and
 * `dropAbandoned`, against what queueing theory and Little's law say.
 */
import { describe, expect, it } from 'vitest';
import { client, edge, exp, expectClose, run, service } from './helpers';

const constant = (valueMs: number) => ({ type: 'constant', valueMs });

function mm1(params: Record<string, unknown>, rate = 80, edgeExtra: Record<string, unknown> = {}) {
  return {
    version: 2,
    seed: 17,
    durationSec: 600,
    warmupSec: 10,
    nodes: [client('c', 'req', rate), service('s', { servers: 1, serviceTimeMs: exp(10), ...params })],
    edges: [edge('e', 'c', 's', edgeExtra)],
  };
}

describe('queue discipline', () => {
  it('LIFO keeps M/M/1’s mean response time (the server works just as much) and stretches its tail', () => {
    const fifo = run(mm1({}));
    const lifo = run(mm1({ queueDiscipline: 'lifo' }));
    expectClose(lifo.ops.req.latencyMs.mean, 50, 0.08, 'LIFO mean (theory S/(1−ρ))');
    expectClose(fifo.ops.req.latencyMs.mean, 50, 0.08, 'FIFO mean');
    expect(lifo.nodes.s.utilization).toBeCloseTo(fifo.nodes.s.utilization, 2);
    expect(lifo.ops.req.latencyMs.p999).toBeGreaterThan(1.5 * fifo.ops.req.latencyMs.p999);
    expect(lifo.ops.req.latencyMs.p50).toBeLessThan(fifo.ops.req.latencyMs.p50);
  });

  it('under overload with a timeout, LIFO still answers most callers in time while FIFO answers almost none', () => {
    const overloaded = (queueDiscipline: string) => ({ ...mm1({ queueDiscipline }, 120, { timeoutMs: 500 }), durationSec: 120 });
    const fifo = run(overloaded('fifo'));
    const lifo = run(overloaded('lifo'));
    const ok = (r: typeof fifo) => (r.ops.req.count - r.ops.req.errors) / r.ops.req.count;
    expect(ok(fifo)).toBeLessThan(0.1);
    expect(ok(lifo)).toBeGreaterThan(0.6);
  });
});

describe('dropAbandoned', () => {
  it('a waiting call whose caller gave up is dropped when a server would take it, instead of served for nobody', () => {
    const overloaded = (dropAbandoned: boolean) => ({ ...mm1({ dropAbandoned }, 120, { timeoutMs: 300 }), durationSec: 120 });
    const served = run(overloaded(false));
    const dropped = run(overloaded(true));
    expect('abandonedDropped' in served.nodes.s).toBe(false);
    expect(dropped.nodes.s.abandonedDropped!).toBeGreaterThan(1000);
    // What is still wasted began its service before its caller gave up.
    expect(dropped.nodes.s.wastedCompletions!).toBeLessThan(served.nodes.s.wastedCompletions! / 5);
    // Freed of work for nobody, the server answers many more callers in time.
    expect(served.ops.req.errors).toBe(served.ops.req.count);
    expect(dropped.ops.req.errors).toBeLessThan(served.ops.req.errors * 0.4);
    const n = dropped.nodes.s;
    // Calls still waiting at the end are neither; the line is short once abandoned calls go.
    expect(n.completed + n.errors + n.dropped + n.abandonedDropped!).toBeLessThanOrEqual(n.arrivals);
    expect(n.arrivals - (n.completed + n.errors + n.dropped + n.abandonedDropped!)).toBeLessThan(50);
  });
});

describe('blocking', () => {
  const chain = (blocking: boolean, rate: number) => ({
    version: 2,
    seed: 3,
    durationSec: 120,
    warmupSec: 5,
    nodes: [
      client('c', 'req', rate),
      service('api', { servers: 10, serviceTimeMs: constant(1), blocking }),
      service('slow', { servers: 1000, serviceTimeMs: constant(100) }),
    ],
    edges: [edge('a', 'c', 'api'), edge('b', 'api', 'slow')],
  });

  it('thread per request: the server is busy for its service and its downstream wait, so utilization = λ(S + T_down)/c', () => {
    const free = run(chain(false, 50));
    const held = run(chain(true, 50));
    expectClose(free.nodes.api.utilization, (50 * 0.001) / 10, 0.05, 'non-blocking utilization');
    expectClose(held.nodes.api.utilization, (50 * 0.101) / 10, 0.05, 'blocking utilization');
    // Below saturation nothing else changes: the same requests take the same time.
    expectClose(held.ops.req.latencyMs.mean, free.ops.req.latencyMs.mean, 0.1, 'mean response time');
  });

  it('a slow dependency exhausts a blocking pool upstream: at 120 req/s ten threads of 101 ms saturate, ten non-blocking servers do not', () => {
    const free = run(chain(false, 120));
    const held = run(chain(true, 120));
    expect(free.ops.req.latencyMs.p99).toBeLessThan(110);
    expect(held.nodes.api.utilization).toBeGreaterThan(0.99);
    expect(held.ops.req.latencyMs.p50).toBeGreaterThan(1000);
  });
});
