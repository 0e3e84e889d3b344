/**
 * Tracing one request (src/sim/trace.ts): with constant service times and
 * network delays every span's start and length is known exactly; a timeout
 * followed by a retry shows both attempts; a hedge shows both copies and
 * which one won. And the tracer is only a reader: a run with it — sampling
 * as the page does — gives bit-identical results to a run without it.
 */
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/sim/engine';
import { collectResults } from '../../src/sim/results';
import { Tracer, type RequestTrace, type TraceSpan } from '../../src/sim/trace';
import { boundedScenario, frozenCases } from '../frozen/cases';
import { client, edge, scenario, service } from './helpers';

const constant = (valueMs: number) => ({ type: 'constant', valueMs });

/** Runs `doc` to the end tracing the first request of `op` created at or after `fromMs`. */
function traceOf(doc: Record<string, unknown>, op: string, fromMs = 0): RequestTrace {
  const sim = new Simulation(scenario(doc));
  const tracer = new Tracer(sim);
  sim.observer = tracer;
  expect(tracer.traceNext(op, fromMs)).toBe(true);
  sim.runToEnd();
  const traces = tracer.take(true);
  sim.dispose();
  expect(traces).toHaveLength(1);
  return traces[0];
}

const at = (t: RequestTrace, node: string, role?: TraceSpan['role']): TraceSpan[] => t.spans.filter((s) => s.node === node && (role === undefined || s.role === role));

