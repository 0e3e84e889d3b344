/** View state that is not part of the scenario and never undone. */
import type { StateCreator } from 'zustand';
import type { Clipboard } from '../scenario/edit';
import type { AppState } from './index';

export type Theme = 'light' | 'dark';

export type ToastTone = 'info' | 'success' | 'error';

export interface Toast {
  id: number;
  message: string;
  tone: ToastTone;
}

/** A problem that needs the user's attention (a broken link or file): shown with role="alert". */
export interface AppAlert {
  /** What the app was trying to do: "This link could not be opened". */
  title: string;
  /** The decoder's message: which step, which field, what was expected. */
  message: string;
  /** What stayed the same, so the user knows nothing was lost. */
  reassurance?: string;
}

/**
 * What the right-hand column shows instead of the inspector: the follower
 * distribution editor, Compare or Sweep. Null shows the inspector.
 */
export type SidePanel = 'followers' | 'compare' | 'sweep';

export interface NodeSize {
  width: number;
  height: number;
}

export interface UiSlice {
  theme: Theme;
  setTheme: (theme: Theme) => void;

  /** The selection, by id; the canvas and the inspector both read it. */
  selectedNodeIds: string[];
  selectedEdgeIds: string[];
  select: (nodeIds: string[], edgeIds?: string[]) => void;

  /** Rendered node sizes as React Flow measured them (needed to keep the canvas controlled). */
  nodeSizes: Record<string, NodeSize>;

  /** What Ctrl+C copied, and how many times it has been pasted (each paste lands a step further). */
  clipboard: Clipboard | null;
  pasteCount: number;
  setClipboard: (clipboard: Clipboard | null) => void;

  toasts: Toast[];
  showToast: (message: string, tone?: ToastTone) => void;
  dismissToast: (id: number) => void;

  alert: AppAlert | null;
  showAlert: (alert: AppAlert) => void;
  dismissAlert: () => void;

  /**
   * True while the canvas shows a scenario opened from a share link that the
   * user has not edited yet: autosave leaves the user's own work alone until then.
   */
  viewingSharedLink: boolean;

  /** The panel in the right-hand column (null: the inspector). Selecting something on the canvas brings the inspector back. */
  sidePanel: SidePanel | null;
  setSidePanel: (panel: SidePanel | null) => void;

  /** Whether the command palette (Ctrl/⌘+K) is open. */
  commandPaletteOpen: boolean;
  setCommandPaletteOpen: (open: boolean) => void;

  snapToGrid: boolean;
  showMinimap: boolean;
  /** Height of the results panel below the canvas, in CSS pixels. */
  chartsHeight: number;
  setView: (view: Partial<Pick<UiSlice, 'snapToGrid' | 'showMinimap' | 'chartsHeight'>>) => void;
}

let nextToastId = 1;
const TOAST_MS = 4000;

export const createUiSlice: StateCreator<AppState, [['temporal', unknown]], [], UiSlice> = (set, get) => ({
  theme: 'light',
  setTheme: (theme) => set({ theme }),

  selectedNodeIds: [],
  selectedEdgeIds: [],
  select: (nodeIds, edgeIds = []) => set({ selectedNodeIds: nodeIds, selectedEdgeIds: edgeIds }),

  nodeSizes: {},

  clipboard: null,
  pasteCount: 0,
  setClipboard: (clipboard) => set({ clipboard, pasteCount: 0 }),

  toasts: [],
  showToast: (message, tone = 'info') => {
    const id = nextToastId++;
    // At most three at a time: a burst of refusals should not cover the canvas.
    set({ toasts: [...get().toasts.slice(-2), { id, message, tone }] });
    if (typeof window !== 'undefined') window.setTimeout(() => get().dismissToast(id), tone === 'error' ? TOAST_MS * 1.5 : TOAST_MS);
  },
  dismissToast: (id) => set({ toasts: get().toasts.filter((t) => t.id !== id) }),

  alert: null,
  showAlert: (alert) => set({ alert }),
  dismissAlert: () => set({ alert: null }),

  viewingSharedLink: false,

  sidePanel: null,
  setSidePanel: (panel) => set({ sidePanel: panel }),

  commandPaletteOpen: false,
  setCommandPaletteOpen: (open) => set({ commandPaletteOpen: open }),

  snapToGrid: true,
  showMinimap: true,
  // Tall enough for the live charts to be read at 1280×800 (axes, legend and some 150 px of plot), leaving the canvas most of the screen.
  chartsHeight: 300,
  setView: (view) => set(view),
});
