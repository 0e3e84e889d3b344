/**
 * Runs one simulation at a time in slices paced against the wall clock, and
 * reports what happened as snapshots. This is the whole worker except the
 * `postMessage` plumbing (sim.worker.ts), so Node tests can drive it with a
 * fake clock.
 *
 * Pacing: at speed s the simulation aims to be at anchorSim + s × (wall time
 * since anchorWall). Each slice runs events until that target or until its
 * wall budget (SLICE_MS) is spent, then yields so commands (Pause!) get in.
 * A run that cannot keep up does not bank the debt — the anchor moves — so a
 * slow scenario never bursts to catch up. At "max" every slice is spent.
 *
 * Bounds against hostile scenarios: work per slice by wall time (events are
 * run in chunks sized from the measured event rate), memory by the engine's
 * maxJobs guard — the engine's default, the same as the CLI's, so that a
 * scenario and seed give the same results in both — and by capping the windows held for the
 * page.
 */
import { graphProblems } from '../scenario/graph';
import { POPULATION_META } from '../scenario/kinds';
import type { Scenario, ScenarioFault } from '../scenario/schema';
import { celebrityThreshold } from '../scenario/twitter';
import { BatchMeans } from '../sim/batchMeans';
import { batchJobHistory, lastBatchJob } from '../sim/behaviours/batch';
import { logLive } from '../sim/behaviours/log';
import { Simulation } from '../sim/engine';
import { opLatencyBins } from '../sim/latencyBins';
import { runRefusal } from '../sim/limits';
import { resultsSoFar } from '../sim/progress';
import { collectResults } from '../sim/results';
import { Tracer } from '../sim/trace';
import type { SimWindow } from '../sim/windows';
import { unreachable } from './exhaustive';
import {
  DIVERGED_SAMPLE,
  MAX_SAMPLED_TRACES_PER_SNAPSHOT,
  SNAPSHOT_INTERVAL_MS,
  WINDOW_MS,
  type RunMeta,
  type BatchLive,
  type KeyWatchStart,
  type LogNodeLive,
  type RequestTrace,
  type SnapshotEvent,
  type Speed,
  type WorkerCommand,
  type WorkerEvent,
  type WorkerRunStatus,
} from './protocol';

/** The wall clock and the event loop, injected so tests can drive time. */
export interface RunnerClock {
  /** Wall time, ms. */
  now(): number;
  /** Calls `fn` after `ms` (0: as soon as pending messages are handled); returns a cancel function. */
  schedule(fn: () => void, ms: number): () => void;
}

export interface RunnerOptions {
  /** Wall-time budget of one slice of simulation, ms. */
  sliceMs?: number;
  /** Requests in flight at which a run stops as overloaded; absent = the engine's default, as in the CLI (tests lower it). */
  maxJobs?: number;
  snapshotIntervalMs?: number;
  /** How often the results-so-far object is recomputed while playing, ms. */
  resultsIntervalMs?: number;
}

/** Wall ms between slices once a paced run has caught up with its target. */
const IDLE_TICK_MS = 16;
/** A paced run may fall this far (wall ms) behind before its anchor moves. */
const MAX_LAG_MS = 250;
/** Window cells (ops + nodes + edges per window) one snapshot may carry, so the page never clones a huge message. */
const MAX_CELLS_PER_SNAPSHOT = 60_000;
/** Sampled traces each op may start per wall second while dots are on, whatever the speed, and the most it may bank. */
const SAMPLES_PER_SEC = 3;
const SAMPLE_BANK = 1;
const MIN_CHUNK = 256;
const MAX_CHUNK = 500_000;

/** Node and edge tables of a scenario, in the orders its windows use. */
export function runMeta(scenario: Scenario, sim: Simulation): RunMeta {
  return {
    scenarioName: scenario.name,
    seed: sim.seed,
    durationSec: scenario.durationSec,
    warmupSec: scenario.warmupSec,
    endSec: sim.endMs / 1000,
    windowSec: WINDOW_MS / 1000,
    ops: [...sim.model.ops],
    nodes: scenario.nodes.map((n, i) => ({ id: n.id, kind: n.kind, label: n.label ?? n.id, servers: sim.servers[i] })),
    edges: scenario.edges.map((e) => ({ id: e.id, source: e.source, target: e.target })),
  };
}

