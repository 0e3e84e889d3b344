/**
 * How worker events become the page's picture of the live run: pure
 * functions from (state, events) to state, so they are tested in Node and
 * the store only calls them.
 *
 * - Events of another run (a stale run id) are dropped.
 * - A snapshot's status counts only if it reflects the last command the page
 *   sent (its seq): a "running" snapshot posted just before Pause arrived must
 *   not undo the pause. "finished" always counts.
 * - Windows are appended and the oldest dropped beyond a cap that shrinks
 *   with the size of the scenario (memory stays bounded).
 * - Node and edge statistics for the canvas are derived here once per batch,
 *   and an object is reused when nothing in it changed, so a node re-renders
 *   only when its own numbers move.
 */
import type { EdgeLiveStats, NodeLiveStats } from './liveSelectors';
import { applyKeyFeed, type KeyTimelineLive } from './keyTimeline';
import { unreachable } from '../worker/exhaustive';
import type {
  BatchLive,
  DivergedSample,
  KeyWatchFeed,
  LatencyBins,
  LogNodeLive,
  Results,
  RunConfidence,
  RunMeta,
  SimWindow,
  SnapshotEvent,
  StopInfo,
  WorkerEvent,
} from '../worker/protocol';

export type RunStatus = 'idle' | 'running' | 'paused' | 'finished' | 'error';

export interface RunError {
  /** refused: the scenario cannot be run as it is (fix it and the run starts again); crashed: the worker failed. */
  kind: 'refused' | 'crashed';
  message: string;
}

/** Everything the page knows about the current run. */
export interface LiveRun {
  runId: number;
  meta: RunMeta;
  /** Simulated time reached, s. */
  simSec: number;
  events: number;
  /** Simulated seconds per wall second achieved while playing (0 when not playing). */
  simRate: number;
  /** The most recent live windows, oldest first (at most `maxWindows`). */
  windows: SimWindow[];
  maxWindows: number;
  /** Per op (meta order): response-time histogram of the run so far, after warm-up. */
  histogram: (LatencyBins | null)[] | null;
  /** Results so far, or final once `resultsFinal`. */
  results: Results | null;
  resultsFinal: boolean;
  confidence: RunConfidence | null;
  /** Why the run ended early, if it did. */
  stopped: StopInfo | null;
  nodeStats: Record<string, NodeLiveStats>;
  edgeStats: Record<string, EdgeLiveStats>;
  /** Per batch node id, its jobs (the last one's tasks, and every job so far); absent until a job finished. */
  batch?: Record<string, BatchLive>;
  /** Per log node id, its partitions and consumer groups at the last snapshot; absent without logs. */
  logs?: Record<string, LogNodeLive>;
  /** The watched key's history (a keyed scenario, once the worker has reported on it). */
  keyTimeline?: KeyTimelineLive;
  /** A few keys per cache and index that differ from the database, as of the last results. */
  diverged?: DivergedSample[];
}

/** The part of the store this reducer reads and writes. */
export interface LiveState {
  runId: number;
  runCommandSeq: number;
  runStatus: RunStatus;
  runError: RunError | null;
  live: LiveRun | null;
}

/** Window cells (ops + nodes + edges per window) the page keeps at most. */
const MAX_KEPT_CELLS = 400_000;

/** How many windows the page keeps for a run: an hour for small scenarios, less for huge ones, never under a minute. */
export function maxKeptWindows(meta: RunMeta): number {
  const cells = Math.max(1, meta.ops.length + meta.nodes.length + meta.edges.length);
  return Math.max(60, Math.min(3600, Math.floor(MAX_KEPT_CELLS / cells)));
}

export function emptyLiveRun(runId: number, meta: RunMeta): LiveRun {
  return {
    runId,
    meta,
    simSec: 0,
    events: 0,
    simRate: 0,
    windows: [],
    maxWindows: maxKeptWindows(meta),
    histogram: null,
    results: null,
    resultsFinal: false,
    confidence: null,
    stopped: null,
    nodeStats: Object.create(null),
    edgeStats: Object.create(null),
  };
}

/** Utilization at or above this, window after window, reads as saturated. */
const SATURATED = 0.97;
/** Windows looked at to decide whether a queue keeps growing. */
const TREND_WINDOWS = 5;

/**
 * Whether node `i` is overloaded in these windows (oldest first): its
 * servers saturated in each of the last few windows while its queue grew
 * (or requests were dropped because the queue was full). A stable queue at
 * high load goes up and down; an overloaded one only goes up — by a lot, or
 * a little every single window.
 */
