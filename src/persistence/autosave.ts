/**
 * Autosave: the scenario is written to local storage a moment after each
 * edit, as the scenario JSON itself (it carries its format version), and read
 * back through the same decoder as links and files — so storage written by an
 * older version is migrated, and corrupt storage is reported, never trusted.
 */
import { decodeScenarioJson, type DecodeResult } from '../scenario/decode';
import { LIMITS } from '../scenario/kinds';
import { minimalScenario } from '../scenario/minimal';
import type { Scenario } from '../scenario/schema';
import type { AppStore } from '../store';

export const AUTOSAVE_KEY = 'fanout-lab:scenario';
/** Where unreadable autosave data is moved, so that nothing the user made is silently thrown away. */
export const UNREADABLE_KEY = 'fanout-lab:scenario:unreadable';
export const AUTOSAVE_DELAY_MS = 400;

/** The browser's local storage, or undefined where it is unavailable (private modes, sandboxed frames). */
export function browserStorage(): Storage | undefined {
  try {
    return typeof window !== 'undefined' ? window.localStorage : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Storages holding an unreadable save that could not be set aside (storage full): it stays under
 * AUTOSAVE_KEY, the only copy, and autosave must not overwrite it until it has been moved.
 */
const unreadableInPlace = new WeakSet<Storage>();

/** Copies unreadable save text to UNREADABLE_KEY; false when storage refuses (full). */
function setAside(storage: Storage, text: string): boolean {
  try {
    storage.setItem(UNREADABLE_KEY, text);
    return storage.getItem(UNREADABLE_KEY) === text;
  } catch {
    return false;
  }
}

export interface AutosaveRead {
  result: DecodeResult;
  /** For an unreadable save: whether its copy is now under UNREADABLE_KEY (else it stayed in place, and autosave holds off). */
  setAside: boolean;
}

/** The saved scenario and where an unreadable one went: `null` when there is none. Never throws. */
export function readAutosaveDetailed(storage: Storage | undefined): AutosaveRead | null {
  let text: string | null = null;
  try {
    text = storage?.getItem(AUTOSAVE_KEY) ?? null;
  } catch {
    return null;
  }
  if (text === null || !storage) return null;
  const result = decodeScenarioJson(text);
  if (result.ok) return { result, setAside: false };
  const moved = setAside(storage, text);
  if (moved) unreadableInPlace.delete(storage);
  else unreadableInPlace.add(storage);
  return { result, setAside: moved };
}

/** The saved scenario: `null` when there is none, else the decoder's verdict. Never throws. */
export function readAutosave(storage: Storage | undefined): DecodeResult | null {
  return readAutosaveDetailed(storage)?.result ?? null;
}

/**
 * The text autosave writes: the scenario's JSON, or — when defaults written out push it past what
 * the decoder reads back (1,000,000 characters) — its minimal form; null when even that is too long.
 */
export function autosaveText(scenario: Scenario): string | null {
  const full = JSON.stringify(scenario);
  if (full.length <= LIMITS.maxJsonChars) return full;
  const minimal = JSON.stringify(minimalScenario(scenario));
  return minimal.length <= LIMITS.maxJsonChars ? minimal : null;
}

/** Writes the scenario; false when storage is unavailable or full, or the scenario is too large to read back. */
export function writeAutosave(storage: Storage | undefined, scenario: Scenario): boolean {
  if (!storage) return false;
  const text = autosaveText(scenario);
  if (text === null) return false;
  try {
    storage.setItem(AUTOSAVE_KEY, text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Saves the scenario `delayMs` after the last change, and at once when the
 * page is hidden or closed. A scenario opened from a share link is not saved
 * until the user edits it: opening a link must not overwrite their own work.
 * Returns a function that stops autosaving.
 */
export function startAutosave(store: AppStore, storage: Storage | undefined, delayMs = AUTOSAVE_DELAY_MS): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending: Scenario | null = null;
  let warned = false;

  let warnedUnreadable = false;
  const flush = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (pending === null) return;
    if (storage && unreadableInPlace.has(storage)) {
      // The only copy of an unreadable save is where this write would go: move it first, or hold off.
      let text: string | null = null;
      try {
        text = storage.getItem(AUTOSAVE_KEY);
      } catch {
        text = null;
      }
      if (text !== null && !setAside(storage, text)) {
        if (!warnedUnreadable) {
          warnedUnreadable = true;
          store
            .getState()
            .showToast('Autosave is paused: the browser’s storage is full, and saving now would overwrite your unreadable earlier save. Export the scenario to keep it, or free some storage.', 'error');
        }
        return; // `pending` stays: the next edit or page hide tries again
      }
      unreadableInPlace.delete(storage);
    }
    const ok = writeAutosave(storage, pending);
    const tooLarge = !ok && autosaveText(pending) === null;
    pending = null;
    if (!ok && !warned && storage) {
      warned = true;
      store
        .getState()
        .showToast(
          tooLarge
            ? `Autosave is off for this scenario: it is more than ${LIMITS.maxJsonChars.toLocaleString('en-US')} characters of JSON, more than the app can read back. Export it to keep it.`
            : 'Autosave failed: the browser’s storage is full. Export the scenario to keep it.',
          'error',
        );
    }
  };

  const unsubscribe = store.subscribe((state, prev) => {
    if (state.scenario === prev.scenario || state.viewingSharedLink) return;
    pending = state.scenario;
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(flush, delayMs);
  });

  const onHide = () => flush();
  const onVisibility = () => {
    if (document.visibilityState === 'hidden') flush();
  };
  if (typeof window !== 'undefined') {
    window.addEventListener('pagehide', onHide);
    document.addEventListener('visibilitychange', onVisibility);
  }
  return () => {
    flush();
    unsubscribe();
    if (typeof window !== 'undefined') {
      window.removeEventListener('pagehide', onHide);
      document.removeEventListener('visibilitychange', onVisibility);
    }
  };
}
