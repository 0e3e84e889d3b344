import { describe, expect, it } from 'vitest';
import { BatchMeans, intervalOf, quantileInterval, tQuantile975 } from '../../src/sim/batchMeans';
import { Simulation } from '../../src/sim/engine';
import { logBins, opLatencyBins } from '../../src/sim/latencyBins';
import { resultsSoFar } from '../../src/sim/progress';
import { collectResults } from '../../src/sim/results';
import { runScenario } from '../../src/sim/run';
import { LatencyHistogram } from '../../src/sim/stats';
import { mm1 } from '../../src/sim/theory';
import { client, edge, exp, scenario, service } from './helpers';

const mm1Doc = (seed: number, durationSec = 600) => ({
  seed,
  durationSec,
  warmupSec: 10,
  nodes: [client('c', 'req', 80), service('s', { servers: 1, serviceTimeMs: exp(10) })],
  edges: [edge('e', 'c', 's')],
});

describe('live windows', () => {
  it('recording windows leaves the results bit-identical (windows keep their own integrals)', () => {
    const s = scenario(mm1Doc(3, 120));
    const without = runScenario(s);
    const withWindows = runScenario(s, { windowMs: 1000 });
    expect({ ...withWindows, wallMs: 0 }).toEqual({ ...without, wallMs: 0 });
  });

  it("the windows' time-average utilization over the measurement window matches the results' utilization", () => {
    const s = scenario(mm1Doc(4, 120));
    const sim = new Simulation(s, { windowMs: 1000 });
    sim.runToEnd();
    const windows = sim.windows!.take().filter((w) => w.startSec >= 10 && w.endSec <= 120);
    const mean = windows.reduce((a, w) => a + w.nodes[1].utilization, 0) / windows.length;
    expect(mean).toBeCloseTo(collectResults(sim, 0).nodes.s.utilization, 10);
  });
});

describe('results so far', () => {
  it('reading them mid-run does not disturb the run', () => {
    const s = scenario(mm1Doc(5, 60));
    const sim = new Simulation(s, { windowMs: 1000 });
    for (let t = 1000; !sim.finished; t += 7_300) {
      sim.step(t);
      resultsSoFar(sim, 0);
    }
    sim.windows!.closeUpTo(Math.max(sim.now, sim.durationMs));
    expect({ ...collectResults(sim, 0), wallMs: 0 }).toEqual({ ...runScenario(s), wallMs: 0 });
  });

  it('are null during warm-up, cover the measured part so far, and equal the final results at the end', () => {
    const s = scenario(mm1Doc(6, 60));
    const sim = new Simulation(s, { windowMs: 1000 });
    sim.step(5_000);
    expect(resultsSoFar(sim, 0)).toBeNull();
    sim.step(30_000);
    const mid = resultsSoFar(sim, 0)!;
    expect(mid.simulatedSec).toBe(20);
    expect(mid.ops.req.throughputPerSec).toBeGreaterThan(70);
    expect(mid.ops.req.throughputPerSec).toBeLessThan(90);
    expect(mid.nodes.s.utilization).toBeGreaterThan(0.7);
    expect(mid.nodes.s.utilization).toBeLessThan(0.9);
    sim.runToEnd();
    const soFar = resultsSoFar(sim, 0)!;
    expect(soFar).toEqual(collectResults(sim, 0));
  });
});

