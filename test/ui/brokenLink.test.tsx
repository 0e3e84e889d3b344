/**
 * A broken share link is explained once: the alert shows, `#s=` leaves the
 * address bar (other parameters stay), and a reload opens the user's own
 * work. Clearing it writes nothing to storage, so the autosave that every
 * open tab shares is neither rewritten nor lost — not by the tab that opened
 * the link, and not for the tab that made the work.
 */
import { act, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Banners } from '../../src/feedback/Banners';
import { AUTOSAVE_DELAY_MS, AUTOSAVE_KEY, readAutosave, startAutosave, writeAutosave } from '../../src/persistence/autosave';
import { forgetLinkInAddressBar, loadStartScenario, syncAddressBar } from '../../src/persistence/share';
import { defaultScenario } from '../../src/scenario/presets';
import { shareUrl } from '../../src/scenario/url';
import { createAppStore, type AppStore } from '../../src/store';

const BROKEN = '#s=N4IgdghgtgpiBcIBKMDGB7AJg';

/** One browser tab: its own store on the shared storage, booted the way the app boots (without the simulation). */
function openTab(storage: Storage): { store: AppStore; close: () => void } {
  const store = createAppStore();
  const start = loadStartScenario(store, window.location.hash, storage);
  const stops = [startAutosave(store, storage), syncAddressBar(store)];
  if (start.brokenLink) forgetLinkInAddressBar();
  return {
    store,
    close: () => {
      window.dispatchEvent(new Event('pagehide'));
      stops.forEach((stop) => stop());
    },
  };
}

beforeEach(() => {
  localStorage.clear();
  window.history.replaceState(null, '', '/');
});
afterEach(() => {
  vi.useRealTimers();
  window.history.replaceState(null, '', '/');
});

describe('a broken share link', () => {
  it('shows what was wrong over the user’s own work, and leaves the address bar, keeping a lesson parameter', () => {
    writeAutosave(localStorage, { ...defaultScenario(), name: 'My capacity plan' });
    window.history.replaceState(null, '', `/${BROKEN}&lesson=percentiles`);
    const tab = openTab(localStorage);
    expect(tab.store.getState().alert?.title).toBe('This link could not be opened');
    expect(tab.store.getState().scenario.name).toBe('My capacity plan');
    expect(tab.store.getState().viewingSharedLink).toBe(false);
    expect(window.location.hash).toBe('#lesson=percentiles');
    tab.close();
  });

  it('is not shown again on a reload, which opens the autosave', () => {
    writeAutosave(localStorage, { ...defaultScenario(), name: 'My capacity plan' });
    window.history.replaceState(null, '', `/${BROKEN}`);
    openTab(localStorage).close();
    expect(window.location.hash).toBe('');
    const reloaded = openTab(localStorage);
    expect(reloaded.store.getState().alert).toBeNull();
    expect(reloaded.store.getState().scenario.name).toBe('My capacity plan');
    reloaded.close();
  });

  it('writes nothing to storage: the tab that opened it never saves over the autosave, even when it closes', () => {
    vi.useFakeTimers();
    writeAutosave(localStorage, { ...defaultScenario(), name: 'My capacity plan' });
    const before = localStorage.getItem(AUTOSAVE_KEY);
    const setItem = vi.spyOn(Storage.prototype, 'setItem');
    window.history.replaceState(null, '', `/${BROKEN}`);
    const tab = openTab(localStorage);
    vi.advanceTimersByTime(AUTOSAVE_DELAY_MS * 5);
    tab.close();
    expect(setItem).not.toHaveBeenCalled();
    expect(localStorage.getItem(AUTOSAVE_KEY)).toBe(before);
    setItem.mockRestore();
  });

  it('leaves a second tab’s later work alone: the work another tab saved after the link was opened is what a reload shows', () => {
    vi.useFakeTimers();
    // Tab A: the user's work, autosaved.
    const a = openTab(localStorage);
    act(() => a.store.getState().editScenario((s) => ({ ...s, name: 'Plan v1' })));
    vi.advanceTimersByTime(AUTOSAVE_DELAY_MS + 1);
    // Tab B opens a broken link: it shows tab A's work, and its address bar is cleared.
    window.history.replaceState(null, '', `/${BROKEN}`);
    const b = openTab(localStorage);
    expect(b.store.getState().scenario.name).toBe('Plan v1');
    // Tab A keeps working after B opened.
    act(() => a.store.getState().editScenario((s) => ({ ...s, name: 'Plan v2' })));
    vi.advanceTimersByTime(AUTOSAVE_DELAY_MS + 1);
    // B goes away (a reload): it must not put back what it had on screen.
    b.close();
    expect(readAutosave(localStorage)).toMatchObject({ ok: true, scenario: { name: 'Plan v2' } });
    const reloaded = openTab(localStorage);
    expect(reloaded.store.getState().alert).toBeNull();
    expect(reloaded.store.getState().scenario.name).toBe('Plan v2');
    reloaded.close();
    a.close();
  });

  it('pasted into the address bar of an open tab is explained and taken out again, the work on screen unchanged', () => {
    writeAutosave(localStorage, { ...defaultScenario(), name: 'Mine' });
    const tab = openTab(localStorage);
    const before = tab.store.getState().scenario;
    act(() => {
      window.history.replaceState(null, '', `/${BROKEN}`);
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
    expect(tab.store.getState().alert?.title).toBe('This link could not be opened');
    expect(window.location.hash).toBe('');
    expect(tab.store.getState().scenario).toBe(before);
    tab.close();
  });

  it('only a broken link is taken out: a link that opens stays until the user edits', () => {
    writeAutosave(localStorage, { ...defaultScenario(), name: 'Mine' });
    const link = shareUrl({ ...defaultScenario(), name: 'Shared' }, 'http://localhost/');
    window.history.replaceState(null, '', `/${new URL(link).hash}`);
    const tab = openTab(localStorage);
    expect(tab.store.getState().scenario.name).toBe('Shared');
    expect(window.location.hash).toMatch(/^#s=/);
    act(() => tab.store.getState().editScenario((s) => ({ ...s, name: 'Forked' })));
    expect(window.location.hash).toBe('');
    tab.close();
  });
});

describe('the alert on screen', () => {
  it('says what was wrong and that the user’s work is still there', async () => {
    const { useAppStore } = await import('../../src/store');
    writeAutosave(localStorage, { ...defaultScenario(), name: 'My capacity plan' });
    window.history.replaceState(null, '', `/${BROKEN}`);
    const start = loadStartScenario(useAppStore, window.location.hash, localStorage);
    if (start.brokenLink) forgetLinkInAddressBar();
    render(<Banners />);
    expect(screen.getByRole('alert')).toHaveTextContent('This link could not be opened');
    expect(screen.getByRole('alert')).toHaveTextContent('Your own scenario is still here, unchanged.');
    expect(window.location.hash).toBe('');
  });
});
