/** Compare and Sweep: start, cancel, and keep the current scenario aside as a variant. */
import { cancelCompare as stopCompare, startCompare } from '../lab/compareRun';
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
