/** Selection commands: delete, copy, paste, duplicate, select all. */
import { copyElements, pasteElements } from '../scenario/edit';
import type { AppState } from '../store';
import { modLetter, plainKey } from './keys';
import type { Action } from './types';

/** How far each paste lands from the copied nodes, so copies never hide each other. */
const PASTE_STEP = 32;

const hasSelection = (s: AppState) => s.selectedNodeIds.length > 0 || s.selectedEdgeIds.length > 0;

function plural(n: number, one: string): string {
  return `${n} ${one}${n === 1 ? '' : 's'}`;
}

export const deleteSelection: Action = {
  name: 'deleteSelection',
  label: 'Delete',
  shortcut: ['Delete'],
  keyTest: (e) => plainKey(e, 'Delete', 'Backspace'),
  undoable: true,
  enabled: hasSelection,
  perform: ({ store }) => {
    const { selectedNodeIds, selectedEdgeIds, deleteElements } = store.getState();
    if (selectedNodeIds.length + selectedEdgeIds.length === 0) return;
    deleteElements(selectedNodeIds, selectedEdgeIds);
  },
};

export const copySelection: Action = {
  name: 'copySelection',
  label: 'Copy',
  shortcut: ['Mod', 'C'],
  keyTest: (e) => modLetter(e, 'c') && !window.getSelection()?.toString(),
  undoable: false,
  enabled: (s) => s.selectedNodeIds.length > 0,
  perform: ({ store }) => {
    const { scenario, selectedNodeIds, setClipboard, showToast } = store.getState();
    if (selectedNodeIds.length === 0) return;
    const clip = copyElements(scenario, selectedNodeIds);
    setClipboard(clip);
    showToast(`Copied ${plural(clip.nodes.length, 'node')}${clip.edges.length ? ` and ${plural(clip.edges.length, 'edge')}` : ''}.`);
  },
};

export const paste: Action = {
  name: 'paste',
  label: 'Paste',
  shortcut: ['Mod', 'V'],
  keyTest: (e) => modLetter(e, 'v'),
  undoable: true,
  enabled: (s) => s.clipboard !== null,
  perform: ({ store }) => {
    const { clipboard, pasteCount } = store.getState();
    if (!clipboard) return;
    const step = PASTE_STEP * (pasteCount + 1);
    if (pasteClip(store, clipboard, step)) store.setState({ pasteCount: pasteCount + 1 });
  },
};

export const duplicateSelection: Action = {
  name: 'duplicateSelection',
  label: 'Duplicate',
  shortcut: ['Mod', 'D'],
  keyTest: (e) => modLetter(e, 'd'),
  undoable: true,
  enabled: (s) => s.selectedNodeIds.length > 0,
  perform: ({ store }) => {
    const { scenario, selectedNodeIds } = store.getState();
    if (selectedNodeIds.length === 0) return;
    pasteClip(store, copyElements(scenario, selectedNodeIds), PASTE_STEP);
  },
};

function pasteClip(store: Parameters<Action['perform']>[0]['store'], clip: Parameters<typeof pasteElements>[1], step: number): boolean {
  const r = pasteElements(store.getState().scenario, clip, { x: step, y: step });
  if (!r.ok) {
    store.getState().showToast(`Cannot paste: ${r.reason}.`, 'error');
    return false;
  }
  store.getState().editScenario(() => r.scenario);
  store.getState().select(r.nodeIds, r.edgeIds);
  return true;
}

export const selectAll: Action = {
  name: 'selectAll',
  label: 'Select all',
  shortcut: ['Mod', 'A'],
  keyTest: (e) => modLetter(e, 'a'),
  undoable: false,
  perform: ({ store }) => {
    const { scenario, select } = store.getState();
    select(
      scenario.nodes.map((n) => n.id),
      scenario.edges.map((e) => e.id),
    );
  },
};

export const clearSelection: Action = {
  name: 'clearSelection',
  label: 'Clear selection',
  shortcut: ['Esc'],
  keyTest: (e) => plainKey(e, 'Escape'),
  undoable: false,
  perform: ({ store }) => store.getState().select([], []),
};
