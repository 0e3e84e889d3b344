/**
 * Edits of a scenario as pure functions: each takes a scenario and returns a
 * new one (unchanged parts keep their identity, so the canvas re-renders only
 * what changed). The store, the actions and the tests all go through these,
 * and none of them can produce a scenario the decoder would reject.
 */
import { findCycle, connectionRefusal } from './graph';
import { EDGE_TARGET_FAULT_TYPES, KINDS, LIMITS, type NodeKind, type ParamMeta } from './kinds';
import { FORMAT_VERSION, type ParamsOf, type Scenario, type ScenarioEdge, type ScenarioFault, type ScenarioNode } from './schema';

export interface XY {
  x: number;
  y: number;
}

/** The default value of one parameter, or `undefined` when absence is the default. */
function paramDefault(meta: ParamMeta): unknown {
  switch (meta.type) {
    case 'boolean':
      return meta.default;
    case 'int':
    case 'number':
      return meta.default;
    case 'dist':
      return structuredClone(meta.default);
    case 'enum':
      return meta.optional ? undefined : meta.default;
    case 'string':
      return meta.default;
    case 'stringList':
      return meta.absentMeans === undefined ? [] : undefined;
    case 'group': {
      if (meta.optional) return undefined;
      const out: Record<string, unknown> = {};
      for (const [name, field] of Object.entries(meta.fields)) out[name] = paramDefault(field);
      return out;
    }
  }
}

/** The parameters of a new node of `kind`, every value taken from the kind metadata. */
export function defaultParams<K extends NodeKind>(kind: K): ParamsOf<K> {
  const params: Record<string, unknown> = {};
  for (const [name, meta] of Object.entries(KINDS[kind].params)) {
    const value = paramDefault(meta);
    if (value !== undefined) params[name] = value;
  }
  return params as unknown as ParamsOf<K>;
}

/** `base` if it is free, else `base-2`, `base-3`… (ids match `[A-Za-z0-9_-]{1,64}`). */
export function uniqueId(base: string, taken: ReadonlySet<string>): string {
  const clean = base.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 48) || 'node';
  if (!taken.has(clean)) return clean;
  for (let i = 2; ; i++) {
    const id = `${clean}-${i}`;
    if (!taken.has(id)) return id;
  }
}

/** `title`, or `title 2`, `title 3`… when that label is already on the canvas. */
function uniqueLabel(title: string, scenario: Scenario): string {
  const taken = new Set(scenario.nodes.map((n) => n.label ?? n.id));
  if (!taken.has(title)) return title;
  for (let i = 2; ; i++) if (!taken.has(`${title} ${i}`)) return `${title} ${i}`;
}

/** Every operation the scenario mentions: client ops first, then edge filters and index writes. */
export function knownOps(scenario: Scenario): string[] {
  const ops = new Set<string>();
  for (const n of scenario.nodes) if (n.kind === 'client') ops.add(n.params.op);
  for (const e of scenario.edges) for (const op of e.ops ?? []) ops.add(op);
  for (const n of scenario.nodes) if (n.kind === 'index') for (const op of n.params.writeOps) ops.add(op);
  return [...ops];
}

/** Whether one more node fits within the format's limits. */
export function canAddNodes(scenario: Scenario, count = 1): boolean {
  return scenario.nodes.length + count <= LIMITS.maxNodes;
}

/** A new node of `kind` at `position` with default parameters, a fresh id and a readable label. */
export function createNode(scenario: Scenario, kind: NodeKind, position: XY): ScenarioNode {
  const taken = new Set(scenario.nodes.map((n) => n.id));
  const title = KINDS[kind].title;
  const node = {
    id: uniqueId(kind, taken),
    kind,
    label: uniqueLabel(title, scenario),
    position: roundPosition(position),
    params: defaultParams(kind),
  } as ScenarioNode;
  if (node.kind === 'client') {
    // A second client most likely drives another operation; suggest one that is not taken yet.
    const ops = new Set(scenario.nodes.flatMap((n) => (n.kind === 'client' ? [n.params.op] : [])));
    for (const op of ['read', 'write', 'search', 'post', 'timeline']) {
      if (!ops.has(op)) {
        node.params = { ...node.params, op };
        break;
      }
    }
  }
  return node;
}

