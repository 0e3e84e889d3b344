/**
 * The variants' runs overlaid over simulated time, each in its colour (the
 * same as in the table): the compared op's p99 second by second, and the
 * fan-out writes per second. Drawn with the live charts' frame and lines.
 */
import { useMemo } from 'react';
import '../charts/charts.css';
import { ChartCard } from '../charts/ChartCard';
import { TimeChart, type TimeBand } from '../charts/TimeChart';
import { overlayRows } from '../lab/series';
import { countTick, formatMs, formatRate, msTick } from '../run/format';
import type { VariantRun } from '../store/labSlice';
import { variantColor } from './variantColors';

const formatWrites = (v: number) => formatRate(v, 'writes/s');

export function CompareCharts({ runs, op, durationSec, warmupSec }: { runs: VariantRun[]; op: string; durationSec: number; warmupSec: number }) {
  const p99 = useMemo(() => overlayRows(runs.map((r) => r.series), (s) => s.p99, 'max'), [runs]);
  const writes = useMemo(() => overlayRows(runs.map((r) => r.series), (s) => s.writesPerSec, 'mean'), [runs]);
  const lines = useMemo(() => runs.map((r, i) => ({ key: `v${i}`, name: r.label, color: variantColor(i) })), [runs]);
  const anyWrites = runs.some((r) => (r.metrics?.writesPerSec ?? 0) > 0);
  // The variants' faults, each interval once (variants of one story usually share theirs).
  const bands = useMemo(() => {
    const seen = new Map<string, TimeBand>();
    for (const r of runs) for (const b of r.bands ?? []) seen.set(`${b.label}|${b.startSec}|${b.endSec}`, { ...b, key: `${b.label}|${b.startSec}|${b.endSec}` });
    return [...seen.values()].sort((a, b) => a.startSec - b.startSec);
  }, [runs]);
  const waiting = p99.length === 0 ? 'The charts appear as the runs finish.' : null;
  const legend = (format: (v: number) => string, key: 'p99' | 'writesPerSec') =>
    runs.map((r, i) => ({ label: r.label, color: variantColor(i), value: r.metrics?.[key] !== undefined ? format(r.metrics[key]!) : undefined }));
  return (
    <div className="compare-charts">
      <ChartCard
        title={`${op} p99 over time`}
        subtitle={`99th percentile of ${op} response time, each simulated second; the legend shows the whole run`}
        legend={legend(formatMs, 'p99')}
        empty={waiting}
      >
        <TimeChart rows={p99} lines={lines} spanSec={durationSec} warmupSec={warmupSec} yLabel="ms" yTick={msTick} format={formatMs} bands={bands} />
      </ChartCard>
      <ChartCard
        title="Timeline writes over time"
        subtitle="fan-out writes per second into followers’ timelines: a celebrity’s post is a spike"
        legend={legend(formatWrites, 'writesPerSec')}
        empty={waiting ?? (anyWrites ? null : 'No variant fans out on write.')}
      >
        <TimeChart rows={writes} lines={lines} spanSec={durationSec} warmupSec={warmupSec} yLabel="writes/s" yTick={countTick} format={formatWrites} bands={bands} />
      </ChartCard>
    </div>
  );
}
