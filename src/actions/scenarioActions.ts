/** Building and exchanging scenarios: add a component, presets, share links, files. */
import { blankScenario } from '../scenario/edit';
import { KINDS, LIMITS, type NodeKind } from '../scenario/kinds';
import type { DecodeResult } from '../scenario/decode';
import type { XY } from '../scenario/edit';
import { readScenarioFile, scenarioFileText } from '../persistence/files';
import { fail } from '../scenario/decode';
import { downloadBlob, fileStem } from '../ui/download';
import { fetchPreset } from '../persistence/presets';
import { noticeUnknownFields } from '../feedback/decodeWarnings';
import { COMFORTABLE_LINK_CHARS, copyText, currentShareUrl, sentence } from '../persistence/share';
import { shareLinkProblem } from '../scenario/url';
import type { AppStore } from '../store';
import { getCanvasHandle } from './canvasHandle';
import type { Action } from './types';
import { freeSpotNear, type Rect } from '../canvas/placement';

/** An estimate of a new node's size, so that it lands centred on the drop point. */
export const NEW_NODE_SIZE = { width: 200, height: 72 };

/** The free spot nearest the centre of the view: on no node, inside the visible canvas, clear of the minimap. */
function freeSpot(store: AppStore, centre: XY, area: Rect | undefined): XY {
  const { scenario, nodeSizes } = store.getState();
  const taken = scenario.nodes.map((n) => ({ ...(n.position ?? { x: 0, y: 0 }), ...(nodeSizes[n.id] ?? NEW_NODE_SIZE) }));
  const spot = freeSpotNear(centre, NEW_NODE_SIZE, taken, area);
  return store.getState().snapToGrid ? { x: Math.round(spot.x / 16) * 16, y: Math.round(spot.y / 16) * 16 } : spot;
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
    const id = store.getState().addNodeAt(kind, at ? snapped : freeSpot(store, centre, canvas?.placementArea?.()));
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

/** What a file is when its first bytes say it is not text (an image, an archive…), so that its bytes are never quoted back. */
export async function binaryKind(file: Blob): Promise<string | undefined> {
  let head: Uint8Array;
  try {
    head = new Uint8Array(await file.slice(0, 512).arrayBuffer());
  } catch {
    return undefined;
  }
  const starts = (...bytes: number[]) => bytes.every((b, i) => head[i] === b);
  if (starts(0x89, 0x50, 0x4e, 0x47)) return 'a PNG image';
  if (starts(0xff, 0xd8, 0xff)) return 'a JPEG image';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'a GIF image';
  if (starts(0x25, 0x50, 0x44, 0x46)) return 'a PDF document';
  if (starts(0x50, 0x4b, 0x03, 0x04)) return 'a ZIP archive';
  if (starts(0x1f, 0x8b)) return 'a compressed (gzip) file';
  if (file.type.startsWith('image/') || file.type.startsWith('video/') || file.type.startsWith('audio/')) return `a file of type ${file.type}`;
  // Text has no NUL bytes and few control characters.
  let control = 0;
  for (const b of head) if (b === 0 || (b < 9 && b !== 0)) control++;
  return control > 0 ? 'a binary file' : undefined;
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
    // Too big to be a scenario at all: the size says so first (readScenarioFile), without reading it.
    const binary = file.size <= LIMITS.maxJsonChars * 4 ? await binaryKind(file) : undefined;
    const result = binary
      ? fail('json', `this is not a scenario file: it is ${binary}. A scenario is a .json file exported from Fanout Lab (or a text file holding a share link)`)
      : await readScenarioFile(file);
    if (openDecoded(store, result, `The file “${file.name}”`, canvas?.fitView)) {
      store.getState().showToast(`Imported “${store.getState().scenario.name}”. Undo brings back what you had.`, 'success');
    }
  },
};

export const exportFile: Action = {
  name: 'exportFile',
  label: 'Export JSON',
  undoable: false,
  perform: ({ store }) => {
    const scenario = store.getState().scenario;
    downloadBlob(new Blob([scenarioFileText(scenario)], { type: 'application/json' }), `${fileStem(scenario.name, 48, 'scenario')}.json`);
  },
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

function imageAction(format: 'png' | 'svg'): Action {
  return {
    name: format === 'png' ? 'exportPng' : 'exportSvg',
    label: `Export the canvas as ${format.toUpperCase()}`,
    undoable: false,
    perform: async ({ store, canvas }) => {
      const url = await (canvas ?? getCanvasHandle())?.image?.(format);
      if (!url) {
        store.getState().showToast('There is nothing on the canvas to export.', 'info');
        return;
      }
      const a = document.createElement('a');
      a.href = url;
      a.download = `${fileStem(store.getState().scenario.name, 48, 'canvas')}.${format}`;
      document.body.append(a);
      a.click();
      a.remove();
    },
  };
}

export const exportPng = imageAction('png');
export const exportSvg = imageAction('svg');
