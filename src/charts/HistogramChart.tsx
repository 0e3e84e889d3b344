/**
 * The distribution of response times over the whole run so far (after
 * warm-up), on log-spaced bins over a log time axis, with the percentiles
 * marked: where the body of requests sits and how far the tail reaches.
 *
 * Drawn like the time charts (see TimeChart.tsx): recharts draws the frame,
 * a layer draws the bars and marks with the frame's scales, and the frame
 * re-renders only when an axis range changes.
 */
import { memo, useEffect, useId, useMemo, useRef, useState, useSyncExternalStore, type MouseEvent } from 'react';
import { CartesianGrid, LineChart, usePlotArea, useXAxisInverseScale, useXAxisScale, useYAxisScale, XAxis, YAxis } from 'recharts';
import { formatCount, formatMs, formatPercent, msTick } from '../run/format';
import type { LatencyBins } from '../sim/latencyBins';
import { useAppStore } from '../store';
import { ChartCard } from './ChartCard';
import { createChannel, nextYDomain, yTicks, type Channel } from './frame';
import { opColor, PERCENTILES } from './palette';
import { useInView, useOneChartPerFrame, useStaggered } from './staggered';

/** The whole run's distribution changes slowly: twice a second is plenty. */
const HISTOGRAM_REDRAW_MS = 500;
const AXIS_TICK = { fontSize: 11 };
const FILL = { width: '100%', height: '100%' };
const MARGIN = { top: 16, right: 14, bottom: 14, left: 4 };
const X_LABEL = { value: 'response time (log scale)', position: 'insideBottom' as const, offset: -8, fontSize: 11 };
const Y_LABEL = { value: 'share of requests (%)', angle: -90, position: 'insideLeft' as const, offset: 8, fontSize: 11, style: { textAnchor: 'middle' as const } };
const DEFAULT_X: [number, number] = [0.1, 1000];
const DEFAULT_Y: [number, number] = [0, 10];
const shareTick = (v: number) => `${v === 0 ? 0 : v < 1 ? v.toFixed(1) : +v.toFixed(1)}%`;

interface Mark {
  key: string;
  label: string;
  color: string;
  ms: number;
}

interface Drawing {
  bins: LatencyBins | null;
  marks: Mark[];
  color: string;
}

function percentileMarks(bins: LatencyBins | null): Mark[] {
  if (!bins) return [];
  const values = { p50: bins.p50Ms, p95: bins.p95Ms, p99: bins.p99Ms, p999: bins.p999Ms };
  return PERCENTILES.map((p) => ({ key: p.key, label: p.label, color: p.color, ms: values[p.key] }));
}

const Bars = memo(function Bars({ channel }: { channel: Channel<Drawing> }) {
  const { bins, marks, color } = useSyncExternalStore(channel.subscribe, channel.get);
  const x = useXAxisScale();
  const y = useYAxisScale();
  const xInverse = useXAxisInverseScale();
  const plot = usePlotArea();
  const clipId = useId();
  const [hover, setHover] = useState<number | null>(null);
  if (!x || !y || !plot || !bins) return null;
  const base = y(0) as number;
  const share = (i: number) => (bins.counts[i] / bins.total) * 100;

  const onMove = (e: MouseEvent<SVGRectElement>) => {
    const svg = e.currentTarget.ownerSVGElement;
    if (!svg || !xInverse) return;
    const ms = Number(xInverse(e.clientX - svg.getBoundingClientRect().left));
    const i = bins.lowMs.findIndex((lo, k) => ms >= lo && ms < bins.highMs[k]);
    setHover(i >= 0 && bins.counts[i] > 0 ? i : null);
  };

  let tooltip = null;
  if (hover !== null && hover < bins.counts.length) {
    const title = `${formatMs(bins.lowMs[hover])} – ${formatMs(bins.highMs[hover])}`;
    const text = `${formatPercent(share(hover) / 100)} of requests (${formatCount(bins.counts[hover])})`;
    const width = Math.max(title.length, text.length) * 6.6 + 12;
    const hx = x(Math.sqrt(bins.lowMs[hover] * bins.highMs[hover])) as number;
    const left = hx + 10 + width > plot.x + plot.width ? hx - 10 - width : hx + 10;
    tooltip = (
      <g pointerEvents="none">
        <rect x={left} y={plot.y + 4} width={width} height={36} rx={4} className="series-tooltip-box" />
        <text x={left + 6} y={plot.y + 17} className="series-tooltip-title">
          {title}
        </text>
        <text x={left + 6} y={plot.y + 33} className="series-tooltip-text">
          {text}
        </text>
      </g>
    );
  }

  return (
    <g className="histogram-layer">
      <defs>
        <clipPath id={clipId}>
          <rect x={plot.x} y={plot.y - 14} width={plot.width} height={plot.height + 14} />
        </clipPath>
      </defs>
      <g clipPath={`url(#${clipId})`}>
        {bins.counts.map((c, i) => {
          if (c === 0) return null;
          const x0 = x(bins.lowMs[i]) as number;
          const x1 = x(bins.highMs[i]) as number;
          const top = y(share(i)) as number;
          return (
            <rect
              key={i}
              className="histogram-bar"
              x={x0}
              y={top}
              width={Math.max(0.5, x1 - x0 - 0.5)}
              height={Math.max(0, base - top)}
              fill={color}
              fillOpacity={hover === i ? 0.85 : 0.55}
            />
          );
        })}
        {marks.map((m, k) => {
          const mx = x(m.ms) as number;
          return (
            <g key={m.key} className="histogram-mark">
              <line x1={mx} x2={mx} y1={plot.y} y2={plot.y + plot.height} stroke={m.color} strokeWidth={1.5} strokeDasharray="4 2" />
              {/* Labels alternate between two rows so that neighbouring percentiles stay readable. */}
              <text x={mx + 2} y={plot.y - 3 + (k % 2) * 11} fill={m.color} fontSize={10}>
                {m.label}
              </text>
            </g>
          );
        })}
      </g>
      {tooltip}
      <rect x={plot.x} y={plot.y} width={plot.width} height={plot.height} fill="transparent" onMouseMove={onMove} onMouseLeave={() => setHover(null)} />
    </g>
  );
});

