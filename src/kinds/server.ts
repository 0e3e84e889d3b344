/** Service, database and search index: a station of servers with a waiting line; every request makes its calls after service. */
import { KINDS } from '../scenario/kinds';
import { plural } from '../ui/format';
import { distGlance, PASS_ALL, scaleCount } from './shared';
import type { KindSpec, NodeOf } from './types';

function scaleServers<N extends NodeOf<'service' | 'database' | 'index' | 'cache'>>(node: N, factor: number): N {
  const params = { ...node.params, servers: scaleCount(node.params.servers, factor) };
  if (node.params.queueCapacity !== undefined) params.queueCapacity = Math.round(node.params.queueCapacity * factor);
  return { ...node, params };
}

export { scaleServers };

export const serviceKind: KindSpec<'service'> = {
  kind: 'service',
  meta: KINDS.service,
  station: { field: 'servers', noun: 'server', serviceTimeField: 'serviceTimeMs' },
  routing: () => PASS_ALL,
  glance: (node) => `${plural(node.params.servers, 'server')} · ${distGlance(node.params.serviceTimeMs)}`,
  scale: scaleServers,
};

export const databaseKind: KindSpec<'database'> = {
  kind: 'database',
  meta: KINDS.database,
  station: { field: 'servers', noun: 'connection', serviceTimeField: 'serviceTimeMs' },
  routing: () => PASS_ALL,
  glance: (node) => `${plural(node.params.servers, 'connection')} · ${distGlance(node.params.serviceTimeMs)}`,
  scale: scaleServers,
};

export const indexKind: KindSpec<'index'> = {
  kind: 'index',
  meta: KINDS.index,
  station: { field: 'servers', noun: 'server', serviceTimeField: 'serviceTimeMs' },
  routing: () => PASS_ALL,
  glance: (node) => `${plural(node.params.servers, 'server')} · ${distGlance(node.params.serviceTimeMs)}`,
  scale: scaleServers,
};
