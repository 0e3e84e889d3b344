/** The view: zoom, fit, grid, minimap and theme. None of these touch the scenario. */
import { modLetter, plainKey } from './keys';
import type { Action } from './types';

export const fitView: Action = {
  name: 'fitView',
  label: 'Fit view',
  shortcut: ['F'],
  keyTest: (e) => plainKey(e, 'f', 'F') && !e.shiftKey,
  undoable: false,
  perform: ({ canvas }) => canvas?.fitView(),
};

export const zoomIn: Action = {
  name: 'zoomIn',
  label: 'Zoom in',
  shortcut: ['+'],
  keyTest: (e) => plainKey(e, '+', '='),
  undoable: false,
  perform: ({ canvas }) => canvas?.zoomIn(),
};

export const zoomOut: Action = {
  name: 'zoomOut',
  label: 'Zoom out',
  shortcut: ['-'],
  keyTest: (e) => plainKey(e, '-', '_'),
  undoable: false,
  perform: ({ canvas }) => canvas?.zoomOut(),
};

export const toggleSnapToGrid: Action = {
  name: 'toggleSnapToGrid',
  label: 'Snap to grid',
  shortcut: ['G'],
  keyTest: (e) => plainKey(e, 'g', 'G') && !e.shiftKey,
  undoable: false,
  perform: ({ store }) => store.getState().setView({ snapToGrid: !store.getState().snapToGrid }),
};

export const toggleMinimap: Action = {
  name: 'toggleMinimap',
  label: 'Minimap',
  shortcut: ['M'],
  keyTest: (e) => plainKey(e, 'm', 'M') && !e.shiftKey,
  undoable: false,
  perform: ({ store }) => store.getState().setView({ showMinimap: !store.getState().showMinimap }),
};

export const toggleTheme: Action = {
  name: 'toggleTheme',
  label: 'Dark theme',
  shortcut: ['Alt', 'Shift', 'D'],
  keyTest: (e) => e.altKey && e.shiftKey && !e.ctrlKey && !e.metaKey && e.code === 'KeyD',
  undoable: false,
  perform: ({ store }) => store.getState().setTheme(store.getState().theme === 'dark' ? 'light' : 'dark'),
};

export const openCommandPalette: Action = {
  name: 'openCommandPalette',
  label: 'Command palette',
  shortcut: ['Mod', 'K'],
  keyTest: (e) => modLetter(e, 'k'),
  undoable: false,
  perform: ({ store }) => store.getState().setCommandPaletteOpen(!store.getState().commandPaletteOpen),
};
