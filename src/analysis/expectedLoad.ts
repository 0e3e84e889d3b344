/**
 * The load a scenario is expected to carry, computed rather than simulated:
 * client rates pushed through the compiled model (src/sim/model.ts, the same
 * tables the engine routes by) by linearity of expectation. Each edge
 * carries (requests of an op at its source that take it — the model's
 * out-edge lists) × probability × (expected calls per request); what a node
 * passes on and how it splits a stream over its edges is its kind's routing
 * rule (src/kinds/).
 *
 * For the follower fan-out this is the number the editor shows beside the
 * simulation: post rate × E[followers of a post's author, celebrities
 * skipped]. The simulation agrees on long runs; on short ones it usually
 * shows fewer writes, because the mean of a heavy tail is carried by rare,
 * huge posts that a short run may not yet have drawn.
 */
import { meanRatePerSec } from '../scenario/arrival';
import type { Scenario, ScenarioEdge } from '../scenario/schema';
import { compileModel, type Model } from '../sim/model';
import type { PopulationModel } from '../sim/population';
import { thresholdStatsOf } from './populationCache';
import { routingOf } from '../kinds';

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

/** Node indices in an order where every edge goes forward; nodes on a cycle are left out. */
function topologicalOrder(model: Model): number[] {
  const indegree = new Int32Array(model.nodeCount);
  for (let e = 0; e < model.edgeCount; e++) indegree[model.edgeTarget[e]]++;
  const out: number[][] = Array.from({ length: model.nodeCount }, () => []);
  for (let e = 0; e < model.edgeCount; e++) out[model.edgeSource[e]].push(model.edgeTarget[e]);
  const ready: number[] = [];
  for (let i = 0; i < model.nodeCount; i++) if (indegree[i] === 0) ready.push(i);
  const order: number[] = [];
  for (let k = 0; k < ready.length; k++) {
    const v = ready[k];
    order.push(v);
    for (const t of out[v]) if (--indegree[t] === 0) ready.push(t);
  }
  return order;
}

/** Expected rates in the model's own indexing: per (node, op) arrivals and per edge requests and calls, per second. */
export interface ExpectedRates {
  /** `arrivals[node * ops + op]`: requests of the op per second arriving at the node (clients: created). */
  arrivals: Float64Array;
  edgeRequests: Float64Array;
  edgeCallsPerRequest: Float64Array;
  edgeCalls: Float64Array;
}

/** The expected rates through every node and edge of a compiled model. */
export function expectedRates(model: Model, population: PopulationModel | undefined): ExpectedRates {
  const nOps = model.ops.length;
  const nodes = model.scenario.nodes;
  const arrivals = new Float64Array(model.nodeCount * nOps);
  const edgeRequests = new Float64Array(model.edgeCount);
  const edgeCalls = new Float64Array(model.edgeCount);
  const edgeCallsPerRequest = Float64Array.from(model.scenario.edges, (e) => expectedFanout(e, population));
  for (const v of topologicalOrder(model)) {
    const node = nodes[v];
    // The measurement window's mean rate (a rate schedule averaged over its pieces).
    if (model.clientOp[v] >= 0 && node.kind === 'client') arrivals[v * nOps + model.clientOp[v]] += meanRatePerSec(node.params.arrival, model.scenario.warmupSec, model.scenario.durationSec);
    const rule = routingOf(node);
    for (let op = 0; op < nOps; op++) {
      const rate = arrivals[v * nOps + op];
      const list = model.outEdges[v * nOps + op];
      if (rate === 0 || list.length === 0) continue;
      const requests = rate * rule.passOn * (rule.split === 'one' ? 1 / list.length : 1);
      for (let k = 0; k < list.length; k++) {
        const e = list[k];
        const calls = requests * model.edgeProbability[e] * edgeCallsPerRequest[e];
        edgeRequests[e] += requests;
        edgeCalls[e] += calls;
        arrivals[model.edgeTarget[e] * nOps + op] += calls;
      }
    }
  }
  return { arrivals, edgeRequests, edgeCallsPerRequest, edgeCalls };
}

const compiled = new WeakMap<Scenario, Model>();

/** The compiled model of a scenario, once per scenario object (panels ask on every render). */
export function modelOf(s: Scenario): Model {
  let m = compiled.get(s);
  if (!m) {
    m = compileModel(s);
    compiled.set(s, m);
  }
  return m;
}

/** The expected request rates through every node and edge of a scenario, by id. */
export function expectedLoad(s: Scenario, population: PopulationModel | undefined): ExpectedLoad {
  const model = modelOf(s);
  const r = expectedRates(model, population);
  const nOps = model.ops.length;
  const nodeArrivalsPerSec: Record<string, number> = {};
  s.nodes.forEach((n, v) => {
    let sum = 0;
    for (let op = 0; op < nOps; op++) sum += r.arrivals[v * nOps + op];
    nodeArrivalsPerSec[n.id] = sum;
  });
  const edges: Record<string, ExpectedEdgeLoad> = {};
  s.edges.forEach((e, i) => {
    edges[e.id] = { requestsPerSec: r.edgeRequests[i], callsPerRequest: r.edgeCallsPerRequest[i], callsPerSec: r.edgeCalls[i] };
  });
  return { nodeArrivalsPerSec, edges };
}
