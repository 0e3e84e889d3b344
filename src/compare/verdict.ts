/**
 * Compare's conclusions: one line per variant saying what it wins and by how
 * much ("Hybrid wins the tail: timeline p99.9 16 ms vs 80 ms and 75 ms"),
 * and the table as CSV. Read from the same rows and winners as the table.
 */
import type { VariantRun } from '../store/labSlice';
import { formatCount, formatMs, formatPercent } from '../ui/format';
import { toCsv } from '../ui/download';
import { metricRows, rowWinners, type MetricKey, type MetricRow, type VariantMetrics } from './metrics';

/** A metric's value as the table shows it. */
export function formatMetric(row: MetricRow, value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '–';
  switch (row.unit) {
    case 'ms':
      return formatMs(value);
    case 'perSec':
      return `${formatCount(value)}/s`;
    case 'share':
      return formatPercent(value);
    case 'count':
      return formatCount(value);
  }
}

/** What winning a row means, in a few words. */
const PRIZE: Record<MetricKey, string> = {
  p50: 'the typical read',
  p99: 'the tail',
  p999: 'the tail',
  writesPerSec: 'write load',
  deliveryP99: 'delivery',
  busiestUtilization: 'headroom',
  divergedKeys: 'consistency',
  staleReadRatio: 'freshness',
  copyLagMs: 'copy lag',
  duplicates: 'exactly-once handling',
  lost: 'durability',
  outOfOrder: 'order',
};

const valueOf = (run: VariantRun, key: MetricKey) => (run.metrics ? (run.metrics[key as keyof VariantMetrics] as number | undefined) : undefined);

/** Rows that lead a verdict when won: a comparison that has them is about them. */
const SYNC_FIRST: readonly MetricKey[] = ['divergedKeys', 'lost', 'duplicates', 'outOfOrder', 'staleReadRatio'];

/** One sentence per finished variant; empty until every variant has finished. */
export function compareVerdicts(runs: readonly VariantRun[], op: string): string[] {
  if (runs.length < 2 || runs.some((r) => r.status === 'running' || r.status === 'queued')) return [];
  const rows = metricRows(op, runs.map((r) => r.metrics));
  const wins = runs.map(() => [] as MetricRow[]);
  for (const row of rows) {
    const values = runs.map((r) => valueOf(r, row.key));
    for (const i of rowWinners(values, row.better)) wins[i].push(row);
  }
  return runs.map((run, i) => {
    if (!run.metrics) return `${run.label}: no result (${run.error ?? run.status}).`;
    if (wins[i].length === 0) return `${run.label} wins no row.`;
    // What the comparison is about speaks first: data kept in sync, records kept, then the tail
    // (p99.9 speaks for it when both tail rows are won).
    const lead = (r: MetricRow) => (SYNC_FIRST.includes(r.key) ? 2 : r.key === 'p999' ? 1 : 0);
    const ordered = [...wins[i]].sort((a, b) => lead(b) - lead(a));
    const prizes = [...new Set(ordered.map((r) => PRIZE[r.key]))];
    const first = ordered[0];
    const others = runs
      .map((r, j) => (j === i ? undefined : formatMetric(first, valueOf(r, first.key))))
      .filter((v): v is string => v !== undefined && v !== '–');
    const evidence = `${first.label} ${formatMetric(first, valueOf(run, first.key))}${others.length > 0 ? ` vs ${others.join(' and ')}` : ''}`;
    const more = prizes.length > 1 ? `; also best on ${prizes.slice(1).join(', ')}` : '';
    return `${run.label} wins ${prizes[0]}: ${evidence}${more}.`;
  });
}

/** The comparison table as CSV: a row per metric, a column per variant, plain numbers in the header's units. */
export function compareCsv(runs: readonly VariantRun[], op: string): string {
  const rows = metricRows(op, runs.map((r) => r.metrics));
  const unit = (r: MetricRow) => (r.unit === 'ms' ? 'ms' : r.unit === 'perSec' ? 'per s' : r.unit === 'count' ? 'count' : 'share 0-1');
  return toCsv([
    ['metric', 'unit', ...runs.map((r) => r.label)],
    ...rows.map((row) => [row.label, unit(row), ...runs.map((r) => valueOf(r, row.key))]),
    ['busiest node', '', ...runs.map((r) => r.metrics?.busiestNode)],
  ]);
}