export function addNode(scenario: Scenario, node: ScenarioNode): Scenario {
  return { ...scenario, nodes: [...scenario.nodes, node] };
}

/** Positions are stored as whole pixels: the canvas does not need more, and links stay short. */
export function roundPosition(p: XY): XY {
  return { x: Math.round(p.x), y: Math.round(p.y) };
}

/** Moves nodes; nodes not in `positions` keep their identity. */
export function moveNodes(scenario: Scenario, positions: ReadonlyMap<string, XY>): Scenario {
  let changed = false;
  const nodes = scenario.nodes.map((n) => {
    const p = positions.get(n.id);
    if (!p) return n;
    const rounded = roundPosition(p);
    if (n.position && n.position.x === rounded.x && n.position.y === rounded.y) return n;
    changed = true;
    return { ...n, position: rounded };
  });
  return changed ? { ...scenario, nodes } : scenario;
}

/** Replaces one node by `recipe(node)`; the kind and id cannot change. */
export function updateNode(scenario: Scenario, id: string, recipe: (node: ScenarioNode) => ScenarioNode): Scenario {
  let changed = false;
  const nodes = scenario.nodes.map((n) => {
    if (n.id !== id) return n;
    const next = recipe(n);
    if (next === n) return n;
    changed = true;
    return { ...next, id: n.id, kind: n.kind } as ScenarioNode;
  });
  return changed ? { ...scenario, nodes } : scenario;
}

/** Replaces one edge by `recipe(edge)`; its id and ends cannot change. */
export function updateEdge(scenario: Scenario, id: string, recipe: (edge: ScenarioEdge) => ScenarioEdge): Scenario {
  let changed = false;
  const edges = scenario.edges.map((e) => {
    if (e.id !== id) return e;
    const next = recipe(e);
    if (next === e) return e;
    changed = true;
    return { ...next, id: e.id, source: e.source, target: e.target };
  });
  return changed ? { ...scenario, edges } : scenario;
}

/** Removes nodes (with every edge touching them) and edges, and the faults of what is gone. */
export function removeElements(scenario: Scenario, nodeIds: Iterable<string>, edgeIds: Iterable<string>): Scenario {
  const goneNodes = new Set(nodeIds);
  const goneEdges = new Set(edgeIds);
  const nodes = scenario.nodes.filter((n) => !goneNodes.has(n.id));
  const edges = scenario.edges.filter(
    (e) => !goneEdges.has(e.id) && !goneNodes.has(e.source) && !goneNodes.has(e.target),
  );
  if (nodes.length === scenario.nodes.length && edges.length === scenario.edges.length) return scenario;
  const next: Scenario = { ...scenario, nodes, edges };
  if (scenario.faults) {
    const nodeIdsLeft = new Set(nodes.map((n) => n.id));
    const edgeIdsLeft = new Set(edges.map((e) => e.id));
    const faults = scenario.faults.filter((f) => (EDGE_TARGET_FAULT_TYPES.includes(f.type) ? edgeIdsLeft.has(f.target) : nodeIdsLeft.has(f.target)));
    if (faults.length > 0) next.faults = faults;
    else delete next.faults;
  }
  if (scenario.slos) {
    // An objective for an operation no client creates any more would make the scenario invalid.
    const created = new Set(nodes.flatMap((n) => (n.kind === 'client' ? [n.params.op] : [])));
    const slos = scenario.slos.filter((o) => created.has(o.op));
    if (slos.length > 0) next.slos = slos;
    else delete next.slos;
  }
  return next;
}

/** Adds a fault (its id made unique) and returns the scenario and the id. */
export function addFault(scenario: Scenario, fault: ScenarioFault): { scenario: Scenario; id: string } {
  const id = uniqueId(fault.id, new Set((scenario.faults ?? []).map((f) => f.id)));
  return { scenario: { ...scenario, faults: [...(scenario.faults ?? []), { ...fault, id }] }, id };
}

