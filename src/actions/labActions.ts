/** Compare, Sweep and the phase map: start, cancel, open a cell's run, and keep the current scenario aside as a variant. */
import { cancelCompare as stopCompare, startCompare } from '../lab/compareRun';
import { cancelPhaseMap as stopPhaseMap, phaseCellScenario, startPhaseMap } from '../lab/phaseMapRun';
import { VERDICT_LABELS } from '../lab/phaseVerdict';
import { formatNumber } from '../ui/format';
import { cancelSweep as stopSweep, startSweep } from '../lab/sweepRun';
import type { Action } from './types';

export const runCompare: Action = {
  name: 'runCompare',
  label: 'Run the comparison',
  undoable: false,
  enabled: (s) => s.compare.variants.length >= 2,
  perform: ({ store }) => startCompare(store),
};

export const cancelCompare: Action = {
  name: 'cancelCompare',
  label: 'Cancel the comparison',
  undoable: false,
  enabled: (s) => s.compare.status === 'running',
  perform: ({ store }) => stopCompare(store),
};

export const runSweep: Action = {
  name: 'runSweep',
  label: 'Run the sweep',
  undoable: false,
  perform: ({ store }) => startSweep(store),
};

export const cancelSweep: Action = {
  name: 'cancelSweep',
  label: 'Cancel the sweep',
  undoable: false,
  enabled: (s) => s.sweep.status === 'running',
  perform: ({ store }) => stopSweep(store),
};

export const runPhaseMap: Action = {
  name: 'runPhaseMap',
  label: 'Run the phase map',
  undoable: false,
  perform: ({ store }) => startPhaseMap(store),
};

export const cancelPhaseMap: Action = {
  name: 'cancelPhaseMap',
  label: 'Cancel the phase map',
  undoable: false,
  enabled: (s) => s.phaseMap.status === 'running',
  perform: ({ store }) => stopPhaseMap(store),
};

/** Loads the exact scenario one cell of the phase map ran (its two values, seed and duration) into the editor, as one undo step. */
export const openPhaseCell: Action<number> = {
  name: 'openPhaseCell',
  label: 'Open this run',
  undoable: true,
  perform: ({ store, canvas }, index) => {
    const map = store.getState().phaseMap;
    const cell = map.cells[index];
    const scenario = cell && phaseCellScenario(map, cell);
    if (!cell || !scenario || !map.x || !map.y) {
      store.getState().showToast('This run can no longer be opened: its phase map was started from another scenario.', 'error');
      return;
    }
    store.getState().replaceScenario(scenario);
    canvas?.fitView();
    const value = (v: number, unit?: string) => `${formatNumber(v)}${unit ? ` ${unit}` : ''}`;
    const verdict = cell.verdict ? ` (${VERDICT_LABELS[cell.verdict.kind].toLowerCase()})` : '';
    store
      .getState()
      .showToast(`Opened the run with ${map.x.label} ${value(cell.x, map.x.unit)} and ${map.y.label} ${value(cell.y, map.y.unit)}${verdict}. Undo brings back what you had.`);
  },
};

/** Keeps a copy of the current scenario to compare against, e.g. before changing it. */
export const saveVariant: Action = {
  name: 'saveVariant',
  label: 'Save as a variant',
  undoable: false,
  perform: ({ store }) => {
    const s = store.getState();
    s.saveVariant(s.scenario);
    s.showToast(`Saved “${s.scenario.name}” as a variant to compare.`, 'success');
  },
};
