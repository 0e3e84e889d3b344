/**
 * Headless runs on the worker protocol, with the real runner in-process in
 * place of a Worker: the results are the engine's own for that scenario and
 * seed, the series cover every simulated second, and a cancelled run stops
 * its worker.
 */
import { describe, expect, it } from 'vitest';
import { workerHeadlessRunner } from '../../src/lab/workerRunner';
import type { Scenario } from '../../src/scenario/schema';
import { runScenario } from '../../src/sim/run';
import { inProcessWorker } from './inProcessWorker';
import { preset } from '../worker/harness';

const hybrid = (): Scenario => ({ ...preset('twitter-hybrid'), durationSec: 12, warmupSec: 2, seed: 7 });

describe('headless runs on the worker protocol', () => {
  it('give the engine’s own results for the scenario and seed, with a series point per simulated second', async () => {
    const log = { terminated: 0 };
    const progress: number[] = [];
    const run = workerHeadlessRunner(() => inProcessWorker(log));
    const s = hybrid();
    const r = await run(s, { signal: new AbortController().signal, op: 'timeline', writeEdgeIds: ['timeline-writes'], onProgress: (sec) => progress.push(sec) });
    const direct = runScenario(s);
    expect(r.results.ops).toEqual(direct.ops);
    expect(r.results.edges).toEqual(direct.edges);
    expect(r.series.sec).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(r.series.p99.every((v) => v !== null && v > 0)).toBe(true);
    // After warm-up, the per-second writes add up to the run's count.
    const writes = r.series.writesPerSec.slice(2).reduce((a, b) => a + b, 0);
    expect(writes).toBeCloseTo(direct.edges['timeline-writes'].calls, 6);
    expect(progress.at(-1)).toBeGreaterThanOrEqual(12);
    expect(log.terminated).toBe(1);
  });

  it('stop their worker when cancelled, and say so', async () => {
    const log = { terminated: 0 };
    const run = workerHeadlessRunner(() => inProcessWorker(log));
    const controller = new AbortController();
    const s = { ...hybrid(), durationSec: 3600 };
    const pending = run(s, { signal: controller.signal, op: 'timeline', writeEdgeIds: [], onProgress: () => controller.abort() });
    await expect(pending).rejects.toThrow('cancelled');
    expect(log.terminated).toBe(1);
  });

  it('report a scenario the worker refuses, in its words', async () => {
    const log = { terminated: 0 };
    const run = workerHeadlessRunner(() => inProcessWorker(log));
    const s = hybrid();
    const cyclic = { ...s, edges: [...s.edges, { id: 'back', source: 'timelines', target: 'api', fanout: { type: 'fixed' as const, n: 1 }, probability: 1, mode: 'sync' as const }] };
    await expect(run(cyclic, { signal: new AbortController().signal, op: 'timeline', writeEdgeIds: [], onProgress: () => {} })).rejects.toThrow(/cycle/);
    expect(log.terminated).toBe(1);
  });

  it('can settle once the series covers the duration, without waiting for the drain of a system that stays down', async () => {
    const log = { terminated: 0 };
    const run = workerHeadlessRunner(() => inProcessWorker(log));
    // The retry storm never drains: without untilDuration the run goes on for as long again after its 30 s.
    const storm = { ...preset('retry-storm'), durationSec: 30 };
    const started = performance.now();
    const r = await run(storm, { signal: new AbortController().signal, op: 'get', writeEdgeIds: [], untilDuration: true, onProgress: () => {} });
    expect(r.series.sec).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(r.series.offeredPerSec[5]).toBeGreaterThan(700);
    expect(r.series.okPerSec.at(-1)).toBe(0);
    expect(r.results.ops.get.count).toBeGreaterThan(0);
    expect(log.terminated).toBe(1);
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});
