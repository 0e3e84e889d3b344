/** Client: an open-loop load generator; it creates requests and is never called. */
import { KINDS } from '../scenario/kinds';
import { formatRate } from '../ui/format';
import { PASS_ALL, scaleRate } from './shared';
import type { KindSpec } from './types';

export const clientKind: KindSpec<'client'> = {
  kind: 'client',
  meta: KINDS.client,
  station: null,
  routing: () => PASS_ALL,
  glance: ({ params: { op, arrival } }) => `${op} · ${formatRate(arrival.ratePerSec)}${arrival.type === 'constant' ? ' steady' : ''}`,
  scale: (node, factor) => ({ ...node, params: { ...node.params, arrival: { ...node.params.arrival, ratePerSec: scaleRate(node.params.arrival.ratePerSec, factor) } } }),
};
