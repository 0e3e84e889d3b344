/**
 * The frame of a time chart — plot area, horizontal grid, y axis with its
 * ticks and label, the x axis's line and label — drawn as plain SVG, with
 * the scales its layers draw with (`usePlot`).
 *
 * It replaces recharts' LineChart/XAxis/YAxis for the live charts: recharts
 * builds a chart through a cascade of store updates on mount, 250–350 ms of
 * one task per chart with the CPU throttled 4× (scripts/longtasks.ts), while
 * this frame is one render of a few dozen elements. The geometry is
 * recharts' own defaults (a 30 px x axis, 6 px tick marks), so the charts
 * look as they did.
 */
import { createContext, useContext, useLayoutEffect, useMemo, useRef, useState, type ReactNode, type RefObject } from 'react';

export interface PlotArea {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What a layer inside the frame draws with: the plot area and the axes' scales in pixels. */
export interface PlotScales {
  plot: PlotArea;
  /** x value → px. */
  x: (v: number) => number;
  /** px → x value. */
  xInverse: (px: number) => number;
  /** y value → px. */
  y: (v: number) => number;
}

const PlotContext = createContext<PlotScales | null>(null);

/** The frame's scales, or null outside a frame (or before it has measured itself). */
export function usePlot(): PlotScales | null {
  return useContext(PlotContext);
}

export interface Margin {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export interface PlotFrameProps {
  xDomain: [number, number];
  yDomain: [number, number];
  yScale: 'linear' | 'log';
  yTicks: number[];
  yTick: (v: number) => string;
  yLabel: string;
  xLabel: string;
  margin: Margin;
  /** Room for the y axis's tick labels, px. */
  yAxisWidth?: number;
  /** Room under the plot for the x axis (its ticks and label), px; more when strips sit between the plot and the ticks. */
  xAxisHeight?: number;
  children?: ReactNode;
}

/** recharts' default x-axis height and tick mark length, px. */
const X_AXIS_PX = 30;
const TICK_PX = 6;

/** The plot area inside a `width` × `height` frame. */
export function plotArea(width: number, height: number, margin: Margin, yAxisWidth: number, xAxisHeight = X_AXIS_PX): PlotArea {
  const x = margin.left + yAxisWidth;
  const y = margin.top;
  return { x, y, width: Math.max(1, width - x - margin.right), height: Math.max(1, height - y - margin.bottom - xAxisHeight) };
}

/** Value → px along [start, start + length] for a linear or a log axis (a log axis maps values ≤ 0 to NaN). */
export function axisScale(domain: [number, number], start: number, length: number, log: boolean): (v: number) => number {
  if (log) {
    const lo = Math.log10(domain[0]);
    const span = Math.log10(domain[1]) - lo || 1;
    return (v) => (v > 0 ? start + ((Math.log10(v) - lo) / span) * length : NaN);
  }
  const span = domain[1] - domain[0] || 1;
  return (v) => start + ((v - domain[0]) / span) * length;
}

/** Tick labels closer than this crowd each other, px (11 px text). */
const MIN_TICK_GAP_PX = 14;

/**
 * The ticks that get a label on an axis `heightPx` tall: every one when there is room, else every
 * k-th, with k dividing the intervals so that both ends keep theirs (a short strip: 0 and 100% only).
 */
export function labelledTicks(ticks: readonly number[], heightPx: number): number[] {
  const intervals = ticks.length - 1;
  if (intervals < 2) return [...ticks];
  for (let k = 1; k < intervals; k++) {
    if (intervals % k === 0 && (heightPx * k) / intervals >= MIN_TICK_GAP_PX) return ticks.filter((_, i) => i % k === 0);
  }
  return [ticks[0], ticks[intervals]];
}

function useSize(): [RefObject<HTMLDivElement | null>, { width: number; height: number } | null] {
  const ref = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState<{ width: number; height: number } | null>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver((entries) => {
      const box = entries[entries.length - 1]?.contentRect;
      if (!box || box.width <= 0 || box.height <= 0) return;
      const width = Math.round(box.width);
      const height = Math.round(box.height);
      setSize((s) => (s && s.width === width && s.height === height ? s : { width, height }));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, size];
}

export function PlotFrame({ xDomain, yDomain, yScale, yTicks, yTick, yLabel, xLabel, margin, yAxisWidth = 58, xAxisHeight = X_AXIS_PX, children }: PlotFrameProps) {
  const [ref, size] = useSize();
  const scales = useMemo<PlotScales | null>(() => {
    if (!size) return null;
    const plot = plotArea(size.width, size.height, margin, yAxisWidth, xAxisHeight);
    const x = axisScale(xDomain, plot.x, plot.width, false);
    const xSpan = xDomain[1] - xDomain[0];
    const xInverse = (px: number) => xDomain[0] + ((px - plot.x) / plot.width) * xSpan;
    // y grows upwards: the domain's low end is the plot's bottom.
    const y = axisScale(yDomain, plot.y + plot.height, -plot.height, yScale === 'log');
    return { plot, x, xInverse, y };
  }, [size, margin, yAxisWidth, xAxisHeight, xDomain, yDomain, yScale]);
  const labelled = useMemo(() => (scales ? labelledTicks(yTicks, scales.plot.height) : yTicks), [scales, yTicks]);

  return (
    <div ref={ref} className="plot-frame">
      {size && scales && (
        <svg className="plot-surface" width={size.width} height={size.height} role="presentation">
          <g className="plot-grid">
            {yTicks.map((v) => {
              const py = scales.y(v);
              return Number.isFinite(py) ? <line key={v} x1={scales.plot.x} x2={scales.plot.x + scales.plot.width} y1={py} y2={py} strokeDasharray="3 3" /> : null;
            })}
          </g>
          <g className="plot-axis plot-axis--y">
            <line className="plot-axis-line" x1={scales.plot.x} x2={scales.plot.x} y1={scales.plot.y} y2={scales.plot.y + scales.plot.height} />
            {labelled.map((v) => {
              const py = scales.y(v);
              if (!Number.isFinite(py)) return null;
              return (
                <g key={v}>
                  <line className="plot-axis-tick-line" x1={scales.plot.x - TICK_PX} x2={scales.plot.x} y1={py} y2={py} />
                  <text className="plot-axis-text" x={scales.plot.x - TICK_PX - 2} y={py} dy="0.355em" textAnchor="end" fontSize={11}>
                    {yTick(v)}
                  </text>
                </g>
              );
            })}
            <text
              className="plot-axis-text"
              transform={`translate(${margin.left + 8} ${scales.plot.y + scales.plot.height / 2}) rotate(-90)`}
              textAnchor="middle"
              dominantBaseline="central"
              fontSize={11}
            >
              {yLabel}
            </text>
          </g>
          <g className="plot-axis plot-axis--x">
            <line
              className="plot-axis-line"
              x1={scales.plot.x}
              x2={scales.plot.x + scales.plot.width}
              y1={scales.plot.y + scales.plot.height}
              y2={scales.plot.y + scales.plot.height}
            />
            <text className="plot-axis-text" x={scales.plot.x + scales.plot.width / 2} y={size.height - margin.bottom + 8} textAnchor="middle" fontSize={11}>
              {xLabel}
            </text>
          </g>
          <PlotContext.Provider value={scales}>{children}</PlotContext.Provider>
        </svg>
      )}
    </div>
  );
}
