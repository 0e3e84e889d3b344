/**
 * Runs a phase map: the current scenario with two parameters set to every
 * pair of values of their ranges, each cell a run on the same seed and
 * duration, a few at a time in workers. Each cell is judged "recovers" or
 * "stays down" (phaseVerdict.ts) as it lands, so the grid fills in while the
 * rest run; cancelling stops the runs in flight and starts no more.
 */
import type { Scenario } from '../scenario/schema';
import type { AppStore } from '../store';
import { MAX_PHASE_STEPS, SWEEP_DURATION_SEC, type PhaseCell, type PhaseMapState } from '../store/labSlice';
import { busiestOp, defaultSweepParameter, sweepParameters, type SweepParameter } from '../sweep/parameters';
import { rangeProblem, sweepPoints, type SweepRange } from '../sweep/points';
import { headlessRunner } from './headless';
import { faultWindow, FINAL_SHARE_OF_RUN, phaseVerdict } from './phaseVerdict';
import { defaultConcurrency, markCancelled, runPool, type PoolJob } from './runPool';

let active: AbortController | null = null;

/** The two parameters a phase map varies: the chosen ones, else a fault's duration (or the first parameter) across and retry attempts (or the next one) up. */
export function phaseAxes(s: Scenario, params: SweepParameter[], xId: string | null, yId: string | null): { x?: SweepParameter; y?: SweepParameter } {
  const byId = (id: string | null) => (id ? params.find((p) => p.id === id) : undefined);
  const x = byId(xId) ?? params.find((p) => /^fault:.*:durationSec$/.test(p.id)) ?? defaultSweepParameter(s, params);
  const y =
    byId(yId && yId !== x?.id ? yId : null) ??
    params.find((p) => p.id !== x?.id && p.id.startsWith('retry.maxAttempts:') && s.edges.some((e) => `retry.maxAttempts:${e.id}` === p.id && e.retry)) ??
    params.find((p) => p.id !== x?.id && p.id.startsWith('retry.maxAttempts:')) ??
    params.find((p) => p.id !== x?.id);
  return { x, y };
}

/** An axis's range: the one chosen for this parameter, else its default cut to the phase map's default size. */
export function phaseRange(param: SweepParameter, chosen: SweepRange | null, chosenFor: string | null): SweepRange {
  if (chosen && chosenFor === param.id) return chosen;
  return { ...param.defaultRange, steps: Math.min(param.defaultRange.steps, 6) };
}

/** What is wrong with a phase map's setup, or undefined when it can run. */
export function phaseProblem(x: SweepParameter | undefined, y: SweepParameter | undefined, xRange?: SweepRange, yRange?: SweepRange): string | undefined {
  if (!x || !y) return 'A phase map needs two parameters to vary: add a client with a call, or a fault.';
  if (x.id === y.id) return 'Choose two different parameters.';
  for (const [axis, r] of [['Across', xRange], ['Up', yRange]] as const) {
    if (!r) continue;
    if (r.steps > MAX_PHASE_STEPS) return `${axis}: expected 2 to ${MAX_PHASE_STEPS} values.`;
    const problem = rangeProblem(r);
    if (problem) return `${axis}: ${problem}`;
  }
  return undefined;
}

/**
 * Simulated time per cell unless chosen: without scheduled faults the
 * sweep's 20 s; with them, long enough that the last fault (at the axes'
 * largest values) ends, its grace passes, and 20 s are left to judge — at
 * least the final 20 % of the run — rounded up to 10 s.
 */
export function defaultPhaseDurationSec(s: Scenario, x?: SweepParameter, y?: SweepParameter, xValues: number[] = [], yValues: number[] = []): number {
  let latest = faultWindow(s);
  for (const xv of xValues.length ? [Math.min(...xValues), Math.max(...xValues)] : [undefined]) {
    for (const yv of yValues.length ? [Math.min(...yValues), Math.max(...yValues)] : [undefined]) {
      let t = s;
      if (x && xv !== undefined) t = x.apply(t, xv);
      if (y && yv !== undefined) t = y.apply(t, yv);
      const w = faultWindow(t);
      if (w.lastEndSec !== undefined && (latest.lastEndSec === undefined || w.lastEndSec + w.graceSec > latest.lastEndSec + latest.graceSec)) latest = w;
    }
  }
  if (latest.lastEndSec === undefined) return SWEEP_DURATION_SEC;
  const settled = latest.lastEndSec + latest.graceSec;
  return Math.ceil(Math.max(settled + 20, settled / (1 - FINAL_SHARE_OF_RUN)) / 10) * 10;
}

