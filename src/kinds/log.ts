/** Log: a Kafka-style topic — partitions, retention, and one consumer group per outgoing edge. */
import { KINDS } from '../scenario/kinds';
import { formatMs, plural } from '../ui/format';
import { scaleCount } from './shared';
import type { KindSpec } from './types';

export const logKind: KindSpec<'log'> = {
  kind: 'log',
  meta: KINDS.log,
  // No servers: a produce call is an append, and the consumers belong to the groups on its edges.
  station: null,
  // Every record is delivered once to every consumer group (outgoing edge).
  routing: () => ({ passOn: 1, split: 'all' }),
  glance: (node) => {
    const p = node.params;
    const retention = p.retentionSec === undefined ? 'kept forever' : `kept ${formatMs(p.retentionSec * 1000)}`;
    return `${plural(p.partitions, 'partition')} · ${retention}`;
  },
  scale: (node, factor) => ({ ...node, params: { ...node.params, partitions: Math.min(1024, scaleCount(node.params.partitions, factor)) } }),
};
