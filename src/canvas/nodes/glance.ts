/** The key parameters of a node or an edge at a glance: "8 servers · 5 ms p50". */
import type { Fanout, ScenarioEdge, ScenarioNode } from '../../scenario/schema';
import { glanceOf } from '../../kinds';
import { distGlance } from '../../kinds/shared';
import { formatCount, formatMs, formatPercent } from '../../ui/format';

export { distGlance };

/** One line of the node's most telling parameters (its kind's glance, src/kinds/). */
export function nodeGlance(node: ScenarioNode): string {
  return glanceOf(node);
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
  if (edge.latencyMs) chips.push(`+${distGlance(edge.latencyMs)} each way`);
  if (edge.timeoutMs !== undefined) chips.push(`timeout ${formatMs(edge.timeoutMs)}`);
  if (edge.retry !== undefined && edge.retry.maxAttempts > 1) chips.push(`${edge.retry.maxAttempts} attempts`);
  return chips;
}

/** Whether the node turns requests away once its waiting line is full, rather than letting it grow. */
export function hasBoundedQueue(node: ScenarioNode): boolean {
  const p = node.params as Record<string, unknown>;
  return typeof p.queueCapacity === 'number' || (node.kind === 'queue' && typeof p.capacity === 'number');
}

