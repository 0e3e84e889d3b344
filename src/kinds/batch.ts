/** Batch job: records pile up and are acknowledged at once; every interval a job crunches them in tasks on a pool of workers. */
import { KINDS } from '../scenario/kinds';
import { formatCount, formatMs, formatNumber, plural } from '../ui/format';
import { scaleCount } from './shared';
import type { KindSpec } from './types';

export const batchKind: KindSpec<'batch'> = {
  kind: 'batch',
  meta: KINDS.batch,
  // Its workers are its station: utilization is the share of worker time spent on tasks (backup copies included).
  station: { field: 'workers', noun: 'worker' },
  // A job makes one call per outgoing edge, however many records it processed: per record arriving, next to none.
  routing: () => ({ passOn: 0, split: 'all' }),
  glance: (node) => {
    const p = node.params;
    const backups = p.speculative?.afterFactor !== undefined ? ` · backups after ${formatNumber(p.speculative.afterFactor)}× median` : '';
    return `${plural(p.workers, 'worker')} · every ${formatMs(p.intervalSec * 1000)} · ${formatCount(p.recordsPerTask)}/task${backups}`;
  },
  scale: (node, factor) => ({ ...node, params: { ...node.params, workers: scaleCount(node.params.workers, factor) } }),
};
