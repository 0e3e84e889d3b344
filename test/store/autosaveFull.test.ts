/**
 * No silent data loss: an unreadable autosave that cannot be set aside
 * because storage is full stays where it is, the user is told so (not that
 * it "was kept" elsewhere), and no later edit overwrites the only copy.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AUTOSAVE_DELAY_MS, AUTOSAVE_KEY, startAutosave, UNREADABLE_KEY } from '../../src/persistence/autosave';
import { loadStartScenario } from '../../src/persistence/share';
import { createAppStore, type AppStore } from '../../src/store';

/** An in-memory Storage that refuses writes past `quota` characters in all (keys and values). */
function fullStorage(quota: { chars: number }): Storage {
  const data = new Map<string, string>();
  const used = () => [...data].reduce((n, [k, v]) => n + k.length + v.length, 0);
  return {
    get length() {
      return data.size;
    },
    clear: () => data.clear(),
    getItem: (k) => data.get(k) ?? null,
    key: (i) => [...data.keys()][i] ?? null,
    removeItem: (k) => void data.delete(k),
    setItem: (k, v) => {
      const before = data.get(k);
      const after = used() - (before === undefined ? 0 : k.length + before.length) + k.length + String(v).length;
      if (after > quota.chars) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      data.set(k, String(v));
    },
  };
}

const CORRUPT = '{"version":1,"name":"My only copy","nodes":[{"id":"a","kind":"warp-drive"}]}';

let store: AppStore;
beforeEach(() => {
  store = createAppStore();
  vi.useFakeTimers();
});
afterEach(() => vi.useRealTimers());

describe('a corrupt autosave when storage is full', () => {
  it('is kept in place, the message says it could not be set aside, and edits do not overwrite it until there is room', () => {
    const quota = { chars: 0 };
    const storage = fullStorage(quota);
    quota.chars = 200;
    storage.setItem(AUTOSAVE_KEY, CORRUPT);
    quota.chars = AUTOSAVE_KEY.length + CORRUPT.length; // full: nothing more fits
    loadStartScenario(store, '', storage);
    const alert = store.getState().alert!;
    expect(alert.title).toBe('Your saved scenario could not be read');
    expect(alert.reassurance).toContain('could not be set aside');
    expect(alert.reassurance).not.toContain('was kept');
    expect(storage.getItem(UNREADABLE_KEY)).toBeNull();

    const stop = startAutosave(store, storage);
    store.getState().editScenario((s) => ({ ...s, name: 'A new small one' }));
    vi.advanceTimersByTime(AUTOSAVE_DELAY_MS + 10);
    // The new scenario would have fitted in place of the old one, but it must not replace it.
    expect(storage.getItem(AUTOSAVE_KEY)).toBe(CORRUPT);
    expect(store.getState().toasts.at(-1)?.message).toContain('Autosave is paused');

    // Room appears: the next save first moves the unreadable copy aside, then saves.
    quota.chars = 1_000_000;
    store.getState().editScenario((s) => ({ ...s, name: 'A new small one, edited' }));
    vi.advanceTimersByTime(AUTOSAVE_DELAY_MS + 10);
    expect(storage.getItem(UNREADABLE_KEY)).toBe(CORRUPT);
    expect(JSON.parse(storage.getItem(AUTOSAVE_KEY)!).name).toBe('A new small one, edited');
    stop();
  });

  it('with room, is set aside and the message says so', () => {
    const storage = fullStorage({ chars: 1_000_000 });
    storage.setItem(AUTOSAVE_KEY, CORRUPT);
    loadStartScenario(store, '', storage);
    expect(store.getState().alert!.reassurance).toContain('the unreadable copy was kept in local storage');
    expect(storage.getItem(UNREADABLE_KEY)).toBe(CORRUPT);
  });
});