/** The scenario of one cell: the base with both values applied (what "Open this run" loads). */
export function phaseCellScenario(map: Pick<PhaseMapState, 'base' | 'x' | 'y'>, cell: Pick<PhaseCell, 'x' | 'y'>): Scenario | undefined {
  if (!map.base || !map.x || !map.y) return undefined;
  const params = sweepParameters(map.base);
  const x = params.find((p) => p.id === map.x!.parameterId);
  const y = params.find((p) => p.id === map.y!.parameterId);
  if (!x || !y) return undefined;
  return y.apply(x.apply(map.base, cell.x), cell.y);
}

/** Starts the phase map the store describes over the current scenario; explains instead when it cannot. */
export async function startPhaseMap(store: AppStore): Promise<void> {
  cancelPhaseMap(store);
  const { phaseMap, scenario } = store.getState();
  const params = sweepParameters(scenario);
  const { x, y } = phaseAxes(scenario, params, phaseMap.xId, phaseMap.yId);
  const xRange = x && phaseRange(x, phaseMap.xRange, phaseMap.xId);
  const yRange = y && phaseRange(y, phaseMap.yRange, phaseMap.yId);
  const problem = phaseProblem(x, y, xRange, yRange);
  const op = busiestOp(scenario);
  if (problem || !x || !y || !xRange || !yRange) {
    store.getState().showToast(problem ?? 'This scenario has nothing to vary.', 'error');
    return;
  }
  if (!op) {
    store.getState().showToast('This scenario has no operation to judge: add a client first.', 'error');
    return;
  }
  const xValues = sweepPoints(xRange);
  const yValues = sweepPoints(yRange);
  const durationSec = phaseMap.durationSec ?? defaultPhaseDurationSec(scenario, x, y, xValues, yValues);
  const base: Scenario = { ...scenario, durationSec, warmupSec: Math.min(scenario.warmupSec, durationSec / 4) };
  const cells: PhaseCell[] = yValues.flatMap((yv) => xValues.map((xv) => ({ x: xv, y: yv, status: 'queued' as const, progress: 0 })));
  const controller = new AbortController();
  active = controller;
  store.getState().setPhaseMap({
    xId: x.id,
    yId: y.id,
    xRange,
    yRange,
    status: 'running',
    x: { parameterId: x.id, label: x.label, unit: x.unit, values: xValues },
    y: { parameterId: y.id, label: y.label, unit: y.unit, values: yValues },
    op,
    cells,
    base,
  });
  const run = headlessRunner();
  const jobs: PoolJob<Partial<PhaseCell>>[] = cells.map((cell, i) => (signal) => {
    const s = y.apply(x.apply(base, cell.x), cell.y);
    return run(s, {
      signal,
      op,
      writeEdgeIds: [],
      untilDuration: true,
      onProgress: (simSec) => store.getState().updatePhaseCell(i, { progress: Math.min(1, simSec / durationSec) }),
    }).then((r) => ({ verdict: phaseVerdict(r.series, durationSec, faultWindow(s), r.results.stopped !== undefined), stopped: r.results.stopped?.message }));
  });
  await runPool(jobs, defaultConcurrency(), controller.signal, {
    onStart: (i) => store.getState().updatePhaseCell(i, { status: 'running' }),
    onDone: (i, outcome) => store.getState().updatePhaseCell(i, { ...outcome, status: 'done', progress: 1 }),
    onFail: (i, message) => store.getState().updatePhaseCell(i, { status: 'failed', error: message }),
  });
  if (active === controller) {
    active = null;
    store.getState().setPhaseMap({ status: 'done' });
  }
}

/** Stops the phase map in progress; cells that finished keep their verdicts. */
export function cancelPhaseMap(store: AppStore): void {
  if (!active) return;
  active.abort();
  active = null;
  const m = store.getState().phaseMap;
  store.getState().setPhaseMap({ status: 'cancelled', cells: markCancelled(m.cells) });
}