function message(err: unknown): string {
  if (err instanceof Error) return err.message || err.name;
  return String(err);
}

export class SimRunner {
  private readonly post: (event: WorkerEvent) => void;
  private readonly clock: RunnerClock;
  private readonly sliceMs: number;
  private readonly maxJobs: number | undefined;
  private readonly snapshotIntervalMs: number;
  private readonly resultsIntervalMs: number;

  private sim: Simulation | null = null;
  private batch: BatchMeans | null = null;
  private runId = 0;
  private seq = 0;
  private status: WorkerRunStatus = 'paused';
  private speed: Speed = 1;
  private anchorWall = 0;
  private anchorSim = 0;
  /** Simulated ms a Step runs to, then pauses. */
  private stepTarget: number | null = null;
  private chunk = 2000;
  private cancelTick: (() => void) | null = null;
  private pendingWindows: SimWindow[] = [];
  private cellsPerWindow = 1;
  /** Per batch node (node index → jobs reported so far): a snapshot carries a node's jobs when a new one finished. */
  private batchReported = new Map<number, number>();
  private lastPost = -Infinity;
  private lastResults = -Infinity;
  private workMs = 0;
  /** (wall ms, simulated ms) samples of the last second of playing, for the achieved speed. */
  private rateSamples: [number, number][] = [];
  /** The run's tracer (null until dots or a trace is asked for); attached to the engine only while it has something to follow. */
  private tracer: Tracer | null = null;
  /** Whether the page wants sampled traces for its dots (kept across runs). */
  private sampling = false;
  /** Sampled traces finished and not yet posted (the newest kept). */
  private pendingTraces: RequestTrace[] = [];
  /** Pending `traceNext` requests: the op and the command's sequence number. */
  private traceRequests: { op: string; seq: number }[] = [];
  /** Wall time sampling credit was last granted, ms. */
  private lastGrant = 0;
  /** The key the page watches (kept across runs), or null. */
  private watchedKey: number | null = null;
  /** Where the watched key stood when watching began, not yet posted. */
  private watchStart: KeyWatchStart | null = null;

  constructor(post: (event: WorkerEvent) => void, clock: RunnerClock, options: RunnerOptions = {}) {
    this.post = post;
    this.clock = clock;
    this.sliceMs = options.sliceMs ?? 10;
    this.maxJobs = options.maxJobs;
    this.snapshotIntervalMs = options.snapshotIntervalMs ?? SNAPSHOT_INTERVAL_MS;
    this.resultsIntervalMs = options.resultsIntervalMs ?? 1000;
  }

  /** Handles one command from the page. Never throws: failures become an `error` event. */
  handle(cmd: WorkerCommand): void {
    this.seq = cmd.seq;
    try {
      switch (cmd.type) {
        case 'load':
          this.load(cmd.runId, cmd.scenario, cmd.speed, cmd.play);
          break;
        case 'play':
          this.play();
          break;
        case 'pause':
          this.pause();
          break;
        case 'step':
          this.step();
          break;
        case 'speed':
          this.setSpeed(cmd.speed);
          break;
        case 'injectFault':
          this.injectFault(cmd.fault);
          break;
        case 'sampleTraces':
          this.sampling = cmd.on;
          if (!cmd.on) this.pendingTraces = [];
          this.attachTracer();
          break;
        case 'traceNext':
          this.traceNext(cmd.op);
          break;
        case 'watchKey':
          this.watchedKey = cmd.key;
          this.startWatching();
          // Paused, no snapshot would come: the key's starting state is posted at once.
          if (this.watchStart !== null) this.snapshot(true);
          break;
        case 'dispose':
          this.unload();
          break;
        default:
          unreachable(cmd, 'command');
      }
    } catch (err) {
      this.fail(err);
    }
  }

