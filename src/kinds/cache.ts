/** Cache: one lookup per request on its servers; hits complete there, misses make the cache's calls. */
import { KINDS } from '../scenario/kinds';
import { formatPercent } from '../ui/format';
import { scaleServers } from './server';
import { distGlance } from './shared';
import type { KindSpec } from './types';

export const cacheKind: KindSpec<'cache'> = {
  kind: 'cache',
  meta: KINDS.cache,
  station: { field: 'servers', noun: 'server', serviceTimeField: 'hitTimeMs' },
  routing: (node) => ({ passOn: 1 - node.params.hitRatio, split: 'all' }),
  glance: (node) => `${formatPercent(node.params.hitRatio)} hits · ${distGlance(node.params.hitTimeMs)}`,
  scale: scaleServers,
};
