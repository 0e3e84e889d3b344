/**
 * The live simulation: status, speed, what the charts show, and the data the
 * worker streams. Never undone (zundo tracks the scenario only).
 *
 * Commands (playRun, pauseRun, …) go to the run driver the controller
 * attached (src/run/driver.ts) and update the status at once, so the buttons answer immediately; worker
 * events arrive through receiveRunEvents, batched per animation frame by the
 * controller, and are folded in by the pure reducer in src/run/liveReducer.ts.
 */
import type { StateCreator } from 'zustand';
import type { RunDriver } from '../run/driver';
import { reduceRunEvents, type LiveRun, type RunError, type RunStatus } from '../run/liveReducer';
import { addFault } from '../scenario/edit';
import type { Scenario, ScenarioFault } from '../scenario/schema';
import type { Speed, WorkerEvent } from '../worker/protocol';
import type { AppState } from './index';

export type { LiveRun, RunError, RunStatus };

export type LatencyScale = 'linear' | 'log';

/** Sliding windows the charts offer, simulated seconds. */
export const CHART_WINDOWS_SEC = [30, 60, 300, 600] as const;

/** The speed a new session starts at: 10 simulated seconds per second, so 1-second windows land 10 times a second. */
export const DEFAULT_SPEED: Speed = 10;
/** The chart window a session starts with, and a lesson starts from. */
export const DEFAULT_CHART_WINDOW_SEC = 60;

export interface RunSlice {
  /** What the run commands drive (the worker, through the controller); null until one is attached. */
  runDriver: RunDriver | null;
  runStatus: RunStatus;
  runSpeed: Speed;
  runError: RunError | null;
  /** The run the page follows; events of any other run are ignored. */
  runId: number;
  /** The last command sent to it (snapshots older than this do not change the status). */
  runCommandSeq: number;
  live: LiveRun | null;
  /** The scenario the current run was started with (the results panel's theory check reads its parameters). */
  runScenario: Scenario | null;
  /** The charts show the last this many simulated seconds. */
  chartWindowSec: number;
  latencyScale: LatencyScale;
  /** The key of a keyed scenario whose copies the key chart follows, kept across runs; null until one is picked (watchedKeyOf picks one). */
  watchedKey: number | null;

  /** Starts the current scenario from time 0 (playing or paused). */
  loadRun: (play: boolean) => void;
  playRun: () => void;
  pauseRun: () => void;
  /** Advances one simulated second, then pauses. */
  stepRun: () => void;
  /** Back to time 0, paused. */
  resetRun: () => void;
  /** After a crash: a fresh worker, and the current scenario runs again. */
  restartRun: () => void;
  setRunSpeed: (speed: Speed) => void;
  /**
   * Breaks something: a fault joins the running run at once, without a restart (the worker picks
   * the start: now, to a tenth of a second); with no run going it is added to the scenario as given.
   */
  breakNow: (fault: ScenarioFault) => void;
  /** Sets the scenario's seed (part of the scenario, so share links reproduce the run); the run restarts. */
  setRunSeed: (seed: number) => void;
  setChartWindowSec: (sec: number) => void;
  setLatencyScale: (scale: LatencyScale) => void;
  /**
   * Watches `key` (an integer from 0): from now in the current run — its state at every copy now,
   * then what happens to it — and from the start in runs loaded afterwards. With `fromStart`, or
   * once the run is over, the run starts again so that the whole history shows (the same run:
   * watching changes no result).
   */
  watchKey: (key: number, fromStart?: boolean) => void;
  /** The controller attaches its driver at start-up and detaches it (null) when it stops. */
  attachRunDriver: (driver: RunDriver | null) => void;
  /** Folds worker events into the store (the controller calls this once per animation frame). */
  receiveRunEvents: (events: readonly WorkerEvent[]) => void;
}

export const createRunSlice: StateCreator<AppState, [['temporal', unknown]], [], RunSlice> = (set, get) => {
  const load = (play: boolean, restart = false) => {
    const driver = get().runDriver;
    if (!driver) return;
    const { scenario, runSpeed } = get();
    const { runId, seq } = restart ? driver.restart(scenario, runSpeed, play) : driver.load(scenario, runSpeed, play);
    set({ runId, runCommandSeq: seq, runStatus: play ? 'running' : 'paused', runError: null, runScenario: scenario });
  };
  const command = (send: (d: RunDriver) => number, status: RunStatus) => {
    const driver = get().runDriver;
    if (!driver) return;
    set({ runCommandSeq: send(driver), runStatus: status });
  };

  return {
    runDriver: null,
    runStatus: 'idle',
    runSpeed: DEFAULT_SPEED,
    runError: null,
    runId: 0,
    runCommandSeq: 0,
    live: null,
    runScenario: null,
    chartWindowSec: DEFAULT_CHART_WINDOW_SEC,
    latencyScale: 'linear',
    watchedKey: null,

    loadRun: (play) => load(play),
    playRun: () => {
      const { runStatus, live } = get();
      // A finished (or never started) run plays again from the start; after a crashed or hung
      // worker, Play is a restart: it must not wait on a worker that is gone.
      if (get().runError?.kind === 'crashed') load(true, true);
      else if (runStatus === 'finished' || runStatus === 'idle' || !live) load(true);
      else if (runStatus !== 'error') command((d) => d.play(), 'running');
    },
    pauseRun: () => {
      if (get().runStatus === 'running') command((d) => d.pause(), 'paused');
    },
    stepRun: () => {
      const { runStatus, live } = get();
      if ((runStatus === 'running' || runStatus === 'paused') && live) command((d) => d.step(), 'paused');
    },
    resetRun: () => load(false),
    restartRun: () => load(true, true),
    setRunSpeed: (speed) => {
      set({ runSpeed: speed });
      get().runDriver?.setSpeed(speed);
    },
    breakNow: (fault) => {
      const { runDriver, runStatus, live, editScenario } = get();
      if (runDriver && live && (runStatus === 'running' || runStatus === 'paused')) runDriver.injectFault(fault);
      else editScenario((s) => addFault(s, fault).scenario);
    },
    setRunSeed: (seed) => {
      const { scenario, editScenario } = get();
      if (Number.isInteger(seed) && seed >= 0 && seed <= 2 ** 32 - 1 && seed !== scenario.seed) editScenario((s) => ({ ...s, seed }), { mergeKey: 'seed' });
    },
    attachRunDriver: (driver) => set({ runDriver: driver }),
    setChartWindowSec: (sec) => set({ chartWindowSec: sec }),
    setLatencyScale: (scale) => set({ latencyScale: scale }),
    watchKey: (key, fromStart = false) => {
      if (!Number.isInteger(key) || key < 0) return;
      set({ watchedKey: key });
      // A load tells the worker the key (controller.ts): the new run watches it from time 0.
      // A run that is over has nothing left to watch: the key's run starts again.
      if (fromStart || get().runStatus === 'finished') load(get().runStatus !== 'paused');
      else get().runDriver?.watchKey?.(key);
    },
    receiveRunEvents: (events) => {
      const state = get();
      const next = reduceRunEvents(
        { runId: state.runId, runCommandSeq: state.runCommandSeq, runStatus: state.runStatus, runError: state.runError, live: state.live },
        events,
      );
      if (next.live !== state.live || next.runStatus !== state.runStatus || next.runError !== state.runError) {
        set({ live: next.live, runStatus: next.runStatus, runError: next.runError });
      }
    },
  };
};
