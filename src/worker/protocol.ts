/**
 * The messages between the page and the simulation worker. Plain data
 * (structured-clone friendly), typed on both ends.
 *
 * Every command carries a sequence number and every event echoes the last
 * one the worker had handled, so the page can tell a snapshot that already
 * reflects a command (say, Pause) from one that was posted before it.
 * Every event carries the run id it belongs to: after a restart the page
 * drops whatever the previous run still had in flight.
 *
 * Why messages rather than an RPC library such as comlink: the worker is not
 * called and awaited, it streams — ten snapshots a second that the page must
 * be able to drop when they belong to a run it has already replaced, and
 * commands that must overtake a busy slice. Those orderings (sequence numbers,
 * run ids) are the protocol itself; a proxy of async calls would hide them
 * and still need them underneath.
 *
 * This file holds types and constants only: the page imports it without
 * pulling the engine into its bundle.
 */
import type { Scenario, ScenarioFault } from '../scenario/schema';
import type { RunConfidence } from '../sim/batchMeans';
import type { LatencyBins } from '../sim/latencyBins';
import type { StopReason } from '../sim/kernel';
import type { Results } from '../sim/results';
import type { SimWindow } from '../sim/windows';
import type { BatchJobSummary, BatchJobTrace } from '../sim/behaviours/batch';
import type { LogGroupLive, LogLive, LogPartitionLive } from '../sim/behaviours/log';
import type { RequestTrace } from '../sim/trace';
import type { KeyEvent, KeyWatchStart } from '../sim/data';

export type { KeyEvent, KeyWatchStart };
export type { BatchJobSummary, BatchJobTrace, LatencyBins, LogGroupLive, LogPartitionLive, RequestTrace, Results, RunConfidence, SimWindow };

/** Sampled request traces one snapshot carries at most (the canvas's travelling dots). */
export const MAX_SAMPLED_TRACES_PER_SNAPSHOT = 4;

/** A log node as the page draws it: its partitions (the first few), and each consumer group's position in them. */
export interface LogNodeLive extends LogLive {
  node: string;
  /** Simulated time of the reading, s. */
  atSec: number;
}

/** A batch node's jobs as the page draws them: the last job's task copies (its Gantt chart) and every job so far. */
export interface BatchLive {
  node: string;
  last: BatchJobTrace | null;
  /** Finished jobs, oldest first (at most the last 2,000). */
  history: BatchJobSummary[];
}

/**
 * The watched key's news since the previous snapshot (the page's "watch one key"): where it stood
 * at every copy when watching began (in the first snapshot after a start), then what happened to
 * it, in order. The page folds them into its timeline (src/run/keyTimeline.ts).
 */
export interface KeyWatchFeed {
  key: number;
  start?: KeyWatchStart;
  /** What changed a copy (reads are left out: they move none). */
  events: KeyEvent[];
  /** Stale reads of the key since the previous snapshot, by node id (absent: none). */
  staleReads?: Record<string, number>;
  /** Events the worker could not keep since the previous snapshot (more than its limit in one go). */
  dropped: number;
}

/** A few of the keys a cache or an index holds differently from the database (the highest first: under Zipf the least popular), to watch one. */
export interface DivergedSample {
  node: string;
  keys: number[];
}

/** Keys a DivergedSample lists at most. */
export const DIVERGED_SAMPLE = 12;

/** Simulated seconds per wall-clock second, or as fast as the worker can go. */
export type Speed = number | 'max';

/** The speeds offered in the UI. */
export const SPEEDS: readonly Speed[] = [0.1, 0.25, 0.5, 1, 2, 5, 10, 25, 50, 100, 'max'];
export const MIN_SPEED = 0.1;
export const MAX_SPEED = 100;

/** Width of a live window, ms: one point per simulated second on every time chart. */
export const WINDOW_MS = 1000;

/** Snapshots per wall-clock second, at most. */
export const SNAPSHOT_INTERVAL_MS = 100;

export type WorkerCommand =
  | {
      type: 'load';
      seq: number;
      runId: number;
      scenario: Scenario;
      speed: Speed;
      /** Start playing at once (otherwise wait, paused, at time 0). */
      play: boolean;
    }
  | { type: 'play'; seq: number }
  | { type: 'pause'; seq: number }
  /** Advance one live window (one simulated second), then pause. */
  | { type: 'step'; seq: number }
  | { type: 'speed'; seq: number; speed: Speed }
  /**
   * Break something while the run goes on ("break it now"): a scheduled fault joins the run
   * without a restart, starting at `fault.atSec` or, if the run is already past it, at the next
   * tenth of a second. The worker answers with `faultInjected`, naming the start it used.
   */
  | { type: 'injectFault'; seq: number; fault: ScenarioFault }
  /**
   * Sample requests for the canvas's dots (on) or stop (off): a snapshot then carries, in
   * `traces`, a few requests that finished since the previous one, each with every hop.
   */
  | { type: 'sampleTraces'; seq: number; on: boolean }
  /**
   * Trace the next request of `op` created from now on: the worker answers with `trace` once it
   * is over (its downstream work included). A sampled request's trace is in the snapshot already.
   */
  | { type: 'traceNext'; seq: number; op: string }
  /**
   * Watch one key of a keyed scenario (null: none), kept across runs: from the start of every run
   * loaded afterwards, or from now in the current one. Snapshots then carry `keyWatch`.
   */
  | { type: 'watchKey'; seq: number; key: number | null }
  | { type: 'dispose'; seq: number };

