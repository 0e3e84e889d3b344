/**
 * Successful requests per second per operation over simulated time; failed ones dashed, when there
 * are any; and for an op with an objective its goodput dotted beside them — the successes fast enough
 * to count (a request answered after the user gave up is throughput, not goodput).
 */
import { memo, useMemo, useRef } from 'react';
import { countTick, formatRate } from '../run/format';
import { ChartCard } from './ChartCard';
import { useFaultBands } from './faultBands';
import { opColor } from './palette';
import { throughputSeries } from './series';
import { TimeChart, type LineSpec } from './TimeChart';
import { emptyMessage, useLiveWindows } from './useLiveWindows';

const formatRatePerSec = (v: number) => formatRate(v);

export const ThroughputChart = memo(function ThroughputChart() {
  const ref = useRef<HTMLElement>(null);
  const { windows, meta, spanSec } = useLiveWindows(ref);
  const bands = useFaultBands();
  const ops = meta?.ops ?? [];
  const series = useMemo(() => throughputSeries(windows, ops.length, spanSec), [windows, ops.length, spanSec]);
  const lines = useMemo(() => {
    const out: LineSpec[] = [];
    ops.forEach((op, o) => {
      out.push({ key: `o${o}`, name: `${op} ok`, color: opColor(o) });
      if (series.rows.some((r) => (r[`o${o}e`] ?? 0) > 0)) out.push({ key: `o${o}e`, name: `${op} failed`, color: opColor(o), dashed: true });
      if (series.rows.some((r) => r[`o${o}g`] !== null && r[`o${o}g`] !== undefined)) out.push({ key: `o${o}g`, name: `${op} good`, color: opColor(o), dotted: true });
    });
    return out;
  }, [ops, series]);
  const last = series.rows[series.rows.length - 1];
  return (
    <ChartCard
      ref={ref}
      target="charts.throughput"
      title="Throughput"
      subtitle={`requests completed per second, per operation (failed: dashed${lines.some((l) => l.dotted) ? '; good — within the objective’s time: dotted' : ''})`}
      legend={lines.map((l) => ({ label: l.name, color: l.color, dashed: l.dashed, dotted: l.dotted, value: last ? formatRate(last[l.key]) : undefined }))}
      empty={emptyMessage(meta, windows)}
    >
      <TimeChart rows={series.rows} lines={lines} spanSec={spanSec} warmupSec={meta?.warmupSec ?? 0} yLabel="requests/s" yTick={countTick} format={formatRatePerSec} bands={bands} />
    </ChartCard>
  );
});
