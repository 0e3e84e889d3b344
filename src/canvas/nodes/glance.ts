/** The key parameters of a node or an edge at a glance: "8 servers · 5 ms p50". */
import type { Fanout, ScenarioEdge, ScenarioNode, TimeDist } from '../../scenario/schema';
import { KINDS } from '../../scenario/kinds';
import { distQuantile } from '../../sim/distributions';
import { formatCount, formatMs, formatPercent, formatRate, plural } from '../../ui/format';

/** A time distribution in a few characters: "1 ms", "10 ms mean", "1–5 ms", "5 ms p50". */
export function distGlance(d: TimeDist): string {
  switch (d.type) {
    case 'constant':
      return formatMs(d.valueMs);
    case 'exponential':
      return `${formatMs(d.meanMs)} mean`;
    case 'uniform':
      return `${formatMs(d.minMs).replace(' ms', '')}–${formatMs(d.maxMs)}`;
    case 'lognormal':
      return `${formatMs(d.medianMs)} p50`;
    case 'mixture':
      return `${formatMs(distQuantile(d, 0.5))} p50 · ${formatMs(distQuantile(d, 0.99))} p99`;
  }
}

function enumLabel(kind: ScenarioNode['kind'], param: string, value: string): string {
  const meta = KINDS[kind].params[param];
  return meta?.type === 'enum' ? (meta.valueLabels[value] ?? value) : value;
}

/** One line of the node's most telling parameters. */
export function nodeGlance(node: ScenarioNode): string {
  switch (node.kind) {
    case 'client': {
      const { op, arrival } = node.params;
      return `${op} · ${formatRate(arrival.ratePerSec)}${arrival.type === 'constant' ? ' steady' : ''}`;
    }
    case 'loadBalancer':
      return enumLabel('loadBalancer', 'policy', node.params.policy);
    case 'service':
      return `${plural(node.params.servers, 'server')} · ${distGlance(node.params.serviceTimeMs)}`;
    case 'database':
      return `${plural(node.params.servers, 'connection')} · ${distGlance(node.params.serviceTimeMs)}`;
    case 'cache':
      return `${formatPercent(node.params.hitRatio)} hits · ${distGlance(node.params.hitTimeMs)}`;
    case 'queue':
      return `${plural(node.params.consumers, 'consumer')} · ${
        node.params.capacity === undefined ? 'unbounded' : `≤ ${formatCount(node.params.capacity)} waiting`
      }`;
    case 'index':
      return `${plural(node.params.servers, 'server')} · ${distGlance(node.params.serviceTimeMs)}`;
  }
}

/** Secondary facts worth a badge: bounded queues, sequential calls, refresh intervals. */
export function nodeBadges(node: ScenarioNode): string[] {
  const badges: string[] = [];
  const p = node.params as Record<string, unknown>;
  if (typeof p.queueCapacity === 'number') badges.push(`queue ≤ ${formatCount(p.queueCapacity)}`);
  if (p.calls === 'sequential') badges.push('sequential calls');
  if (node.kind === 'index') {
    badges.push(`refresh ${formatMs(node.params.refreshIntervalMs)}`);
    if (node.params.writeOps.length > 0) badges.push(`writes: ${node.params.writeOps.join(', ')}`);
  }
  return badges;
}

/** How one request fans out along an edge: "×100", "followers", "celebrities > 10k". */
export function fanoutGlance(f: Fanout): string | undefined {
  switch (f.type) {
    case 'fixed':
      return f.n === 1 ? undefined : `×${formatCount(f.n)}`;
    case 'followers':
      return f.skipAbove === undefined ? '× followers' : `× followers ≤ ${formatCount(f.skipAbove)}`;
    case 'followees':
      return '× followees';
    case 'celebrityFollowees':
      return `× celebrities > ${formatCount(f.threshold)}`;
  }
}

/** The chips an edge shows: fan-out, ops filter, probability, async. */
export function edgeChips(edge: ScenarioEdge): string[] {
  const chips: string[] = [];
  const fan = fanoutGlance(edge.fanout);
  if (fan) chips.push(fan);
  if (edge.ops !== undefined) chips.push(edge.ops.length === 0 ? 'no ops' : edge.ops.join(', '));
  if (edge.probability < 1) chips.push(`${formatPercent(edge.probability)} of requests`);
  if (edge.mode === 'async') chips.push('async');
  return chips;
}

/** Whether the node turns requests away once its waiting line is full, rather than letting it grow. */
export function hasBoundedQueue(node: ScenarioNode): boolean {
  const p = node.params as Record<string, unknown>;
  return typeof p.queueCapacity === 'number' || (node.kind === 'queue' && typeof p.capacity === 'number');
}

/** Kinds with servers (and so a utilization); clients and load balancers have none. */
export function hasServers(kind: string): boolean {
  return kind !== 'client' && kind !== 'loadBalancer';
}
