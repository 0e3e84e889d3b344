/**
 * A line chart over simulated time with a window sliding over the last N
 * seconds: PlotFrame draws the frame (y axis, grid, labels, the plot area)
 * and this file draws the lines, the time axis's ticks, the shaded warm-up
 * and the hover tooltip, with the frame's own scales (`usePlot`).
 *
 * The time axis's ticks and labels, which move with every update, are HTML
 * in a layer over the chart rather than SVG text: Chromium lays out every
 * SVG text of a chart again when one moves (hundreds of milliseconds a
 * second on a slow machine, measured with scripts/longtasks.ts), while a
 * row of HTML labels slides with one transform in a box of its own. The
 * lines and the tooltip are drawn in an SVG of their own over the frame's
 * for the same reason: a new path then lays out no axis text.
 *
 * Two more layers of meaning: bands (stretches of time shaded behind the
 * series, with a label — the scenario's faults, faultBands.ts) and strips
 * (a row of coloured segments between the plot and the time axis — a
 * circuit breaker's state). With `stacked`, the series are areas, each on
 * top of the previous in `lines` order, so the top of the stack is their
 * total.
 *
 * Why not <Line> and a sliding `domain`: recharts keeps chart data and axis
 * settings in an internal store; every new `data` array or axis range
 * re-runs its selectors and re-renders the whole chart — 5–30 ms and
 * megabytes of garbage per chart per update, measured here. Ten updates a
 * second on several charts would keep the main thread busy. Drawn this way,
 * the frame's x axis spans a constant [0, span] (time relative to the
 * window's start) and an update re-renders one small component; the frame
 * re-renders only when the y range changes, which "nice" bounds with
 * hysteresis make rare — and then one chart per frame.
 */
import { memo, useEffect, useId, useMemo, useRef, useState, useSyncExternalStore, type MouseEvent } from 'react';
import { createPortal } from 'react-dom';
import type { ChartMarker } from './celebrity';
import { createChannel, nextYDomain, yTicks, type Channel } from './frame';
import { PlotFrame, usePlot } from './PlotFrame';
import { WARMUP_FILL } from './palette';
import { useOneChartPerFrame } from './staggered';
import type { Row } from './series';

export interface LineSpec {
  key: string;
  name: string;
  color: string;
  dashed?: boolean;
  /** Dotted (e.g. goodput beside throughput); `dashed` wins when both are set. */
  dotted?: boolean;
}

/** A stretch of simulated time shaded behind the series, with its label (e.g. a fault: "pause · API"). */
export interface TimeBand {
  key: string;
  startSec: number;
  /** Infinity: to the end of the run. */
  endSec: number;
  label: string;
  fill: string;
  text: string;
  /** Shade only: no label drawn (its tooltip keeps it), e.g. a copy's stale stretches, too many to name. */
  quiet?: boolean;
}

/** One segment of a strip: a state held from `startSec` to `endSec`. */
export interface StripSegment {
  startSec: number;
  endSec: number;
  color: string;
  /** The state's name (the segment's tooltip). */
  state: string;
}

/** A row of coloured segments under the plot, e.g. a breaker's state over time. */
export interface StateStrip {
  key: string;
  /** What the strip shows, in full (its tooltip and accessible name). */
  label: string;
  /** The short text drawn in the strip (the label when absent). */
  tag?: string;
  segments: StripSegment[];
}

export interface TimeChartProps {
  rows: Row[];
  lines: LineSpec[];
  spanSec: number;
  warmupSec: number;
  yLabel: string;
  /** Axis tick text (a stable function). */
  yTick: (v: number) => string;
  /** Tooltip value with its unit (a stable function). */
  format: (v: number) => string;
  yScale?: 'linear' | 'log';
  /** A fixed y range, e.g. [0, 100] for percentages (a stable array). */
  yDomain?: [number, number];
  /** Moments to mark (celebrity posts), each a ▼ at the top of the plot with a dashed line down; its label is the tooltip. */
  markers?: ChartMarker[];
  /** Stretches of time to shade, by start time, e.g. the run's faults (useFaultBands). */
  bands?: TimeBand[];
  /** Rows of states under the plot, e.g. breakers (at most a few: each takes STRIP_PX). */
  strips?: StateStrip[];
  /** Areas stacked in `lines` order (linear axis only) instead of lines. */
  stacked?: boolean;
}

