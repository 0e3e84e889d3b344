/**
 * A run stopped for overload reports its rates over the time it measured,
 * [warmupSec, stop time), not over the planned duration: a client at
 * 30,000/s shows about 30,000 calls/s however early the run stopped.
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/sim/run';
import { client, edge, expectClose, scenario, service } from './helpers';

describe('rates of a run stopped for overload', () => {
  const s = scenario({
    durationSec: 600,
    warmupSec: 1,
    nodes: [client('c', 'req', 30_000), service('s', { servers: 1, serviceTimeMs: { type: 'constant', valueMs: 1 } })],
    edges: [edge('e', 'c', 's')],
  });

  it('divide by the measured window, call by call against the counts', () => {
    const r = runScenario(s, { maxJobs: 100_000 });
    expect(r.stopped?.reason).toBe('maxJobs');
    // The queue grows by 29,000/s: 100,000 in flight after about 3.4 s.
    expect(r.stopped!.atSec).toBeGreaterThan(3);
    expect(r.stopped!.atSec).toBeLessThan(4);
    expectClose(r.simulatedSec, r.stopped!.atSec - 1, 1e-9, 'measured seconds');
    expectClose(r.edges.e.callsPerSec, r.edges.e.calls / r.simulatedSec, 1e-12, 'calls/s = calls / measured seconds');
    expectClose(r.edges.e.callsPerSec, 30_000, 0.02, 'calls/s of a 30,000/s client');
    expectClose(r.nodes.s.arrivals / r.simulatedSec, 30_000, 0.02, 'arrivals/s');
    // The server is busy all the measured time.
    expectClose(r.nodes.s.utilization, 1, 0.001, 'utilization');
  });
});

describe('the injected clock', () => {
  it('wallMs comes from the clock the caller passes', () => {
    let t = 100;
    const r = runScenario(scenario({ durationSec: 1, nodes: [client('c', 'req', 10), service('s')], edges: [edge('e', 'c', 's')] }), { now: () => (t += 5) });
    expect(r.wallMs).toBe(5);
  });
});
