/**
 * Errors per second by cause, summed over the operations and stacked, so the
 * top of the stack is all the errors users saw: timeouts, rejections at a
 * full queue, the breaker's refusals, errors and requests sent to a node that
 * was down. With the fault bands behind it, it teaches DDIA's distinction: a
 * fault is one part deviating from its spec (the band); a failure is the
 * system as a whole no longer serving its users (the errors) — and a
 * system built to tolerate faults keeps the one from becoming the other.
 */
import { memo, useMemo, useRef } from 'react';
import { countTick, formatRate } from '../run/format';
import { ChartCard } from './ChartCard';
import { useFaultBands } from './faultBands';
import { CAUSE_STYLES } from './palette';
import { errorsByCauseSeries } from './series';
import { TimeChart, type LineSpec } from './TimeChart';
import { emptyMessage, useLiveWindows } from './useLiveWindows';

const formatErrors = (v: number) => formatRate(v, 'errors/s');

const NO_LINES: LineSpec[] = [];
const ALL_LINES: LineSpec[] = CAUSE_STYLES.map((c) => ({ key: `c${c.cause}`, name: c.label, color: c.color }));

export const ErrorsByCauseChart = memo(function ErrorsByCauseChart() {
  const ref = useRef<HTMLElement>(null);
  const { windows, meta, spanSec } = useLiveWindows(ref);
  const bands = useFaultBands();
  const series = useMemo(() => errorsByCauseSeries(windows, spanSec), [windows, spanSec]);
  // Only the causes seen in the time shown, so that the legend keeps to the ones that matter (none when nothing failed: a note says so).
  const seen = ALL_LINES.filter((l) => series.rows.some((r) => (r[l.key] ?? 0) > 0))
    .map((l) => l.key)
    .join(' ');
  const lines = useMemo(() => (seen ? ALL_LINES.filter((l) => seen.split(' ').includes(l.key)) : NO_LINES), [seen]);
  const last = series.rows[series.rows.length - 1];
  const total = last ? ALL_LINES.reduce((sum, l) => sum + (last[l.key] ?? 0), 0) : undefined;
  return (
    <ChartCard
      ref={ref}
      title="Errors by cause"
      subtitle="failed requests per second, stacked by cause, all operations · a fault (shaded) is a part going wrong; a failure is users getting errors"
      legend={
        seen
          ? [
              ...lines.map((l) => ({ label: l.name, color: l.color, area: true, value: last ? formatErrors(last[l.key] ?? 0) : undefined })),
              // The top of the stack, when there is more than one layer to add up.
              ...(lines.length > 1 ? [{ label: 'total', color: 'var(--text, #131722)', value: total !== undefined ? formatErrors(total) : undefined }] : []),
            ]
          : undefined
      }
      note={!seen && series.rows.length > 0 ? 'No request failed in the time shown.' : null}
      empty={emptyMessage(meta, windows)}
    >
      <TimeChart
        rows={series.rows}
        lines={lines}
        stacked
        spanSec={spanSec}
        warmupSec={meta?.warmupSec ?? 0}
        yLabel="errors/s"
        yTick={countTick}
        format={formatErrors}
        bands={bands}
      />
    </ChartCard>
  );
});