/** Replaces fault `id` by what `recipe` makes of it. */
export function updateFault(scenario: Scenario, id: string, recipe: (fault: ScenarioFault) => ScenarioFault): Scenario {
  if (!scenario.faults?.some((f) => f.id === id)) return scenario;
  return { ...scenario, faults: scenario.faults.map((f) => (f.id === id ? recipe(f) : f)) };
}

/** Removes fault `id` (and the `faults` list with its last fault). */
export function removeFault(scenario: Scenario, id: string): Scenario {
  if (!scenario.faults?.some((f) => f.id === id)) return scenario;
  const faults = scenario.faults.filter((f) => f.id !== id);
  const next: Scenario = { ...scenario, faults };
  if (faults.length === 0) delete next.faults;
  return next;
}

function nodeName(node: ScenarioNode): string {
  return node.label ? `“${node.label}”` : `“${node.id}”`;
}

/**
 * Why an edge from `sourceId` to `targetId` would be refused, in the words the
 * decoder uses for the same problem — or `undefined` if the edge is fine.
 */
export function connectionProblem(scenario: Scenario, sourceId: string, targetId: string): string | undefined {
  const source = scenario.nodes.find((n) => n.id === sourceId);
  const target = scenario.nodes.find((n) => n.id === targetId);
  if (!source || !target) return 'both ends of an edge must be nodes on the canvas';
  const refusal = connectionRefusal(source, target);
  if (refusal) return refusal;
  if (scenario.edges.some((e) => e.source === sourceId && e.target === targetId)) {
    return `${nodeName(source)} already calls ${nodeName(target)}: select that edge to change how many calls it makes`;
  }
  if (scenario.edges.length >= LIMITS.maxEdges) return `a scenario has at most ${LIMITS.maxEdges.toLocaleString('en-US')} edges`;
  const cycle = findCycle(scenario.nodes, [...scenario.edges, { source: sourceId, target: targetId }]);
  if (cycle) {
    return `the edges would form a cycle (${cycle.join(' → ')}); requests would call each other forever, so the graph must be acyclic`;
  }
  return undefined;
}

export type ConnectResult = { ok: true; scenario: Scenario; edgeId: string } | { ok: false; reason: string };

/** Adds an edge with the format's defaults (one sync call, all operations), or says why not. */
export function connect(scenario: Scenario, sourceId: string, targetId: string): ConnectResult {
  const reason = connectionProblem(scenario, sourceId, targetId);
  if (reason) return { ok: false, reason };
  const id = uniqueEdgeId(`${sourceId}-${targetId}`, scenario);
  const edge: ScenarioEdge = {
    id,
    source: sourceId,
    target: targetId,
    fanout: { type: 'fixed', n: 1 },
    probability: 1,
    mode: 'sync',
  };
  return { ok: true, scenario: { ...scenario, edges: [...scenario.edges, edge] }, edgeId: id };
}

function uniqueEdgeId(base: string, scenario: Scenario): string {
  const taken = new Set(scenario.edges.map((e) => e.id));
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}

/** What Ctrl+C keeps: the chosen nodes and the edges between them. */
export interface Clipboard {
  nodes: ScenarioNode[];
  edges: ScenarioEdge[];
}

/** The selected nodes and every edge whose two ends are both selected. */
export function copyElements(scenario: Scenario, nodeIds: Iterable<string>): Clipboard {
  const ids = new Set(nodeIds);
  return {
    nodes: scenario.nodes.filter((n) => ids.has(n.id)),
    edges: scenario.edges.filter((e) => ids.has(e.source) && ids.has(e.target)),
  };
}

export type PasteResult =
  | { ok: true; scenario: Scenario; nodeIds: string[]; edgeIds: string[] }
  | { ok: false; reason: string };

