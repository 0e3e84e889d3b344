/**
 * The load a scenario is expected to carry, computed rather than simulated:
 * client rates pushed through the graph by linearity of expectation. Each
 * edge carries (requests at its source that take it) × probability ×
 * (expected calls per request); a cache passes on only its misses, a load
 * balancer splits a request stream evenly over its eligible edges.
 *
 * For the follower fan-out this is the number the editor shows beside the
 * simulation: post rate × E[followers of a post's author, celebrities
 * skipped]. The simulation agrees on long runs; on short ones it usually
 * shows fewer writes, because the mean of a heavy tail is carried by rare,
 * huge posts that a short run may not yet have drawn.
 */
import type { Scenario, ScenarioEdge } from '../scenario/schema';
import type { PopulationModel } from '../sim/population';
import { thresholdStatsOf } from './populationModel';

export interface ExpectedEdgeLoad {
  /** Requests per second at the edge's source that take the edge (before fan-out and probability). */
  requestsPerSec: number;
  /** Expected calls per request along the edge (its fan-out). */
  callsPerRequest: number;
  /** Calls per second along the edge. */
  callsPerSec: number;
}

export interface ExpectedLoad {
  /** Requests per second arriving at each node (clients: the requests they create). */
  nodeArrivalsPerSec: Record<string, number>;
  edges: Record<string, ExpectedEdgeLoad>;
}

/** Expected calls per request along an edge, from its fan-out and the follower graph. */
export function expectedFanout(edge: ScenarioEdge, population: PopulationModel | undefined): number {
  const f = edge.fanout;
  switch (f.type) {
    case 'fixed':
      return f.n;
    case 'followers':
      if (!population) return 0;
      return f.skipAbove === undefined ? population.stats.meanPostFanout : thresholdStatsOf(population, f.skipAbove).hybridWritesPerPost;
    case 'followees':
      return population ? population.stats.meanFollowees : 0;
    case 'celebrityFollowees':
      return population ? thresholdStatsOf(population, f.threshold).celebrityFetchesPerRead : 0;
  }
}

/** Nodes in an order where every edge goes forward (the graph is acyclic; nodes on a cycle are left out). */
function topologicalOrder(s: Scenario): string[] {
  const indegree = new Map(s.nodes.map((n) => [n.id, 0]));
  for (const e of s.edges) if (indegree.has(e.target) && indegree.has(e.source)) indegree.set(e.target, indegree.get(e.target)! + 1);
  const ready = s.nodes.filter((n) => indegree.get(n.id) === 0).map((n) => n.id);
  const order: string[] = [];
  while (ready.length > 0) {
    const id = ready.shift()!;
    order.push(id);
    for (const e of s.edges) {
      if (e.source !== id || !indegree.has(e.target)) continue;
      const d = indegree.get(e.target)! - 1;
      indegree.set(e.target, d);
      if (d === 0) ready.push(e.target);
    }
  }
  return order;
}

/** The expected request rates through every node and edge of a scenario. */
export function expectedLoad(s: Scenario, population: PopulationModel | undefined): ExpectedLoad {
  const byId = new Map(s.nodes.map((n) => [n.id, n]));
  const outgoing = new Map<string, ScenarioEdge[]>(s.nodes.map((n) => [n.id, []]));
  for (const e of s.edges) outgoing.get(e.source)?.push(e);
  /** Per node, requests per second per operation. */
  const arrivals = new Map<string, Map<string, number>>(s.nodes.map((n) => [n.id, new Map()]));
  const edges: Record<string, ExpectedEdgeLoad> = {};
  for (const e of s.edges) edges[e.id] = { requestsPerSec: 0, callsPerRequest: expectedFanout(e, population), callsPerSec: 0 };

  for (const id of topologicalOrder(s)) {
    const node = byId.get(id)!;
    const perOp = arrivals.get(id)!;
    if (node.kind === 'client') perOp.set(node.params.op, (perOp.get(node.params.op) ?? 0) + node.params.arrival.ratePerSec);
    const passOn = node.kind === 'cache' ? 1 - node.params.hitRatio : 1;
    for (const [op, rate] of perOp) {
      const eligible = outgoing.get(id)!.filter((e) => !e.ops || e.ops.includes(op));
      if (eligible.length === 0) continue;
      const share = node.kind === 'loadBalancer' ? 1 / eligible.length : 1;
      for (const e of eligible) {
        const requests = rate * passOn * share;
        const calls = requests * e.probability * edges[e.id].callsPerRequest;
        edges[e.id].requestsPerSec += requests;
        edges[e.id].callsPerSec += calls;
        const target = arrivals.get(e.target);
        if (target && calls > 0) target.set(op, (target.get(op) ?? 0) + calls);
      }
    }
  }
  const nodeArrivalsPerSec: Record<string, number> = {};
  for (const [id, perOp] of arrivals) nodeArrivalsPerSec[id] = [...perOp.values()].reduce((a, b) => a + b, 0);
  return { nodeArrivalsPerSec, edges };
}
