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
import type { Scenario } from '../scenario/schema';
import type { AppState } from '../store';
import { SimWorkerClient, type WorkerLike } from '../worker/client';
import type { Speed, WorkerEvent } from '../worker/protocol';
import type { RunDriver } from './driver';
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

  const connect = () =>
    new SimWorkerClient({
      createWorker: options.createWorker,
      onEvent: enqueue,
      onCrash: (message) => {
        pending = [];
        store.getState().receiveRunEvents([{ type: 'error', runId: currentRunId, seq: client.lastSeq, message }]);
      },
    });
  client = connect();

  const driver: RunDriver = {
    load(scenario: Scenario, speed: Speed, play: boolean) {
      if (client.dead) client = connect();
      currentRunId = ++nextRunId;
      loadedKey = simulationKey(scenario);
      return { runId: currentRunId, seq: client.load(currentRunId, scenario, speed, play) };
    },
    play: () => client.play(),
    pause: () => client.pause(),
    step: () => client.step(),
    setSpeed: (speed) => client.setSpeed(speed),
    restart(scenario, speed, play) {
      client.terminate();
      pending = [];
      client = connect();
      return driver.load(scenario, speed, play);
    },
  };
  store.getState().attachRunDriver(driver);

  let loadedKey = '';
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

  store.getState().loadRun(options.autoplay ?? true);

  return () => {
    unsubscribe();
    if (debounce !== null) clearTimeout(debounce);
    if (fallback !== null) clearTimeout(fallback);
    store.getState().attachRunDriver(null);
    client.terminate();
  };
}
