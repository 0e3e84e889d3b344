/**
 * What the canvas shows of the live run on each node and edge. The canvas
 * reads these hooks; the live simulation fills them in. Until a run has
 * produced a snapshot they return undefined and the canvas shows no overlay.
 *
 * Semantics: while the run plays or is paused, the numbers are those of the
 * last closed live window (one simulated second); once it has finished, those
 * of the whole measured run (the results object). A hook's value is a stable
 * object that changes only when its own numbers change, so a node re-renders
 * only then.
 */
import { useAppStore } from '../store';

export interface NodeLiveStats {
  /** Busy servers ÷ servers over the last window, 0…1 (clients and load balancers: undefined). */
  utilization?: number;
  /** Requests waiting for a server (time average over the last window). */
  queueLength: number;
  /** Requests rejected or failed per second over the last window. */
  errorsPerSec: number;
  /** Utilization ≥ 1 or a queue that keeps growing: shown as "overloaded — queue growing". */
  overloaded: boolean;
}

export interface EdgeLiveStats {
  callsPerSec: number;
}

/** A record's own entry: ids such as "constructor" must not find Object.prototype's members. */
function ownEntry<T>(record: Record<string, T> | undefined, id: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, id) ? record[id] : undefined;
}

/** Live statistics of a node, or undefined when nothing is running. */
export function useNodeLiveStats(nodeId: string): NodeLiveStats | undefined {
  return useAppStore((s) => ownEntry(s.live?.nodeStats, nodeId));
}

/** Live statistics of an edge, or undefined when nothing is running. */
export function useEdgeLiveStats(edgeId: string): EdgeLiveStats | undefined {
  return useAppStore((s) => ownEntry(s.live?.edgeStats, edgeId));
}