/**
 * The watchdog's heartbeat, outside the numbered commands: the worker answers a ping with a pong
 * as soon as its event loop is free (between slices, which last about 10 ms). A worker stuck in
 * one slice — an engine loop that never ends — cannot answer, and the page notices.
 */
export interface WorkerPing {
  type: 'ping';
  id: number;
}
export interface WorkerPong {
  type: 'pong';
  id: number;
}
/** Everything the page posts to the worker. */
export type WorkerMessage = WorkerCommand | WorkerPing;
/** Everything the worker posts to the page. */
export type WorkerReply = WorkerEvent | WorkerPong;

/** What the worker is doing with the run. */
export type WorkerRunStatus = 'running' | 'paused' | 'finished';

export interface RunMetaNode {
  id: string;
  kind: Scenario['nodes'][number]['kind'];
  label: string;
  /** Servers (or consumers, for a queue); 0 for clients and load balancers. */
  servers: number;
}

export interface RunMetaEdge {
  id: string;
  source: string;
  target: string;
}

/** What a run is about: the index orders every window's arrays follow. */
export interface RunMeta {
  scenarioName: string;
  seed: number;
  durationSec: number;
  warmupSec: number;
  /** Simulated time after which unfinished requests are abandoned (the drain limit). */
  endSec: number;
  windowSec: number;
  /** Operation names, in the order of `SimWindow.ops`. */
  ops: string[];
  /** Nodes, in the order of `SimWindow.nodes` (scenario order). */
  nodes: RunMetaNode[];
  /** Edges, in the order of `SimWindow.edges` (scenario order). */
  edges: RunMetaEdge[];
}

/** Why a run ended early: the engine's own stop reason, the one type for it everywhere. */
export type StopInfo = StopReason;

/** `Omit` applied to each member of a union (TypeScript's own `Omit` collapses a union to its common keys). */
export type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A command as the client writes it: the sequence number is the client's to add. */
export type CommandBody = DistributiveOmit<WorkerCommand, 'seq'>;

export interface SnapshotEvent {
  type: 'snapshot';
  runId: number;
  /** The last command handled when this was posted. */
  seq: number;
  status: WorkerRunStatus;
  /** Simulated time reached, s. */
  simSec: number;
  /** Events processed so far. */
  events: number;
  /** Simulated seconds per wall second over the last second of playing (0 when paused). */
  simRate: number;
  /** Windows closed since the previous snapshot (oldest first). */
  windows: SimWindow[];
  /** Per op (meta order), the run's response-time histogram so far, after warm-up; absent when unchanged. */
  histogram?: (LatencyBins | null)[];
  /** The results object: so far while running (about once a second), final when finished. */
  results?: Results;
  /** Batch-means 95% intervals, sent with results. */
  confidence?: RunConfidence;
  /** Set when the run ended early (overload guard). */
  stopped?: StopInfo;
  /** Batch nodes whose jobs changed since the previous snapshot (a job finished). */
  batch?: BatchLive[];
  /** Every log node, as it stands at this snapshot (absent without logs). */
  logs?: LogNodeLive[];
  /** Sampled requests finished since the previous snapshot, every hop (at most MAX_SAMPLED_TRACES_PER_SNAPSHOT; only while sampling is on). */
  traces?: RequestTrace[];
  /** The watched key's news (only while a key is watched and something happened to it). */
  keyWatch?: KeyWatchFeed;
  /** Keys each cache and index holds differently from the database, a few of them (with results, in a keyed scenario). */
  diverged?: DivergedSample[];
}

export type WorkerEvent =
  | { type: 'started'; runId: number; seq: number; meta: RunMeta }
  /** The scenario is valid but cannot be run (too much work, a cycle, …): nothing runs until it changes. */
  | { type: 'refused'; runId: number; seq: number; message: string }
  | SnapshotEvent
  /**
   * The answer to `injectFault`: the fault as it joined the run (its start set), or null with
   * the reason it could not (the run is over, the start is past the run's end): then the page
   * adds it to the scenario and the run starts again.
   */
  | { type: 'faultInjected'; runId: number; seq: number; fault: ScenarioFault | null; message?: string }
  /** The answer to `traceNext`: the request's trace, or null with the reason there is none (the run ended first, no such op). */
  | { type: 'trace'; runId: number; seq: number; op: string; trace: RequestTrace | null; message?: string }
  /** Something went wrong inside the worker; the run is over. */
  | { type: 'error'; runId: number; seq: number; message: string };
