/**
 * Connects the store to the simulation worker, outside React:
 * - attaches the run driver the store's run commands use;
 * - starts the scenario on start-up (the app opens with a run playing);
 * - restarts the run, debounced, whenever the scenario changes in a way the
 *   simulation can see (moving a node or renaming it does not restart);
 * - batches worker events into the store once per animation frame (applied
 *   just after the frame, in a task of their own).
 */
import type { StoreApi } from 'zustand';
import { faultSummary, faultTarget } from '../faults/faultParams';
import { addFault } from '../scenario/edit';
import type { Scenario } from '../scenario/schema';
import type { AppState } from '../store';
import { fingerprint, readRunMarker, writeRunMarker } from '../persistence/runMarker';
import { DEFAULT_WATCHDOG, SimWorkerClient, type WatchdogOptions, type WorkerLike } from '../worker/client';
import type { Speed, WorkerEvent } from '../worker/protocol';
import { clearSampledTraces, dotsEnabled, feedSampledTraces, useTraceStore } from '../trace/traceStore';
import type { RunDriver } from './driver';
import { watchedKeyOf } from './keyTimeline';
import { compactEvents } from './liveReducer';

/** Quiet time after the last edit before the run restarts, ms (a slider drag restarts once). */
export const RESTART_DEBOUNCE_MS = 250;

/** A fingerprint of what the simulation sees: layout, labels and the scenario's own name are left out. */
export function simulationKey(scenario: Scenario): string {
  // Renaming the scenario changes no number: the run keeps going under its new name.
  return JSON.stringify({ ...scenario, name: '' }, (key, value) => (key === 'position' || key === 'label' ? undefined : value));
}

/**
 * Runs `fn` once per animation frame, in a task of its own just after the
 * frame: the store update and the React render it causes stay out of the
 * frame's own task (style, layout, paint), so neither grows long.
 */
function afterNextFrame(fn: () => void): void {
  requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      fn();
    };
    channel.port2.postMessage(null);
  });
}

/**
 * Store updates from the worker are at least this far apart, ms: each one
 * re-renders the canvas's live numbers and hands the charts new windows, and
 * on a slow machine one per frame is more work than the frame has room for.
 * About seven a second still moves the charts with every window at 10×.
 */
export const MIN_FLUSH_INTERVAL_MS = 140;

let lastFlushAt = -Infinity;

/** `afterNextFrame`, but never sooner than MIN_FLUSH_INTERVAL_MS after the previous one. */
function afterNextFrameThrottled(fn: () => void): void {
  const wait = lastFlushAt + MIN_FLUSH_INTERVAL_MS - performance.now();
  const run = () =>
    afterNextFrame(() => {
      lastFlushAt = performance.now();
      fn();
    });
  if (wait > 0) setTimeout(run, wait);
  else run();
}

export interface ControllerOptions {
  createWorker?: () => WorkerLike;
  /** Start the scenario at once (default true). */
  autoplay?: boolean;
  /** Schedules the once-per-frame flush of worker events into the store (default: just after the next frame). */
  requestFrame?: (fn: () => void) => void;
  debounceMs?: number;
  /** The worker watchdog (default: on for the real worker, off for a `createWorker` fake unless given). */
  watchdog?: WatchdogOptions | false;
  /** Where the run-in-progress marker is kept (runMarker.ts); absent: nowhere. */
  storage?: Storage;
}

/** A worker silent this long is not given a new run (Reset, an edit): a fresh one is started instead. */
export const SUSPECT_SILENCE_MS = 1500;

/**
 * Whether the scenario about to open was left running by a page that went away without a worker
 * that answered, or hung the worker: then it opens paused (boot.ts).
 */
export function leftHanging(scenario: Scenario, storage: Storage | undefined): 'running' | 'hung' | null {
  const marker = readRunMarker(storage);
  return marker && marker.key === fingerprint(simulationKey(scenario)) ? marker.state : null;
}

