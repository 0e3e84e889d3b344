/** Undo and redo. */
import { letter, modKey } from './keys';
import type { Action } from './types';

export const undo: Action = {
  name: 'undo',
  label: 'Undo',
  shortcut: ['Mod', 'Z'],
  keyTest: (e) => modKey(e) && !e.shiftKey && !e.altKey && letter(e) === 'z',
  undoable: false,
  enabled: () => true,
  perform: ({ store }) => store.getState().undo(),
};

export const redo: Action = {
  name: 'redo',
  label: 'Redo',
  shortcut: ['Mod', 'Shift', 'Z'],
  keyTest: (e) =>
    !e.altKey && ((modKey(e) && e.shiftKey && letter(e) === 'z') || (e.ctrlKey && !e.shiftKey && letter(e) === 'y')),
  undoable: false,
  perform: ({ store }) => store.getState().redo(),
};
