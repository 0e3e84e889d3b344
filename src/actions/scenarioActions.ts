/** Building and exchanging scenarios: add a component, presets, share links, files. */
import { blankScenario } from '../scenario/edit';
import { KINDS, type NodeKind } from '../scenario/kinds';
import type { DecodeResult } from '../scenario/decode';
import type { XY } from '../scenario/edit';
import { downloadScenario, readScenarioFile } from '../persistence/files';
import { fetchPreset } from '../persistence/presets';
import { noticeUnknownFields } from '../feedback/decodeWarnings';
import { COMFORTABLE_LINK_CHARS, copyText, currentShareUrl, sentence } from '../persistence/share';
import { shareLinkProblem } from '../scenario/url';
import type { AppStore } from '../store';
import type { Action } from './types';

/** An estimate of a new node's size, so that it lands centred on the drop point. */
export const NEW_NODE_SIZE = { width: 200, height: 72 };

/** The first free spot at or below `at`, so that repeated clicks never stack nodes exactly. */
function freeSpot(store: AppStore, at: XY): XY {
  const taken = store.getState().scenario.nodes.map((n) => n.position ?? { x: 0, y: 0 });
  const spot = { ...at };
  for (let i = 0; i < 50 && taken.some((p) => Math.abs(p.x - spot.x) < 24 && Math.abs(p.y - spot.y) < 24); i++) {
    spot.x += 32;
    spot.y += 32;
  }
  return spot;
}

/** The wiring hint is said once: after that it would be noise. */
let wiringHintShown = false;

export interface AddNodeArg {
  kind: NodeKind;
  /** The point the node is centred on, in flow coordinates; the centre of the view when absent. */
  at?: XY;
}

export const addNode: Action<AddNodeArg> = {
  name: 'addNode',
  label: 'Add component',
  undoable: true,
  perform: ({ store, canvas }, { kind, at }) => {
    const centre = at ?? canvas?.centre() ?? { x: 0, y: 0 };
    const topLeft = { x: centre.x - NEW_NODE_SIZE.width / 2, y: centre.y - NEW_NODE_SIZE.height / 2 };
    const snapped = store.getState().snapToGrid ? { x: Math.round(topLeft.x / 16) * 16, y: Math.round(topLeft.y / 16) * 16 } : topLeft;
    const id = store.getState().addNodeAt(kind, at ? snapped : freeSpot(store, snapped));
    if (id && !wiringHintShown && KINDS[kind].makesCalls) {
      wiringHintShown = true;
      store.getState().showToast('To connect it, drag from the dot on its right edge to another component.');
    }
  },
};

export const newScenario: Action = {
  name: 'newScenario',
  label: 'Blank canvas',
  undoable: true,
  perform: ({ store, canvas }) => {
    store.getState().replaceScenario(blankScenario(store.getState().scenario));
    canvas?.resetView();
  },
};

/** Loads a decoded scenario as one undoable step, or explains why it could not be opened. */
export function openDecoded(store: AppStore, result: DecodeResult, what: string, fitView?: () => void): boolean {
  const state = store.getState();
  if (!result.ok) {
    state.showAlert({
      title: `${what} could not be opened`,
      message: sentence(result.error.message),
      reassurance: 'Your scenario is unchanged.',
    });
    return false;
  }
  state.replaceScenario(result.scenario);
  state.dismissAlert();
  noticeUnknownFields(store, result.warnings);
  // Let React Flow measure the new nodes before framing them.
  if (fitView) setTimeout(fitView, 50);
  return true;
}

export const loadPreset: Action<string> = {
  name: 'loadPreset',
  label: 'Load preset',
  undoable: true,
  perform: async ({ store, canvas }, name) => {
    const result = await fetchPreset(name);
    if (openDecoded(store, result, 'The preset', canvas?.fitView)) {
      store.getState().showToast(`Opened “${store.getState().scenario.name}”. Undo brings back what you had.`);
    }
  },
};

export const importFile: Action<File> = {
  name: 'importFile',
  label: 'Import JSON…',
  undoable: true,
  perform: async ({ store, canvas }, file) => {
    const result = await readScenarioFile(file);
    if (openDecoded(store, result, `The file “${file.name}”`, canvas?.fitView)) {
      store.getState().showToast(`Imported “${store.getState().scenario.name}”. Undo brings back what you had.`, 'success');
    }
  },
};

export const exportFile: Action = {
  name: 'exportFile',
  label: 'Export JSON',
  undoable: false,
  perform: ({ store }) => downloadScenario(store.getState().scenario),
};

export const copyShareLink: Action = {
  name: 'copyShareLink',
  label: 'Copy link',
  undoable: false,
  perform: async ({ store }) => {
    const url = currentShareUrl(store);
    const problem = shareLinkProblem(url);
    if (problem) {
      // A link the app itself could not open must not be handed out.
      store.getState().showToast(`This scenario is too large to share as a link: ${problem}. Export JSON instead.`, 'error');
      return;
    }
    const chars = url.length.toLocaleString('en-US');
    if (await copyText(url)) {
      const long = url.length > COMFORTABLE_LINK_CHARS ? ' Some chat apps cut links this long; Export JSON is safer.' : '';
      store.getState().showToast(`Link copied — ${chars} characters.${long}`, 'success');
    } else {
      // The address bar is a clipboard of last resort.
      window.history.replaceState(window.history.state, '', url);
      store.getState().showToast(`This browser blocked the clipboard: the link (${chars} characters) is now in the address bar.`, 'info');
    }
  },
};
