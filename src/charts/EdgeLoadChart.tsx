/**
 * Calls per second along the busiest edges: the load each hop carries, e.g. fan-out writes to
 * timelines. Celebrity posts are marked (celebrity.ts): the hybrid and fan-out on write differ there.
 */
import { memo, useMemo, useRef } from 'react';
import { countTick, edgeLabels, formatRate } from '../run/format';
import { celebrityMarkers, celebrityNote, NO_CELEBRITY_YET, NO_CELEBRITY_YET_IN_FULL } from './celebrity';
import { ChartCard } from './ChartCard';
import { useFaultBands } from './faultBands';
import { seriesColor } from './palette';
import { busiest, edgeLoadSeries } from './series';
import { TimeChart } from './TimeChart';
import { emptyMessage, useLiveWindows, useStableIndices } from './useLiveWindows';

/** Edges drawn at most; the rest are summarised in the subtitle. */
const MAX_EDGES = 6;

const formatCalls = (v: number) => formatRate(v, 'calls/s');

export const EdgeLoadChart = memo(function EdgeLoadChart() {
  const ref = useRef<HTMLElement>(null);
  const { windows, meta, spanSec } = useLiveWindows(ref);
  const bands = useFaultBands();
  const edges = useMemo(() => meta?.edges.map((_, i) => i) ?? [], [meta]);
  const stableShown = useStableIndices(useMemo(() => busiest(windows, edges, (w, e) => w.edges[e]?.callsPerSec ?? 0, spanSec, MAX_EDGES), [windows, edges, spanSec]));
  const series = useMemo(() => edgeLoadSeries(windows, stableShown, spanSec), [windows, stableShown, spanSec]);
  const labels = useMemo(() => (meta ? edgeLabels(meta.nodes, meta.edges) : []), [meta]);
  const lines = useMemo(() => stableShown.map((e) => ({ key: `e${e}`, name: labels[e], color: seriesColor(e) })), [stableShown, labels]);
  const markers = useMemo(() => celebrityMarkers(windows, spanSec), [windows, spanSec]);
  const note = useMemo(() => celebrityNote(windows), [windows]);
  const last = series.rows[series.rows.length - 1];
  const hidden = edges.length - stableShown.length;
  return (
    <ChartCard
      ref={ref}
      target="charts.edges"
      title="Load per edge"
      subtitle={`calls per second along each edge${hidden > 0 ? ` · the ${stableShown.length} busiest of ${edges.length}` : ''}`}
      legend={lines.map((l) => ({ label: l.name, color: l.color, value: last ? formatRate(last[l.key], 'calls/s') : undefined }))}
      empty={edges.length === 0 && meta ? 'No edges: connect nodes to see the load on each hop.' : emptyMessage(meta, windows)}
      note={note}
      noteInFull={note === NO_CELEBRITY_YET ? NO_CELEBRITY_YET_IN_FULL : undefined}
    >
      <TimeChart rows={series.rows} lines={lines} spanSec={spanSec} warmupSec={meta?.warmupSec ?? 0} yLabel="calls/s" yTick={countTick} format={formatCalls} markers={markers} bands={bands} />
    </ChartCard>
  );
});
