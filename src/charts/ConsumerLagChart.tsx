/**
 * Consumer lag (DDIA ch. 1's "keeping derived data in sync"; Kafka's consumer
 * lag): per consumer group — an edge out of a log — the records appended and
 * not yet delivered along it, at the end of each simulated second; per edge
 * out of a queue, the messages waiting. Switched to, what a log group
 * delivered again (after a restart, back to its last commit) and lost (expired
 * unread under retention) per second: the log's trade against a queue is
 * duplicates without losses.
 */
import { memo, useMemo, useRef, useState } from 'react';
import { countTick, edgeLabels, formatCount, formatRate } from '../run/format';
import { ChartCard, type LegendItem } from './ChartCard';
import { useFaultBands } from './faultBands';
import { seriesColor } from './palette';
import { consumerLagSeries, consumerTotals, type ConsumerEdge } from './series';
import { TimeChart, type LineSpec } from './TimeChart';
import { emptyMessage, useLiveWindows } from './useLiveWindows';
import type { Scenario } from '../scenario/schema';
import { useAppStore } from '../store';
import type { RunMeta } from '../worker/protocol';

/** Consumer edges drawn at most. */
const MAX_GROUPS = 4;

const formatRecords = (v: number) => `${formatCount(Math.round(v))} ${Math.round(v) === 1 ? 'record' : 'records'}`;
const formatPerSec = (v: number) => formatRate(v, 'records/s');

/**
 * The edges out of a log or out of a Redis-style queue (a list or pub/sub), in scenario order. A
 * broker queue's edges are left to the queue-depth chart: its depth is the whole story there.
 */
export function consumerEdges(meta: RunMeta | undefined, scenario: Scenario | null): ConsumerEdge[] {
  if (!meta) return [];
  const redisStyle = (id: string) => {
    const node = scenario?.nodes.find((n) => n.id === id);
    const semantics = node?.kind === 'queue' ? (node.params as { semantics?: unknown }).semantics : undefined;
    return semantics === 'list' || semantics === 'pubsub';
  };
  const index = new Map(meta.nodes.map((n, i) => [n.id, i]));
  const out: ConsumerEdge[] = [];
  meta.edges.forEach((e, i) => {
    const source = index.get(e.source);
    const kind = source === undefined ? undefined : meta.nodes[source].kind;
    if (source !== undefined && (kind === 'log' || (kind === 'queue' && redisStyle(e.source)))) out.push({ edge: i, source, log: kind === 'log' });
  });
  return out;
}

/**
 * Per edge (meta order), the name a consumer group goes by: its target's label ("Search"), or —
 * when two consumer edges lead to targets of the same name — "Topic → Search".
 */
export function consumerLabels(meta: RunMeta | undefined, edges: readonly ConsumerEdge[]): string[] {
  if (!meta) return [];
  const full = edgeLabels(meta.nodes, meta.edges);
  const targets = meta.edges.map((e) => meta.nodes.find((n) => n.id === e.target)?.label ?? e.target);
  return targets.map((t, i) => (edges.filter((c) => targets[c.edge] === t).length > 1 ? full[i] : t));
}

export const ConsumerLagChart = memo(function ConsumerLagChart() {
  const ref = useRef<HTMLElement>(null);
  const { windows, meta, spanSec } = useLiveWindows(ref);
  const bands = useFaultBands();
  const [view, setView] = useState<'lag' | 'losses'>('lag');
  const scenario = useAppStore((s) => s.runScenario);
  const all = useMemo(() => consumerEdges(meta, scenario), [meta, scenario]);
  const shown = useMemo(() => all.slice(0, MAX_GROUPS), [all]);
  const labels = useMemo(() => consumerLabels(meta, all), [meta, all]);
  const series = useMemo(() => consumerLagSeries(windows, shown, spanSec), [windows, shown, spanSec]);
  const logGroups = shown.filter((c) => c.log);
  const lines = useMemo<LineSpec[]>(() => {
    if (view === 'lag') return shown.map((c) => ({ key: `l${c.edge}`, name: labels[c.edge], color: seriesColor(c.edge), dashed: !c.log }));
    return shown
      .filter((c) => c.log)
      .flatMap((c) => [
        { key: `d${c.edge}`, name: `${labels[c.edge]} · duplicates`, color: seriesColor(c.edge), dashed: true },
        { key: `x${c.edge}`, name: `${labels[c.edge]} · lost`, color: seriesColor(c.edge), dotted: true },
      ]);
  }, [view, shown, labels]);
  const totals = useMemo(() => new Map(shown.map((c) => [c.edge, consumerTotals(windows, c.edge)])), [windows, shown]);
  const last = series.rows[series.rows.length - 1];
  const legend: LegendItem[] =
    view === 'lag'
      ? shown.map((c) => ({ label: `${labels[c.edge]}${c.log ? '' : ' (waiting)'}`, color: seriesColor(c.edge), dashed: !c.log, value: last ? formatRecords(last[`l${c.edge}`] ?? 0) : undefined }))
      : [
          // Totals so far beside each group; the lines are per second.
          ...logGroups.map((c) => {
            const t = totals.get(c.edge);
            return { label: labels[c.edge], color: seriesColor(c.edge), value: t ? `${formatCount(t.duplicates)} dup · ${formatCount(t.lost)} lost` : undefined };
          }),
          { label: 'duplicates', color: '#64748b', dashed: true },
          { label: 'lost', color: '#64748b', dotted: true },
        ];
  const controls = (
    <div className="chart-card-controls">
      <div className="segmented segmented--small" role="group" aria-label="Consumer lag shown">
        <button type="button" aria-pressed={view === 'lag'} onClick={() => setView('lag')} title="Records each group has yet to read">
          Lag
        </button>
        <button
          type="button"
          aria-pressed={view === 'losses'}
          onClick={() => setView('losses')}
          title="Records a log group delivered again (after a restart) or lost (expired unread), per second"
          disabled={logGroups.length === 0}
        >
          Dup/lost
        </button>
      </div>
    </div>
  );
  const hidden = all.length - shown.length;
  const empty = meta && all.length === 0 ? 'No log or queue with consumers: connect one to a consumer to see its lag.' : emptyMessage(meta, windows);
  return (
    <ChartCard
      ref={ref}
      target="charts.lag"
      title="Consumer lag"
      subtitle={
        view === 'lag'
          ? `records each consumer group (an edge out of a log) has yet to read, at the end of each second; for an edge out of a Redis-style queue (dashed), the messages waiting${hidden > 0 ? ` · ${shown.length} of ${all.length} edges` : ''}`
          : 'records per second each consumer group received again (a restart goes back to its last commit: duplicates) or never received (expired unread under retention: lost)'
      }
      legend={legend}
      controls={controls}
      empty={empty}
    >
      {view === 'lag' ? (
        <TimeChart key="lag" rows={series.rows} lines={lines} spanSec={spanSec} warmupSec={meta?.warmupSec ?? 0} yLabel="records" yTick={countTick} format={formatRecords} bands={bands} />
      ) : (
        <TimeChart key="losses" rows={series.rows} lines={lines} spanSec={spanSec} warmupSec={meta?.warmupSec ?? 0} yLabel="records/s" yTick={countTick} format={formatPerSec} bands={bands} />
      )}
    </ChartCard>
  );
});