  private load(runId: number, scenario: Scenario, speed: Speed, play: boolean): void {
    this.unload();
    this.runId = runId;
    this.speed = speed;
    const refusal = runRefusal(scenario) ?? graphProblems(scenario)[0]?.line;
    if (refusal !== undefined) {
      this.post({ type: 'refused', runId, seq: this.seq, message: refusal });
      return;
    }
    const sim = new Simulation(scenario, { windowMs: WINDOW_MS, maxJobs: this.maxJobs });
    // The charts mark celebrity posts: above the hybrid's threshold, or the followers panel's default one.
    sim.windows?.recordCelebrityPosts(celebrityThreshold(scenario) ?? POPULATION_META.celebrityThreshold.default);
    // The consumer-lag chart: each log's groups, read as every window closes.
    sim.windows?.recordConsumerGroups();
    this.sim = sim;
    this.batch = new BatchMeans(sim);
    this.cellsPerWindow = Math.max(1, sim.model.ops.length + sim.model.nodeCount + sim.model.edgeCount);
    this.attachTracer();
    this.startWatching();
    this.post({ type: 'started', runId, seq: this.seq, meta: runMeta(scenario, sim) });
    this.status = 'paused';
    if (play) this.play();
    else this.snapshot(true);
  }

  private unload(): void {
    this.cancel();
    this.sim?.dispose();
    this.sim = null;
    this.batch = null;
    this.stepTarget = null;
    this.pendingWindows = [];
    this.rateSamples = [];
    this.batchReported = new Map();
    this.tracer = null;
    this.pendingTraces = [];
    this.watchStart = null;
    this.answerTraceRequests('The run was replaced before a request of this op finished.');
    this.workMs = 0;
    this.lastPost = -Infinity;
    this.lastResults = -Infinity;
    this.status = 'paused';
  }

  private play(): void {
    if (!this.sim || this.status === 'finished') return;
    this.status = 'running';
    this.stepTarget = null;
    this.reanchor();
    this.snapshot(true);
    this.scheduleTick(0);
  }

  private pause(): void {
    if (!this.sim || this.status === 'finished') return;
    this.cancel();
    this.status = 'paused';
    this.stepTarget = null;
    this.rateSamples = [];
    this.snapshot(true, true);
  }

  private step(): void {
    const sim = this.sim;
    if (!sim || this.status === 'finished') return;
    this.cancel();
    this.status = 'paused';
    this.stepTarget = (Math.floor(sim.now / WINDOW_MS + 1e-9) + 1) * WINDOW_MS;
    this.scheduleTick(0);
  }

  private setSpeed(speed: Speed): void {
    this.speed = speed;
    this.reanchor();
  }

  private reanchor(): void {
    this.anchorWall = this.clock.now();
    this.anchorSim = this.sim?.now ?? 0;
  }

  private cancel(): void {
    this.cancelTick?.();
    this.cancelTick = null;
  }

  private scheduleTick(ms: number): void {
    this.cancel();
    this.cancelTick = this.clock.schedule(() => {
      this.cancelTick = null;
      try {
        this.tick();
      } catch (err) {
        this.fail(err);
      }
    }, ms);
  }

