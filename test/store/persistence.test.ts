/**
 * Autosave: debounced, written as a versioned scenario, read back through the
 * decoder, never trusted blindly and never allowed to crash the app.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AUTOSAVE_DELAY_MS, AUTOSAVE_KEY, readAutosave, startAutosave, UNREADABLE_KEY, writeAutosave } from '../../src/persistence/autosave';
import { PREFERENCES_KEY, readPreferences } from '../../src/persistence/preferences';
import { defaultScenario } from '../../src/scenario/presets';
import { createAppStore, type AppStore } from '../../src/store';

/** An in-memory Storage. */
function memoryStorage(): Storage {
  const data = new Map<string, string>();
  return {
    get length() {
      return data.size;
    },
    clear: () => data.clear(),
    getItem: (k) => data.get(k) ?? null,
    key: (i) => [...data.keys()][i] ?? null,
    removeItem: (k) => void data.delete(k),
    setItem: (k, v) => void data.set(k, String(v)),
  };
}

let store: AppStore;
let storage: Storage;
beforeEach(() => {
  store = createAppStore();
  storage = memoryStorage();
  vi.useFakeTimers();
});
afterEach(() => vi.useRealTimers());

describe('reading and writing', () => {
  it('round-trips a scenario through the decoder', () => {
    const scenario = { ...defaultScenario(), name: 'Saved' };
    expect(writeAutosave(storage, scenario)).toBe(true);
    const read = readAutosave(storage);
    expect(read).toEqual({ ok: true, scenario, warnings: [] });
    expect(JSON.parse(storage.getItem(AUTOSAVE_KEY)!).version).toBe(2);
  });

  it('nothing saved is not an error', () => {
    expect(readAutosave(storage)).toBeNull();
    expect(readAutosave(undefined)).toBeNull();
  });

  it('corrupt data is reported with the decoder’s message and kept aside, not thrown', () => {
    storage.setItem(AUTOSAVE_KEY, '{"version":1,"nodes":[{"id":"a","kind":"warp-drive"}]}');
    const read = readAutosave(storage);
    expect(read?.ok).toBe(false);
    if (read && !read.ok) expect(read.error.message).toMatch(/^nodes\[0\]\.kind: expected an object whose "kind" is one of/);
    expect(storage.getItem(UNREADABLE_KEY)).toContain('warp-drive');
  });

  it('storage that throws (blocked, full) never crashes the app', () => {
    const hostile = {
      ...memoryStorage(),
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    } as Storage;
    expect(readAutosave(hostile)).toBeNull();
    expect(writeAutosave(hostile, defaultScenario())).toBe(false);
  });
});

describe('autosave', () => {
  it('saves a moment after the last edit, not on every keystroke', () => {
    const stop = startAutosave(store, storage);
    const setItem = vi.spyOn(storage, 'setItem');
    for (const name of ['M', 'My', 'My p', 'My plan']) {
      store.getState().editScenario((s) => ({ ...s, name }), { mergeKey: 'name' });
      vi.advanceTimersByTime(AUTOSAVE_DELAY_MS / 4);
    }
    expect(setItem).not.toHaveBeenCalled();
    vi.advanceTimersByTime(AUTOSAVE_DELAY_MS);
    expect(setItem).toHaveBeenCalledTimes(1);
    expect(readAutosave(storage)).toMatchObject({ ok: true, scenario: { name: 'My plan' } });
    stop();
  });

  it('a scenario opened from a link is not saved until the user edits it', () => {
    writeAutosave(storage, { ...defaultScenario(), name: 'Mine' });
    const stop = startAutosave(store, storage);
    store.getState().resetScenario({ ...defaultScenario(), name: 'Shared' }, { viewingSharedLink: true });
    store.getState().select(['api']);
    vi.advanceTimersByTime(AUTOSAVE_DELAY_MS * 3);
    expect(readAutosave(storage)).toMatchObject({ ok: true, scenario: { name: 'Mine' } });

    store.getState().updateNode('api', (n) => ({ ...n, label: 'Gateway' }));
    vi.advanceTimersByTime(AUTOSAVE_DELAY_MS * 3);
    expect(readAutosave(storage)).toMatchObject({ ok: true, scenario: { name: 'Shared' } });
    stop();
  });
});

describe('preferences', () => {
  it('are read field by field; garbage falls back to defaults', () => {
    storage.setItem(PREFERENCES_KEY, JSON.stringify({ theme: 'dark', snapToGrid: 'yes', chartsHeight: 1e9 }));
    expect(readPreferences(storage)).toEqual({ theme: 'dark', chartsHeight: 800 });
    storage.setItem(PREFERENCES_KEY, 'not json');
    expect(readPreferences(storage)).toEqual({ theme: 'light' });
  });
});
