/**
 * Availability against the objective, for every op that has one
 * (`scenario.slos`): the share of requests ending in each point that were
 * good — succeeded within the objective's time — against the target, and
 * the error budget left over the run so far. The budget is what the target
 * allows to go wrong: (1 − target) × requests; every request that was not
 * good (failed, or too slow) spends one. Counted from the end of the
 * warm-up, like the results.
 */
import { memo, useMemo, useRef } from 'react';
import { formatCount } from '../run/format';
import { useAppStore } from '../store';
import { ChartCard, type LegendItem } from './ChartCard';
import { useFaultBands } from './faultBands';
import { opColor } from './palette';
import { availabilitySeries, errorBudget, type ErrorBudget } from './series';
import { TimeChart, type LineSpec } from './TimeChart';
import { emptyMessage, useLiveWindows } from './useLiveWindows';

/** A share in percent, rounded down (99.996% of good requests is not 100%): two decimals from 99% up, where targets live. */
export function formatShare(pct: number): string {
  if (!Number.isFinite(pct)) return '–';
  if (pct >= 100) return '100%';
  if (pct >= 99) return `${(Math.floor(pct * 100) / 100).toFixed(2)}%`;
  return `${(Math.floor(pct * 10) / 10).toFixed(1)}%`;
}

const shareTick = (v: number) => `${Number.isInteger(v) ? v : v.toFixed(v >= 99.9 ? 2 : 1)}%`;

/** The bottom of the axis: the highest round level that keeps the data and the target well inside. */
export function availabilityFloor(lowest: number, targetPct: number): number {
  // The target sits at most halfway up: below it as much room as above it.
  const want = Math.min(lowest, targetPct - (100 - targetPct));
  for (const lo of [99.9, 99, 95, 90, 80, 50]) if (want >= lo) return lo;
  return 0;
}

/** "budget left 38% (620 of 1,000 bad allowed)", or "overspent" once more went wrong than the target allows. */
export function budgetText(b: ErrorBudget): string {
  if (b.leftShare === null) return 'no requests yet';
  const used = `${formatCount(b.bad)} of ${formatCount(Math.round(b.allowed))} allowed bad`;
  if (b.leftShare < 0) return `budget overspent ${Math.round(-b.leftShare * 100)}% (${used})`;
  return `budget left ${Math.round(b.leftShare * 100)}% (${used})`;
}

export const AvailabilityChart = memo(function AvailabilityChart() {
  const ref = useRef<HTMLElement>(null);
  const { windows, meta, spanSec } = useLiveWindows(ref);
  const bands = useFaultBands();
  const slos = useAppStore((s) => s.runScenario?.slos);
  // Every objective whose op the run has (an op has at most one: scenario/graph.ts refuses a second).
  const objectives = useMemo(() => {
    const out: { op: number; name: string; target: number; latencyMs: number }[] = [];
    for (const slo of slos ?? []) {
      const op = meta?.ops.indexOf(slo.op) ?? -1;
      if (op >= 0 && !out.some((o) => o.op === op)) out.push({ op, name: slo.op, target: slo.target, latencyMs: slo.latencyMs });
    }
    return out;
  }, [slos, meta]);
  const opIndices = useMemo(() => objectives.map((o) => o.op), [objectives]);
  const series = useMemo(() => {
    const s = availabilitySeries(windows, opIndices, spanSec);
    // The target as a flat line beside each op's share.
    for (const r of s.rows) for (const o of objectives) r[`t${o.op}`] = o.target * 100;
    return s;
  }, [windows, opIndices, objectives, spanSec]);
  const lines = useMemo(() => {
    const out: LineSpec[] = [];
    const prefix = objectives.length > 1;
    for (const o of objectives) {
      out.push({ key: `a${o.op}`, name: prefix ? `${o.name} good` : 'good', color: opColor(o.op) });
      out.push({ key: `t${o.op}`, name: prefix ? `${o.name} target` : 'target', color: opColor(o.op), dashed: true });
    }
    return out;
  }, [objectives]);
  const warmupSec = meta?.warmupSec ?? 0;
  const budgets = useMemo(() => objectives.map((o) => errorBudget(windows, o.op, o.target, warmupSec)), [objectives, windows, warmupSec]);
  const lowest = useMemo(() => {
    let min = 100;
    for (const r of series.rows) for (const o of objectives) if (r[`a${o.op}`] !== null && (r[`a${o.op}`] as number) < min) min = r[`a${o.op}`] as number;
    return min;
  }, [series, objectives]);
  const floor = availabilityFloor(lowest, Math.min(...objectives.map((o) => o.target * 100), 100));
  const yDomain = useMemo((): [number, number] => [floor, 100], [floor]);
  const latest = useMemo(() => {
    for (let i = series.rows.length - 1; i >= 0; i--) if (opIndices.some((o) => series.rows[i][`a${o}`] !== null)) return series.rows[i];
    return undefined;
  }, [series, opIndices]);

  const legend: LegendItem[] = [];
  objectives.forEach((o, i) => {
    const share = latest?.[`a${o.op}`];
    legend.push({ label: lines[2 * i].name, color: opColor(o.op), value: share !== null && share !== undefined ? formatShare(share) : undefined });
    legend.push({ label: lines[2 * i + 1].name, color: opColor(o.op), dashed: true, value: formatShare(o.target * 100) });
  });
  const one = objectives.length === 1 ? objectives[0] : null;
  const note = objectives.map((o, i) => `${objectives.length > 1 ? `${o.name}: ` : 'Error '}${budgetText(budgets[i])}`).join(' · ');
  return (
    <ChartCard
      ref={ref}
      title={`Availability vs SLO${one ? ` · ${one.name}` : ''}`}
      subtitle={`share of requests that were good — succeeded within ${one ? `${formatCount(one.latencyMs)} ms` : 'the objective’s time'} — in each ${series.pointSec > 1 ? `${series.pointSec} s` : 'second'}, against the target · error budget = (1 − target) × requests since warm-up; every request not good spends one`}
      legend={legend}
      note={objectives.length > 0 && windows.length > 0 ? note : null}
      empty={objectives.length === 0 && meta ? 'No objective for the operations of this run.' : emptyMessage(meta, windows)}
    >
      <TimeChart
        rows={series.rows}
        lines={lines}
        spanSec={spanSec}
        warmupSec={warmupSec}
        yLabel="good (%)"
        yTick={shareTick}
        format={formatShare}
        yDomain={yDomain}
        bands={bands}
      />
    </ChartCard>
  );
});