/** Adds a copy of `clip` shifted by `offset`, with fresh node and edge ids. */
export function pasteElements(scenario: Scenario, clip: Clipboard, offset: XY): PasteResult {
  if (clip.nodes.length === 0) return { ok: false, reason: 'nothing to paste' };
  if (!canAddNodes(scenario, clip.nodes.length)) {
    return { ok: false, reason: `a scenario has at most ${LIMITS.maxNodes} nodes` };
  }
  if (scenario.edges.length + clip.edges.length > LIMITS.maxEdges) {
    return { ok: false, reason: `a scenario has at most ${LIMITS.maxEdges.toLocaleString('en-US')} edges` };
  }
  const takenNodes = new Set(scenario.nodes.map((n) => n.id));
  const rename = new Map<string, string>();
  const nodes = clip.nodes.map((n) => {
    const id = uniqueId(n.id.replace(/-\d+$/, ''), takenNodes);
    takenNodes.add(id);
    rename.set(n.id, id);
    const at = n.position ?? { x: 0, y: 0 };
    return { ...structuredClone(n), id, position: roundPosition({ x: at.x + offset.x, y: at.y + offset.y }) };
  });
  const takenEdges = new Set(scenario.edges.map((e) => e.id));
  const edges = clip.edges.flatMap((e) => {
    const source = rename.get(e.source);
    const target = rename.get(e.target);
    if (!source || !target) return [];
    const id = uniqueId(`${source}-${target}`, takenEdges);
    takenEdges.add(id);
    return [{ ...structuredClone(e), id, source, target }];
  });
  return {
    ok: true,
    scenario: { ...scenario, nodes: [...scenario.nodes, ...nodes], edges: [...scenario.edges, ...edges] },
    nodeIds: nodes.map((n) => n.id),
    edgeIds: edges.map((e) => e.id),
  };
}

/** A blank scenario: the settings of `from` (name aside), no nodes. */
export function blankScenario(from?: Scenario): Scenario {
  return {
    version: FORMAT_VERSION,
    name: 'Untitled',
    seed: from?.seed ?? 1,
    durationSec: from?.durationSec ?? 60,
    warmupSec: from?.warmupSec ?? 0,
    nodes: [],
    edges: [],
  };
}

/**
 * Sets a client's operation. When no other client creates the old operation,
 * it is renamed everywhere (edge filters, index write operations), so that
 * renaming "read" to "search" keeps the paths the requests take.
 */
export function setClientOp(scenario: Scenario, nodeId: string, op: string): Scenario {
  const client = scenario.nodes.find((n) => n.id === nodeId);
  if (!client || client.kind !== 'client' || client.params.op === op) return scenario;
  const old = client.params.op;
  const shared = scenario.nodes.some((n) => n.id !== nodeId && n.kind === 'client' && n.params.op === old);
  const rename = (ops: string[]) => [...new Set(ops.map((o) => (o === old ? op : o)))];
  const nodes = scenario.nodes.map((n): ScenarioNode => {
    if (n.id === nodeId && n.kind === 'client') return { ...n, params: { ...n.params, op } };
    if (!shared && n.kind === 'index' && n.params.writeOps.includes(old)) {
      return { ...n, params: { ...n.params, writeOps: rename(n.params.writeOps) } };
    }
    return n;
  });
  const edges = shared ? scenario.edges : scenario.edges.map((e) => (e.ops?.includes(old) ? { ...e, ops: rename(e.ops) } : e));
  const next: Scenario = { ...scenario, nodes, edges };
  // The operation's objective follows it (unless another client still creates the old one, or the new one has its own).
  if (!shared && scenario.slos?.some((o) => o.op === old)) {
    const hasNew = scenario.slos.some((o) => o.op === op);
    const slos = scenario.slos.flatMap((o) => (o.op !== old ? [o] : hasNew ? [] : [{ ...o, op }]));
    if (slos.length > 0) next.slos = slos;
    else delete next.slos;
  }
  return next;
}

/** A follower graph to start from when an edge first needs one (fan-out per follower or followee). */
export const STARTER_POPULATION = {
  users: 100_000,
  followers: { type: 'powerlaw', alpha: 1.2, min: 10, max: 1_000_000 },
  activityExponent: 0,
} as const satisfies Scenario['population'];

/** Whether any edge's fan-out is drawn from the follower graph. */
export function needsPopulation(scenario: Scenario): boolean {
  return scenario.edges.some((e) => e.fanout.type !== 'fixed');
}
