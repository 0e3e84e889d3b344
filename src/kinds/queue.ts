/** Queue: an asynchronous buffer — a broker (each message along every outgoing edge), a Redis list (each message to one consumer) or Redis Pub/Sub. */
import { KINDS } from '../scenario/kinds';
import { formatCount, plural } from '../ui/format';
import { PASS_ALL, scaleCount } from './shared';
import type { KindSpec } from './types';

export const queueKind: KindSpec<'queue'> = {
  kind: 'queue',
  meta: KINDS.queue,
  station: { field: 'consumers', noun: 'consumer' },
  // A list gives each message to one edge's consumers (evenly, in expectation); a broker and Pub/Sub to every edge.
  routing: (node) => (node.params.semantics === 'list' ? { passOn: 1, split: 'one' } : PASS_ALL),
  glance: (node) => {
    const p = node.params;
    if (p.semantics === 'broker') return `${plural(p.consumers, 'consumer')} · ${p.capacity === undefined ? 'unbounded' : `≤ ${formatCount(p.capacity)} waiting`}`;
    const what = p.semantics === 'list' ? (p.reliable ? 'Redis list, reliable' : 'Redis list') : 'Redis Pub/Sub';
    const bound = p.maxMessages === undefined ? 'unbounded' : `≤ ${formatCount(p.maxMessages)} in memory`;
    return `${what} · ${plural(p.consumers, 'consumer')} per edge · ${bound}`;
  },
  scale: (node, factor) => {
    const params = { ...node.params, consumers: scaleCount(node.params.consumers, factor) };
    if (node.params.capacity !== undefined) params.capacity = Math.round(node.params.capacity * factor);
    if (node.params.maxMessages !== undefined) params.maxMessages = Math.max(1, Math.round(node.params.maxMessages * factor));
    return { ...node, params };
  },
};
