/**
 * One colour per percentile and one per operation, the same on every chart
 * and table. Percentiles run cool to hot (the tail is the alarming part);
 * operations use hues that none of the percentiles use. Nodes and edges get
 * a third, neutral-leaning set.
 */

export const PERCENTILES = [
  { key: 'p50', label: 'p50', color: '#2563eb' },
  { key: 'p95', label: 'p95', color: '#0d9488' },
  { key: 'p99', label: 'p99', color: '#d97706' },
  { key: 'p999', label: 'p99.9', color: '#dc2626' },
] as const;

export type PercentileKey = (typeof PERCENTILES)[number]['key'];

const OP_COLORS = ['#7c3aed', '#db2777', '#0891b2', '#65a30d', '#9333ea', '#c2410c', '#4f46e5', '#be185d'];
const SERIES_COLORS = ['#1d4ed8', '#b45309', '#047857', '#7e22ce', '#be123c', '#0e7490', '#4d7c0f', '#a21caf', '#334155', '#92400e'];

/** The colour of the i-th operation (model order: first appearance at a client). */
export function opColor(i: number): string {
  return OP_COLORS[i % OP_COLORS.length];
}

/** The colour of the i-th node or edge in scenario order. */
export function seriesColor(i: number): string {
  return SERIES_COLORS[i % SERIES_COLORS.length];
}

/** Shading of the warm-up on time charts. */
export const WARMUP_FILL = 'rgba(100, 116, 139, 0.12)';

/**
 * Why requests failed (the engine's CAUSES, jobs.ts), stacked in this order on the errors chart:
 * what the system did to itself (rejections at a full queue, its own timeouts, the breaker's
 * refusals) next to what a fault did to it (a node erroring or down).
 */
export const CAUSE_STYLES = [
  { cause: 'timeout', label: 'timeout', color: '#d97706' },
  { cause: 'rejected', label: 'rejected (queue full)', color: '#64748b' },
  { cause: 'breakerOpen', label: 'breaker open', color: '#2563eb' },
  { cause: 'error', label: 'error', color: '#ea580c' },
  { cause: 'down', label: 'down', color: '#dc2626' },
] as const;

/** A fault's band on the time charts: a translucent fill and a label colour, by the fault's type. */
export function faultBandColors(type: string): { fill: string; text: string } {
  switch (type) {
    case 'crash':
    case 'pause':
      return { fill: 'rgba(220, 38, 38, 0.12)', text: '#b91c1c' };
    case 'slow':
    case 'latency':
      return { fill: 'rgba(217, 119, 6, 0.13)', text: '#92400e' };
    case 'errors':
      return { fill: 'rgba(234, 88, 12, 0.13)', text: '#9a3412' };
    default:
      return { fill: 'rgba(124, 58, 237, 0.11)', text: '#6d28d9' };
  }
}

/** A circuit breaker's state, on the strip under the attempts chart. */
export const BREAKER_STYLES = {
  closed: { label: 'closed', color: '#86efac', swatch: '#16a34a' },
  open: { label: 'open', color: '#f87171', swatch: '#dc2626' },
  halfOpen: { label: 'half-open', color: '#fbbf24', swatch: '#d97706' },
} as const;

/** Goodput (requests that met the objective) and the objective's target line. */
export const GOOD_COLOR = '#16a34a';
