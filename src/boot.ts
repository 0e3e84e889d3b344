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
import { forgetLinkInAddressBar, loadStartScenario, syncAddressBar } from './persistence/share';
import { setHeadlessRunner } from './lab/headless';
import { workerHeadlessRunner } from './lab/workerRunner';
import { leftHanging, startLiveRuns } from './run/controller';
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
  const start = loadStartScenario(store, window.location.hash, storage);
  // A scenario that hung the simulation last time (or was running when the page died) opens paused.
  const hanging = leftHanging(store.getState().scenario, storage);
  // A link that failed to open keeps its own alert; the run still starts paused.
  if (hanging && !store.getState().alert) {
    store.getState().showAlert({
      title: 'This scenario is open, paused',
      message:
        hanging === 'hung'
          ? 'Last time it ran, the simulation stopped answering and was stopped.'
          : 'Last time it ran, the page closed while the simulation was not answering.',
      reassurance: 'It is not running now, so it cannot hang the page again; press Play to try it, or change it first.',
    });
  }
  stops.push(
    startAutosave(store, storage),
    syncAddressBar(store),
    applyTheme(store),
    installShortcuts(window),
    startLiveRuns(store, { storage, autoplay: !hanging }),
  );
  // After the live runs: a lesson opened by a deep link starts its own run, paused.
  stops.push(startLessons(store, storage));
  // Last, once everything that reads the address bar at start-up has seen the link as it was: a
  // broken link, now explained, leaves it, so that a reload does not show the same error again.
  if (start.brokenLink) forgetLinkInAddressBar();
  return () => stops.forEach((stop) => stop());
}
