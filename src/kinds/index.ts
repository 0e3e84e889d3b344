/**
 * The registry of node kinds: the one list everything that depends on a
 * node's kind reads (see ./types.ts for what a kind provides, and the
 * README's "Adding a kind of node" for every file a new kind touches).
 */
import { KIND_ORDER, type NodeKind } from '../scenario/kinds';
import type { ScenarioNode } from '../scenario/schema';
import { batchKind } from './batch';
import { cacheKind } from './cache';
import { clientKind } from './client';
import { loadBalancerKind } from './loadBalancer';
import { logKind } from './log';
import { queueKind } from './queue';
import { databaseKind, indexKind, serviceKind } from './server';
import type { KindSpec, NodeOf, Routing, StationSpec } from './types';

export type { KindSpec, NodeOf, Routing, StationSpec };

export const KIND_SPECS: { readonly [K in NodeKind]: KindSpec<K> } = {
  client: clientKind,
  loadBalancer: loadBalancerKind,
  service: serviceKind,
  database: databaseKind,
  cache: cacheKind,
  queue: queueKind,
  index: indexKind,
  batch: batchKind,
  log: logKind,
};

/** Every kind, in palette order. */
export const ALL_KINDS: readonly NodeKind[] = KIND_ORDER;

/** The spec of a node's kind, typed for that node. */
export function specOf<N extends ScenarioNode>(node: N): KindSpec<N['kind']> {
  return KIND_SPECS[node.kind] as unknown as KindSpec<N['kind']>;
}

/** Whether nodes of this kind have servers (and so a utilization). */
export function hasStation(kind: NodeKind): boolean {
  return KIND_SPECS[kind].station !== null;
}

export function routingOf(node: ScenarioNode): Routing {
  return (specOf(node).routing as (n: ScenarioNode) => Routing)(node);
}

export function glanceOf(node: ScenarioNode): string {
  return (specOf(node).glance as (n: ScenarioNode) => string)(node);
}

export function scaleNodeOf(node: ScenarioNode, factor: number): ScenarioNode {
  return (specOf(node).scale as (n: ScenarioNode, f: number) => ScenarioNode)(node, factor);
}