  /** One slice of simulation. */
  private tick(): void {
    const sim = this.sim;
    if (!sim || (this.status !== 'running' && this.stepTarget === null)) return;
    const start = this.clock.now();
    let target: number;
    if (this.stepTarget !== null) target = this.stepTarget;
    else if (this.speed === 'max') target = Infinity;
    else {
      target = this.anchorSim + (start - this.anchorWall) * this.speed;
      if (target - sim.now > this.speed * MAX_LAG_MS) {
        // Behind: run flat out this slice, but owe nothing afterwards.
        this.anchorSim = sim.now;
        this.anchorWall = start;
      }
    }

    let reached = false;
    let events = 0;
    for (;;) {
      // Past durationSec only the drain is left: never let the clock run ahead of the next event, or
      // an idle stretch up to the drain limit (twice the duration) would fill the charts with empty windows.
      const cap = Math.max(sim.durationMs, sim.heap.peekTime());
      const done = sim.step(Math.min(target, cap), this.chunk);
      events += done;
      if (sim.finished) break;
      if (done < this.chunk) {
        // Draining past the duration, each step stops at the next event (the cap above): go on to the
        // one after while the target lies beyond it, rather than give up the slice after one event.
        const draining = sim.now >= sim.durationMs && sim.heap.size > 0 && sim.heap.peekTime() <= target;
        if (!draining) {
          reached = true;
          break;
        }
      }
      if (this.clock.now() - start >= this.sliceMs) break;
    }
    const end = this.clock.now();
    const spent = end - start;
    this.workMs += spent;
    if (spent >= 1 && events > 0) {
      // Size chunks to about a fifth of a slice, so a slice overshoots its budget by little.
      const perMs = events / spent;
      this.chunk = Math.max(MIN_CHUNK, Math.min(MAX_CHUNK, Math.round((perMs * this.sliceMs) / 5)));
    } else if (events >= this.chunk) {
      this.chunk = Math.min(MAX_CHUNK, this.chunk * 2);
    }
    this.collectWindows();
    this.collectTraces(false);
    // Dots: a few more requests may be sampled, by wall time, so the number on screen is the same at any speed.
    if (this.sampling && this.tracer && this.status === 'running') {
      this.tracer.grantSamples((SAMPLES_PER_SEC * Math.min(Math.max(0, end - this.lastGrant), 250)) / 1000, SAMPLE_BANK);
    }
    this.lastGrant = end;

    if (sim.finished) {
      this.finish();
      return;
    }
    if (this.stepTarget !== null && sim.now >= this.stepTarget) {
      this.stepTarget = null;
      this.status = 'paused';
      this.snapshot(true, true);
      return;
    }
    if (this.status === 'running') {
      this.rateSamples.push([end, sim.now]);
      while (this.rateSamples.length > 2 && end - this.rateSamples[0][0] > 1000) this.rateSamples.shift();
    }
    // Half a tick early, so 16 ms ticks give ~10 snapshots a second rather than ~9.
    if (end - this.lastPost >= this.snapshotIntervalMs - IDLE_TICK_MS / 2) this.snapshot(false);
    const paced = this.stepTarget === null && this.speed !== 'max';
    this.scheduleTick(paced && reached ? IDLE_TICK_MS : 0);
  }

  private collectWindows(): void {
    const windows = this.sim?.windows;
    if (!windows) return;
    const closed = windows.take();
    if (closed.length === 0) return;
    for (const w of closed) this.pendingWindows.push(w);
    const cap = Math.max(1, Math.floor(MAX_CELLS_PER_SNAPSHOT / this.cellsPerWindow));
    if (this.pendingWindows.length > cap) this.pendingWindows.splice(0, this.pendingWindows.length - cap);
  }

  private finish(): void {
    const sim = this.sim!;
    this.cancel();
    // A stopped run's state is frozen at the stop: windows after it would only repeat it.
    sim.windows?.closeUpTo(sim.stopped ? sim.now : Math.max(sim.now, sim.durationMs));
    this.collectWindows();
    this.collectTraces(true);
    this.answerTraceRequests('The run ended before a request of this op finished.');
    this.status = 'finished';
    this.stepTarget = null;
    const histogram = opLatencyBins(sim);
    const results = collectResults(sim, this.workMs);
    const event: SnapshotEvent = {
      type: 'snapshot',
      runId: this.runId,
      seq: this.seq,
      status: 'finished',
      simSec: sim.now / 1000,
      events: sim.events,
      simRate: 0,
      windows: this.takePending(),
      histogram,
      results,
      confidence: this.batch?.result(),
    };
    if (sim.stopped) event.stopped = { ...sim.stopped };
    const batch = this.batchUpdates(sim);
    if (batch) event.batch = batch;
    const logs = this.logReadings(sim);
    if (logs) event.logs = logs;
    const traces = this.takeTraces();
    if (traces) event.traces = traces;
    this.addDataNews(sim, event, true);
    this.post(event);
    // The run is over: its memory goes back now, not at the next load.
    sim.dispose();
    this.sim = null;
    this.batch = null;
  }

