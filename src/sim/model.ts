/**
 * A validated scenario compiled into integer-indexed tables for the engine:
 * node and edge indices, operation indices, and per (node, op) the list of
 * outgoing edges a request of that op takes.
 */
import type { Scenario, ScenarioEdge } from '../scenario/schema';
import { compileSampler, type Sampler } from './distributions';
import type { BackoffRule } from './policies/backoff';
import type { BreakerRule } from './policies/breaker';

/** An edge's retry rule, compiled. */
export interface RetryRule {
  maxAttempts: number;
  onTimeout: boolean;
  onError: boolean;
  backoff: BackoffRule;
  /** Retries per first attempt over the trailing 10 s, or null: unlimited. */
  budgetRatio: number | null;
}

export const FANOUT_FIXED = 0;
export const FANOUT_FOLLOWERS = 1;
export const FANOUT_FOLLOWEES = 2;
export const FANOUT_CELEBRITY_FOLLOWEES = 3;

const FANOUT_CODE: Record<ScenarioEdge['fanout']['type'], number> = {
  fixed: FANOUT_FIXED,
  followers: FANOUT_FOLLOWERS,
  followees: FANOUT_FOLLOWEES,
  celebrityFollowees: FANOUT_CELEBRITY_FOLLOWEES,
};

export interface Model {
  scenario: Scenario;
  nodeCount: number;
  edgeCount: number;
  /** Operation names, in order of first appearance at a client. */
  ops: string[];
  opIndex: Map<string, number>;
  nodeIndex: Map<string, number>;
  /** Outgoing edges per (node, op): `outEdges[node * ops.length + op]`. */
  outEdges: Int32Array[];
  edgeSource: Int32Array;
  edgeTarget: Int32Array;
  edgeFanout: Uint8Array;
  /** fixed: n; followers: skipAbove (Infinity when absent); celebrityFollowees: threshold. */
  edgeFanoutParam: Float64Array;
  edgeProbability: Float64Array;
  edgeAsync: Uint8Array;
  /** Whether the edge reports `deliveryMs` (anything but a fixed fan-out of 1). */
  edgeTracked: Uint8Array;
  /** One-way network delay per edge, or null when calls along it take no time (v1). */
  edgeLatency: (Sampler | null)[];
  /** How long a caller waits for an attempt along the edge before giving up, ms (Infinity: for ever, as in v1). */
  edgeTimeout: Float64Array;
  /** Whether any edge has a timeout: the results then break errors down by cause. */
  hasTimeouts: boolean;
  /** Each edge's retry rule, or null (sync calls only). */
  edgeRetry: (RetryRule | null)[];
  /** Each edge's hedging rule, or null (sync calls only). */
  edgeHedge: ({ afterMs: number; maxHedges: number } | null)[];
  /** Whether any edge hedges. */
  hasHedges: boolean;
  /** Each edge's circuit breaker rule, or null (sync calls only). */
  edgeBreaker: (BreakerRule | null)[];
  /** Whether the scenario can fail in more ways than a full line (timeouts, faults or breakers): the results then break errors down by cause and count failed attempts. */
  canFail: boolean;
  /** Whether the scenario has faults (faults.ts): the results then break errors down by cause and count failed attempts. */
  hasFaults: boolean; // set by Simulation.injectFault when a run gains its first fault
  /** Per edge: whether a fault targets it (a partition or extra latency): its calls go through `send`, never the direct path. */
  edgeFaulted: Uint8Array;
  /** Per node: whether a fault targets it. */
  nodeFaulted: Uint8Array;
  /** Per op: whether some reachable edge needs the author's followers / the reader's followees. */
  opNeedsAuthor: Uint8Array;
  opNeedsFollowees: Uint8Array;
  /** Per node: the op a client creates, or −1 for every other node. */
  clientOp: Int32Array;
  /** Per node: whether it issues its calls one after another (`calls: "sequential"`). */
  sequential: Uint8Array;
}

function edgeTakesOp(edge: ScenarioEdge, op: string): boolean {
  return edge.ops === undefined || edge.ops.includes(op);
}

