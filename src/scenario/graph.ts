/**
 * Checks that span several fields: ids, references, and a graph the engine
 * can run. Shared by the decoder and the canvas (which refuses a connection
 * the decoder would reject, with the same words).
 */
import { EDGE_TARGET_FAULT_TYPES, FAULT_LIMITS, KINDS } from './kinds';
import { hasStation } from '../kinds';
import type { Scenario, ScenarioEdge, ScenarioNode } from './schema';

export interface GraphProblem {
  path: string;
  line: string;
}

const POPULATION_FANOUTS = new Set(['followers', 'followees', 'celebrityFollowees']);
/** Consumer connections of one Redis list or Pub/Sub queue, over all its outgoing edges. */
const MAX_REDIS_CONNECTIONS = 100_000;

/** Every cross-field problem of a schema-valid scenario, in document order. */
export function graphProblems(s: Scenario): GraphProblem[] {
  const problems: GraphProblem[] = [];
  const add = (path: string, message: string) => problems.push({ path, line: `${path}: ${message}` });

  if (s.warmupSec >= s.durationSec) {
    add('warmupSec', `expected a warm-up shorter than durationSec (${s.durationSec} s), got ${s.warmupSec}`);
  }

  const nodeIndex = new Map<string, number>();
  s.nodes.forEach((node, i) => {
    const seen = nodeIndex.get(node.id);
    if (seen !== undefined) add(`nodes[${i}].id`, `duplicate node id "${node.id}" (also nodes[${seen}])`);
    else nodeIndex.set(node.id, i);
  });

  const edgeIds = new Map<string, number>();
  s.edges.forEach((edge, i) => {
    const seen = edgeIds.get(edge.id);
    if (seen !== undefined) add(`edges[${i}].id`, `duplicate edge id "${JSON.stringify(edge.id).slice(1, -1)}" (also edges[${seen}])`);
    else edgeIds.set(edge.id, i);
    for (const end of ['source', 'target'] as const) {
      if (!nodeIndex.has(edge[end])) add(`edges[${i}].${end}`, `no node has the id "${edge[end]}"`);
    }
    const source = nodeIndex.get(edge.source);
    const target = nodeIndex.get(edge.target);
    if (source !== undefined && target !== undefined) {
      const reason = connectionRefusal(s.nodes[source], s.nodes[target]);
      if (reason) add(`edges[${i}]`, reason);
      if (edge.mode === 'cdc' && s.nodes[source].kind !== 'database') {
        add(`edges[${i}].mode`, `a CDC edge publishes a database's committed writes, and "${edge.source}" is a ${KINDS[s.nodes[source].kind].title.toLowerCase()}, not a database`);
      } else if (edge.mode === 'cdc' && !s.keys) {
        add(`edges[${i}].mode`, 'a CDC edge publishes committed writes by key and version, and the scenario has no keys');
      }
      if (edge.consumers !== undefined && s.nodes[source].kind !== 'log') {
        add(`edges[${i}].consumers`, `consumers size a log's consumer group, and "${edge.source}" is not a log`);
      }
    }
    if (POPULATION_FANOUTS.has(edge.fanout.type) && !s.population) {
      add(`edges[${i}].fanout`, `a "${edge.fanout.type}" fan-out needs a population (the follower graph), and the scenario has none`);
    }
  });

  // A Redis list or Pub/Sub keeps a record per consumer connection: consumers on every outgoing edge.
  s.nodes.forEach((node, i) => {
    if (node.kind !== 'queue' || node.params.semantics === 'broker') return;
    const out = s.edges.filter((e) => e.source === node.id).length;
    if (node.params.consumers * out > MAX_REDIS_CONNECTIONS) {
      add(`nodes[${i}].params.consumers`, `expected at most ${MAX_REDIS_CONNECTIONS.toLocaleString('en-US')} consumers in all (a ${node.params.semantics === 'list' ? 'list' : 'Pub/Sub queue'} has consumers on each of its ${out} outgoing edges), got ${node.params.consumers}`);
    }
  });

  faultProblems(s, nodeIndex, edgeIds, add);
  const clientOps = new Set(s.nodes.flatMap((n) => (n.kind === 'client' ? [n.params.op] : [])));
  const sloOps = new Map<string, number>();
  (s.slos ?? []).forEach((o, i) => {
    if (!clientOps.has(o.op)) add(`slos[${i}].op`, `no client creates the operation "${o.op}"`);
    const seen = sloOps.get(o.op);
    if (seen !== undefined) add(`slos[${i}].op`, `"${o.op}" already has an objective (slos[${seen}]); an operation has one`);
    else sloOps.set(o.op, i);
  });

  if (problems.length === 0) {
    const batchCycle = findBatchCycle(s);
    if (batchCycle) {
      add(
        `edges[${batchCycle.edge}]`,
        `the batch jobs depend on each other in a cycle (${batchCycle.ids.join(' → ')}): a batch node downstream of batch nodes runs when all of their jobs have finished, so none of these would ever run`,
      );
    } else {
      const cycle = findCycle(s.nodes, s.edges.filter((e) => e.mode !== 'cdc'));
      if (cycle) add('edges', `the edges form a cycle (${cycle.join(' → ')}); requests would call each other forever, so the graph must be acyclic`);
      else {
        const loop = findCdcCycle(s);
        if (loop) add('edges', `the committed writes of "${loop.op}" would go round a cycle (${loop.ids.join(' → ')}): each would be written to the database again, and published again, forever`);
      }
    }
  }
  return problems;
}

