/**
 * The watchdog on Compare's and Sweep's workers: a headless run whose worker
 * stops answering is noticed within seconds, its worker terminated, and the
 * run fails saying so — while a worker that keeps answering is never
 * stopped, however long its run — and Compare and Sweep show the failure on
 * that variant or point alone, with the scenario untouched.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setHeadlessRunner } from '../../src/lab/headless';
import { startCompare } from '../../src/lab/compareRun';
import { startSweep } from '../../src/lab/sweepRun';
import { hungRunMessage, workerHeadlessRunner } from '../../src/lab/workerRunner';
import { defaultScenario } from '../../src/scenario/presets';
import type { Scenario } from '../../src/scenario/schema';
import type { Results } from '../../src/sim/results';
import { createAppStore, type AppStore } from '../../src/store';
import { DEFAULT_WATCHDOG } from '../../src/worker/client';
import { ScriptedWorker } from './scriptedWorker';

/** Results of the shape Compare and Sweep read, for the scenario's `timeline` op. */
function results(s: Scenario): Results {
  const lat = { mean: 3, p50: 2, p90: 5, p95: 6, p99: 9, p999: 12, max: 20 };
  return {
    ops: { timeline: { count: 1000, errors: 0, unfinished: 0, throughputPerSec: 3000, latencyMs: lat } },
    nodes: Object.fromEntries(s.nodes.map((n) => [n.id, { utilization: 0.5 }])),
    edges: {},
  } as unknown as Results;
}

const options = (signal = new AbortController().signal) => ({ signal, op: 'timeline', writeEdgeIds: [], onProgress: () => {} });

describe('a headless run’s worker, watched (virtual time)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());
  const watchdog = { ...DEFAULT_WATCHDOG, now: () => Date.now() };

  it('that stops answering is terminated within five seconds, and the run fails saying so', async () => {
    const worker = new ScriptedWorker(results, true);
    const run = workerHeadlessRunner(() => worker, watchdog)(defaultScenario(), options());
    const outcome = run.then(
      () => 'finished',
      (e: Error) => e.message,
    );
    await vi.advanceTimersByTimeAsync(5000);
    expect(worker.terminated).toBe(true);
    expect(await outcome).toBe(hungRunMessage(4));
    expect(await outcome).toMatch(/^the simulation stopped answering for 4 s and was stopped/);
  });

  it('that keeps answering is left alone, however long its run takes', async () => {
    const worker = new ScriptedWorker(results, false, 30_000);
    let outcome = 'pending';
    void workerHeadlessRunner(() => worker, watchdog)(defaultScenario(), options()).then(
      () => (outcome = 'finished'),
      (e: Error) => (outcome = e.message),
    );
    await vi.advanceTimersByTimeAsync(20_000);
    expect(outcome).toBe('pending');
    expect(worker.pings).toBeGreaterThanOrEqual(15);
    await vi.advanceTimersByTimeAsync(11_000);
    expect(outcome).toBe('finished');
    expect(worker.terminated).toBe(true);
  });

  it('still notices a hang on a page so busy that every other check runs late', async () => {
    // Every second check finds the clock 2.5 s further on than its timer says: the page was busy.
    let checks = 0;
    let busyMs = 0;
    const busyWatchdog = { ...DEFAULT_WATCHDOG, now: () => Date.now() + busyMs };
    const worker = new ScriptedWorker(results, true);
    let outcome = 'pending';
    void workerHeadlessRunner(() => worker, busyWatchdog)(defaultScenario(), options()).catch((e: Error) => (outcome = e.message));
    for (let t = 0; t < 15_000 && outcome === 'pending'; t += 1000) {
      if (++checks % 2 === 0) busyMs += 2500;
      await vi.advanceTimersByTimeAsync(1000);
    }
    expect(worker.terminated).toBe(true);
    expect(outcome).toMatch(/^the simulation stopped answering for \d+ s/);
  });

  it('is off for a stand-in worker unless asked for (real workers get it by default)', async () => {
    // Without a watchdog a stuck fake worker would hang the run for ever: the option is what protects it.
    const worker = new ScriptedWorker(results, true);
    let outcome = 'pending';
    void workerHeadlessRunner(() => worker)(defaultScenario(), options()).catch((e: Error) => (outcome = e.message));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(outcome).toBe('pending');
    expect(worker.terminated).toBe(false);
  });
});

describe('Compare and Sweep with a worker that hangs (real time, a fast watchdog)', () => {
  let store: AppStore;
  let workers: ScriptedWorker[];
  /** Which of the next workers hang (by creation order). */
  let hangs: Set<number>;
  beforeEach(() => {
    store = createAppStore();
    store.getState().resetScenario(defaultScenario());
    workers = [];
    hangs = new Set([0]);
    const create = () => {
      const w = new ScriptedWorker(results, hangs.has(workers.length));
      workers.push(w);
      return w;
    };
    setHeadlessRunner(workerHeadlessRunner(create, { intervalMs: 20, timeoutMs: 80 }));
  });
  afterEach(() => setHeadlessRunner(null));

  it('Compare fails the variant that hung alone, keeps the scenario, and runs again', async () => {
    const scenario = store.getState().scenario;
    store.getState().setCompare({ variants: [{ kind: 'current' }, { kind: 'current' }], durationSec: 30 });
    await startCompare(store);
    let c = store.getState().compare;
    expect(c.status).toBe('done');
    expect(c.runs.map((r) => r.status)).toEqual(['failed', 'done']);
    expect(c.runs[0].error).toMatch(/^the simulation stopped answering for \d s and was stopped/);
    expect(workers[0].terminated).toBe(true);
    expect(store.getState().scenario).toBe(scenario);

    hangs = new Set();
    await startCompare(store);
    c = store.getState().compare;
    expect(c.runs.map((r) => r.status)).toEqual(['done', 'done']);
  });

  it('Sweep fails the point that hung alone and finishes the others', async () => {
    await startSweep(store);
    const s = store.getState().sweep;
    expect(s.status).toBe('done');
    expect(s.points[0].status).toBe('failed');
    expect(s.points[0].error).toMatch(/stopped answering/);
    expect(s.points.slice(1).every((p) => p.status === 'done')).toBe(true);
    expect(workers[0].terminated).toBe(true);
  });
});