export function isOverloaded(windows: readonly SimWindow[], i: number, servers: number): boolean {
  if (servers <= 0 || windows.length < 2) return false;
  const recent = windows.slice(-TREND_WINDOWS);
  for (const w of recent) if (w.nodes[i].utilization < SATURATED) return false;
  const last = recent[recent.length - 1].nodes[i];
  if (last.droppedPerSec > 0) return true;
  const first = recent[0].nodes[i];
  if (last.meanQueueLength > first.meanQueueLength + 2 + 0.1 * first.meanQueueLength) return true;
  let rising = last.meanQueueLength >= first.meanQueueLength + 2;
  for (let k = 1; k < recent.length && rising; k++) rising = recent[k].nodes[i].meanQueueLength > recent[k - 1].nodes[i].meanQueueLength;
  return rising && recent.length >= 3;
}

function sameNodeStats(a: NodeLiveStats | undefined, b: NodeLiveStats): boolean {
  return (
    a !== undefined &&
    a.utilization === b.utilization &&
    a.queueLength === b.queueLength &&
    a.errorsPerSec === b.errorsPerSec &&
    a.overloaded === b.overloaded
  );
}

/** Canvas statistics per node and edge: from the last window while running, from the results once finished. */
export function deriveCanvasStats(live: LiveRun): Pick<LiveRun, 'nodeStats' | 'edgeStats'> {
  const { meta, windows } = live;
  const final = live.resultsFinal ? live.results : null;
  const last = windows[windows.length - 1];
  if (!last && !final) return { nodeStats: live.nodeStats, edgeStats: live.edgeStats };
  // Once finished, judge overload on the measured windows, not on the drain after durationSec.
  const judged = final ? windows.filter((w) => w.endSec <= meta.durationSec + 1e-9) : windows;
  // Null-prototype records: any id, even "__proto__", is an ordinary key.
  const nodeStats: Record<string, NodeLiveStats> = Object.create(null);
  meta.nodes.forEach((node, i) => {
    let next: NodeLiveStats;
    const r = final && Object.hasOwn(final.nodes, node.id) ? final.nodes[node.id] : undefined;
    // A run stopped by the overload guard: the nodes where requests piled up are the overloaded ones.
    const piledUp = live.stopped?.reason === 'maxJobs' && node.servers > 0 && (r ? r.maxQueueLength : (last?.nodes[i].maxQueueLength ?? 0)) > 1000;
    const trending = isOverloaded(judged, i, node.servers);
    // The flag must agree with the utilization shown beside it: a finished run whose node was busy 7% of
    // the time was not overloaded, whatever its last seconds did (a celebrity's burst, the drain).
    const agrees = (utilization: number | undefined) => utilization === undefined || utilization >= SATURATED;
    if (final) {
      if (!r) return;
      const utilization = node.servers > 0 ? r.utilization : undefined;
      next = {
        utilization,
        queueLength: r.meanQueueLength,
        errorsPerSec: final.simulatedSec > 0 ? (r.errors + r.dropped) / final.simulatedSec : 0,
        overloaded: piledUp || (trending && agrees(utilization)),
      };
    } else {
      const w = last.nodes[i];
      const utilization = node.servers > 0 ? w.utilization : undefined;
      next = {
        utilization,
        queueLength: w.meanQueueLength,
        errorsPerSec: w.errorsPerSec + w.droppedPerSec,
        overloaded: piledUp || (trending && agrees(utilization)),
      };
    }
    const prev = live.nodeStats[node.id];
    nodeStats[node.id] = sameNodeStats(prev, next) ? prev : next;
  });
  const edgeStats: Record<string, EdgeLiveStats> = Object.create(null);
  meta.edges.forEach((edge, e) => {
    const callsPerSec = final ? ((Object.hasOwn(final.edges, edge.id) ? final.edges[edge.id].callsPerSec : undefined) ?? 0) : last.edges[e].callsPerSec;
    const prev = live.edgeStats[edge.id];
    edgeStats[edge.id] = prev && prev.callsPerSec === callsPerSec ? prev : { callsPerSec };
  });
  return { nodeStats, edgeStats };
}

/** Null-prototype, so that any node id, even "__proto__", is an ordinary key. */
function logsByNode(logs: readonly LogNodeLive[]): Record<string, LogNodeLive> {
  const out: Record<string, LogNodeLive> = Object.create(null);
  for (const l of logs) out[l.node] = l;
  return out;
}

