/** Client: an open-loop load generator; it creates requests and is never called. */
import { isOpen } from '../scenario/arrival';
import { distMean } from '../sim/distributions';
import { KINDS } from '../scenario/kinds';
import { formatMs, formatRate } from '../ui/format';
import { PASS_ALL, scaleRate } from './shared';
import type { KindSpec } from './types';

export const clientKind: KindSpec<'client'> = {
  kind: 'client',
  meta: KINDS.client,
  station: null,
  routing: () => PASS_ALL,
  glance: ({ params: { op, arrival } }) => {
    if (!isOpen(arrival)) {
      const users = `${arrival.users.toLocaleString('en-US')} user${arrival.users === 1 ? '' : 's'}`;
      return arrival.intervalMs !== undefined ? `${op} · ${users} · every ${formatMs(arrival.intervalMs)}` : `${op} · ${users} · think ${formatMs(distMean(arrival.thinkTimeMs!))}`;
    }
    return `${op} · ${formatRate(arrival.ratePerSec)}${arrival.type === 'constant' ? ' steady' : ''}${arrival.rateSchedule ? ' · scheduled' : ''}`;
  },
  scale: (node, factor) => {
    const a = node.params.arrival;
    // Closed users scale in number: each still keeps its own pace.
    if (!isOpen(a)) return { ...node, params: { ...node.params, arrival: { ...a, users: Math.max(1, Math.round(a.users * factor)) } } };
    const rateSchedule = a.rateSchedule?.map((p) => ({ ...p, ratePerSec: p.ratePerSec * factor }));
    return { ...node, params: { ...node.params, arrival: { ...a, ratePerSec: scaleRate(a.ratePerSec, factor), ...(rateSchedule ? { rateSchedule } : {}) } } };
  },
};
