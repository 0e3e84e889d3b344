/** View preferences (theme, grid, minimap, panel height), kept across visits. Never part of a scenario. */
import type { AppStore } from '../store';
import type { Theme, UiSlice } from '../store/uiSlice';

export const PREFERENCES_KEY = 'fanout-lab:preferences';

type Preferences = Pick<UiSlice, 'theme' | 'snapToGrid' | 'showMinimap' | 'chartsHeight'>;

function systemTheme(): Theme {
  return typeof window !== 'undefined' && window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/** Reads stored preferences field by field; anything unreadable falls back to its default. */
export function readPreferences(storage: Storage | undefined): Partial<Preferences> {
  const out: Partial<Preferences> = { theme: systemTheme() };
  let raw: unknown;
  try {
    raw = JSON.parse(storage?.getItem(PREFERENCES_KEY) ?? 'null');
  } catch {
    return out;
  }
  if (raw === null || typeof raw !== 'object') return out;
  const p = raw as Record<string, unknown>;
  if (p.theme === 'light' || p.theme === 'dark') out.theme = p.theme;
  if (typeof p.snapToGrid === 'boolean') out.snapToGrid = p.snapToGrid;
  if (typeof p.showMinimap === 'boolean') out.showMinimap = p.showMinimap;
  if (typeof p.chartsHeight === 'number' && Number.isFinite(p.chartsHeight)) {
    out.chartsHeight = Math.min(800, Math.max(0, p.chartsHeight));
  }
  return out;
}

/** Applies stored preferences and saves them whenever they change. Returns a stop function. */
export function startPreferences(store: AppStore, storage: Storage | undefined): () => void {
  store.setState(readPreferences(storage));
  return store.subscribe((s, prev) => {
    if (
      s.theme === prev.theme &&
      s.snapToGrid === prev.snapToGrid &&
      s.showMinimap === prev.showMinimap &&
      s.chartsHeight === prev.chartsHeight
    ) {
      return;
    }
    const prefs: Preferences = { theme: s.theme, snapToGrid: s.snapToGrid, showMinimap: s.showMinimap, chartsHeight: s.chartsHeight };
    try {
      storage?.setItem(PREFERENCES_KEY, JSON.stringify(prefs));
    } catch {
      // Preferences are a convenience; a full storage must not disturb the app.
    }
  });
}
