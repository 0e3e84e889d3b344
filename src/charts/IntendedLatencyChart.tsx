/**
 * Coordinated omission, side by side: for ops served by closed-loop users on
 * a fixed interval (a load tester), the response time measured from when each
 * request was sent beside the one measured from when it was meant to be sent
 * (`intendedLatency` in the windows). A tester stuck behind a slow request
 * sends nothing meanwhile, so its own measurement never sees the queue its
 * users would have met; the intended-time p99 does.
 */
import { memo, useMemo, useRef } from 'react';
import { formatMs, msTick } from '../run/format';
import { useAppStore } from '../store';
import { ChartCard } from './ChartCard';
import { useFaultBands } from './faultBands';
import { PERCENTILES } from './palette';
import { intendedLatencySeries, type Row } from './series';
import { TimeChart, type LineSpec } from './TimeChart';
import { emptyMessage, useLiveWindows } from './useLiveWindows';

const P50 = PERCENTILES[0].color;
const P99 = PERCENTILES[2].color;

export const IntendedLatencyChart = memo(function IntendedLatencyChart() {
  const ref = useRef<HTMLElement>(null);
  const { windows, meta, spanSec } = useLiveWindows(ref);
  const bands = useFaultBands();
  const scale = useAppStore((s) => s.latencyScale);
  const lastWindow = windows[windows.length - 1];
  const opsKey = lastWindow ? lastWindow.ops.flatMap((o, i) => (o.intendedLatency !== undefined ? [i] : [])).join(',') : '';
  const ops = useMemo(() => (opsKey ? opsKey.split(',').map(Number) : []), [opsKey]);
  const series = useMemo(() => intendedLatencySeries(windows, ops, spanSec), [windows, ops, spanSec]);
  const lines = useMemo(() => {
    const out: LineSpec[] = [];
    for (const o of ops) {
      const prefix = ops.length > 1 ? `${meta?.ops[o] ?? o} ` : '';
      out.push({ key: `m99_${o}`, name: `${prefix}p99 measured`, color: P99 });
      out.push({ key: `i99_${o}`, name: `${prefix}p99 intended`, color: P99, dashed: true });
      out.push({ key: `m50_${o}`, name: `${prefix}p50 measured`, color: P50 });
      out.push({ key: `i50_${o}`, name: `${prefix}p50 intended`, color: P50, dashed: true });
    }
    return out;
  }, [ops, meta]);
  // A log axis cannot show 0: zero latencies sit at 1 µs.
  const rows = useMemo(
    () =>
      scale === 'log'
        ? series.rows.map((r) => {
            const out: Row = { t: r.t };
            for (const l of lines) out[l.key] = r[l.key] === null || r[l.key] === undefined ? null : Math.max(r[l.key] as number, 0.001);
            return out;
          })
        : series.rows,
    [series, lines, scale],
  );
  const latest = useMemo(() => {
    for (let i = series.rows.length - 1; i >= 0; i--) if (lines.some((l) => series.rows[i][l.key] !== null)) return series.rows[i];
    return undefined;
  }, [series, lines]);
  const name = ops.length === 1 ? ` · ${meta?.ops[ops[0]] ?? ''}` : '';
  return (
    <ChartCard
      ref={ref}
      title={`Measured vs intended${name}`}
      subtitle={`response time of a closed-loop tester's requests: measured from the send (solid) and from when it meant to send (dashed) — the gap is coordinated omission · per ${series.pointSec > 1 ? `${series.pointSec} s` : 'second'}`}
      legend={lines.map((l) => ({ label: l.name, color: l.color, dashed: l.dashed, value: latest && latest[l.key] !== null ? formatMs(latest[l.key]) : undefined }))}
      empty={ops.length === 0 && meta && windows.length > 0 ? 'No closed-loop tester on an interval in this run.' : emptyMessage(meta, windows)}
    >
      <TimeChart rows={rows} lines={lines} spanSec={spanSec} warmupSec={meta?.warmupSec ?? 0} yLabel="response time" yTick={msTick} format={formatMs} yScale={scale} bands={bands} />
    </ChartCard>
  );
});
