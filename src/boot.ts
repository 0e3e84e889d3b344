/**
 * Start-up, before the first paint: preferences, the scenario to show (a
 * share link, else the autosave, else the default), the subscribers that
 * keep storage, the address bar, the theme and the keyboard in step, the
 * live simulation (started once the scenario is known, so the first run is
 * the one on screen), and the lessons (a `#lesson=` link, the lesson left
 * open, or the first-visit intro).
 */
import { installShortcuts } from './actions/shortcuts';
import { startLessons } from './lessons/runner';
import { browserStorage, startAutosave } from './persistence/autosave';
import { startPreferences } from './persistence/preferences';
import { loadStartScenario, syncAddressBar } from './persistence/share';
import { setHeadlessRunner } from './lab/headless';
import { workerHeadlessRunner } from './lab/workerRunner';
import { startLiveRuns } from './run/controller';
import type { AppStore } from './store';

function applyTheme(store: AppStore): () => void {
  const apply = (theme: string) => {
    document.documentElement.dataset.theme = theme;
    document.documentElement.style.colorScheme = theme;
  };
  apply(store.getState().theme);
  return store.subscribe((s, prev) => {
    if (s.theme !== prev.theme) apply(s.theme);
  });
}

/** Boots the app around `store`; returns a function that undoes every subscription. */
export function startApp(store: AppStore): () => void {
  const storage = browserStorage();
  setHeadlessRunner(workerHeadlessRunner());
  const stops = [startPreferences(store, storage)];
  loadStartScenario(store, window.location.hash, storage);
  stops.push(startAutosave(store, storage), syncAddressBar(store), applyTheme(store), installShortcuts(window), startLiveRuns(store));
  // After the live runs: a lesson opened by a deep link starts its own run, paused.
  stops.push(startLessons(store, storage));
  return () => stops.forEach((stop) => stop());
}
