/** Traces of small scenarios whose spans are known exactly (constant times), for the page's trace tests. */
import { decodeScenario } from '../../src/scenario/decode';
import { Simulation } from '../../src/sim/engine';
import { Tracer, type RequestTrace } from '../../src/sim/trace';

const constant = (valueMs: number) => ({ type: 'constant', valueMs });

function traced(doc: Record<string, unknown>, op: string): RequestTrace {
  const r = decodeScenario(doc);
  if (!r.ok) throw new Error(r.error.message);
  const sim = new Simulation(r.scenario);
  const tracer = new Tracer(sim);
  sim.observer = tracer;
  tracer.traceNext(op, 0);
  sim.runToEnd();
  const [t] = tracer.take(true);
  sim.dispose();
  return t;
}

/** client → api (5 ms) → db (3 ms), 1 ms of network each way: 12 ms in all. */
export function chainTrace(): RequestTrace {
  return traced(
    {
      version: 2,
      durationSec: 1,
      nodes: [
        { id: 'c', kind: 'client', params: { op: 'read', arrival: { type: 'constant', ratePerSec: 10 } } },
        { id: 'api', kind: 'service', label: 'API', params: { servers: 1, serviceTimeMs: constant(5) } },
        { id: 'db', kind: 'database', label: 'Database', params: { servers: 1, serviceTimeMs: constant(3) } },
      ],
      edges: [
        { id: 'e1', source: 'c', target: 'api', latencyMs: constant(1) },
        { id: 'e2', source: 'api', target: 'db', latencyMs: constant(1) },
      ],
    },
    'read',
  );
}

/** client → load balancer → slow (50 ms) / fast (5 ms) backends, with `policy` on the client's edge. */
export function balancedTrace(policy: Record<string, unknown>): RequestTrace {
  return traced(
    {
      version: 2,
      durationSec: 1,
      nodes: [
        { id: 'c', kind: 'client', params: { op: 'req', arrival: { type: 'constant', ratePerSec: 1 } } },
        { id: 'lb', kind: 'loadBalancer', params: { policy: 'roundRobin' } },
        { id: 'slow', kind: 'service', params: { servers: 4, serviceTimeMs: constant(50) } },
        { id: 'fast', kind: 'service', params: { servers: 4, serviceTimeMs: constant(5) } },
      ],
      edges: [
        { id: 'e', source: 'c', target: 'lb', ...policy },
        { id: 'toSlow', source: 'lb', target: 'slow' },
        { id: 'toFast', source: 'lb', target: 'fast' },
      ],
    },
    'req',
  );
}