const NO_MARKERS: ChartMarker[] = [];
const NO_BANDS: TimeBand[] = [];
const NO_STRIPS: StateStrip[] = [];

/** Height of one strip under the plot, px. */
export const STRIP_PX = 12;
/** The x axis's own height (PlotFrame's default), px. */
const X_AXIS_PX = 30;

const MARGIN = { top: 6, right: 12, bottom: 14, left: 4 };

/** Round tick spacing for a window of `spanSec`: about six ticks. */
export function timeTickStep(spanSec: number): number {
  return timeTickStepWithin(spanSec, 7);
}

/** Round tick spacing for a window of `spanSec` with at most `maxTicks` intervals (fewer on a narrow chart). */
export function timeTickStepWithin(spanSec: number, maxTicks: number): number {
  for (const step of [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1200]) if (spanSec / step <= maxTicks) return step;
  return 3600;
}

/** Time-axis labels ("120 s") need about this much room each, px. */
const TIME_LABEL_PX = 42;

/** Where the window starts: at 0 while the run fills it, then sliding with the newest point. */
export function windowStart(lastT: number, spanSec: number): number {
  return Math.max(0, lastT - spanSec);
}

/** Where the time axis's ticks are measured from: the window's start, rounded down to a whole number of spans. */
export function timeAxisAnchor(x0: number, spanSec: number): number {
  return Math.floor(x0 / spanSec) * spanSec;
}

/**
 * The stack's running totals: per row, each line's value plus those below it (missing values count
 * as 0); a row where every value is missing stays missing, so the areas break there.
 */
export function stackRows(rows: Row[], lines: LineSpec[]): Row[] {
  return rows.map((r) => {
    const out: Row = { t: r.t };
    const present = lines.some((l) => r[l.key] !== null && r[l.key] !== undefined && Number.isFinite(r[l.key]));
    let sum = 0;
    for (const l of lines) {
      const v = r[l.key];
      if (v !== null && v !== undefined && Number.isFinite(v)) sum += v;
      out[l.key] = present ? sum : null;
    }
    return out;
  });
}

/**
 * The bands (sorted by start, none longer than `longestSec`) that overlap [x0, x1]: found by binary
 * search, so that thousands of random faults over a long run cost only the few on screen.
 */
export function bandsWithin(bands: readonly TimeBand[], longestSec: number, x0: number, x1: number): TimeBand[] {
  const from = x0 - longestSec;
  let lo = 0;
  let hi = bands.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (bands[mid].startSec < from) lo = mid + 1;
    else hi = mid;
  }
  const out: TimeBand[] = [];
  for (let i = lo; i < bands.length && bands[i].startSec < x1; i++) if (bands[i].endSec > x0) out.push(bands[i]);
  return out;
}