describe('a trace of one request', () => {
  it('client → service → database with 1 ms each way: every hop starts and lasts exactly as the constants say (12 ms in all)', () => {
    const t = traceOf(
      {
        version: 2,
        durationSec: 2,
        nodes: [client('c', 'read', 10, 'constant'), service('api', { servers: 1, serviceTimeMs: constant(5) }), { id: 'db', kind: 'database', params: { servers: 1, serviceTimeMs: constant(3) } }],
        edges: [edge('e1', 'c', 'api', { latencyMs: constant(1) }), edge('e2', 'api', 'db', { latencyMs: constant(1) })],
      },
      'read',
    );
    expect(t.op).toBe('read');
    expect(t.durationMs).toBe(12);
    expect(t.outcome).toBe('ok');
    expect(t.spans.map((s) => [s.node, s.parent])).toEqual([
      ['c', -1],
      ['api', 0],
      ['db', 1],
    ]);
    const [root, api, db] = t.spans;
    expect(root).toMatchObject({ role: 'request', arrivedMs: 0, doneMs: 12 });
    // api: the network takes 1 ms, no wait, 5 ms of service, then its call to the database, then 1 ms back.
    expect(api).toMatchObject({ edge: 'e1', sentMs: 0, arrivedMs: 1, serviceStartMs: 1, serviceMs: 5, doneMs: 11, answeredMs: 12, outcome: 'ok' });
    expect(db).toMatchObject({ edge: 'e2', sentMs: 6, arrivedMs: 7, serviceStartMs: 7, serviceMs: 3, doneMs: 10, answeredMs: 11, outcome: 'ok' });
  });

  it('a request that travels as its only call (no network delay) still has its client span, and a wait in line shows as the gap before service', () => {
    // Two clients at the same instant on one server: the second request waits the first one's 4 ms.
    const t = traceOf(
      {
        version: 2,
        durationSec: 1,
        nodes: [client('a', 'x', 10, 'constant'), client('b', 'y', 10, 'constant'), service('s', { servers: 1, serviceTimeMs: constant(4) })],
        edges: [edge('ea', 'a', 's'), edge('eb', 'b', 's')],
      },
      'y',
    );
    const [root, s] = t.spans;
    expect(root).toMatchObject({ node: 'b', doneMs: 8 });
    expect(s).toMatchObject({ sentMs: 0, arrivedMs: 0, serviceStartMs: 4, serviceMs: 4, doneMs: 8, answeredMs: 8 });
    expect(t.durationMs).toBe(8);
  });

  it('a timeout then a retry: the first attempt is given up on at 20 ms and runs on (wasted), the retry reaches the other backend and answers at 25 ms', () => {
    const t = traceOf(
      {
        version: 2,
        durationSec: 1,
        nodes: [
          client('c', 'req', 1, 'constant'),
          { id: 'lb', kind: 'loadBalancer', params: { policy: 'roundRobin' } },
          service('slow', { servers: 4, serviceTimeMs: constant(50) }),
          service('fast', { servers: 4, serviceTimeMs: constant(5) }),
        ],
        edges: [edge('e', 'c', 'lb', { timeoutMs: 20, retry: { maxAttempts: 2 } }), edge('toSlow', 'lb', 'slow'), edge('toFast', 'lb', 'fast')],
      },
      'req',
    );
    expect(t.durationMs).toBe(25);
    expect(t.outcome).toBe('ok');
    const [first, second] = at(t, 'lb');
    expect(first).toMatchObject({ role: 'call', attempt: 1, sentMs: 0, gaveUpMs: 20, outcome: 'timeout', cause: 'timeout', wasted: true, doneMs: 50 });
    expect(second).toMatchObject({ role: 'retry', attempt: 2, retryOf: first.id, backoffMs: 0, sentMs: 20, doneMs: 25, answeredMs: 25, outcome: 'ok' });
    expect(at(t, 'slow')[0]).toMatchObject({ parent: first.id, serviceStartMs: 0, serviceMs: 50, doneMs: 50 });
    expect(at(t, 'fast')[0]).toMatchObject({ parent: second.id, serviceStartMs: 20, serviceMs: 5, doneMs: 25 });
  });

  it('a hedge after 10 ms: both copies are there, the copy to the fast backend wins at 15 ms, the original runs on for nobody', () => {
    const t = traceOf(
      {
        version: 2,
        durationSec: 1,
        nodes: [
          client('c', 'req', 1, 'constant'),
          { id: 'lb', kind: 'loadBalancer', params: { policy: 'roundRobin' } },
          service('slow', { servers: 4, serviceTimeMs: constant(50) }),
          service('fast', { servers: 4, serviceTimeMs: constant(5) }),
        ],
        edges: [edge('e', 'c', 'lb', { hedge: { afterMs: 10 } }), edge('toSlow', 'lb', 'slow'), edge('toFast', 'lb', 'fast')],
      },
      'req',
    );
    expect(t.durationMs).toBe(15);
    const [original, copy] = at(t, 'lb');
    expect(original).toMatchObject({ role: 'call', sentMs: 0, won: false, doneMs: 50 });
    expect(copy).toMatchObject({ role: 'hedge', hedgeOf: original.id, parent: 0, sentMs: 10, doneMs: 15, answeredMs: 15, won: true, outcome: 'ok' });
    expect(at(t, 'fast')[0]).toMatchObject({ parent: copy.id, serviceStartMs: 10 });
  });

  it('a fan-out of 3 gives three child spans under one caller; a traced request after warm-up is one created after it', () => {
    const t = traceOf(
      {
        version: 2,
        durationSec: 2,
        warmupSec: 1,
        nodes: [client('c', 'read', 10, 'constant'), service('api', { servers: 1, serviceTimeMs: constant(1) }), service('leaf', { servers: 8, serviceTimeMs: constant(2) })],
        edges: [edge('e1', 'c', 'api'), edge('e2', 'api', 'leaf', { fanout: { type: 'fixed', n: 3 } })],
      },
      'read',
      1000,
    );
    expect(t.startMs).toBeGreaterThanOrEqual(1000);
    const leaves = at(t, 'leaf');
    expect(leaves).toHaveLength(3);
    for (const s of leaves) expect(s).toMatchObject({ parent: 1, sentMs: 1, serviceMs: 2, doneMs: 3 });
    expect(t.durationMs).toBe(3);
  });

  it('a failure is red in the trace: a full line rejects the call, and the request fails with cause "rejected"', () => {
    const t = traceOf(
      {
        version: 2,
        durationSec: 1,
        nodes: [client('a', 'x', 10, 'constant'), client('b', 'y', 10, 'constant'), service('s', { servers: 1, queueCapacity: 0, serviceTimeMs: constant(4) })],
        edges: [edge('ea', 'a', 's'), edge('eb', 'b', 's')],
      },
      'y',
    );
    expect(t.outcome).toBe('failed');
    expect(t.spans[1]).toMatchObject({ outcome: 'failed', cause: 'rejected', serviceStartMs: null });
  });
});

describe('the tracer only reads', () => {
  it('every preset, fixture and lesson scenario gives bit-identical results with a sampling tracer attached', () => {
    let traced = 0;
    for (const c of frozenCases()) {
      const s = boundedScenario(c.scenario);
      const bare = new Simulation(s, { windowMs: 1000 });
      const watched = new Simulation(s, { windowMs: 1000 });
      const tracer = new Tracer(watched);
      watched.observer = tracer;
      for (const op of watched.model.ops) tracer.traceNext(op);
      while (!watched.finished) {
        tracer.grantSamples(5);
        watched.step(watched.now + 100);
        traced += tracer.take().length;
      }
      bare.runToEnd();
      watched.windows!.closeUpTo(Math.max(watched.now, watched.durationMs));
      const a = collectResults(bare, 0);
      const b = collectResults(watched, 0);
      expect(JSON.stringify(b), c.name).toBe(JSON.stringify(a));
      bare.dispose();
      watched.dispose();
    }
    expect(traced).toBeGreaterThan(100);
  }, 120_000);
});
