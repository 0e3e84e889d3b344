/**
 * How each kind of node passes requests on, in expectation — the analytic
 * side of its behaviour (src/sim/behaviours/): the share of arriving
 * requests that make downstream calls, and whether a request takes every
 * eligible edge or one of them. Expected load, utilization and the sweep's
 * saturation estimate all read it.
 */
import type { ScenarioNode } from '../scenario/schema';

export interface Routing {
  /** Share of arriving requests that issue downstream calls (a cache: its misses). */
  passOn: number;
  /** 'all': every eligible edge; 'one': one of them, evenly in expectation (a load balancer). */
  split: 'all' | 'one';
}

const ALL: Routing = { passOn: 1, split: 'all' };
const ONE: Routing = { passOn: 1, split: 'one' };

/**
 * The routing rule of a node. A load balancer's roundRobin and random
 * policies are even in expectation; leastOutstanding is even only for
 * identical backends, so for it this is an estimate.
 */
export function routingOf(node: ScenarioNode): Routing {
  switch (node.kind) {
    case 'cache':
      return { passOn: 1 - node.params.hitRatio, split: 'all' };
    case 'loadBalancer':
      return ONE;
    case 'client':
    case 'service':
    case 'database':
    case 'queue':
    case 'index':
      return ALL;
  }
}
