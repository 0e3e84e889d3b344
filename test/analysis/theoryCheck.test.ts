import { describe, expect, it } from 'vitest';
import { mmcResponseQuantile, mmcResponseSurvival, theoryCheck } from '../../src/analysis/theoryCheck';
import { BatchMeans } from '../../src/sim/batchMeans';
import { Simulation } from '../../src/sim/engine';
import { opLatencyBins } from '../../src/sim/latencyBins';
import { collectResults } from '../../src/sim/results';
import { mm1 } from '../../src/sim/theory';
import { preset } from '../worker/harness';
import { client, edge, exp, scenario, service } from '../sim/helpers';
import type { Scenario } from '../../src/scenario/schema';

function check(s: Scenario) {
  const sim = new Simulation(s, { windowMs: 1000 });
  const bm = new BatchMeans(sim);
  sim.runToEnd();
  const histogram = opLatencyBins(sim);
  return theoryCheck(s, collectResults(sim, 0), bm.result(), histogram);
}

const row = (c: ReturnType<typeof theoryCheck>, quantity: string) => c!.rows.find((r) => r.quantity.startsWith(quantity))!;

describe('M/M/c response time distribution', () => {
  it('with one server it is the M/M/1 exponential: p99 = ln(100)/(μ − λ)', () => {
    for (const q of [0.5, 0.9, 0.99, 0.999]) {
      expect(mmcResponseQuantile(0.08, 0.1, 1, q)).toBeCloseTo(mm1(0.08, 0.1).responseQuantile(q), 6);
    }
  });
  it('is a survival function: 1 at 0, decreasing, → 0; well defined when cμ − λ = μ', () => {
    expect(mmcResponseSurvival(0.3, 0.1, 4, 0)).toBeCloseTo(1, 12);
    expect(mmcResponseSurvival(0.3, 0.1, 4, 50)).toBeLessThan(mmcResponseSurvival(0.3, 0.1, 4, 10));
    expect(mmcResponseSurvival(0.3, 0.1, 4, 1e4)).toBeLessThan(1e-12);
    const at = mmcResponseSurvival(0.1, 0.1, 2, 20);
    expect(at).toBeCloseTo(mmcResponseSurvival(0.1 + 1e-9, 0.1, 2, 20), 6);
  });
});

describe('theory beside the simulation', () => {
  it('M/M/1 preset: means and medians within 10% of theory, the noisy tail (p99, p99.9) of one 10-minute run within 30%', () => {
    const c = check(preset('mm1'));
    expect(c!.model).toBe('M/M/1');
    expect(c!.parameters).toContain('ρ = 0.80');
    expect(row(c, 'Utilization').theory).toBeCloseTo(0.8, 10);
    expect(row(c, 'Mean response').theory).toBeCloseTo(50, 8);
    expect(row(c, 'p99 response').theory).toBeCloseTo(50 * Math.log(100), 8);
    for (const r of c!.rows) {
      const tail = /p99/.test(r.quantity);
      expect(Math.abs(r.simulated - r.theory) / r.theory, r.quantity).toBeLessThan(tail ? 0.3 : 0.1);
    }
    expect(row(c, 'Mean response').halfWidth).toBeGreaterThan(0);
    expect(row(c, 'p99 response').halfWidth).toBeGreaterThan(0);
  });

  it('M/M/c preset: Erlang C wait and the response-time quantiles agree (10%; the tail 30%)', () => {
    const c = check(preset('mmc'));
    expect(c!.model).toBe('M/M/4');
    for (const r of c!.rows) {
      const tail = /p99/.test(r.quantity);
      expect(Math.abs(r.simulated - r.theory) / r.theory, r.quantity).toBeLessThan(tail ? 0.3 : 0.1);
    }
  });

  it('fork-join: a zero-time root calling 10 ample backends; the response is the slowest of 10', () => {
    const s = scenario({
      durationSec: 300,
      nodes: [
        client('c', 'q', 50),
        service('root', { servers: 4, serviceTimeMs: { type: 'constant', valueMs: 0 } }),
        service('leaf', { servers: 200, serviceTimeMs: exp(10) }),
      ],
      edges: [edge('c-root', 'c', 'root'), edge('root-leaf', 'root', 'leaf', { fanout: { type: 'fixed', n: 10 } })],
    });
    const c = check(s);
    expect(c!.model).toBe('Fork-join of 10');
    const h10 = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].reduce((a, k) => a + 1 / k, 0);
    expect(row(c, 'Mean response').theory).toBeCloseTo(10 * h10, 8);
    for (const r of c!.rows) expect(Math.abs(r.simulated - r.theory) / r.theory, r.quantity).toBeLessThan(0.05);
  });

  it('the tail at scale preset: about 63% of requests wait for a slow leaf', () => {
    const c = check(preset('tail-at-scale'));
    expect(c!.model).toContain('tail at scale');
    const r = c!.rows[0];
    expect(r.theory).toBeCloseTo(1 - 0.99 ** 100, 10);
    expect(Math.abs(r.simulated - r.theory)).toBeLessThan(0.02);
  });

  it('an unstable queue (ρ ≥ 1) gets an explanation instead of numbers', () => {
    const s = scenario({ durationSec: 20, nodes: [client('c', 'q', 120), service('s', { serviceTimeMs: exp(10) })], edges: [edge('e', 'c', 's')] });
    const c = check(s);
    expect(c!.rows).toEqual([]);
    expect(c!.unstable).toMatch(/ρ = 1\.20 ≥ 1/);
  });

  it('no prediction for topologies theory does not cover exactly', () => {
    expect(check({ ...preset('cache-aside'), durationSec: 20 })).toBeNull();
    const lognormal = scenario({ durationSec: 20, nodes: [client('c', 'q', 10), service('s', { serviceTimeMs: { type: 'lognormal', medianMs: 5, p99Ms: 50 } })], edges: [edge('e', 'c', 's')] });
    expect(check(lognormal)).toBeNull();
    const bounded = scenario({ durationSec: 20, nodes: [client('c', 'q', 10), service('s', { queueCapacity: 5, serviceTimeMs: exp(10) })], edges: [edge('e', 'c', 's')] });
    expect(check(bounded)).toBeNull();
    const crowded = scenario({
      durationSec: 20,
      nodes: [client('c', 'q', 50), service('leaf', { servers: 6, serviceTimeMs: exp(10) })],
      edges: [edge('c-leaf', 'c', 'leaf', { fanout: { type: 'fixed', n: 10 } })],
    });
    expect(check(crowded)).toBeNull(); // backends would queue: not the fork-join formula's premise
  });
});