  /** The batch nodes with a job finished since the last report (undefined when none). */
  private batchUpdates(sim: Simulation): BatchLive[] | undefined {
    let out: BatchLive[] | undefined;
    sim.scenario.nodes.forEach((node, i) => {
      if (node.kind !== 'batch') return;
      const history = batchJobHistory(sim, i);
      if (history === null) return;
      if ((this.batchReported.get(i) ?? -1) === history.length) return;
      this.batchReported.set(i, history.length);
      (out ??= []).push({ node: node.id, last: lastBatchJob(sim, i), history: [...history] });
    });
    return out;
  }

  private takePending(): SimWindow[] {
    const out = this.pendingWindows;
    this.pendingWindows = [];
    return out;
  }

  private simRate(): number {
    const s = this.rateSamples;
    if (this.status !== 'running' || s.length < 2) return 0;
    const [w0, t0] = s[0];
    const [w1, t1] = s[s.length - 1];
    return w1 > w0 ? (t1 - t0) / (w1 - w0) : 0;
  }

  /**
   * Posts what changed. `force` posts even with no new window (a status
   * change); `withResults` recomputes the results so far regardless of the
   * interval (a pause should show exact numbers).
   */
  private snapshot(force: boolean, withResults = false): void {
    const sim = this.sim;
    if (!sim) return;
    const now = this.clock.now();
    const windows = this.takePending();
    if (!force && windows.length === 0 && this.pendingTraces.length === 0) return;
    this.lastPost = now;
    const event: SnapshotEvent = {
      type: 'snapshot',
      runId: this.runId,
      seq: this.seq,
      status: this.status,
      simSec: sim.now / 1000,
      events: sim.events,
      simRate: this.simRate(),
      windows,
    };
    if (sim.now > sim.warmupMs && (windows.length > 0 || withResults)) event.histogram = opLatencyBins(sim);
    if (withResults || now - this.lastResults >= this.resultsIntervalMs) {
      const results = resultsSoFar(sim, this.workMs);
      if (results) {
        this.lastResults = now;
        event.results = results;
        event.confidence = this.batch?.result();
      }
    }
    const batch = this.batchUpdates(sim);
    if (batch) event.batch = batch;
    const logs = this.logReadings(sim);
    if (logs) event.logs = logs;
    const traces = this.takeTraces();
    if (traces) event.traces = traces;
    this.addDataNews(sim, event, event.results !== undefined);
    this.post(event);
  }

  /**
   * Watches the page's key in the current run, from now (the start of the run when just loaded);
   * a key the scenario does not have, or no key, stops watching.
   */
  private startWatching(): void {
    const data = this.sim?.data;
    if (!data || this.status === 'finished') return;
    const key = this.watchedKey;
    if (key === null || !Number.isInteger(key) || key < 0 || key >= data.keyCount) {
      data.watchKey = -1;
      this.watchStart = null;
      return;
    }
    this.watchStart = data.startWatching(this.sim!, key);
  }

  /** The watched key's news, and — with results — a few diverged keys per copy (a keyed scenario only). */
  private addDataNews(sim: Simulation, event: SnapshotEvent, withResults: boolean): void {
    const data = sim.data;
    if (!data) return;
    if (data.watchKey >= 0) {
      const { events, dropped, staleReads } = data.takeWatched();
      const stale = Object.keys(staleReads).length > 0;
      if (this.watchStart !== null || events.length > 0 || dropped > 0 || stale) {
        event.keyWatch = { key: data.watchKey, events, dropped };
        if (stale) event.keyWatch.staleReads = staleReads;
        if (this.watchStart !== null) event.keyWatch.start = this.watchStart;
        this.watchStart = null;
      }
    }
    // The list costs a pass over the keys, as the results' own count does: with results only.
    if (withResults) event.diverged = [...data.caches, ...data.indexes].map((c) => ({ node: c.id, keys: data.divergedKeyList(sim, c, DIVERGED_SAMPLE) }));
  }

  /** Every log node's partitions and groups now (undefined without logs): a few numbers per partition, once per snapshot. */
  private logReadings(sim: Simulation): LogNodeLive[] | undefined {
    let out: LogNodeLive[] | undefined;
    sim.scenario.nodes.forEach((node, i) => {
      if (node.kind !== 'log') return;
      const live = logLive(sim, i);
      if (live !== null) (out ??= []).push({ ...live, node: node.id, atSec: sim.now / 1000 });
    });
    return out;
  }

