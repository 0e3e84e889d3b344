/**
 * Which faults fit which target, and each type's own fields, read from the
 * fault metadata (kinds.ts, FAULT_META): the fault editor, the "Break it"
 * menu and the command palette all build from these tables.
 */
import { hasStation } from '../kinds';
import { EDGE_FAULT_TYPES, FAULT_META, NODE_FAULT_TYPES, type DistParamMeta, type EnumParamMeta, type FaultType, type NumberParamMeta } from '../scenario/kinds';
import type { Scenario, ScenarioFault } from '../scenario/schema';
import { nodeDisplayName } from '../store/selectors';

export type FaultParamMeta = EnumParamMeta | NumberParamMeta | DistParamMeta;

/** Each type's own fields beyond its timing: field name in the fault → its metadata. */
export const FAULT_PARAMS: Record<FaultType, readonly (readonly [string, FaultParamMeta])[]> = {
  crash: [['mode', FAULT_META.crashMode]],
  pause: [],
  slow: [['factor', FAULT_META.factor]],
  errors: [['rate', FAULT_META.rate]],
  capacity: [['servers', FAULT_META.servers]],
  partition: [['mode', FAULT_META.partitionMode]],
  latency: [['extraMs', FAULT_META.extraMs]],
  rewind: [['toSec', FAULT_META.toSec]],
};

/** How long a fault added with one gesture lasts, s: long enough to watch what it does, short enough to watch the recovery. */
export const QUICK_FAULT_SEC = 10;

export interface FaultTarget {
  id: string;
  onEdge: boolean;
  name: string;
}

/** The target with this id (a node or an edge), or null. */
export function faultTarget(scenario: Scenario, id: string): FaultTarget | null {
  if (scenario.nodes.some((n) => n.id === id)) return { id, onEdge: false, name: nodeDisplayName(scenario, id) };
  const edge = scenario.edges.find((e) => e.id === id);
  if (!edge) return null;
  return { id, onEdge: true, name: `${nodeDisplayName(scenario, edge.source)} → ${nodeDisplayName(scenario, edge.target)}` };
}

/**
 * The fault types that fit a target, as the graph checks allow them (graph.ts): edges get
 * partitions and network delay; a node with servers every node fault; a load balancer only a
 * crash; a client (it is the load) and a queue none — with the reason, in the checks' words.
 */
export function faultTypesFor(scenario: Scenario, id: string): { types: readonly FaultType[]; reason?: string } {
  const node = scenario.nodes.find((n) => n.id === id);
  if (!node) {
    const edge = scenario.edges.find((e) => e.id === id);
    if (!edge) return { types: [], reason: 'nothing is selected' };
    // An edge out of a log is a consumer group: it can also be rewound.
    const fromLog = scenario.nodes.find((n) => n.id === edge.source)?.kind === 'log';
    return { types: fromLog ? [...EDGE_FAULT_TYPES, 'rewind'] : EDGE_FAULT_TYPES };
  }
  if (node.kind === 'client') return { types: [], reason: 'a client cannot fail: it is the load — break what it calls' };
  if (node.kind === 'log') return { types: [], reason: 'a log cannot be given faults yet — crash the service a consumer group calls, or rewind a group (its edge)' };
  if (node.kind === 'queue') return { types: [], reason: 'a queue cannot be given faults yet — break the service its consumers call, or the edges into it' };
  return { types: hasStation(node.kind) ? NODE_FAULT_TYPES : ['crash'] };
}

/** A fault of `type` on `target`, with its metadata's defaults, starting at `atSec` for QUICK_FAULT_SEC. */
export function newFault(scenario: Scenario, type: FaultType, target: string, atSec: number): ScenarioFault {
  const taken = new Set((scenario.faults ?? []).map((f) => f.id));
  const base = `${type}-${target}`.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 56);
  let id = base;
  for (let i = 2; taken.has(id); i++) id = `${base}-${i}`;
  const fault: Record<string, unknown> = { id, target, type, atSec, durationSec: QUICK_FAULT_SEC };
  for (const [field, meta] of FAULT_PARAMS[type]) fault[field] = structuredClone(meta.default);
  // A rewind happens at an instant.
  if (type === 'rewind') delete fault.durationSec;
  return fault as ScenarioFault;
}

/** Changes a fault's type, keeping its id, target and timing; the new type's fields start at their defaults. */
export function withType(fault: ScenarioFault, type: FaultType): ScenarioFault {
  const { id, target, atSec, durationSec, random } = fault;
  const next: Record<string, unknown> = { id, target, type };
  if (random) next.random = random;
  else {
    next.atSec = atSec;
    if (durationSec !== undefined && type !== 'rewind') next.durationSec = durationSec;
  }
  for (const [field, meta] of FAULT_PARAMS[type]) next[field] = structuredClone(meta.default);
  return next as ScenarioFault;
}

/** "Crash · 30–40 s", "Slow down ×10 · from 12 s to the end", "Crash · at random, MTBF 60 s, MTTR 5 s". */
export function faultSummary(fault: ScenarioFault): string {
  const name = FAULT_META.type.valueLabels[fault.type];
  if (fault.random) return `${name} · at random (MTBF ${fault.random.mtbfSec} s, MTTR ${fault.random.mttrSec} s)`;
  const at = fault.atSec ?? 0;
  const when = fault.durationSec === undefined ? `from ${at} s to the end` : `${at}–${round(at + fault.durationSec)} s`;
  return `${name} · ${when}`;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
