/**
 * What each edge with a resilience rule (timeout, retry, hedge, breaker)
 * really sends: its calls per second — every attempt, first ones, retries
 * and hedged copies — beside the retries, hedges and timeouts among them,
 * and under the plot each breaker's state (closed, open, half-open). A retry
 * storm reads here as calls climbing far above what the users ask for.
 */
import { memo, useMemo, useRef } from 'react';
import { countTick, edgeLabels, formatRate } from '../run/format';
import { useAppStore } from '../store';
import { ChartCard, type LegendItem } from './ChartCard';
import { hasResilience } from './chartChoice';
import { useFaultBands } from './faultBands';
import { BREAKER_STYLES, seriesColor } from './palette';
import { attemptsSeries, breakerSegments } from './series';
import { TimeChart, type LineSpec, type StateStrip } from './TimeChart';
import { emptyMessage, useLiveWindows, useStableIndices } from './useLiveWindows';

/** Edges drawn at most (four series each). */
const MAX_EDGES = 3;

const formatCalls = (v: number) => formatRate(v, 'calls/s');

/** The series of an edge, each drawn only when the edge has the rule behind it. */
const METRICS = [
  { suffix: 'c', name: 'calls', style: {} },
  { suffix: 'r', name: 'retries', style: { dashed: true } },
  { suffix: 'h', name: 'hedges', style: { dotted: true } },
  { suffix: 't', name: 'timeouts', style: { dashed: true } },
] as const;

export const AttemptsChart = memo(function AttemptsChart() {
  const ref = useRef<HTMLElement>(null);
  const { windows, meta, spanSec } = useLiveWindows(ref);
  const bands = useFaultBands();
  const scenario = useAppStore((s) => s.runScenario);
  const resilient = useStableIndices(
    useMemo(() => (scenario && meta ? scenario.edges.flatMap((e, i) => (hasResilience(e) && i < meta.edges.length ? [i] : [])) : []), [scenario, meta]),
  );
  const shown = resilient.slice(0, MAX_EDGES);
  const stableShown = useStableIndices(shown);
  const labels = useMemo(() => (meta ? edgeLabels(meta.nodes, meta.edges) : []), [meta]);
  const series = useMemo(() => attemptsSeries(windows, stableShown, spanSec), [windows, stableShown, spanSec]);
  const lines = useMemo(() => {
    const out: LineSpec[] = [];
    for (const e of stableShown) {
      const edge = scenario?.edges[e];
      const has = { c: true, r: edge?.retry !== undefined, h: edge?.hedge !== undefined, t: edge?.timeoutMs !== undefined };
      const prefix = stableShown.length > 1 ? `${labels[e]} · ` : '';
      for (const m of METRICS) {
        if (!has[m.suffix]) continue;
        // Timeouts in red: the attempts the caller gave up on.
        out.push({ key: `e${e}${m.suffix}`, name: `${prefix}${m.name}`, color: m.suffix === 't' ? '#dc2626' : seriesColor(e), ...m.style });
      }
    }
    return out;
  }, [stableShown, scenario, labels]);
  const breakerEdges = useMemo(() => stableShown.filter((e) => scenario?.edges[e]?.breaker !== undefined), [stableShown, scenario]);
  const strips = useMemo<StateStrip[]>(
    () =>
      breakerEdges.map((e) => ({
        key: `b${e}`,
        label: `breaker${stableShown.length > 1 ? ` · ${labels[e]}` : ''}`,
        segments: breakerSegments(windows, e, spanSec).map((s) => ({ ...s, color: BREAKER_STYLES[s.state].color, state: BREAKER_STYLES[s.state].label })),
      })),
    [breakerEdges, stableShown, labels, windows, spanSec],
  );
  const last = series.rows[series.rows.length - 1];
  const lastWindow = windows[windows.length - 1];
  const legend: LegendItem[] = lines.map((l) => ({ label: l.name, color: l.color, dashed: l.dashed, dotted: l.dotted, value: last ? formatCalls(last[l.key] ?? 0) : undefined }));
  for (const e of breakerEdges) {
    const state = lastWindow?.edges[e]?.breaker;
    if (state) legend.push({ label: `breaker${stableShown.length > 1 ? ` · ${labels[e]}` : ''}`, color: BREAKER_STYLES[state].swatch, area: true, value: BREAKER_STYLES[state].label });
  }
  const one = stableShown.length === 1 ? ` · ${labels[stableShown[0]]}` : '';
  const hidden = resilient.length - stableShown.length;
  return (
    <ChartCard
      ref={ref}
      title={`Attempts per edge${one}`}
      subtitle={`attempts per second along each edge with a timeout, retries, hedging or a breaker: every call, and the retries, hedges and timeouts among them${breakerEdges.length > 0 ? ' · under the plot, the breaker: green closed, red open, amber half-open' : ''}${hidden > 0 ? ` · ${stableShown.length} of ${resilient.length} edges` : ''}`}
      legend={legend}
      empty={emptyMessage(meta, windows)}
    >
      <TimeChart rows={series.rows} lines={lines} spanSec={spanSec} warmupSec={meta?.warmupSec ?? 0} yLabel="calls/s" yTick={countTick} format={formatCalls} bands={bands} strips={strips} />
    </ChartCard>
  );
});
