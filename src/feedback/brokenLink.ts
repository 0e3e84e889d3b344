/**
 * Once a broken share link has been explained, it leaves the address bar:
 * a reload then opens the user's own work instead of repeating the alert.
 */
import { hashWithout } from '../persistence/share';
import { hashParam } from '../scenario/url';
import type { AppStore } from '../store';

export const BROKEN_LINK_TITLE = 'This link could not be opened';

/** Clears `#s=` now if a broken-link alert is showing, and whenever one is shown later. Returns a stop function. */
export function clearBrokenLinks(store: AppStore): () => void {
  const clear = () => {
    if (store.getState().alert?.title !== BROKEN_LINK_TITLE) return;
    const { hash, pathname, search } = window.location;
    if (hashParam(hash, 's') === undefined) return;
    window.history.replaceState(window.history.state, '', `${pathname}${search}${hashWithout(hash, 's')}`);
  };
  clear();
  return store.subscribe((s, prev) => {
    if (s.alert !== prev.alert) clear();
  });
}
