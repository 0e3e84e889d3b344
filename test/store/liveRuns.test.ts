import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { leftHanging, RESTART_DEBOUNCE_MS, simulationKey, startLiveRuns } from '../../src/run/controller';
import { useAppStore } from '../../src/store';
import { RUN_MARKER_KEY } from '../../src/persistence/runMarker';
import { DEFAULT_WATCHDOG, type WorkerLike } from '../../src/worker/client';
import type { WorkerCommand, WorkerMessage, WorkerReply } from '../../src/worker/protocol';
import { SimRunner } from '../../src/worker/runner';
import { preset, TestClock } from '../worker/harness';

/** A "worker" that runs the real runner in-process on a virtual clock, with structured cloning both ways. */
class InProcessWorker implements WorkerLike {
  onmessage: ((e: MessageEvent<WorkerReply>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  onmessageerror: ((e: MessageEvent) => void) | null = null;
  readonly commands: WorkerCommand[] = [];
  terminated = false;
  readonly runner: SimRunner;
  constructor(clock: TestClock) {
    this.runner = new SimRunner((e) => {
      if (!this.terminated && !this.stuck) this.onmessage?.({ data: structuredClone(e) } as MessageEvent<WorkerReply>);
    }, clock);
  }
  /** Stuck in an endless loop: nothing it is sent is handled or answered any more. */
  stuck = false;
  pings = 0;
  postMessage(msg: WorkerMessage): void {
    if (msg.type === 'ping') {
      this.pings++;
      if (!this.terminated && !this.stuck) this.onmessage?.({ data: { type: 'pong', id: msg.id } } as MessageEvent<WorkerReply>);
      return;
    }
    this.commands.push(msg);
    if (!this.terminated && !this.stuck) this.runner.handle(structuredClone(msg));
  }
  terminate(): void {
    this.terminated = true;
    this.runner.handle({ type: 'dispose', seq: 0 });
  }
  crash(message: string): void {
    this.onerror?.({ message, preventDefault() {} } as ErrorEvent);
  }
}

const initial = useAppStore.getState();
let clock: TestClock;
let workers: InProcessWorker[];
let frames: (() => void)[];
let stop: () => void;

/** Lets `ms` of wall time pass: the worker runs, then one animation frame flushes its events into the store. */
function elapse(ms: number) {
  clock.advance(ms);
  const due = frames;
  frames = [];
  for (const f of due) f();
}

beforeEach(() => {
  vi.useFakeTimers();
  // Cache-aside: readers and writers through an API, a cache and a database.
  useAppStore.setState({ ...initial, scenario: preset('cache-aside') }, true);
  clock = new TestClock('virtual');
  workers = [];
  frames = [];
  stop = startLiveRuns(useAppStore, {
    createWorker: () => {
      const w = new InProcessWorker(clock);
      workers.push(w);
      return w;
    },
    requestFrame: (fn) => frames.push(fn),
  });
});

afterEach(() => {
  stop();
  vi.useRealTimers();
});

describe('live runs: store ⇄ worker', () => {
  it('the app opens with its scenario already running at 10×, and charts data arrive within a second', () => {
    expect(workers).toHaveLength(1);
    // The request dots and the watched key are asked for before the load, so the run samples and watches from its start.
    expect(workers[0].commands.map((c) => c.type).slice(0, 3)).toEqual(['sampleTraces', 'watchKey', 'load']);
    // A scenario without keys watches none.
    expect(workers[0].commands[1]).toMatchObject({ type: 'watchKey', key: null });
    expect(workers[0].commands[2]).toMatchObject({ type: 'load', play: true, speed: 10, runId: 1 });
    expect(useAppStore.getState().runStatus).toBe('running');
    elapse(500);
    const live = useAppStore.getState().live!;
    expect(live.meta.ops).toEqual(['read', 'write']);
    expect(live.windows.length).toBeGreaterThanOrEqual(4);
    expect(live.nodeStats.api.utilization).toBeGreaterThan(0);
    expect(live.edgeStats['readers-api'].callsPerSec).toBeGreaterThan(300);
  });

  it('events are applied once per animation frame, not per message', () => {
    const spy = vi.spyOn(useAppStore.getState(), 'receiveRunEvents');
    useAppStore.setState({ receiveRunEvents: spy });
    clock.advance(1000); // ~10 snapshots, no frame yet
    expect(spy).not.toHaveBeenCalled();
    const f = frames;
    frames = [];
    f.forEach((fn) => fn());
    expect(spy).toHaveBeenCalledTimes(1);
    expect(spy.mock.calls[0][0].length).toBeLessThanOrEqual(2); // compacted
  });

  it('Pause freezes the data; Play resumes', () => {
    elapse(500);
    useAppStore.getState().pauseRun();
    expect(useAppStore.getState().runStatus).toBe('paused');
    elapse(16);
    const frozen = useAppStore.getState().live!;
    elapse(3000);
    expect(useAppStore.getState().live).toBe(frozen);
    expect(useAppStore.getState().runStatus).toBe('paused');
    useAppStore.getState().playRun();
    elapse(500);
    expect(useAppStore.getState().live!.simSec).toBeGreaterThan(frozen.simSec + 4);
  });

  it('Step advances one simulated second while paused', () => {
    useAppStore.getState().pauseRun();
    elapse(16);
    const before = useAppStore.getState().live!.simSec;
    useAppStore.getState().stepRun();
    elapse(100);
    expect(useAppStore.getState().live!.simSec).toBe(Math.floor(before) + 1);
    expect(useAppStore.getState().runStatus).toBe('paused');
  });

  it('Reset goes back to 0 s, paused', () => {
    elapse(1000);
    useAppStore.getState().resetRun();
    elapse(16);
    const s = useAppStore.getState();
    expect(s.runStatus).toBe('paused');
    expect(s.live!.simSec).toBe(0);
    expect(s.live!.windows).toEqual([]);
  });

  it('editing a parameter restarts the run (debounced); moving or renaming a node, or renaming the scenario, does not', () => {
    elapse(500);
    const { scenario, replaceScenario: setScenario } = useAppStore.getState();
    expect(simulationKey({ ...scenario, name: 'My capacity plan' })).toBe(simulationKey(scenario));
    const moved = { ...scenario, name: 'Renamed', nodes: scenario.nodes.map((n) => ({ ...n, label: `${n.label}!`, position: { x: 1, y: 2 } })) };
    expect(simulationKey(moved)).toBe(simulationKey(scenario));
    setScenario(moved);
    vi.advanceTimersByTime(RESTART_DEBOUNCE_MS + 10);
    expect(workers[0].commands.filter((c) => c.type === 'load')).toHaveLength(1);

    // Three quick edits (a slider drag) restart once, with the last value.
    for (const rate of [500, 600, 700]) {
      const s = useAppStore.getState().scenario;
      setScenario({
        ...s,
        nodes: s.nodes.map((n) => (n.id === 'readers' && n.kind === 'client' ? { ...n, params: { ...n.params, arrival: { ...n.params.arrival, ratePerSec: rate } } } : n)),
      });
      vi.advanceTimersByTime(50);
    }
    vi.advanceTimersByTime(RESTART_DEBOUNCE_MS);
    const loads = workers[0].commands.filter((c) => c.type === 'load');
    expect(loads).toHaveLength(2);
    expect(useAppStore.getState().runStatus).toBe('running');
    elapse(1000);
    const live = useAppStore.getState().live!;
    expect(live.runId).toBe(2);
    expect(live.windows[0].index).toBe(0);
    // The charts reflect it: about 700 reads per second now.
    expect(live.windows.at(-1)!.ops[0].created).toBeGreaterThan(600);
  });

  it('the seed control sets the scenario\'s seed (so a link reproduces the run) and restarts', () => {
    useAppStore.getState().setRunSeed(42);
    expect(useAppStore.getState().scenario.seed).toBe(42);
    vi.advanceTimersByTime(RESTART_DEBOUNCE_MS + 10);
    const loads = workers[0].commands.filter((c) => c.type === 'load');
    expect(loads.at(-1)).toMatchObject({ type: 'load', scenario: { seed: 42 } });
    useAppStore.getState().setRunSeed(-1);
    useAppStore.getState().setRunSeed(1.5);
    expect(useAppStore.getState().scenario.seed).toBe(42);
  });

  it('a worker crash is shown as an error, the scenario is kept, and Restart runs it in a fresh worker', () => {
    elapse(300);
    const scenario = useAppStore.getState().scenario;
    workers[0].crash('out of memory');
    elapse(16);
    let s = useAppStore.getState();
    expect(s.runStatus).toBe('error');
    expect(s.runError?.kind).toBe('crashed');
    expect(s.runError?.message).toContain('out of memory');
    expect(s.scenario).toBe(scenario);
    s.restartRun();
    expect(workers).toHaveLength(2);
    expect(workers[0].terminated).toBe(true);
    elapse(500);
    s = useAppStore.getState();
    expect(s.runStatus).toBe('running');
    expect(s.runError).toBeNull();
    expect(s.live!.windows.length).toBeGreaterThan(0);
  });

  it('a refused scenario shows why; fixing it runs again', () => {
    const s = useAppStore.getState();
    const absurd = { ...s.scenario, durationSec: 3600, nodes: s.scenario.nodes.map((n) => (n.kind === 'client' ? { ...n, params: { ...n.params, arrival: { type: 'poisson' as const, ratePerSec: 1e12 } } } : n)) };
    s.replaceScenario(absurd);
    vi.advanceTimersByTime(RESTART_DEBOUNCE_MS + 10);
    elapse(16);
    expect(useAppStore.getState().runError).toMatchObject({ kind: 'refused' });
    useAppStore.getState().undo();
    vi.advanceTimersByTime(RESTART_DEBOUNCE_MS + 10);
    elapse(500);
    expect(useAppStore.getState().runError).toBeNull();
    expect(useAppStore.getState().runStatus).toBe('running');
  });
});

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

describe('the worker watchdog', () => {
  let storage: Storage;
  const hadWindow = 'window' in globalThis;
  beforeEach(() => {
    // Node has no window: a bare event target stands in for the page's pagehide.
    if (!hadWindow) (globalThis as { window?: unknown }).window = new EventTarget();
    // Replace the plain controller of the outer beforeEach by one with a watchdog (virtual time) and storage.
    stop();
    workers = [];
    frames = [];
    storage = memoryStorage();
    stop = startLiveRuns(useAppStore, {
      createWorker: () => {
        const w = new InProcessWorker(clock);
        workers.push(w);
        return w;
      },
      requestFrame: (fn) => frames.push(fn),
      watchdog: { ...DEFAULT_WATCHDOG, now: () => Date.now() },
      storage,
    });
  });

  afterEach(() => {
    if (!hadWindow) delete (globalThis as { window?: unknown }).window;
  });

  /** Lets `ms` pass for the watchdog's timers and the worker alike. */
  function wait(ms: number) {
    for (let t = 0; t < ms; t += 100) {
      vi.advanceTimersByTime(100);
      elapse(100);
    }
  }

  it('leaves a worker that answers alone, however long it runs', () => {
    wait(20_000);
    expect(workers).toHaveLength(1);
    expect(workers[0].pings).toBeGreaterThanOrEqual(15);
    expect(useAppStore.getState().runError).toBeNull();
  });

  it('notices a worker that stops answering within five seconds, says so, terminates it, and Restart runs the same scenario in a fresh one', () => {
    wait(1000);
    const scenario = useAppStore.getState().scenario;
    workers[0].stuck = true;
    wait(5000);
    let s = useAppStore.getState();
    expect(s.runStatus).toBe('error');
    expect(s.runError).toMatchObject({ kind: 'crashed' });
    expect(s.runError!.message).toMatch(/stopped answering for \d s/);
    expect(workers[0].terminated).toBe(true);
    expect(s.scenario).toBe(scenario);
    s.restartRun();
    expect(workers).toHaveLength(2);
    wait(1000);
    s = useAppStore.getState();
    expect(s.runStatus).toBe('running');
    expect(s.scenario).toBe(scenario);
    expect(s.live!.meta.nodes.map((n) => n.id)).toEqual(scenario.nodes.map((n) => n.id));
  });

  it('Play after a hang restarts in a fresh worker instead of waiting on the stuck one', () => {
    wait(500);
    workers[0].stuck = true;
    wait(5000);
    useAppStore.getState().playRun();
    expect(workers).toHaveLength(2);
    wait(500);
    expect(useAppStore.getState().runStatus).toBe('running');
  });

  it('Reset and edits never wait on a silent worker: a fresh one takes the run at once', () => {
    wait(500);
    workers[0].stuck = true;
    wait(3000); // silent (two checks have seen it), not yet given up on
    useAppStore.getState().resetRun();
    expect(workers).toHaveLength(2);
    expect(workers[0].terminated).toBe(true);
    wait(300);
    expect(useAppStore.getState().live?.simSec).toBe(0);
    workers[1].stuck = true;
    wait(3000);
    const s = useAppStore.getState();
    s.replaceScenario({ ...s.scenario, seed: s.scenario.seed + 1 });
    wait(RESTART_DEBOUNCE_MS + 500);
    expect(workers).toHaveLength(3);
    expect(useAppStore.getState().runStatus).toBe('running');
    expect(useAppStore.getState().runError).toBeNull();
  });

  it('a scenario that hung is marked in storage, so the next start opens it paused; a normal close leaves no mark', () => {
    const scenario = useAppStore.getState().scenario;
    wait(500);
    window.dispatchEvent(new Event('pagehide'));
    expect(leftHanging(scenario, storage)).toBeNull();
    useAppStore.getState().playRun();
    wait(500);
    workers[0].stuck = true;
    wait(5000);
    expect(leftHanging(scenario, storage)).toBe('hung');
    expect(leftHanging({ ...scenario, seed: scenario.seed + 1 }, storage)).toBeNull();
  });

  it('a healthy run writes nothing to storage (another open tab must not start paused), and playing a marked scenario again clears its mark', () => {
    wait(3000);
    expect(storage.getItem(RUN_MARKER_KEY)).toBeNull();
    const scenario = useAppStore.getState().scenario;
    workers[0].stuck = true;
    wait(5000);
    expect(leftHanging(scenario, storage)).toBe('hung');
    useAppStore.getState().restartRun();
    expect(leftHanging(scenario, storage)).toBeNull();
  });

  it('a page that goes away while its worker is silent leaves the run marked as running', () => {
    const scenario = useAppStore.getState().scenario;
    wait(500);
    workers[0].stuck = true;
    wait(3000);
    window.dispatchEvent(new Event('pagehide'));
    expect(leftHanging(scenario, storage)).toBe('running');
  });
});

describe('breaking it now', () => {
  it('a fault joins the running run without a restart, lands in the scenario (undo takes it out) and the run goes on to its errors', () => {
    elapse(1000);
    const before = useAppStore.getState().live!;
    useAppStore.getState().breakNow({ id: 'crash-cache', target: 'cache', type: 'crash', mode: 'refuse', atSec: 0, durationSec: 3 });
    vi.advanceTimersByTime(RESTART_DEBOUNCE_MS * 2);
    elapse(1000);
    const s = useAppStore.getState();
    expect(workers[0].commands.filter((c) => c.type === 'load')).toHaveLength(1);
    expect(s.live!.runId).toBe(before.runId);
    const fault = s.scenario.faults![0];
    expect(fault).toMatchObject({ id: 'crash-cache', target: 'cache', type: 'crash', durationSec: 3 });
    expect(fault.atSec).toBeGreaterThanOrEqual(before.simSec);
    expect(simulationKey(s.runScenario!)).toBe(simulationKey(s.scenario));
    expect(s.live!.windows.some((w) => (w.ops[0].errorsByCausePerSec?.down ?? 0) > 0)).toBe(true);
    // Undo removes the fault: the run starts again without it.
    useAppStore.temporal.getState().undo();
    vi.advanceTimersByTime(RESTART_DEBOUNCE_MS * 2);
    expect(useAppStore.getState().scenario.faults).toBeUndefined();
    expect(workers.flatMap((w) => w.commands).filter((c) => c.type === 'load')).toHaveLength(2);
  });

  it('with no run going, the fault is added to the scenario as given', () => {
    stop();
    useAppStore.setState({ runStatus: 'idle', live: null });
    useAppStore.getState().breakNow({ id: 'p', target: 'db', type: 'pause', atSec: 12, durationSec: 2 });
    expect(useAppStore.getState().scenario.faults).toEqual([{ id: 'p', target: 'db', type: 'pause', atSec: 12, durationSec: 2 }]);
  });
});