/** Faults: unique ids, a target that exists and can have the fault, and a bounded number of random faults. */
function faultProblems(s: Scenario, nodeIndex: Map<string, number>, edgeIds: Map<string, number>, add: (path: string, message: string) => void): void {
  const faults = s.faults ?? [];
  const ids = new Map<string, number>();
  let randomIntervals = 0;
  faults.forEach((f, i) => {
    const at = `faults[${i}]`;
    const seen = ids.get(f.id);
    if (seen !== undefined) add(`${at}.id`, `duplicate fault id "${f.id}" (also faults[${seen}])`);
    else ids.set(f.id, i);
    const onEdge = EDGE_TARGET_FAULT_TYPES.includes(f.type);
    const node = nodeIndex.get(f.target);
    const edge = edgeIds.get(f.target);
    if (onEdge) {
      if (edge === undefined) {
        add(`${at}.target`, node !== undefined ? `a ${f.type} fault targets an edge, and "${f.target}" is a node` : `no edge has the id "${f.target}"`);
      } else if (f.type === 'rewind' && s.nodes[nodeIndex.get(s.edges[edge].source)!]?.kind !== 'log') {
        add(`${at}.target`, `a rewind moves a log's consumer group back, and edge "${f.target}" does not leave a log`);
      }
    } else if (node === undefined) {
      add(`${at}.target`, edge !== undefined ? `a ${f.type} fault targets a node, and "${f.target}" is an edge` : `no node has the id "${f.target}"`);
    } else {
      const kind = s.nodes[node].kind;
      if (kind === 'client') add(`${at}.target`, `a client cannot fail: it is the load ("${f.target}"); break what it calls`);
      else if (kind === 'log') {
        add(`${at}.target`, `a log cannot be given faults yet ("${f.target}"): crash the service a consumer group calls, or rewind a group (its edge)`);
      } else if (kind === 'queue') {
        add(`${at}.target`, `a queue cannot be given faults yet ("${f.target}"): break the service its consumers call, or the edges into it`);
      } else if (kind === 'batch') {
        add(`${at}.target`, `a batch job cannot be given faults yet ("${f.target}"): break what it writes to, or the edges into it`);
      }
      else if (f.type !== 'crash' && !hasStation(kind)) {
        add(`${at}.target`, `a ${f.type} fault needs a node with servers, and a ${KINDS[kind].title.toLowerCase()} has none ("${f.target}")`);
      }
    }
    if (f.random) randomIntervals += (2 * s.durationSec) / (f.random.mtbfSec + f.random.mttrSec);
    else if (f.atSec !== undefined && f.atSec >= 2 * s.durationSec) {
      add(`${at}.atSec`, `expected a start within the run (before ${2 * s.durationSec} s, the end of its drain), got ${f.atSec}`);
    }
  });
  // Two scheduled faults of one type on one target must not overlap: which of them holds would be a guess (faults of
  // different types combine — a slow node can also throw errors).
  for (let i = 0; i < faults.length; i++) {
    const a = faults[i];
    if (a.atSec === undefined) continue;
    const aEnd = a.durationSec === undefined ? Infinity : a.atSec + a.durationSec;
    for (let j = 0; j < i; j++) {
      const b = faults[j];
      if (b.atSec === undefined || b.type !== a.type || b.target !== a.target) continue;
      const bEnd = b.durationSec === undefined ? Infinity : b.atSec + b.durationSec;
      if (a.atSec < bEnd && b.atSec < aEnd) {
        add(`faults[${i}].atSec`, `overlaps faults[${j}] ("${b.id}"), a ${a.type} of "${a.target}" too, from ${b.atSec} s; move one, or make them one fault`);
        break;
      }
    }
  }
  if (randomIntervals > FAULT_LIMITS.maxRandomIntervals) {
    add('faults', `random faults would happen about ${Math.round(randomIntervals).toLocaleString('en-US')} times in the run; the limit is ${FAULT_LIMITS.maxRandomIntervals.toLocaleString('en-US')} (raise mtbfSec)`);
  }
}

