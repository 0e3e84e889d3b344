/**
 * Per node over simulated time: utilization (busy servers ÷ servers) and
 * queue depth (requests waiting for a server). Nodes without servers
 * (clients, load balancers) have neither. The busiest nodes are drawn, each
 * in its own colour on both charts.
 */
import { memo, useMemo, useRef } from 'react';
import { countTick, formatCount, formatPercent } from '../run/format';
import type { RunMeta, SimWindow } from '../worker/protocol';
import { ChartCard } from './ChartCard';
import { useFaultBands } from './faultBands';
import { seriesColor } from './palette';
import { busiest, queueSeries, utilizationSeries, type Series } from './series';
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

interface NodeMetric {
  title: string;
  subtitle: string;
  /** How the shown nodes are described when only the top ones fit: "busiest", "longest". */
  topWord: string;
  value: (w: SimWindow, node: number) => number;
  series: (windows: readonly SimWindow[], shown: readonly number[], spanSec: number) => Series;
  yLabel: string;
  yTick: (v: number) => string;
  format: (v: number) => string;
  yDomain?: [number, number];
}

/** One per-node chart: the top nodes by a metric, each in its own colour. */
function NodeMetricChart({ metric }: { metric: NodeMetric }) {
  const ref = useRef<HTMLElement>(null);
  const { windows, meta, spanSec } = useLiveWindows(ref);
  const bands = useFaultBands();
  const served = useMemo(() => servedNodes(meta), [meta]);
  const shown = useStableIndices(useMemo(() => busiest(windows, served, metric.value, spanSec, MAX_NODES), [windows, served, spanSec, metric]));
  const series = useMemo(() => metric.series(windows, shown, spanSec), [windows, shown, spanSec, metric]);
  const lines = useMemo(() => shown.map((i) => ({ key: `n${i}`, name: meta!.nodes[i].label, color: seriesColor(i) })), [shown, meta]);
  const last = series.rows[series.rows.length - 1];
  return (
    <ChartCard
      ref={ref}
      target="charts.nodes"
      title={metric.title}
      subtitle={`${metric.subtitle}${served.length > shown.length ? ` · the ${shown.length} ${metric.topWord} of ${served.length}` : ''}`}
      legend={lines.map((l) => ({ label: l.name, color: l.color, value: last && last[l.key] !== null ? metric.format(last[l.key] as number) : undefined }))}
      empty={noServers(meta, served) ?? emptyMessage(meta, windows)}
    >
      <TimeChart
        rows={series.rows}
        lines={lines}
        spanSec={spanSec}
        warmupSec={meta?.warmupSec ?? 0}
        yLabel={metric.yLabel}
        yTick={metric.yTick}
        format={metric.format}
        yDomain={metric.yDomain}
        bands={bands}
      />
    </ChartCard>
  );
}

const UTILIZATION: NodeMetric = {
  title: 'Utilization per node',
  subtitle: 'busy servers ÷ servers, per second · at 100% arrivals outpace service and queues grow',
  topWord: 'busiest',
  value: (w, i) => w.nodes[i]?.utilization ?? 0,
  series: utilizationSeries,
  yLabel: 'utilization (%)',
  yTick: percentTick,
  format: formatPercentValue,
  yDomain: PERCENT_DOMAIN,
};

const QUEUE_DEPTH: NodeMetric = {
  title: 'Queue depth per node',
  subtitle: 'requests waiting for a server, time average per second',
  topWord: 'longest',
  value: (w, i) => w.nodes[i]?.meanQueueLength ?? 0,
  series: queueSeries,
  yLabel: 'requests waiting',
  yTick: countTick,
  format: formatWaiting,
};

export const UtilizationChart = memo(function UtilizationChart() {
  return <NodeMetricChart metric={UTILIZATION} />;
});

export const QueueDepthChart = memo(function QueueDepthChart() {
  return <NodeMetricChart metric={QUEUE_DEPTH} />;
});