/** Compiles a validated scenario. */
export function compileModel(scenario: Scenario): Model {
  const nodeIndex = new Map<string, number>();
  scenario.nodes.forEach((n, i) => nodeIndex.set(n.id, i));
  const ops: string[] = [];
  const opIndex = new Map<string, number>();
  for (const node of scenario.nodes) {
    if (node.kind === 'client' && !opIndex.has(node.params.op)) {
      opIndex.set(node.params.op, ops.length);
      ops.push(node.params.op);
    }
  }
  const nodeCount = scenario.nodes.length;
  const edgeCount = scenario.edges.length;

  const edgeSource = new Int32Array(edgeCount);
  const edgeTarget = new Int32Array(edgeCount);
  const edgeFanout = new Uint8Array(edgeCount);
  const edgeFanoutParam = new Float64Array(edgeCount);
  const edgeProbability = new Float64Array(edgeCount);
  const edgeAsync = new Uint8Array(edgeCount);
  const edgeTracked = new Uint8Array(edgeCount);
  const edgeLatency: (Sampler | null)[] = [];
  const edgeTimeout = new Float64Array(edgeCount).fill(Infinity);
  const edgeRetry: (RetryRule | null)[] = [];
  const edgeBreaker: (BreakerRule | null)[] = [];
  const edgeHedge: ({ afterMs: number; maxHedges: number } | null)[] = [];
  const faults = scenario.faults ?? [];
  const edgeIndex = new Map(scenario.edges.map((e, i) => [e.id, i]));
  const edgeFaulted = new Uint8Array(edgeCount);
  const nodeFaulted = new Uint8Array(nodeCount);
  for (const f of faults) {
    if (f.type === 'partition' || f.type === 'latency') {
      const e = edgeIndex.get(f.target);
      if (e !== undefined) edgeFaulted[e] = 1;
    } else {
      const n = nodeIndex.get(f.target);
      if (n !== undefined) nodeFaulted[n] = 1;
    }
  }
  scenario.edges.forEach((e, i) => {
    edgeSource[i] = nodeIndex.get(e.source)!;
    edgeTarget[i] = nodeIndex.get(e.target)!;
    edgeFanout[i] = FANOUT_CODE[e.fanout.type];
    switch (e.fanout.type) {
      case 'fixed':
        edgeFanoutParam[i] = e.fanout.n;
        break;
      case 'followers':
        edgeFanoutParam[i] = e.fanout.skipAbove ?? Infinity;
        break;
      case 'celebrityFollowees':
        edgeFanoutParam[i] = e.fanout.threshold;
        break;
      case 'followees':
        edgeFanoutParam[i] = 0;
        break;
    }
    edgeProbability[i] = e.probability;
    edgeAsync[i] = e.mode === 'async' ? 1 : 0;
    edgeTracked[i] = e.fanout.type === 'fixed' && e.fanout.n === 1 ? 0 : 1;
    edgeLatency.push(e.latencyMs ? compileSampler(e.latencyMs) : null);
    if (e.timeoutMs !== undefined && e.mode === 'sync') edgeTimeout[i] = e.timeoutMs;
    edgeBreaker.push(e.mode === 'sync' && e.breaker ? { ...e.breaker } : null);
    edgeHedge.push(e.mode === 'sync' && e.hedge ? { ...e.hedge } : null);
    const r = e.mode === 'sync' ? e.retry : undefined;
    edgeRetry.push(
      r && r.maxAttempts > 1
        ? {
            maxAttempts: r.maxAttempts,
            onTimeout: r.on.includes('timeout'),
            onError: r.on.includes('error'),
            backoff: { ...r.backoff, jitter: r.jitter },
            budgetRatio: r.budget?.ratio ?? null,
          }
        : null,
    );
  });

  const outEdges: Int32Array[] = [];
  for (let n = 0; n < nodeCount; n++) {
    for (let o = 0; o < ops.length; o++) {
      const list: number[] = [];
      scenario.edges.forEach((e, i) => {
        // A CDC edge carries the database's committed writes (data.ts), never a request's calls.
        if (edgeSource[i] === n && edgeTakesOp(e, ops[o]) && e.mode !== 'cdc') list.push(i);
      });
      outEdges.push(Int32Array.from(list));
    }
  }

  // Which ops can reach a population-driven edge: the author (or reader) is drawn at the client.
  const opNeedsAuthor = new Uint8Array(ops.length);
  const opNeedsFollowees = new Uint8Array(ops.length);
  for (let o = 0; o < ops.length; o++) {
    const seen = new Uint8Array(nodeCount);
    const stack: number[] = [];
    scenario.nodes.forEach((n, i) => {
      if (n.kind === 'client' && n.params.op === ops[o]) stack.push(i);
    });
    while (stack.length > 0) {
      const v = stack.pop()!;
      if (seen[v]) continue;
      seen[v] = 1;
      for (const e of outEdges[v * ops.length + o]) {
        if (edgeFanout[e] === FANOUT_FOLLOWERS) opNeedsAuthor[o] = 1;
        if (edgeFanout[e] === FANOUT_FOLLOWEES) opNeedsFollowees[o] = 1;
        stack.push(edgeTarget[e]);
      }
    }
  }

  const clientOp = new Int32Array(nodeCount).fill(-1);
  const sequential = new Uint8Array(nodeCount);
  scenario.nodes.forEach((n, i) => {
    if (n.kind === 'client') clientOp[i] = opIndex.get(n.params.op)!;
    const calls = (n.params as { calls?: string }).calls;
    sequential[i] = calls === 'sequential' ? 1 : 0;
  });

  return {
    scenario,
    nodeCount,
    edgeCount,
    ops,
    opIndex,
    nodeIndex,
    outEdges,
    edgeSource,
    edgeTarget,
    edgeFanout,
    edgeFanoutParam,
    edgeProbability,
    edgeAsync,
    edgeTracked,
    edgeLatency,
    edgeTimeout,
    hasTimeouts: edgeTimeout.some((t) => t !== Infinity),
    hasFaults: faults.length > 0,
    edgeBreaker,
    edgeHedge,
    hasHedges: edgeHedge.some((h) => h !== null),
    canFail: faults.length > 0 || edgeTimeout.some((t) => t !== Infinity) || edgeBreaker.some((b) => b !== null),
    edgeFaulted,
    nodeFaulted,
    edgeRetry,
    opNeedsAuthor,
    opNeedsFollowees,
    clientOp,
    sequential,
  };
}
