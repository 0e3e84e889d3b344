/**
 * Response time (p50, p99) and throughput against the swept parameter. As
 * load nears capacity, queueing makes response time turn up sharply — the
 * hockey stick — while throughput flattens at what the busiest node can
 * serve. Points whose run hit the overload guard are marked.
 */
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useAppStore } from '../store';
import { formatCount, formatMs, formatNumber, formatPercent } from '../ui/format';
import type { SweepPoint } from '../store/labSlice';
import { toCsv } from '../ui/download';
import { SWEEP_COLORS } from './sweepColors';

/** How every axis of the sweep chart is drawn. */
const AXIS = { tick: { fontSize: 10, fill: 'var(--text-faint)' }, stroke: 'var(--border-strong)' };

interface Row {
  value: number;
  p50?: number;
  p99?: number;
  throughput?: number;
  utilization?: number;
  overloaded: boolean;
}

/** Whether the response times span two decades or more: then a linear axis would flatten all but the slowest to "0 ms". */
export function latencySpansDecades(rows: readonly { p50?: number; p99?: number }[]): boolean {
  const values = rows.flatMap((r) => [r.p50, r.p99]).filter((v): v is number => v !== undefined && v > 0 && Number.isFinite(v));
  if (values.length < 2) return false;
  return Math.max(...values) / Math.min(...values) >= 100;
}

/** The finished points as CSV: the swept value, response times, throughput and the busiest node's utilization. */
export function sweepCsv(sweep: { sweptLabel: string; sweptUnit?: string; sweptOp: string; points: readonly SweepPoint[] }): string {
  const unit = sweep.sweptUnit ? ` (${sweep.sweptUnit})` : '';
  return toCsv([
    [`${sweep.sweptLabel}${unit}`, `${sweep.sweptOp} p50 (ms)`, `${sweep.sweptOp} p99 (ms)`, 'throughput (per s)', 'busiest node utilization (0-1)', 'errors', 'stopped'],
    ...sweep.points
      .filter((p) => p.status === 'done')
      .map((p) => [p.value, p.p50, p.p99, p.throughputPerSec, p.busiestUtilization, p.errors, p.stopped]),
  ]);
}

export function SweepChart() {
  const sweep = useAppStore((s) => s.sweep);
  const rows: Row[] = sweep.points
    .filter((p) => p.status === 'done')
    .map((p) => ({
      value: p.value,
      p50: p.p50,
      p99: p.p99,
      throughput: p.throughputPerSec,
      utilization: p.busiestUtilization,
      overloaded: p.stopped !== undefined || (p.busiestUtilization ?? 0) >= 0.999,
    }));
  const unit = sweep.sweptUnit ? ` ${sweep.sweptUnit}` : '';
  const log = sweep.sweptScale === 'log' && rows.every((r) => r.value > 0);
  const msLog = latencySpansDecades(rows);
  const overloaded = rows.filter((r) => r.overloaded);
  const summary =
    rows.length === 0
      ? 'No point has finished yet.'
      : `${sweep.sweptOp} response time and throughput at ${rows.length} values of ${sweep.sweptLabel.toLowerCase()}: ` +
        rows.map((r) => `${formatNumber(r.value)}${unit}: p99 ${r.p99 !== undefined ? formatMs(r.p99) : 'none'}`).join('; ') +
        (overloaded.length > 0 ? `. Overloaded from ${formatNumber(overloaded[0].value)}${unit}.` : '.');

  return (
    <figure className="sweep-chart">
      <div className="sweep-chart__plot" role="img" aria-label={summary}>
        <ResponsiveContainer width="100%" height={240}>
          <LineChart data={rows} margin={{ top: 8, right: 4, bottom: 4, left: 0 }}>
            <CartesianGrid stroke="var(--border)" strokeDasharray="2 3" />
            <XAxis
              dataKey="value"
              type="number"
              scale={log ? 'log' : 'linear'}
              domain={['dataMin', 'dataMax']}
              tickFormatter={(v: number) => formatCount(v)}
              {...AXIS}
            />
            <YAxis
              yAxisId="ms"
              scale={msLog ? 'log' : 'auto'}
              domain={msLog ? ['auto', 'auto'] : undefined}
              allowDataOverflow={false}
              tickFormatter={(v: number) => formatMs(v)}
              {...AXIS}
              width={52}
            />
            <YAxis
              yAxisId="rate"
              orientation="right"
              tickFormatter={(v: number) => formatCount(v)}
              {...AXIS}
              width={44}
            />
            <Tooltip
              contentStyle={{ background: 'var(--surface)', border: '1px solid var(--border)', fontSize: 12 }}
              labelFormatter={(v) => `${formatNumber(Number(v))}${unit}`}
              formatter={(value, name) => {
                const v = Number(value);
                if (name === 'throughput/s') return [`${formatCount(v)}/s`, name];
                return [formatMs(v), name];
              }}
            />
            <Legend wrapperStyle={{ fontSize: 11 }} />
            <Line yAxisId="ms" dataKey="p50" name="p50" stroke={SWEEP_COLORS.p50} strokeWidth={2} dot={{ r: 2.5 }} isAnimationActive={false} connectNulls />
            <Line
              yAxisId="ms"
              dataKey="p99"
              name="p99"
              stroke={SWEEP_COLORS.p99}
              strokeWidth={2}
              isAnimationActive={false}
              connectNulls
              dot={(props: { cx?: number; cy?: number; index?: number }) => {
                const row = rows[props.index ?? 0];
                const hot = row?.overloaded;
                return (
                  <circle
                    key={props.index}
                    cx={props.cx}
                    cy={props.cy}
                    r={hot ? 4.5 : 2.5}
                    fill={hot ? SWEEP_COLORS.overload : SWEEP_COLORS.p99}
                    stroke="var(--surface)"
                    strokeWidth={hot ? 1.5 : 0}
                  />
                );
              }}
            />
            <Line
              yAxisId="rate"
              dataKey="throughput"
              name="throughput/s"
              stroke={SWEEP_COLORS.throughput}
              strokeDasharray="5 3"
              strokeWidth={1.5}
              dot={false}
              isAnimationActive={false}
              connectNulls
            />
          </LineChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="sweep-chart__caption">
        Left axis: {sweep.sweptOp} response time{msLog ? ' (log scale: the points span decades)' : ''}. Right axis, dashed: throughput. Along the bottom: {sweep.sweptLabel.toLowerCase()}
        {unit}
        {log ? ' (log scale)' : ''}.
        {overloaded.length > 0 && (
          <span className="sweep-chart__overload">
            {' '}
            Large red points: the busiest node was saturated ({formatPercent(overloaded[0].utilization ?? 1)} busy) — its queue grows for as long as
            the overload lasts (until it is full, if it is bounded), and so does response time.
          </span>
        )}
      </figcaption>
    </figure>
  );
}
