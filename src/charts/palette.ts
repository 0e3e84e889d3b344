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