function extent(rows: Row[], lines: LineSpec[], positiveOnly: boolean): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (const r of rows) {
    for (const l of lines) {
      const v = r[l.key];
      if (v === null || v === undefined || !Number.isFinite(v) || (positiveOnly && v <= 0)) continue;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  return [min, max];
}

// ---------------------------------------------------------------------------

interface SeriesLayerProps {
  channel: Channel<Row[]>;
  markerChannel: Channel<ChartMarker[]>;
  bandChannel: Channel<TimeBand[]>;
  stripChannel: Channel<StateStrip[]>;
  stacked: boolean;
  /** The HTML layer over the chart where the time axis's ticks and labels go. */
  timeAxis: HTMLElement | null;
  /** The SVG layer over the chart where the lines and the tooltip go. */
  linesLayer: SVGSVGElement | null;
  lines: LineSpec[];
  format: (v: number) => string;
  log: boolean;
  spanSec: number;
  warmupSec: number;
}

/** Approximate width of a tooltip line in px (12 px system font). */
const textWidth = (s: string) => s.length * 6.6 + 8;

/** The lines and the hover tooltip, drawn in the frame's coordinates. */
const SeriesLayer = memo(function SeriesLayer(props: SeriesLayerProps) {
  const { channel, markerChannel, bandChannel, stripChannel, stacked, timeAxis, linesLayer, lines, format, log, spanSec, warmupSec } = props;
  const rows = useSyncExternalStore(channel.subscribe, channel.get);
  const markers = useSyncExternalStore(markerChannel.subscribe, markerChannel.get);
  const bands = useSyncExternalStore(bandChannel.subscribe, bandChannel.get);
  const strips = useSyncExternalStore(stripChannel.subscribe, stripChannel.get);
  // What is drawn: the values, or in a stack each line's running total.
  const drawn = useMemo(() => (stacked ? stackRows(rows, lines) : rows), [stacked, rows, lines]);
  const longestBandSec = useMemo(() => bands.reduce((m, b) => Math.max(m, b.endSec - b.startSec), 0), [bands]);
  const x0 = windowStart(rows.length > 0 ? rows[rows.length - 1].t : 0, spanSec);
  const frame = usePlot();
  const frameX = frame?.x;
  const y = frame?.y;
  const xInverse = frame?.xInverse;
  const plot = frame?.plot;
  const clipId = useId();
  const [hoverT, setHoverT] = useState<number | null>(null);

  // Absolute simulated time → the frame's relative axis.
  const x = useMemo(() => (frameX ? (t: number) => frameX(t - x0) : undefined), [frameX, x0]);

  const paths = useMemo(() => {
    if (!x || !y) return [];
    return lines.map((l) => {
      let d = '';
      let pen = false;
      for (const r of drawn) {
        const v = r[l.key];
        if (v === null || v === undefined || !Number.isFinite(v) || (log && v <= 0)) {
          pen = false;
          continue;
        }
        const px = x(r.t);
        const py = y(v);
        if (!Number.isFinite(px) || !Number.isFinite(py)) continue;
        d += `${pen ? 'L' : 'M'}${px.toFixed(1)},${py.toFixed(1)}`;
        pen = true;
      }
      return { line: l, d };
    });
  }, [drawn, lines, x, y, log]);

  // A stack's areas: each between its own running total and the one below it (the axis for the first).
  const areas = useMemo(() => {
    if (!stacked || !x || !y) return [];
    return lines.map((l, i) => {
      const below = i > 0 ? lines[i - 1].key : null;
      let d = '';
      let run: { px: number; top: number; bottom: number }[] = [];
      const flush = () => {
        if (run.length > 0) {
          d += run.map((p, k) => `${k === 0 ? 'M' : 'L'}${p.px.toFixed(1)},${p.top.toFixed(1)}`).join('');
          for (let k = run.length - 1; k >= 0; k--) d += `L${run[k].px.toFixed(1)},${run[k].bottom.toFixed(1)}`;
          d += 'Z';
        }
        run = [];
      };
      for (const r of drawn) {
        const top = r[l.key];
        if (top === null || top === undefined) {
          flush();
          continue;
        }
        const px = x(r.t);
        if (!Number.isFinite(px)) continue;
        run.push({ px, top: y(top), bottom: y(below === null ? 0 : (r[below] ?? 0)) });
      }
      flush();
      return { line: l, d };
    });
  }, [stacked, drawn, lines, x, y]);

  if (!x || !y || !plot) return null;

  const onMove = (e: MouseEvent<SVGRectElement>) => {
    const svg = e.currentTarget.ownerSVGElement;
    if (!svg || !xInverse) return;
    const box = svg.getBoundingClientRect();
    const t = Number(xInverse(e.clientX - box.left)) + x0;
    setHoverT(Number.isFinite(t) ? t : null);
  };

  let hover: Row | undefined;
  if (hoverT !== null) {
    let best = Infinity;
    for (const r of rows) {
      const gap = Math.abs(r.t - hoverT);
      if (gap < best && lines.some((l) => r[l.key] !== null && r[l.key] !== undefined)) {
        best = gap;
        hover = r;
      }
    }
  }
  let tooltip = null;
  if (hover) {
    const hx = x(hover.t);
    const items = lines.filter((l) => hover![l.key] !== null && hover![l.key] !== undefined);
    const title = `t = ${hover.t.toFixed(0)} s (simulated)`;
    const texts = items.map((l) => `${l.name}: ${format(hover![l.key] as number)}`);
    if (stacked && items.length > 1) texts.push(`total: ${format(drawn[rows.indexOf(hover)][lines[lines.length - 1].key] as number)}`);
    const width = Math.max(textWidth(title), ...texts.map(textWidth));
    const height = 18 + 16 * texts.length;
    // Beside the pointer, on the side with room; never past the chart's left edge.
    const left = hx + 10 + width > plot.x + plot.width ? Math.max(2, hx - 10 - width) : hx + 10;
    const top = plot.y + 4;
    tooltip = (
      <g className="series-tooltip" pointerEvents="none">
        <line x1={hx} x2={hx} y1={plot.y} y2={plot.y + plot.height} stroke="#94a3b8" strokeDasharray="3 3" />
        {items.map((l) => (
          <circle key={l.key} cx={hx} cy={y((stacked ? drawn[rows.indexOf(hover!)][l.key] : hover![l.key]) as number)} r={3} fill={l.color} />
        ))}
        <rect x={left} y={top} width={width} height={height} rx={4} className="series-tooltip-box" />
        <text x={left + 6} y={top + 13} className="series-tooltip-title">
          {title}
        </text>
        {texts.map((text, i) => (
          <text key={i} x={left + 6} y={top + 29 + 16 * i} fill={items[i]?.color} className="series-tooltip-text">
            {text}
          </text>
        ))}
      </g>
    );
  }

  const step = timeTickStepWithin(spanSec, Math.max(2, Math.min(7, Math.floor(plot.width / TIME_LABEL_PX))));
  const ticks: number[] = [];
  for (let t = Math.ceil(x0 / step) * step; t <= x0 + spanSec + 1e-9; t += step) ticks.push(t);
  const axisY = plot.y + plot.height;
  // The strips sit between the plot and the time axis's labels, which move down to make room.
  const labelsY = axisY + strips.length * STRIP_PX;
  // The ticks sit at fixed places from an anchor that moves once per span, and the row slides under
  // them: a label keeps its position from one update to the next, and only the row's transform changes.
  const anchor = timeAxisAnchor(x0, spanSec);
  const pxPerSec = plot.width / spanSec;
  const tickX = (t: number) => x(x0) + (t - anchor) * pxPerSec;
  const slide = -(x0 - anchor) * pxPerSec;
  const warmupEnd = Math.min(warmupSec, x0 + spanSec);
  const x1 = x0 + spanSec;

  // Band labels go in rows, so that overlapping bands (two replicas' random crashes) keep theirs readable.
  const labelRowEnds: number[] = [];
  const shownBands = bandsWithin(bands, longestBandSec, x0, x1).flatMap((b) => {
    const from = Math.max(b.startSec, x0);
    const to = Math.min(b.endSec, x1);
    if (!(to > from)) return [];
    const left = x(from);
    const width = Math.max(1, x(to) - left);
    if (b.quiet) return [{ band: b, left, width, labelY: 0 }];
    const labelPx = b.label.length * 5.6 + 6;
    let row = labelRowEnds.findIndex((end) => end <= left);
    if (row < 0) row = labelRowEnds.length;
    labelRowEnds[row] = left + labelPx;
    // Below the warm-up's own label when the band starts inside it.
    const labelY = plot.y + 11 * (row + 1) + (from < warmupEnd ? 11 : 0);
    return [{ band: b, left, width, labelY }];
  });

  return (
    <g className="series-layer">
      {shownBands.length > 0 && (
        <g className="series-bands">
          <defs>
            <clipPath id={`${clipId}-bands`}>
              <rect x={plot.x} y={plot.y} width={plot.width} height={plot.height} />
            </clipPath>
          </defs>
          <g clipPath={`url(#${clipId}-bands)`}>
            {shownBands.map(({ band, left, width, labelY }) => (
              <g key={band.key} className="series-band" role="img" aria-label={band.label} data-start-sec={band.startSec} data-end-sec={band.endSec}>
                <title>{`${band.label}: ${band.startSec.toFixed(1)}–${Number.isFinite(band.endSec) ? `${band.endSec.toFixed(1)} s` : 'the end'}`}</title>
                <rect x={left} y={plot.y} width={width} height={plot.height} fill={band.fill} />
                {!band.quiet && <line x1={left} x2={left} y1={plot.y} y2={plot.y + plot.height} stroke={band.text} strokeOpacity={0.45} />}
                {!band.quiet && (
                  <text x={left + 3} y={labelY} fontSize={10} fill={band.text} className="series-band-label">
                    {band.label}
                  </text>
                )}
              </g>
            ))}
          </g>
        </g>
      )}
      {strips.map((strip, i) => {
        const top = axisY + 1 + i * STRIP_PX;
        return (
          <g key={strip.key} className="series-strip" role="img" aria-label={strip.label}>
            <title>{strip.label}</title>
            {strip.segments.map((seg) => {
              const from = Math.max(seg.startSec, x0);
              const to = Math.min(seg.endSec, x1);
              if (!(to > from)) return null;
              return (
                <rect key={seg.startSec} className="series-strip-segment" data-state={seg.state} x={x(from)} y={top} width={Math.max(0.5, x(to) - x(from))} height={STRIP_PX - 2} fill={seg.color}>
                  <title>{`${strip.label}: ${seg.state}, ${seg.startSec.toFixed(0)}–${seg.endSec.toFixed(0)} s`}</title>
                </rect>
              );
            })}
            <text x={plot.x + 3} y={top + STRIP_PX - 3.5} fontSize={9} className="series-strip-label" pointerEvents="none">
              {strip.tag ?? strip.label}
            </text>
          </g>
        );
      })}
      {warmupEnd > x0 && (
        <g className="series-warmup">
          <rect x={x(x0)} y={plot.y} width={Math.max(0, x(warmupEnd) - x(x0))} height={plot.height} fill={WARMUP_FILL} />
          <text x={x(x0) + 4} y={plot.y + 11} fontSize={10} className="series-axis-text">
            warm-up
          </text>
        </g>
      )}
      {timeAxis &&
        createPortal(
          <div className="series-time-axis" style={{ transform: `translateX(${slide.toFixed(1)}px)` }}>
            {ticks.map((t) => (
              <span key={t} className="series-time-tick" style={{ left: tickX(t), top: labelsY }}>
                {Math.round(t)} s
              </span>
            ))}
          </div>,
          timeAxis,
        )}
      {linesLayer &&
        createPortal(
          <>
            <defs>
              <clipPath id={clipId}>
                <rect x={plot.x} y={plot.y - 2} width={plot.width} height={plot.height + 4} />
              </clipPath>
            </defs>
            <g clipPath={`url(#${clipId})`}>
              {areas.map(({ line, d }) => (
                <path key={`area-${line.key}`} className="series-area" data-series={line.name} d={d} fill={line.color} fillOpacity={0.55} stroke="none" />
              ))}
              {paths.map(({ line, d }) => (
                <path
                  key={line.key}
                  className="series-line"
                  data-series={line.name}
                  d={d}
                  fill="none"
                  stroke={line.color}
                  strokeWidth={1.6}
                  strokeDasharray={line.dashed ? '4 3' : line.dotted ? '1.5 3' : undefined}
                  strokeLinecap={line.dotted && !line.dashed ? 'round' : undefined}
                  strokeLinejoin="round"
                />
              ))}
            </g>
            {tooltip}
          </>,
          linesLayer,
        )}
      <rect x={plot.x} y={plot.y} width={plot.width} height={plot.height} fill="transparent" onMouseMove={onMove} onMouseLeave={() => setHoverT(null)} />
      {markers.map((m) => {
        if (m.t < x0 || m.t > x0 + spanSec) return null;
        const mx = x(m.t);
        return (
          // Over the hover area, so that its own tooltip answers a pointer on it.
          <g key={m.t} className="series-marker" role="img" aria-label={m.label} transform={`translate(${mx.toFixed(1)} ${plot.y})`}>
            <title>{m.label}</title>
            <line y1={0} y2={plot.height} strokeDasharray="2 3" pointerEvents="none" />
            <path d="M-5,0 L5,0 L0,7 Z" />
          </g>
        );
      })}
    </g>
  );
});

interface FrameProps {
  markerChannel: Channel<ChartMarker[]>;
  bandChannel: Channel<TimeBand[]>;
  stripChannel: Channel<StateStrip[]>;
  stripCount: number;
  stacked: boolean;
  timeAxis: HTMLElement | null;
  linesLayer: SVGSVGElement | null;
  spanSec: number;
  yDomain: [number, number];
  yScale: 'linear' | 'log';
  warmupSec: number;
  yLabel: string;
  yTick: (v: number) => string;
  channel: Channel<Row[]>;
  lines: LineSpec[];
  format: (v: number) => string;
}

/** The frame; re-renders only when an axis range (or a line's identity) changes. */
const Frame = memo(function Frame(p: FrameProps) {
  const ticks = useMemo(() => yTicks(p.yDomain, p.yScale), [p.yDomain, p.yScale]);
  const xDomain = useMemo((): [number, number] => [0, p.spanSec], [p.spanSec]);
  return (
    <PlotFrame
      xDomain={xDomain}
      yDomain={p.yDomain}
      yScale={p.yScale}
      yTicks={ticks}
      yTick={p.yTick}
      yLabel={p.yLabel}
      xLabel="simulated time (s)"
      margin={MARGIN}
      xAxisHeight={X_AXIS_PX + p.stripCount * STRIP_PX}
    >
      <SeriesLayer
        channel={p.channel}
        markerChannel={p.markerChannel}
        bandChannel={p.bandChannel}
        stripChannel={p.stripChannel}
        stacked={p.stacked}
        timeAxis={p.timeAxis} linesLayer={p.linesLayer} lines={p.lines} format={p.format} log={p.yScale === 'log'} spanSec={p.spanSec} warmupSec={p.warmupSec} />
    </PlotFrame>
  );
});

export const TimeChart = memo(function TimeChart(props: TimeChartProps) {
  const { rows, lines, spanSec, warmupSec, yLabel, yTick, format, markers = NO_MARKERS, bands = NO_BANDS, strips = NO_STRIPS, stacked = false } = props;
  // A stack of areas needs a linear axis: on a log one the layers' heights would mean nothing.
  const yScale = stacked ? 'linear' : (props.yScale ?? 'linear');
  const [channel] = useState(() => createChannel<Row[]>(rows));
  useEffect(() => channel.set(rows), [channel, rows]);
  const [markerChannel] = useState(() => createChannel<ChartMarker[]>(markers));
  useEffect(() => markerChannel.set(markers), [markerChannel, markers]);
  const [bandChannel] = useState(() => createChannel<TimeBand[]>(bands));
  useEffect(() => bandChannel.set(bands), [bandChannel, bands]);
  const [stripChannel] = useState(() => createChannel<StateStrip[]>(strips));
  useEffect(() => stripChannel.set(strips), [stripChannel, strips]);
  const [timeAxis, setTimeAxis] = useState<HTMLDivElement | null>(null);
  const [linesLayer, setLinesLayer] = useState<SVGSVGElement | null>(null);

  const yRef = useRef<[number, number] | null>(null);
  let yDomain: [number, number];
  if (props.yDomain) yDomain = props.yDomain;
  else {
    const [min, max] = stacked ? extent(stackRows(rows, lines), lines.slice(-1), false) : extent(rows, lines, yScale === 'log');
    const prev = yRef.current;
    const next = Number.isFinite(max) ? nextYDomain(min, max, yScale, prev) : (prev ?? (yScale === 'log' ? [0.1, 10] : [0, 1]));
    yDomain = prev && prev[0] === next[0] && prev[1] === next[1] ? prev : next;
    yRef.current = yDomain;
  }

  const axes = useOneChartPerFrame(useMemo(() => ({ spanSec, yDomain, yScale }), [spanSec, yDomain, yScale]));

  return (
    <div className="time-chart">
      <Frame
        markerChannel={markerChannel}
        bandChannel={bandChannel}
        stripChannel={stripChannel}
        stripCount={strips.length}
        stacked={stacked}
        timeAxis={timeAxis}
        linesLayer={linesLayer}
        spanSec={axes.spanSec}
        yDomain={axes.yDomain}
        yScale={axes.yScale}
        warmupSec={warmupSec}
        yLabel={yLabel}
        yTick={yTick}
        channel={channel}
        lines={lines}
        format={format}
      />
      <svg className="series-lines-layer" ref={setLinesLayer} aria-hidden="true" />
      <div className="series-time-layer" ref={setTimeAxis} aria-hidden="true" />
    </div>
  );
});
