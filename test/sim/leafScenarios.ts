/** Scenarios and runs shared by the tests of the leaf fast path and of its summed mode. */
import type { Scenario } from '../../src/scenario/schema';
import { Simulation, type SimOptions } from '../../src/sim/engine';
import { runScenario } from '../../src/sim/run';
import { client, edge, exp, service } from './helpers';

export type Plain = Record<string, unknown>;

export function resultsOf(s: Scenario, options: SimOptions & { maxEvents?: number }): Plain {
  const r = runScenario(s, options) as unknown as Plain;
  delete r.wallMs;
  return r;
}

/** Whether a run took the fast path (the engine's own flag). */
export function tookFastPath(s: Scenario, options: SimOptions = {}): boolean {
  const sim = new Simulation(s, options);
  sim.runToEnd();
  const used = (sim as unknown as { leafUsed: boolean }).leafUsed;
  sim.dispose();
  return used;
}

/** A front tier fanning out to a database of leaf calls (posts), and a cache beside it: the DDIA timeline's shape. */
export function fanoutDoc(opts: { rate: number; dbServers: number; fanout: number; seed?: number; durationSec?: number; capacity?: number }): Plain {
  return {
    seed: opts.seed ?? 3,
    durationSec: opts.durationSec ?? 4,
    warmupSec: 0.5,
    nodes: [
      client('users', 'read', opts.rate),
      service('api', { servers: 64, serviceTimeMs: exp(0.5) }),
      { id: 'cache', kind: 'cache', params: { hitRatio: 0.8, servers: 16, hitTimeMs: exp(0.2) } },
      { id: 'db', kind: 'database', params: { servers: opts.dbServers, serviceTimeMs: { type: 'lognormal', medianMs: 1, p99Ms: 8 }, ...(opts.capacity !== undefined ? { queueCapacity: opts.capacity } : {}) } },
      { id: 'store', kind: 'database', params: { servers: 8, serviceTimeMs: exp(2) } },
    ],
    edges: [
      edge('in', 'users', 'api'),
      edge('to-cache', 'api', 'cache'),
      edge('fan', 'api', 'db', { fanout: { type: 'fixed', n: opts.fanout } }),
      edge('miss', 'cache', 'store'),
    ],
  };
}
