/** Queue: an asynchronous buffer; its consumers deliver each message along every outgoing edge. */
import { KINDS } from '../scenario/kinds';
import { formatCount, plural } from '../ui/format';
import { PASS_ALL, scaleCount } from './shared';
import type { KindSpec } from './types';

export const queueKind: KindSpec<'queue'> = {
  kind: 'queue',
  meta: KINDS.queue,
  station: { field: 'consumers', noun: 'consumer' },
  routing: () => PASS_ALL,
  glance: (node) => `${plural(node.params.consumers, 'consumer')} · ${node.params.capacity === undefined ? 'unbounded' : `≤ ${formatCount(node.params.capacity)} waiting`}`,
  scale: (node, factor) => {
    const params = { ...node.params, consumers: scaleCount(node.params.consumers, factor) };
    if (node.params.capacity !== undefined) params.capacity = Math.round(node.params.capacity * factor);
    return { ...node, params };
  },
};
