/**
 * What each edge with a resilience rule (timeout, retry, hedge, breaker)
 * really sends: its attempts per second — first calls, retries and hedged
 * copies — beside the first calls alone, the retries, hedges and timeouts,
 * and under the plot each breaker's state (closed, open, half-open). A retry
 * storm reads here as attempts climbing far above the first calls.
 */
import { memo, useCallback, useMemo, useRef } from 'react';
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
  // First calls under the attempts, which are drawn over them (they differ only by the retries and hedges).
  { suffix: 'c', name: 'first calls', style: {} },
  { suffix: 'a', name: 'attempts', style: {} },
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
  const targetName = useCallback(
    (e: number) => {
      const id = meta?.edges[e]?.target;
      return meta?.nodes.find((n) => n.id === id)?.label ?? id ?? '';
    },
    [meta],
  );
  const series = useMemo(() => attemptsSeries(windows, stableShown, spanSec), [windows, stableShown, spanSec]);
  const many = stableShown.length > 1;
  const lines = useMemo(() => {
    const out: LineSpec[] = [];
    for (const e of stableShown) {
      const edge = scenario?.edges[e];
      const retries = edge?.retry !== undefined;
      const hedges = edge?.hedge !== undefined;
      // All attempts differ from the first calls only on an edge that retries or hedges.
      // With several edges, an edge that retries or hedges shows its attempts and leaves out the first calls (their difference is drawn).
      const has = { a: retries || hedges, c: !(many && (retries || hedges)), r: retries, h: hedges, t: edge?.timeoutMs !== undefined };
      const prefix = many ? `${labels[e]} · ` : '';
      for (const m of METRICS) {
        if (!has[m.suffix]) continue;
        // First calls in grey under the attempts; timeouts in red: the attempts the caller gave up on.
        const color = m.suffix === 't' ? '#dc2626' : m.suffix === 'c' && has.a ? '#64748b' : seriesColor(e);
        out.push({ key: `e${e}${m.suffix}`, name: `${prefix}${m.name}`, color, ...m.style });
      }
    }
    return out;
  }, [stableShown, scenario, labels, many]);
  const breakerEdges = useMemo(() => stableShown.filter((e) => scenario?.edges[e]?.breaker !== undefined), [stableShown, scenario]);
  const strips = useMemo<StateStrip[]>(
    () =>
      breakerEdges.map((e) => ({
        key: `b${e}`,
        label: `breaker${many ? ` · ${labels[e]}` : ''}`,
        tag: breakerEdges.length > 1 ? `breaker → ${targetName(e)}` : 'breaker',
        segments: breakerSegments(windows, e, spanSec).map((s) => ({ ...s, color: BREAKER_STYLES[s.state].color, state: BREAKER_STYLES[s.state].label })),
      })),
    [breakerEdges, many, labels, windows, spanSec, targetName],
  );
  const last = series.rows[series.rows.length - 1];
  const lastWindow = windows[windows.length - 1];
  let legend: LegendItem[];
  if (!many) legend = lines.map((l) => ({ label: l.name, color: l.color, dashed: l.dashed, dotted: l.dotted, value: last ? formatCalls(last[l.key] ?? 0) : undefined }));
  else {
    // Several edges: one entry per edge (its colour, its attempts now), then what each line style means.
    legend = stableShown.map((e) => {
      const key = lines.some((l) => l.key === `e${e}a`) ? `e${e}a` : `e${e}c`;
      return { label: labels[e], color: seriesColor(e), value: last ? formatCalls(last[key] ?? 0) : undefined };
    });
    for (const m of METRICS.slice(2)) {
      if (lines.some((l) => l.key.endsWith(m.suffix))) legend.push({ label: m.name, color: m.suffix === 't' ? '#dc2626' : '#64748b', ...m.style });
    }
  }
  for (const e of breakerEdges) {
    const state = lastWindow?.edges[e]?.breaker;
    if (state) legend.push({ label: `breaker${many ? ` → ${targetName(e)}` : ''}`, color: BREAKER_STYLES[state].swatch, area: true, value: BREAKER_STYLES[state].label });
  }
  const one = stableShown.length === 1 ? labels[stableShown[0]] : null;
  const hidden = resilient.length - stableShown.length;
  return (
    <ChartCard
      ref={ref}
      title={one ? `Attempts · ${one}` : 'Attempts per edge'}
      subtitle={`attempts per second along ${one ? 'the edge' : 'each edge'} with a timeout, retries, hedging or a breaker: all attempts, the first calls, and the retries, hedged copies and timeouts among them${breakerEdges.length > 0 ? ' · under the plot, the breaker: green closed, red open, amber half-open' : ''}${hidden > 0 ? ` · ${stableShown.length} of ${resilient.length} edges` : ''}`}
      legend={legend}
      empty={emptyMessage(meta, windows)}
    >
      <TimeChart rows={series.rows} lines={lines} spanSec={spanSec} warmupSec={meta?.warmupSec ?? 0} yLabel="calls/s" yTick={countTick} format={formatCalls} bands={bands} strips={strips} />
    </ChartCard>
  );
});
