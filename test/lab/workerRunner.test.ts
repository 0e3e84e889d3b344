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
import type { WorkerLike } from '../../src/worker/client';
import type { WorkerCommand, WorkerEvent } from '../../src/worker/protocol';
import { SimRunner, type RunnerClock } from '../../src/worker/runner';
import { preset } from '../worker/harness';

const clock: RunnerClock = {
  now: () => performance.now(),
  schedule(fn, ms) {
    const id = setTimeout(fn, ms);
    return () => clearTimeout(id);
  },
};

/** A Worker stand-in: messages cross asynchronously and are cloned, as between threads. */
function inProcessWorker(log: { terminated: number }): WorkerLike {
  let terminated = false;
  const worker: WorkerLike = {
    onmessage: null,
    onerror: null,
    onmessageerror: null,
    postMessage: (cmd: WorkerCommand) => {
      const copy = structuredClone(cmd);
      setTimeout(() => !terminated && runner.handle(copy), 0);
    },
    terminate: () => {
      terminated = true;
      log.terminated++;
      runner.handle({ type: 'dispose', seq: 0 });
    },
  };
  const runner = new SimRunner((e: WorkerEvent) => {
    if (terminated) return;
    const copy = structuredClone(e);
    setTimeout(() => !terminated && worker.onmessage?.({ data: copy } as MessageEvent<WorkerEvent>), 0);
  }, clock);
  return worker;
}

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
});