/** A cycle of batch nodes calling batch nodes (a workflow that waits for itself), with the index of the edge that closes it. */
function findBatchCycle(s: Scenario): { ids: string[]; edge: number } | undefined {
  const batch = new Set(s.nodes.filter((n) => n.kind === 'batch').map((n) => n.id));
  if (batch.size < 2) return undefined;
  const edges = s.edges.filter((e) => batch.has(e.source) && batch.has(e.target));
  const ids = findCycle(s.nodes.filter((n) => batch.has(n.id)), edges);
  if (!ids) return undefined;
  const from = ids[ids.length - 2];
  const to = ids[ids.length - 1];
  return { ids, edge: s.edges.findIndex((e) => e.source === from && e.target === to) };
}

/**
 * A cycle through a CDC edge (a database's committed writes flowing back into it). A CDC edge may
 * close a loop of nodes — a cache fed by the database's changes reads through to the same database —
 * as long as no op can go round: a request keeps its op, so the loop is looked for op by op, a CDC
 * edge carrying the ops it publishes (its ops that the database writes).
 */
function findCdcCycle(s: Scenario): { op: string; ids: string[] } | undefined {
  const byId = new Map(s.nodes.map((n) => [n.id, n]));
  const published = new Set<string>();
  const carries = (e: ScenarioEdge, op: string) => {
    if (e.ops !== undefined && !e.ops.includes(op)) return false;
    if (e.mode !== 'cdc') return true;
    const db = byId.get(e.source);
    return db?.kind === 'database' && (db.params.writeOps ?? []).includes(op);
  };
  for (const e of s.edges) {
    const db = byId.get(e.source);
    if (e.mode !== 'cdc' || db?.kind !== 'database') continue;
    for (const op of db.params.writeOps ?? []) if (carries(e, op)) published.add(op);
  }
  for (const op of published) {
    const ids = findCycle(s.nodes, s.edges.filter((e) => carries(e, op)));
    if (ids) return { op, ids };
  }
  return undefined;
}

/** Why an edge from `source` to `target` is not allowed, or `undefined` if it is. */
export function connectionRefusal(source: ScenarioNode, target: ScenarioNode): string | undefined {
  if (source.id === target.id) return `a node cannot call itself ("${source.id}")`;
  if (!KINDS[target.kind].acceptsCalls) {
    return `edges never lead into a ${KINDS[target.kind].title.toLowerCase()} ("${target.id}"): clients only create requests`;
  }
  if (!KINDS[source.kind].makesCalls) return `a ${KINDS[source.kind].title.toLowerCase()} makes no calls`;
  return undefined;
}

/** A cycle as a list of node ids (first repeated at the end), or `undefined`. Iterative: no recursion on hostile input. */
export function findCycle(nodes: readonly ScenarioNode[], edges: readonly Pick<ScenarioEdge, 'source' | 'target'>[]): string[] | undefined {
  const index = new Map(nodes.map((n, i) => [n.id, i]));
  const out: number[][] = nodes.map(() => []);
  for (const e of edges) {
    const a = index.get(e.source);
    const b = index.get(e.target);
    if (a !== undefined && b !== undefined) out[a].push(b);
  }
  const WHITE = 0;
  const GREY = 1;
  const BLACK = 2;
  const color = new Uint8Array(nodes.length);
  const parent = new Int32Array(nodes.length).fill(-1);
  for (let start = 0; start < nodes.length; start++) {
    if (color[start] !== WHITE) continue;
    const stack: [number, number][] = [[start, 0]];
    color[start] = GREY;
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      const [v, i] = top;
      if (i < out[v].length) {
        top[1]++;
        const w = out[v][i];
        if (color[w] === GREY) {
          const cycle = [nodes[w].id];
          for (let u = v; u !== w && u >= 0; u = parent[u]) cycle.push(nodes[u].id);
          cycle.push(nodes[w].id);
          // Built backwards from v; show it in call order.
          return [cycle[0], ...cycle.slice(1, -1).reverse(), cycle[cycle.length - 1]];
        }
        if (color[w] === WHITE) {
          color[w] = GREY;
          parent[w] = v;
          stack.push([w, 0]);
        }
      } else {
        color[v] = BLACK;
        stack.pop();
      }
    }
  }
  return undefined;
}

/** Whether adding `edge` to the scenario would close a cycle. */
export function wouldCreateCycle(s: Pick<Scenario, 'nodes' | 'edges'>, edge: Pick<ScenarioEdge, 'source' | 'target'>): string[] | undefined {
  return findCycle(s.nodes, [...s.edges, edge]);
}
