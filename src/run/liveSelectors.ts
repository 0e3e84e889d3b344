/**
 * What the canvas shows of the live run on each node and edge. The canvas
 * reads these hooks; the live simulation fills them in. Until a run has
 * produced a snapshot they return undefined and the canvas shows no overlay.
 */

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

/** Live statistics of a node, or undefined when nothing is running. */
export function useNodeLiveStats(_nodeId: string): NodeLiveStats | undefined {
  return undefined;
}

/** Live statistics of an edge, or undefined when nothing is running. */
export function useEdgeLiveStats(_edgeId: string): EdgeLiveStats | undefined {
  return undefined;
}