const Frame = memo(function Frame({ xDomain, yDomain, channel }: { xDomain: [number, number]; yDomain: [number, number]; channel: Channel<Drawing> }) {
  const xTicks = useMemo(() => yTicks(xDomain, 'log'), [xDomain]);
  const ticks = useMemo(() => yTicks(yDomain, 'linear'), [yDomain]);
  return (
    <LineChart responsive style={FILL} margin={MARGIN}>
      <CartesianGrid strokeDasharray="3 3" vertical={false} />
      <XAxis type="number" dataKey="ms" scale="log" domain={xDomain} ticks={xTicks} allowDataOverflow tick={AXIS_TICK} tickFormatter={msTick} label={X_LABEL} />
      <YAxis type="number" domain={yDomain} ticks={ticks} allowDataOverflow tick={AXIS_TICK} tickFormatter={shareTick} width={58} label={Y_LABEL} />
      <Bars channel={channel} />
    </LineChart>
  );
});

/** The plot: axis ranges with hysteresis, data through the channel. */
const HistogramPlot = memo(function HistogramPlot({ drawing }: { drawing: Drawing }) {
  const [channel] = useState(() => createChannel(drawing));
  useEffect(() => channel.set(drawing), [channel, drawing]);
  const xRef = useRef<[number, number] | null>(null);
  const yRef = useRef<[number, number] | null>(null);
  const bins = drawing.bins;
  if (bins) {
    const x = nextYDomain(bins.lowMs[0], bins.highMs[bins.highMs.length - 1], 'log', xRef.current);
    if (!xRef.current || x[0] !== xRef.current[0] || x[1] !== xRef.current[1]) xRef.current = x;
    let maxShare = 0;
    for (const c of bins.counts) maxShare = Math.max(maxShare, (c / bins.total) * 100);
    const y = nextYDomain(0, maxShare, 'linear', yRef.current);
    if (!yRef.current || y[0] !== yRef.current[0] || y[1] !== yRef.current[1]) yRef.current = y;
  }
  const xDomain = xRef.current ?? DEFAULT_X;
  const yDomain = yRef.current ?? DEFAULT_Y;
  const axes = useOneChartPerFrame(useMemo(() => ({ xDomain, yDomain }), [xDomain, yDomain]));
  return <Frame xDomain={axes.xDomain} yDomain={axes.yDomain} channel={channel} />;
});

export const HistogramChart = memo(function HistogramChart() {
  const ref = useRef<HTMLElement>(null);
  const histogram = useStaggered(
    useAppStore((s) => s.live?.histogram),
    useInView(ref),
    HISTOGRAM_REDRAW_MS,
  );
  const meta = useAppStore((s) => s.live?.meta);
  const [chosen, setChosen] = useState(0);
  const ops = meta?.ops ?? [];
  const op = chosen < ops.length ? chosen : 0;
  const bins = histogram?.[op] ?? null;
  const marks = useMemo(() => percentileMarks(bins), [bins]);
  const color = opColor(op);
  const drawing = useMemo(() => ({ bins, marks, color }), [bins, marks, color]);

  const controls =
    ops.length > 1 ? (
      <label className="chart-control">
        <span className="visually-hidden">Operation</span>
        <select value={op} onChange={(e) => setChosen(Number(e.target.value))}>
          {ops.map((name, o) => (
            <option key={name} value={o}>
              {name}
            </option>
          ))}
        </select>
      </label>
    ) : null;

  const empty = !meta
    ? 'Starting the simulation…'
    : !bins
      ? meta.warmupSec > 0
        ? `Collecting response times after the ${meta.warmupSec} s warm-up…`
        : 'Waiting for the first completed request…'
      : null;

  return (
    <ChartCard
      ref={ref}
      target="charts.histogram"
      title={`Latency histogram · ${ops[op] ?? ''}`}
      accent={ops.length > 0 ? color : undefined}
      subtitle={
        bins
          ? `share of ${formatCount(bins.total)} requests per response-time bin (log-spaced), whole run after warm-up`
          : 'share of requests per response-time bin, whole run after warm-up'
      }
      legend={marks.map((m) => ({ label: m.label, color: m.color, value: formatMs(m.ms) }))}
      controls={controls}
      empty={empty}
    >
      <HistogramPlot drawing={drawing} />
    </ChartCard>
  );
});
