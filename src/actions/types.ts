/**
 * A user command, registered once (in the manner of Excalidraw's actions):
 * the palette, the toolbar, the menus and the keyboard all perform the same
 * object, so a shortcut can never do something its button does not.
 */
import type { XY } from '../scenario/edit';
import type { AppState, AppStore } from '../store';

/** What the canvas lends to actions while it is on screen. */
export interface CanvasHandle {
  fitView: () => void;
  zoomIn: () => void;
  zoomOut: () => void;
  /** Back to the natural zoom, the origin near the top-left corner (a fresh canvas). */
  resetView: () => void;
  /** The flow position at the centre of the visible canvas. */
  centre: () => XY;
  /** The visible canvas in flow coordinates, less the strip the minimap and toolbar cover: where new nodes may land. */
  placementArea?: () => { x: number; y: number; width: number; height: number } | undefined;
  /** The system drawn as a PNG or SVG data URL (undefined when the canvas is empty). */
  image?: (format: 'png' | 'svg') => Promise<string | undefined>;
}

export interface ActionContext {
  store: AppStore;
  canvas: CanvasHandle | null;
}

/** A key combination as shown to people; `Mod` is ⌘ on a Mac and Ctrl elsewhere. */
export type ShortcutKeys = readonly string[];

export interface Action<Arg = void> {
  name: string;
  label: string;
  /** Shown in tooltips and menus (the first combination is the one shown). */
  shortcut?: ShortcutKeys;
  /** Whether a key press triggers this action (never called while typing in a field). */
  keyTest?: (event: KeyboardEvent) => boolean;
  /** Whether it changes the scenario, and so takes one undo step. */
  undoable: boolean;
  /**
   * For undoable actions that set a value (a slider, a typed number): repeats
   * in quick succession merge into one undo step, as field edits do, instead
   * of one step each. `perform` passes it to `editScenario`.
   */
  mergeKey?: string;
  /** Whether it can be performed now (buttons are disabled otherwise). */
  enabled?: (state: AppState) => boolean;
  perform: (ctx: ActionContext, arg: Arg) => void | Promise<void>;
}
