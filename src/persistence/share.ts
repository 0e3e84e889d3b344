/**
 * Share links in the running app: copying the current one, opening the one in
 * the address bar, and taking it out of the address bar once the user has
 * made the scenario their own (so a reload then restores their autosave).
 */
import { defaultScenario } from '../scenario/presets';
import { decodeShareLink, hashParam, shareUrl } from '../scenario/url';
import type { AppStore } from '../store';
import { noticeUnknownFields } from '../feedback/decodeWarnings';
import { readAutosaveDetailed } from './autosave';

/** Links longer than this may be cut by chat apps and e-mail clients. */
export const COMFORTABLE_LINK_CHARS = 2000;

/** Writes text to the clipboard; false when the browser refuses. */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Fall through to the selection-based copy below.
  }
  try {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.append(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    return ok;
  } catch {
    return false;
  }
}

/** `hash` without the `key=…` parameter, other parameters (such as `lesson=`) kept. */
export function hashWithout(hash: string, key: string): string {
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  const kept = body.split('&').filter((part) => part !== '' && !part.startsWith(`${key}=`));
  return kept.length > 0 ? `#${kept.join('&')}` : '';
}

/**
 * A decoder message as the first words of a sentence: "the link is damaged…"
 * → "The link is damaged…", while a message that starts with a field path
 * (`nodes[0].params.servers: …`) keeps the path exactly as written.
 */
export function sentence(message: string): string {
  if (/^[A-Za-z_$][\w$]*(\[\d+\]|\.|:)/.test(message)) return message;
  return message.charAt(0).toUpperCase() + message.slice(1);
}

/**
 * Opens the scenario of a `#s=` hash: on success it replaces the canvas (and
 * the user's autosave stays untouched until they edit); on failure an alert
 * says what was wrong and the current scenario stays.
 */
export function openLinkHash(
  store: AppStore,
  hash: string,
  reassurance = 'Your own scenario is still here, unchanged.',
): boolean {
  const result = decodeShareLink(hash);
  const state = store.getState();
  if (result.ok) {
    state.resetScenario(result.scenario, { viewingSharedLink: true });
    state.dismissAlert();
    noticeUnknownFields(store, result.warnings);
    return true;
  }
  state.showAlert({
    title: 'This link could not be opened',
    message: sentence(result.error.message),
    reassurance,
  });
  return false;
}

/** What the start-up found in the address bar. */
export interface StartScenario {
  /** A `#s=` link was there and could not be opened (its alert is showing): see forgetLinkInAddressBar. */
  brokenLink: boolean;
}

/**
 * The scenario on first paint: the share link in the address bar if there is
 * one and it opens, else the user's autosave, else the default scenario.
 */
export function loadStartScenario(store: AppStore, hash: string, storage: Storage | undefined): StartScenario {
  const read = readAutosaveDetailed(storage);
  const saved = read?.result ?? null;
  const own = saved?.ok ? saved.scenario : defaultScenario();
  if (hashParam(hash, 's') !== undefined) {
    store.getState().resetScenario(own);
    const opened = openLinkHash(store, hash, saved?.ok ? undefined : 'The default scenario is open instead.');
    return { brokenLink: !opened };
  }
  store.getState().resetScenario(own);
  if (saved && !saved.ok) {
    store.getState().showAlert({
      title: 'Your saved scenario could not be read',
      message: sentence(saved.error.message),
      reassurance: read?.setAside
        ? 'The default scenario is open instead; the unreadable copy was kept in local storage.'
        : 'The default scenario is open instead. The browser’s storage is full, so the unreadable copy could not be set aside: it stays where it was, and autosave will not overwrite it until there is room to move it.',
    });
  }
  return { brokenLink: false };
}

/**
 * Takes `#s=` out of the address bar, keeping any other parameter (`lesson=`), without a new
 * history entry: once a broken link has been explained, a reload opens the user's own work
 * instead of the same error. It touches the address bar only — not the scenario, not storage —
 * so the autosave that other open tabs share is neither rewritten nor replaced by this tab.
 */
export function forgetLinkInAddressBar(): void {
  const { hash, pathname, search } = window.location;
  if (hashParam(hash, 's') === undefined) return;
  window.history.replaceState(window.history.state, '', `${pathname}${search}${hashWithout(hash, 's')}`);
}

/** The share link of the current scenario, on top of the current address. */
export function currentShareUrl(store: AppStore): string {
  return shareUrl(store.getState().scenario, window.location.href);
}

/**
 * Keeps the address bar honest: a link pasted into it later is opened (a
 * broken one is explained and leaves the address bar), and once the user
 * edits, `#s=` is removed so that a reload restores their own (autosaved)
 * work rather than the original link. Returns a stop function.
 */
export function syncAddressBar(store: AppStore): () => void {
  const onHashChange = () => {
    if (hashParam(window.location.hash, 's') === undefined) return;
    if (!openLinkHash(store, window.location.hash)) forgetLinkInAddressBar();
  };
  window.addEventListener('hashchange', onHashChange);
  const unsubscribe = store.subscribe((state, prev) => {
    if (state.scenario === prev.scenario || state.viewingSharedLink) return;
    forgetLinkInAddressBar();
  });
  return () => {
    window.removeEventListener('hashchange', onHashChange);
    unsubscribe();
  };
}
