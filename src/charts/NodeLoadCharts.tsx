/**
 * Per node over simulated time: utilization (busy servers ÷ servers) and
 * queue depth (requests waiting for a server). Nodes without servers
 * (clients, load balancers) have neither. The busiest nodes are drawn, each
 * in its own colour on both charts.
 */
import { memo, useMemo, useRef } from 'react';
import { countTick, formatCount, formatPercent } from '../run/format';
import type { RunMeta } from '../worker/protocol';
import { ChartCard } from './ChartCard';
import { seriesColor } from './palette';
import { busiest, queueSeries, utilizationSeries } from './series';
import { TimeChart } from './TimeChart';
import { emptyMessage, useLiveWindows, useStableIndices } from './useLiveWindows';

const MAX_NODES = 6;
const PERCENT_DOMAIN: [number, number] = [0, 100];
const percentTick = (v: number) => `${Math.round(v)}%`;
const formatPercentValue = (v: number) => formatPercent(v / 100);
const formatWaiting = (v: number) => `${v < 10 ? v.toFixed(2) : formatCount(v)} waiting`;

function servedNodes(meta: RunMeta | undefined): number[] {
  const out: number[] = [];
  meta?.nodes.forEach((n, i) => {
    if (n.servers > 0) out.push(i);
  });
  return out;
}

function noServers(meta: RunMeta | undefined, served: number[]): string | null {
  return meta && served.length === 0 ? 'No node with servers yet: add a service, database, cache, queue or index.' : null;
}

export const UtilizationChart = memo(function UtilizationChart() {
  const ref = useRef<HTMLElement>(null);
  const { windows, meta, spanSec } = useLiveWindows(ref);
  const served = useMemo(() => servedNodes(meta), [meta]);
  const shown = useStableIndices(useMemo(() => busiest(windows, served, (w, i) => w.nodes[i]?.utilization ?? 0, spanSec, MAX_NODES), [windows, served, spanSec]));
  const series = useMemo(() => utilizationSeries(windows, shown, spanSec), [windows, shown, spanSec]);
  const lines = useMemo(() => shown.map((i) => ({ key: `n${i}`, name: meta!.nodes[i].label, color: seriesColor(i) })), [shown, meta]);
  const last = series.rows[series.rows.length - 1];
  return (
    <ChartCard
      ref={ref}
      target="charts.nodes"
      title="Utilization per node"
      subtitle={`busy servers ÷ servers, per second · at 100% arrivals outpace service and queues grow${served.length > shown.length ? ` · the ${shown.length} busiest of ${served.length}` : ''}`}
      legend={lines.map((l) => ({ label: l.name, color: l.color, value: last && last[l.key] !== null ? formatPercent((last[l.key] as number) / 100) : undefined }))}
      empty={noServers(meta, served) ?? emptyMessage(meta, windows)}
    >
      <TimeChart
        rows={series.rows}
        lines={lines}
        spanSec={spanSec}
        warmupSec={meta?.warmupSec ?? 0}
        yLabel="utilization (%)"
        yTick={percentTick}
        format={formatPercentValue}
        yDomain={PERCENT_DOMAIN}
      />
    </ChartCard>
  );
});

export const QueueDepthChart = memo(function QueueDepthChart() {
  const ref = useRef<HTMLElement>(null);
  const { windows, meta, spanSec } = useLiveWindows(ref);
  const served = useMemo(() => servedNodes(meta), [meta]);
  const shown = useStableIndices(useMemo(() => busiest(windows, served, (w, i) => w.nodes[i]?.meanQueueLength ?? 0, spanSec, MAX_NODES), [windows, served, spanSec]));
  const series = useMemo(() => queueSeries(windows, shown, spanSec), [windows, shown, spanSec]);
  const lines = useMemo(() => shown.map((i) => ({ key: `n${i}`, name: meta!.nodes[i].label, color: seriesColor(i) })), [shown, meta]);
  const last = series.rows[series.rows.length - 1];
  return (
    <ChartCard
      ref={ref}
      target="charts.nodes"
      title="Queue depth per node"
      subtitle={`requests waiting for a server, time average per second${served.length > shown.length ? ` · the ${shown.length} longest of ${served.length}` : ''}`}
      legend={lines.map((l) => ({ label: l.name, color: l.color, value: last && last[l.key] !== null ? formatWaiting(last[l.key] as number) : undefined }))}
      empty={noServers(meta, served) ?? emptyMessage(meta, windows)}
    >
      <TimeChart rows={series.rows} lines={lines} spanSec={spanSec} warmupSec={meta?.warmupSec ?? 0} yLabel="requests waiting" yTick={countTick} format={formatWaiting} />
    </ChartCard>
  );
});
