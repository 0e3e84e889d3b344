/** Load balancer: sends each request along one of its edges; it takes no time and has no servers. */
import { KINDS } from '../scenario/kinds';
import { enumLabel } from './shared';
import type { KindSpec } from './types';

export const loadBalancerKind: KindSpec<'loadBalancer'> = {
  kind: 'loadBalancer',
  meta: KINDS.loadBalancer,
  station: null,
  // roundRobin and random are even in expectation; leastOutstanding only for identical backends, so for it this is an estimate.
  routing: () => ({ passOn: 1, split: 'one' }),
  glance: (node) => enumLabel('loadBalancer', 'policy', node.params.policy),
  scale: (node) => node,
};