/** Starts live runs for the store; returns a function that stops everything. */
export function startLiveRuns(store: StoreApi<AppState>, options: ControllerOptions = {}): () => void {
  const requestFrame = options.requestFrame ?? afterNextFrameThrottled;
  const debounceMs = options.debounceMs ?? RESTART_DEBOUNCE_MS;
  let nextRunId = 0;
  let currentRunId = 0;
  let client: SimWorkerClient;
  let pending: WorkerEvent[] = [];
  let frameRequested = false;
  let fallback: ReturnType<typeof setTimeout> | null = null;

  const flush = () => {
    frameRequested = false;
    if (fallback !== null) clearTimeout(fallback);
    fallback = null;
    if (pending.length === 0) return;
    const events = compactEvents(pending, store.getState().live?.maxWindows);
    pending = [];
    store.getState().receiveRunEvents(events);
  };

  const enqueue = (event: WorkerEvent) => {
    pending.push(event);
    if (pending.length > 64) pending = compactEvents(pending, store.getState().live?.maxWindows);
    if (!frameRequested) {
      frameRequested = true;
      requestFrame(flush);
      // A hidden tab gets no frames: keep the store current anyway, at a slow pace.
      fallback = setTimeout(flush, 1000);
    }
  };

  const watchdog = options.watchdog ?? (options.createWorker ? false : DEFAULT_WATCHDOG);
  const storage = options.storage;
  const connect = () =>
    new SimWorkerClient({
      createWorker: options.createWorker,
      watchdog,
      onEvent: (event) => {
        if (event.type === 'faultInjected') faultJoined(event);
        else if (event.type === 'trace') {
          if (event.runId === currentRunId) useTraceStore.getState().answered(event.op, event.trace, event.message);
        } else {
          // The dots take sampled requests straight from the worker, not through the store.
          if (event.type === 'snapshot' && event.traces && event.runId === currentRunId) feedSampledTraces(event.traces);
          enqueue(event);
        }
      },
      onCrash: (message, cause) => {
        pending = [];
        if (cause === 'hung') writeRunMarker(storage, { key: fingerprint(loadedKey), state: 'hung' });
        store.getState().receiveRunEvents([{ type: 'error', runId: currentRunId, seq: client.lastSeq, message }]);
      },
    });
  client = connect();
  /** A dead worker, or one silent past SUSPECT_SILENCE_MS, is replaced rather than trusted with a command. */
  const usable = () => {
    if (client.dead || (watchdog && client.silentForMs >= SUSPECT_SILENCE_MS)) {
      client.terminate();
      pending = [];
      client = connect();
    }
    return client;
  };

  const driver: RunDriver = {
    load(scenario: Scenario, speed: Speed, play: boolean) {
      const c = usable();
      currentRunId = ++nextRunId;
      loadedKey = simulationKey(scenario);
      // Trying a marked scenario again: if it hangs again, the watchdog marks it again.
      if (play && readRunMarker(storage)?.key === fingerprint(loadedKey)) writeRunMarker(storage, null);
      clearSampledTraces();
      c.sampleTraces(dotsEnabled());
      c.watchKey(watchedKeyOf(scenario, store.getState().watchedKey));
      return { runId: currentRunId, seq: c.load(currentRunId, scenario, speed, play) };
    },
    play: () => client.play(),
    pause: () => client.pause(),
    step: () => client.step(),
    setSpeed: (speed) => client.setSpeed(speed),
    injectFault: (fault) => client.injectFault(fault),
    traceNext: (op) => client.traceNext(op),
    sampleTraces: (on) => client.sampleTraces(on),
    watchKey: (key) => client.watchKey(key),
    restart(scenario, speed, play) {
      client.terminate();
      pending = [];
      client = connect();
      return driver.load(scenario, speed, play);
    },
  };
  store.getState().attachRunDriver(driver);

  let loadedKey = '';
  /**
   * A fault joined the running run ("break it now"): it becomes part of the scenario — so undo
   * takes it out again and a share link reproduces it — without a restart, since the run goes on
   * exactly as a run of the new scenario would (Simulation.injectFault).
   */
  function faultJoined(event: Extract<WorkerEvent, { type: 'faultInjected' }>): void {
    if (event.runId !== currentRunId) return;
    const s = store.getState();
    if (event.fault === null) {
      s.showToast(`Could not break it now: ${event.message ?? 'the run cannot take it'}`, 'error');
      return;
    }
    const fault = event.fault;
    const matched = simulationKey(s.scenario) === loadedKey;
    s.editScenario((sc) => addFault(sc, fault).scenario);
    const where = faultTarget(store.getState().scenario, fault.target);
    s.showToast(`Broke ${where?.name ?? fault.target}: ${faultSummary(fault)}.`, 'info');
    if (!matched) return;
    // Unless the scenario had edits of its own waiting, the run is the new scenario's run.
    const next = store.getState().scenario;
    loadedKey = simulationKey(next);
    store.setState({ runScenario: next });
  }
  let debounce: ReturnType<typeof setTimeout> | null = null;
  const unsubscribe = store.subscribe((state, prev) => {
    if (state.scenario === prev.scenario) return;
    if (debounce !== null) clearTimeout(debounce);
    debounce = setTimeout(() => {
      debounce = null;
      const s = store.getState();
      if (simulationKey(s.scenario) === loadedKey) return;
      // An edit restarts the run playing: the point is to see what the change does.
      s.loadRun(true);
    }, debounceMs);
  });

  // The dots turned on or off (a toggle, or the system's reduced-motion setting): sampling follows.
  const unsubscribeDots = useTraceStore.subscribe((t, prev) => {
    const on = dotsEnabled(t);
    if (on !== dotsEnabled(prev)) client.sampleTraces(on);
  });
  const motion = typeof window !== 'undefined' ? window.matchMedia?.('(prefers-reduced-motion: reduce)') : undefined;
  const onMotion = (e: MediaQueryListEvent) => useTraceStore.getState().setReducedMotion(e.matches);
  motion?.addEventListener?.('change', onMotion);

  store.getState().loadRun(options.autoplay ?? true);

  // A page going away while its worker is silent (reloaded before the watchdog gave up) marks the run.
  // Only then: a marker written while runs play would make every other open tab start paused.
  const onHide = () => {
    if (client.dead || !watchdog || client.silentForMs < SUSPECT_SILENCE_MS) return;
    if (readRunMarker(storage)?.state !== 'hung') writeRunMarker(storage, { key: fingerprint(loadedKey), state: 'running' });
  };
  if (storage && typeof window !== 'undefined') window.addEventListener('pagehide', onHide);

  return () => {
    if (storage && typeof window !== 'undefined') window.removeEventListener('pagehide', onHide);
    unsubscribe();
    unsubscribeDots();
    motion?.removeEventListener?.('change', onMotion);
    if (debounce !== null) clearTimeout(debounce);
    if (fallback !== null) clearTimeout(fallback);
    store.getState().attachRunDriver(null);
    client.terminate();
  };
}
