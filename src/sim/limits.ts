/**
 * What the engine agrees to run: a scenario can be valid and still ask for
 * more work than any machine will do (a client at 10^300 requests per
 * second). Such runs are refused up front with a message, instead of hanging.
 *
 * `estimateWork` is the up-front estimate the CLI holds against its event
 * budget: expected node visits per request from the graph (fan-out,
 * probabilities, operation filters, cache hit ratios, one edge per load
 * balancer), about one event per visit, bulk fan-outs counted as the chunks the
 * engine serves them in. It is an estimate of the work, not of the results.
 */
import { routingOf } from '../kinds';
import { expectedRequests } from '../scenario/arrival';
import type { Population, Scenario } from '../scenario/schema';
import { compilePopulation, type PopulationModel } from './population';

/** Most requests the clients may create in one run. */
export const MAX_REQUESTS_PER_RUN = 2e9;

/** Why the scenario cannot be run, or `undefined` when it can. */
export function runRefusal(scenario: Scenario): string | undefined {
  let requests = 0;
  for (const node of scenario.nodes) {
    if (node.kind === 'client') requests += expectedRequests(node.params.arrival, 0, scenario.durationSec);
  }
  if (requests > MAX_REQUESTS_PER_RUN) {
    return `the clients would create ${requests.toExponential(1)} requests in ${scenario.durationSec} s of simulated time; the limit is ${MAX_REQUESTS_PER_RUN.toExponential(0)} per run — lower the rates or the duration`;
  }
  return undefined;
}

export interface WorkEstimate {
  /** Requests the clients create over the run. */
  requests: number;
  /** Expected heap events of the whole run. */
  events: number;
}

/** Fan-outs above this travel in bulk (the engine's default bulk threshold). */
const BULK_CALLS = 256;
/** A bulk fan-out is served in at most max(64, 4 × servers) chunks. */
const BULK_MIN_CHUNKS = 64;
const BULK_CHUNKS_PER_SERVER = 4;
/**
 * Heap events per node visit: a call is delivered at once, so a visit costs about one event (its
 * service completion); measured at 0.4–0.55 events per estimated visit on the presets. A call
 * along an edge with a network delay adds two (its arrival and its response), counted as two
 * more visits, and a timeout one (its own event); a retried call counts its most attempts.
 */
const EVENTS_PER_VISIT = 1;

function serversOf(node: Scenario['nodes'][number]): number {
  switch (node.kind) {
    case 'service':
    case 'database':
    case 'index':
    case 'cache':
      return node.params.servers;
    case 'queue':
      return node.params.consumers;
    default:
      return 1;
  }
}

/** Up-front estimate of the work of a run (see the file comment). Never throws; may be Infinity. */
export function estimateWork(scenario: Scenario, durationSec = scenario.durationSec): WorkEstimate {
  const index = new Map(scenario.nodes.map((n, i) => [n.id, i]));
  const outgoing: Scenario['edges'][] = scenario.nodes.map(() => []);
  for (const e of scenario.edges) {
    const s = index.get(e.source);
    if (s !== undefined && index.has(e.target)) outgoing[s].push(e);
  }
  let model: PopulationModel | null | undefined;
  const population = (p: Population | undefined): PopulationModel | null => {
    if (model !== undefined) return model;
    try {
      model = p ? compilePopulation(p) : null;
    } catch {
      model = null;
    }
    return model;
  };
  const callsPerRequest = (e: Scenario['edges'][number]): number => {
    const f = e.fanout;
    const p = population(scenario.population);
    switch (f.type) {
      case 'fixed':
        return f.n;
      case 'followers':
        return (f.skipAbove === undefined ? p?.stats.meanPostFanout : p?.thresholdStats(f.skipAbove).hybridWritesPerPost) ?? 0;
      case 'followees':
        return p?.stats.meanFollowees ?? 0;
      case 'celebrityFollowees':
        return p?.celebrityFolloweeMean(f.threshold) ?? 0;
    }
  };

  let requests = 0;
  let visits = 0;
  for (const client of scenario.nodes) {
    if (client.kind !== 'client') continue;
    const op = client.params.op;
    const clientRequests = expectedRequests(client.params.arrival, 0, durationSec);
    requests += clientRequests;
    // Expected visits of each node per request of this op; the graph is acyclic, so a depth-first
    // walk with memo per node gives the visits below it. Depth is bounded by the node count.
    const below = new Map<number, number>();
    const visitsBelow = (i: number, depth: number): number => {
      const memo = below.get(i);
      if (memo !== undefined) return memo;
      if (depth > scenario.nodes.length) return 0;
      const node = scenario.nodes[i];
      const edges = outgoing[i].filter((e) => !e.ops || e.ops.includes(op));
      // The kind's routing rule: the share of requests that call on (a cache's misses; a batch job's one
      // call per job is next to nothing per record), over one edge or all of them.
      const routing = routingOf(node);
      let share = routing.passOn;
      if (routing.split === 'one') share = edges.length > 0 ? share / edges.length : 0;
      let v = 0;
      for (const e of edges) {
        const t = index.get(e.target)!;
        const calls = callsPerRequest(e) * e.probability;
        const target = scenario.nodes[t];
        let served = calls > BULK_CALLS ? Math.min(calls, Math.max(BULK_MIN_CHUNKS, BULK_CHUNKS_PER_SERVER * serversOf(target))) : calls;
        // A batch node keeps a bulk of records in one visit; its records become tasks, an event each (two with backup copies).
        if (target.kind === 'batch') served = (calls > BULK_CALLS ? 1 : calls) + (calls / target.params.recordsPerTask) * (target.params.speculative ? 2 : 1);
        const network = (e.latencyMs ? 2 : 0) + (e.timeoutMs !== undefined ? 1 : 0);
        // Retries: at most maxAttempts attempts per call (an upper bound: most calls need one).
        const attempts = e.mode === 'sync' && e.retry ? e.retry.maxAttempts : 1;
        v += share * served * attempts * (1 + network + visitsBelow(t, depth + 1));
      }
      below.set(i, v);
      return v;
    };
    visits += clientRequests * (1 + visitsBelow(index.get(client.id)!, 0));
  }
  return { requests, events: visits * EVENTS_PER_VISIT };
}
