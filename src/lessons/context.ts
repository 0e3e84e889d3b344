/**
 * What a lesson step's check and readout see, taken from the store: the
 * scenario now, the one the lesson loaded, and the live run — but only a run
 * of the scenario now on the canvas. Just after an edit the old run is still
 * reporting for a moment (the restart is debounced); its seconds and numbers
 * must not pass a step or be read out as the learner's.
 */
import { simulationKey } from '../run/controller';
import type { Scenario } from '../scenario/schema';
import type { AppState } from '../store';
import type { LessonContext } from './types';

const IDLE: LessonContext['run'] = { status: 'idle', simulatedSec: 0, results: null };

let lastPair: { scenario: Scenario; runScenario: Scenario; same: boolean } | null = null;

/** Whether the live run simulates the scenario on the canvas (moves and renames do not count). */
export function runMatchesScenario(state: Pick<AppState, 'scenario' | 'runScenario'>): boolean {
  const { scenario, runScenario } = state;
  if (runScenario === null) return false;
  if (runScenario === scenario) return true;
  if (lastPair && lastPair.scenario === scenario && lastPair.runScenario === runScenario) return lastPair.same;
  const same = simulationKey(scenario) === simulationKey(runScenario);
  lastPair = { scenario, runScenario, same };
  return same;
}

export const NO_LAB: LessonContext['lab'] = {
  compare: { status: 'idle', runs: [], ran: null },
  sweep: { status: 'idle', parameterId: null, op: '', points: [] },
};

let lastLab: { compare: AppState['compare']; sweep: AppState['sweep']; lab: LessonContext['lab'] } | null = null;

/** Compare and Sweep as a step sees them (one object per change of either, so readouts can compare by identity). */
export function labOf(state: Partial<Pick<AppState, 'compare' | 'sweep'>>): LessonContext['lab'] {
  const { compare, sweep } = state;
  if (compare === undefined || sweep === undefined) return NO_LAB;
  if (lastLab && lastLab.compare === compare && lastLab.sweep === sweep) return lastLab.lab;
  const lab: LessonContext['lab'] = {
    compare: {
      status: compare.status,
      runs: compare.runs.map((r) => ({ label: r.label, status: r.status, metrics: r.metrics })),
      ran: compare.ranSeed === null ? null : { variants: compare.ranVariants, seed: compare.ranSeed, durationSec: compare.ranDurationSec },
    },
    sweep: { status: sweep.status, parameterId: sweep.parameterId, op: sweep.sweptOp, points: sweep.points },
  };
  lastLab = { compare, sweep, lab };
  return lab;
}

/** The context a lesson's checks and readouts read. */
export function lessonContext(
  state: Pick<AppState, 'scenario' | 'runScenario' | 'runStatus' | 'runId' | 'live'> & Partial<Pick<AppState, 'compare' | 'sweep'>>,
  start: Scenario,
): LessonContext {
  const lab = labOf(state);
  if (!runMatchesScenario(state)) return { scenario: state.scenario, start, run: IDLE, lab };
  // Until the new run's first report, `live` still holds the previous run's numbers.
  const live = state.live?.runId === state.runId ? state.live : null;
  const run = { status: state.runStatus, simulatedSec: live?.simSec ?? 0, results: live?.results ?? null };
  return { scenario: state.scenario, start, run, lab };
}
