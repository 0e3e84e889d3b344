/** The live run: play or pause, step one simulated second, back to 0 s. None of these touch the scenario. */
import { letter, plainKey } from './keys';
import type { Action } from './types';

export const playPause: Action = {
  name: 'playPause',
  label: 'Play / pause',
  shortcut: ['K'],
  keyTest: (e) => plainKey(e, 'k', 'K') && !e.shiftKey,
  undoable: false,
  enabled: (s) => s.runStatus !== 'error',
  perform: ({ store }) => {
    const s = store.getState();
    if (s.runStatus === 'running') s.pauseRun();
    else s.playRun();
  },
};

export const stepRun: Action = {
  name: 'stepRun',
  label: 'Step one simulated second',
  shortcut: ['.'],
  keyTest: (e) => plainKey(e, '.'),
  undoable: false,
  enabled: (s) => s.runStatus === 'running' || s.runStatus === 'paused',
  perform: ({ store }) => store.getState().stepRun(),
};

export const resetRun: Action = {
  name: 'resetRun',
  label: 'Reset the run to 0 s',
  shortcut: ['Shift', 'R'],
  keyTest: (e) => e.shiftKey && !e.ctrlKey && !e.metaKey && !e.altKey && letter(e) === 'r',
  undoable: false,
  perform: ({ store }) => store.getState().resetRun(),
};