function applySnapshot(live: LiveRun, ev: SnapshotEvent): LiveRun {
  let windows = live.windows;
  if (ev.windows.length > 0) {
    windows = live.windows.concat(ev.windows);
    if (windows.length > live.maxWindows) windows = windows.slice(windows.length - live.maxWindows);
  }
  const next: LiveRun = {
    ...live,
    simSec: ev.simSec,
    events: ev.events,
    simRate: ev.simRate,
    windows,
    histogram: ev.histogram ?? live.histogram,
    results: ev.results ?? live.results,
    resultsFinal: live.resultsFinal || (ev.status === 'finished' && ev.results !== undefined),
    confidence: ev.confidence ?? live.confidence,
    stopped: ev.stopped ?? live.stopped,
    batch: ev.batch ? { ...live.batch, ...Object.fromEntries(ev.batch.map((b) => [b.node, b])) } : live.batch,
    logs: ev.logs ? logsByNode(ev.logs) : live.logs,
    keyTimeline: ev.keyWatch ? applyKeyFeed(live.keyTimeline, ev.keyWatch) : live.keyTimeline,
    diverged: ev.diverged ?? live.diverged,
  };
  if (windows !== live.windows || next.resultsFinal !== live.resultsFinal || next.stopped !== live.stopped) {
    Object.assign(next, deriveCanvasStats(next));
  }
  return next;
}

/** Applies a batch of worker events, oldest first. Returns the same object when nothing applies. */
export function reduceRunEvents<S extends LiveState>(state: S, events: readonly WorkerEvent[]): S {
  let s: LiveState = state;
  for (const ev of events) {
    if (ev.runId !== s.runId) continue;
    switch (ev.type) {
      case 'started':
        s = { ...s, live: emptyLiveRun(ev.runId, ev.meta), runError: null };
        break;
      case 'refused':
        s = { ...s, runStatus: 'error', runError: { kind: 'refused', message: ev.message }, live: null };
        break;
      case 'error':
        s = { ...s, runStatus: 'error', runError: { kind: 'crashed', message: ev.message } };
        break;
      case 'snapshot': {
        if (!s.live || s.live.runId !== ev.runId) break;
        const live = applySnapshot(s.live, ev);
        const current = ev.seq >= s.runCommandSeq || ev.status === 'finished';
        s = { ...s, live, runStatus: current && s.runStatus !== 'error' ? ev.status : s.runStatus };
        break;
      }
      case 'faultInjected':
        // The controller turns it into a scenario edit (controller.ts); nothing here changes.
        break;
      case 'trace':
        // The controller hands it to the trace panel (src/trace); nothing here changes.
        break;
      default:
        unreachable(ev, 'worker event');
    }
  }
  return s === state ? state : ({ ...state, ...s } as S);
}

/**
 * Folds a queue of events into fewer, equivalent ones: consecutive snapshots
 * of a run become one (windows concatenated up to `maxWindows`, the latest
 * of everything else). Used when events pile up between animation frames
 * (a hidden tab), so memory stays bounded and the store updates once.
 */
export function compactEvents(events: readonly WorkerEvent[], maxWindows = 3600): WorkerEvent[] {
  const out: WorkerEvent[] = [];
  for (const ev of events) {
    const prev = out[out.length - 1];
    if (ev.type === 'snapshot' && prev?.type === 'snapshot' && prev.runId === ev.runId) {
      let windows = prev.windows.concat(ev.windows);
      if (windows.length > maxWindows) windows = windows.slice(windows.length - maxWindows);
      out[out.length - 1] = {
        ...ev,
        windows,
        histogram: ev.histogram ?? prev.histogram,
        results: ev.results ?? prev.results,
        confidence: ev.confidence ?? prev.confidence,
        stopped: ev.stopped ?? prev.stopped,
        logs: ev.logs ?? prev.logs,
        keyWatch: mergeKeyFeeds(prev.keyWatch, ev.keyWatch),
        diverged: ev.diverged ?? prev.diverged,
        batch: prev.batch && ev.batch ? [...prev.batch.filter((b) => !ev.batch!.some((n) => n.node === b.node)), ...ev.batch] : (ev.batch ?? prev.batch),
      };
    } else {
      out.push(ev);
    }
  }
  return out;
}

/** Two snapshots' key news as one: a later start replaces everything before it; otherwise the events add up. */
function mergeKeyFeeds(a: KeyWatchFeed | undefined, b: KeyWatchFeed | undefined): KeyWatchFeed | undefined {
  if (!a || !b) return b ?? a;
  if (b.start || a.key !== b.key) return b;
  const merged: KeyWatchFeed = { key: a.key, events: a.events.concat(b.events), dropped: a.dropped + b.dropped };
  if (a.start) merged.start = a.start;
  if (a.staleReads || b.staleReads) {
    const sum: Record<string, number> = Object.create(null);
    for (const f of [a, b]) for (const [id, n] of Object.entries(f.staleReads ?? {})) sum[id] = (sum[id] ?? 0) + n;
    merged.staleReads = sum;
  }
  return merged;
}