  /** The tracer follows requests only while dots are on or a trace is asked for: otherwise the engine runs without an observer. */
  private attachTracer(): void {
    const sim = this.sim;
    if (!sim) return;
    const wanted = this.sampling || this.traceRequests.length > 0 || (this.tracer !== null && !this.tracer.idle);
    if (wanted && this.tracer === null) this.tracer = new Tracer(sim);
    sim.observer = wanted ? this.tracer : null;
  }

  /** Takes finished traces: asked-for ones are answered at once, sampled ones wait for the next snapshot. */
  private collectTraces(all: boolean): void {
    const tracer = this.tracer;
    if (!tracer) return;
    for (const t of tracer.take(all)) {
      if (!t.sampled) {
        const k = this.traceRequests.findIndex((r) => r.op === t.op);
        if (k >= 0) {
          const [{ seq }] = this.traceRequests.splice(k, 1);
          this.post({ type: 'trace', runId: this.runId, seq, op: t.op, trace: t });
        }
      } else if (this.sampling) {
        this.pendingTraces.push(t);
        if (this.pendingTraces.length > MAX_SAMPLED_TRACES_PER_SNAPSHOT) this.pendingTraces.shift();
      }
    }
    if (!this.sampling && tracer.idle && this.traceRequests.length === 0) this.attachTracer();
  }

  private takeTraces(): RequestTrace[] | undefined {
    if (this.pendingTraces.length === 0) return undefined;
    const out = this.pendingTraces;
    this.pendingTraces = [];
    return out;
  }

  /** Traces the next request of `op` (answered with a `trace` event when it is over). */
  private traceNext(op: string): void {
    const sim = this.sim;
    const refuse = (why: string) => this.post({ type: 'trace', runId: this.runId, seq: this.seq, op, trace: null, message: why });
    if (!sim || this.status === 'finished' || sim.finished) return refuse('The run is over: start it again to trace a request.');
    if (!sim.model.opIndex.has(op)) return refuse(`No client makes requests of op "${op}".`);
    this.traceRequests.push({ op, seq: this.seq });
    this.attachTracer();
    this.tracer!.traceNext(op);
  }

  /** Answers every pending `traceNext` with no trace. */
  private answerTraceRequests(why: string): void {
    for (const r of this.traceRequests) this.post({ type: 'trace', runId: this.runId, seq: r.seq, op: r.op, trace: null, message: why });
    this.traceRequests = [];
  }

  /** Joins a scheduled fault to the run at its start or at the next tenth of a second, whichever is later. */
  private injectFault(fault: ScenarioFault): void {
    const sim = this.sim;
    const refuse = (why: string) => this.post({ type: 'faultInjected', runId: this.runId, seq: this.seq, fault: null, message: why });
    if (this.status === 'finished' || sim?.finished) return refuse('The run is over.');
    if (!sim) return refuse('No run is loaded.');
    // A tenth of a second keeps the start short in a share link; ceil keeps it at or after now.
    let atSec = Math.max(fault.atSec ?? 0, Math.ceil(sim.now / 100) / 10);
    if (atSec * 1000 < sim.now) atSec = (Math.ceil(sim.now / 100) + 1) / 10;
    if (atSec * 1000 >= sim.durationMs) return refuse(`The run ends at ${sim.durationMs / 1000} s, before the fault would start.`);
    const joined = { ...fault, atSec };
    // The same checks as a scenario with the fault written in it (an overlapping crash of the same node, a wrong target).
    const problem = graphProblems({ ...sim.scenario, faults: [...(sim.scenario.faults ?? []), joined] })[0];
    if (problem !== undefined) return refuse(problem.line);
    try {
      sim.injectFault(joined);
    } catch (err) {
      return refuse(message(err));
    }
    this.post({ type: 'faultInjected', runId: this.runId, seq: this.seq, fault: joined });
  }

  private fail(err: unknown): void {
    this.unload();
    this.post({ type: 'error', runId: this.runId, seq: this.seq, message: message(err) });
  }
}
