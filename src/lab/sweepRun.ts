/**
 * Runs a sweep: the current scenario with one parameter set to each value
 * in turn, every point on the same seed and a shorter duration, a few at a
 * time in workers. Points fill the plot as they land; cancelling stops the
 * runs in flight and starts no more.
 */
import { hasStation } from '../kinds';
import { knownOps } from '../scenario/edit';
import type { Scenario } from '../scenario/schema';
import type { Results } from '../sim/results';
import type { AppStore } from '../store';
import type { SweepPoint } from '../store/labSlice';
import { busiestOp, defaultSweepParameter, sweepParameters } from '../sweep/parameters';
import { rangeProblem, sweepPoints } from '../sweep/points';
import { headlessRunner } from './headless';
import { defaultConcurrency, markCancelled, runPool, type PoolJob } from './runPool';

let active: AbortController | null = null;

/** What a sweep plots of one run. */
export function sweepPointMetrics(scenario: Scenario, results: Results, op: string): Partial<SweepPoint> {
  const o = results.ops[op];
  const completed = o && o.count - o.errors - o.unfinished > 0;
  let busiest: number | undefined;
  for (const n of scenario.nodes) {
    if (!hasStation(n.kind)) continue;
    const u = results.nodes[n.id]?.utilization;
    if (u !== undefined && (busiest === undefined || u > busiest)) busiest = u;
  }
  return {
    p50: completed ? o.latencyMs.p50 : undefined,
    p99: completed ? o.latencyMs.p99 : undefined,
    throughputPerSec: o?.throughputPerSec ?? 0,
    busiestUtilization: busiest,
    errors: o?.errors ?? 0,
    stopped: results.stopped?.message,
  };
}

/** The scenario every point of a sweep starts from: shorter, with a warm-up to match. */
export function sweepBase(scenario: Scenario, durationSec: number): Scenario {
  return { ...scenario, durationSec, warmupSec: Math.min(scenario.warmupSec, durationSec / 4) };
}

/** Starts the sweep the store describes over the current scenario; explains instead when it cannot. */
export async function startSweep(store: AppStore): Promise<void> {
  cancelSweep(store);
  const { sweep, scenario } = store.getState();
  const params = sweepParameters(scenario);
  const param = params.find((p) => p.id === sweep.parameterId) ?? defaultSweepParameter(scenario, params);
  if (!param) {
    store.getState().showToast('This scenario has nothing to sweep: add a client or a server first.', 'error');
    return;
  }
  const range = sweep.parameterId === param.id && sweep.range ? sweep.range : param.defaultRange;
  const problem = rangeProblem(range);
  if (problem) {
    store.getState().showToast(problem, 'error');
    return;
  }
  const ops = knownOps(scenario);
  const op = sweep.op && ops.includes(sweep.op) ? sweep.op : busiestOp(scenario);
  if (!op) {
    store.getState().showToast('This scenario has no operation to measure: add a client first.', 'error');
    return;
  }
  const values = sweepPoints(range);
  const controller = new AbortController();
  active = controller;
  const durationSec = sweep.durationSec;
  store.getState().setSweep({
    parameterId: param.id,
    range,
    op,
    status: 'running',
    sweptLabel: param.label,
    sweptUnit: param.unit,
    sweptScale: range.scale,
    sweptOp: op,
    points: values.map((value) => ({ value, status: 'queued', progress: 0 })),
  });
  const base = sweepBase(scenario, durationSec);
  const run = headlessRunner();
  const jobs: PoolJob<Partial<SweepPoint>>[] = values.map((value, i) => (signal) => {
    const s = param.apply(base, value);
    return run(s, {
      signal,
      op,
      writeEdgeIds: [],
      onProgress: (simSec) => store.getState().updateSweepPoint(i, { progress: Math.min(1, simSec / durationSec) }),
    }).then((r) => sweepPointMetrics(s, r.results, op));
  });
  await runPool(jobs, defaultConcurrency(), controller.signal, {
    onStart: (i) => store.getState().updateSweepPoint(i, { status: 'running' }),
    onDone: (i, metrics) => store.getState().updateSweepPoint(i, { ...metrics, status: 'done', progress: 1 }),
    onFail: (i, message) => store.getState().updateSweepPoint(i, { status: 'failed', error: message }),
  });
  if (active === controller) {
    active = null;
    store.getState().setSweep({ status: 'done' });
  }
}

export function cancelSweep(store: AppStore): void {
  if (!active) return;
  active.abort();
  active = null;
  const s = store.getState().sweep;
  store.getState().setSweep({
    status: 'cancelled',
    points: markCancelled(s.points),
  });
}
