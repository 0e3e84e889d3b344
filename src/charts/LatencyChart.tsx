/** End-to-end response time of one operation over simulated time: p50, p95, p99 and p99.9 per live window. */
import { memo, useMemo, useRef } from 'react';
import { formatMs, msTick } from '../run/format';
import { useAppStore } from '../store';
import { ChartCard } from './ChartCard';
import { useFaultBands } from './faultBands';
import { opColor, PERCENTILES } from './palette';
import { latencySeries, type Row } from './series';
import { TimeChart } from './TimeChart';
import { emptyMessage, useLiveWindows } from './useLiveWindows';

/** A log axis cannot show 0: zero latencies sit at 1 µs. */
function positive(rows: Row[]): Row[] {
  return rows.map((r) => {
    const out: Row = { t: r.t };
    for (const p of PERCENTILES) {
      const v = r[p.key];
      out[p.key] = v === null || v === undefined ? null : Math.max(v, 0.001);
    }
    return out;
  });
}

/**
 * Requests a percentile needs in a point to say more than the point's maximum:
 * p99 of fewer than 100 requests, or p99.9 of fewer than 1,000, is the largest one.
 */
export const MIN_SAMPLE: Record<string, number> = { p50: 2, p95: 20, p99: 100, p999: 1000 };

/** The legend's value for a percentile: the number, or a dash when the point has too few requests to support it. */
export function percentileLegendValue(key: string, value: number | null | undefined, requests: number): string | undefined {
  if (value === null || value === undefined) return undefined;
  return requests < (MIN_SAMPLE[key] ?? 0) ? '—' : formatMs(value);
}

export const LatencyChart = memo(function LatencyChart({ op }: { op: number }) {
  const ref = useRef<HTMLElement>(null);
  const { windows, meta, spanSec } = useLiveWindows(ref);
  const bands = useFaultBands();
  const scale = useAppStore((s) => s.latencyScale);
  const series = useMemo(() => latencySeries(windows, op, spanSec), [windows, op, spanSec]);
  const rows = useMemo(() => (scale === 'log' ? positive(series.rows) : series.rows), [series, scale]);
  const latest = useMemo(() => {
    for (let i = series.rows.length - 1; i >= 0; i--) if (series.rows[i].p99 !== null) return series.rows[i];
    return undefined;
  }, [series]);
  const name = meta?.ops[op] ?? '';
  // Requests completed in the latest point (the windows of a merged point are equally long).
  const lastWindow = windows[windows.length - 1];
  const requests = lastWindow ? Math.round((lastWindow.ops[op]?.throughputPerSec ?? 0) * series.pointSec) : 0;
  const unsupported = latest ? PERCENTILES.filter((p) => requests < MIN_SAMPLE[p.key]) : [];
  const sampleNote =
    unsupported.length > 0
      ? ` · only ${requests.toLocaleString('en-US')} requests in the last point: too few for a ${unsupported.map((p) => p.label).join(' or ')} (it would be the maximum), so the legend shows —`
      : '';
  const lines = useMemo(() => PERCENTILES.map((p) => ({ key: p.key, name: p.label, color: p.color })), []);
  return (
    <ChartCard
      ref={ref}
      target="charts.latency"
      title={`Response time · ${name}`}
      accent={opColor(op)}
      subtitle={`percentiles of requests completed in each ${series.pointSec > 1 ? `${series.pointSec} s` : 'second'}, end to end at the client${sampleNote}`}
      legend={PERCENTILES.map((p) => ({ label: p.label, color: p.color, value: latest ? percentileLegendValue(p.key, latest[p.key], requests) : undefined }))}
      empty={emptyMessage(meta, windows)}
    >
      <TimeChart
        rows={rows}
        lines={lines}
        spanSec={spanSec}
        warmupSec={meta?.warmupSec ?? 0}
        yLabel="response time"
        yTick={msTick}
        format={formatMs}
        yScale={scale}
        bands={bands}
      />
    </ChartCard>
  );
});