describe('batch means', () => {
  it('t quantiles: 12.706 at 1 degree of freedom, 2.093 at 19, → 1.96 for many', () => {
    expect(tQuantile975(1)).toBe(12.706);
    expect(tQuantile975(19)).toBe(2.093);
    expect(tQuantile975(1000)).toBeCloseTo(1.962, 3);
    expect(intervalOf([1, 2])).toBeNull();
    const ci = intervalOf([1, 2, 3])!;
    expect(ci.estimate).toBe(2);
    expect(ci.halfWidth).toBeCloseTo((4.303 * 1) / Math.sqrt(3), 10);
  });

  it('M/M/1 at ρ = 0.8: 95% intervals centred on the run\'s estimate cover the theory\'s mean response and p99 in at least 90 of 100 seeds', () => {
    const theory = mm1(0.08, 0.1);
    let meanCovered = 0;
    let p99Covered = 0;
    let batches = 0;
    for (let seed = 1; seed <= 100; seed++) {
      const sim = new Simulation(scenario(mm1Doc(seed)), { windowMs: 1000 });
      const bm = new BatchMeans(sim);
      sim.runToEnd();
      const c = bm.result();
      const r = collectResults(sim, 0);
      batches = c.batches;
      if (Math.abs(r.ops.req.latencyMs.mean - theory.meanResponse) <= c.ops.req.meanMs!.halfWidth) meanCovered++;
      if (Math.abs(r.ops.req.latencyMs.p99 - theory.responseQuantile(0.99)) <= c.ops.req.p99Ms!.halfWidth) p99Covered++;
      expect(c.nodes.s.utilization!.estimate).toBeCloseTo(0.8, 1);
      expect(c.nodes.c.utilization).toBeNull();
    }
    expect(batches).toBe(10);
    // 95 of 100 expected; 90 is 2.3 binomial standard deviations below. Intervals from the batches'
    // own p99s covered 86% here (see batchMeans.ts), and fail this.
    expect(meanCovered).toBeGreaterThanOrEqual(90);
    expect(p99Covered).toBeGreaterThanOrEqual(90);
  }, 120_000);

  it('a quantile interval maps the share at or below the estimate back through the distribution: asymmetric, the ± its longer side', () => {
    // Three batches of the same 1000 values 1…1000 ms, one shifted up by 10%: the shares at the p99 differ.
    const batch = (scale: number) => {
      const h = new LatencyHistogram();
      for (let i = 1; i <= 1000; i++) h.record(i * scale);
      return h;
    };
    const batches = [batch(1), batch(1), batch(1.1)];
    const all = new LatencyHistogram();
    for (const h of batches) all.add(h);
    const ci = quantileInterval(batches, 0.99)!;
    expect(ci.batches).toBe(3);
    expect(ci.estimate).toBe(all.percentile(99));
    expect(ci.low!).toBeLessThan(ci.estimate);
    expect(ci.high!).toBeGreaterThan(ci.estimate);
    expect(ci.halfWidth).toBe(Math.max(ci.estimate - ci.low!, ci.high! - ci.estimate));
    // Identical batches: no spread, an interval of one bucket.
    const same = quantileInterval([batch(1), batch(1), batch(1)], 0.99)!;
    expect(same.halfWidth).toBe(0);
    expect(quantileInterval([batch(1), batch(1)], 0.99)).toBeNull();
  });

  it('batches are whole windows inside the measurement window: 590 s in 10 batches of 59 s', () => {
    const sim = new Simulation(scenario(mm1Doc(1)), { windowMs: 1000 });
    const bm = new BatchMeans(sim);
    expect(bm.windowsPerBatch).toBe(59);
    sim.step(200_000);
    expect(bm.result().batches).toBe(3); // windows 10…187 s
  });
});

describe('latency histogram bins', () => {
  it('keeps every value, spaces bins logarithmically and carries the percentiles', () => {
    const h = new LatencyHistogram();
    for (let i = 1; i <= 10_000; i++) h.record(i / 10); // 0.1 … 1000 ms
    const b = logBins(h, 60)!;
    expect(b.counts.reduce((a, c) => a + c, 0)).toBe(10_000);
    expect(b.counts.length).toBe(60);
    expect(b.lowMs[0]).toBeLessThanOrEqual(0.1);
    expect(b.highMs[59]).toBeGreaterThanOrEqual(1000);
    const ratios = b.lowMs.map((lo, i) => b.highMs[i] / lo);
    for (const r of ratios) expect(r).toBeCloseTo(ratios[0], 9);
    expect(b.p50Ms).toBeCloseTo(500, -1);
    expect(b.p99Ms).toBeCloseTo(990, -1);
    expect(b.maxMs).toBe(1000);
  });

  it('a constant latency gives one bin; an empty histogram gives none', () => {
    const h = new LatencyHistogram();
    for (let i = 0; i < 100; i++) h.record(5);
    expect(logBins(h)!.counts).toEqual([100]);
    expect(logBins(new LatencyHistogram())).toBeNull();
  });

  it('per op, from the clients after warm-up', () => {
    const sim = new Simulation(scenario(mm1Doc(2, 60)), { windowMs: 1000 });
    sim.runToEnd();
    const [bins] = opLatencyBins(sim);
    expect(bins!.total).toBe(collectResults(sim, 0).ops.req.count);
  });
});

describe('results so far on a follower-graph scenario', () => {
  it('equal the final results at the end, population thresholds included', () => {
    const s = scenario({
      durationSec: 20,
      population: { users: 100_000, followers: { type: 'powerlaw', alpha: 1.2, min: 1, max: 100_000 } },
      nodes: [client('p', 'post', 20), service('fan', { servers: 64, serviceTimeMs: exp(0.1) })],
      edges: [edge('e', 'p', 'fan', { fanout: { type: 'followers', skipAbove: 1000 } })],
    });
    const sim = new Simulation(s, { windowMs: 1000 });
    sim.runToEnd();
    const soFar = resultsSoFar(sim, 0)!;
    expect(soFar.population!.thresholds).toHaveLength(1);
    expect(soFar).toEqual(collectResults(sim, 0));
  });
});
