import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeScenarioJson } from '../../src/scenario/decode';
import { Simulation } from '../../src/sim/engine';
import { collectResults, type Results } from '../../src/sim/results';
import { runScenario } from '../../src/sim/run';

function preset(name: string) {
  const r = decodeScenarioJson(readFileSync(join(__dirname, '../../public/scenarios', `${name}.json`), 'utf8'));
  if (!r.ok) throw new Error(r.error.message);
  return { ...r.scenario, durationSec: 30, warmupSec: 2 };
}

const withoutWallTime = (r: Results) => ({ ...r, wallMs: 0 });

describe('determinism: same scenario and seed ⇒ identical results', () => {
  it.each(['cache-aside', 'search-index', 'tail-at-scale'])('%s gives an identical results object in two runs', (name) => {
    const s = preset(name);
    expect(withoutWallTime(runScenario(s))).toEqual(withoutWallTime(runScenario(s)));
  });

  it('another seed gives other numbers', () => {
    const s = preset('cache-aside');
    expect(runScenario(s).ops.read.latencyMs.p99).not.toBe(runScenario({ ...s, seed: 2 }).ops.read.latencyMs.p99);
  });

  it('running in slices with live windows (as the worker does) changes nothing in the results', () => {
    const s = preset('cache-aside');
    const sim = new Simulation(s, { windowMs: 1000 });
    for (let t = 0; !sim.finished; t += 137) {
      sim.step(t, 5000);
      sim.windows!.take();
    }
    const sliced = collectResults(sim, 0);
    sim.dispose();
    expect(withoutWallTime(sliced)).toEqual(withoutWallTime(runScenario(s)));
  });

  it.each(['cache-aside', 'search-index', 'twitter-hybrid'])('%s: a request carried by its only call gives the same results as a request with a job of its own', (name) => {
    const s = preset(name);
    expect(withoutWallTime(runScenario(s))).toEqual(withoutWallTime(runScenario(s, { directRequests: false })));
  });

  it('each client has its own arrival stream: changing a backend does not change the arrivals', () => {
    const s = preset('cache-aside');
    const slower = { ...s, nodes: s.nodes.map((n) => (n.id === 'db' ? { ...n, params: { ...n.params, servers: 2 } } : n)) } as typeof s;
    const a = runScenario(s);
    const b = runScenario(slower);
    expect(b.ops.read.count).toBe(a.ops.read.count);
    expect(b.ops.write.count).toBe(a.ops.write.count);
    expect(b.ops.write.latencyMs.mean).toBeGreaterThan(a.ops.write.latencyMs.mean);
  });
});
