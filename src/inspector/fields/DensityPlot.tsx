/**
 * A small plot of a time distribution's density, with its median and p99
 * marked: the shape of the tail is the lesson (a lognormal's long right
 * tail, a mixture's second hump).
 */
import { useMemo } from 'react';
import type { TimeDist } from '../../scenario/kinds';
import { distCdf, distMean, distQuantile } from '../../sim/distributions';
import { formatMs } from '../../ui/format';

const WIDTH = 264;
const HEIGHT = 72;
const PAD_X = 4;
const PAD_TOP = 6;
const PAD_BOTTOM = 16;
const BINS = 96;

interface Plot {
  area: string;
  line: string;
  spikes: number[];
  xMax: number;
  mean: number;
  p50: number;
  p99: number;
}

/** Probability mass per bin from CDF differences: exact for every shape, spikes included. */
function computePlot(d: TimeDist): Plot {
  const mean = distMean(d);
  const p50 = distQuantile(d, 0.5);
  const p99 = distQuantile(d, 0.99);
  // A constant sits in the middle of its plot; anything else shows up to its 99.5th percentile.
  const xMax = d.type === 'constant' ? Math.max(d.valueMs * 2, 1) : Math.max(distQuantile(d, 0.995) * 1.08, p99 * 1.05, 1e-3);
  const width = xMax / BINS;
  const mass: number[] = [];
  let prev = distCdf(d, 0);
  for (let i = 1; i <= BINS; i++) {
    const c = distCdf(d, i * width);
    mass.push(Math.max(0, c - prev));
    prev = c;
  }
  // A point mass (constant, or a constant part of a mixture) would flatten everything else: draw it as a spike.
  const sorted = [...mass].sort((a, b) => a - b);
  const typical = sorted[Math.floor(BINS * 0.9)] || 1e-12;
  const spikes: number[] = [];
  const smooth = mass.map((m, i) => {
    if (m > typical * 8 && m > 0.02) {
      spikes.push((i + 0.5) * width);
      return 0;
    }
    return m;
  });
  const peak = Math.max(...smooth, 1e-12);
  const x = (i: number) => PAD_X + ((i + 0.5) / BINS) * (WIDTH - 2 * PAD_X);
  const y = (m: number) => HEIGHT - PAD_BOTTOM - (m / peak) * (HEIGHT - PAD_TOP - PAD_BOTTOM);
  const points = smooth.map((m, i) => `${x(i).toFixed(1)},${y(m).toFixed(1)}`);
  const base = HEIGHT - PAD_BOTTOM;
  return {
    line: `M${points.join('L')}`,
    area: `M${PAD_X},${base}L${points.join('L')}L${WIDTH - PAD_X},${base}Z`,
    spikes,
    xMax,
    mean,
    p50,
    p99,
  };
}

export function DensityPlot({ dist, label }: { dist: TimeDist; label: string }) {
  const plot = useMemo(() => computePlot(dist), [dist]);
  const xOf = (ms: number) => PAD_X + (ms / plot.xMax) * (WIDTH - 2 * PAD_X);
  const base = HEIGHT - PAD_BOTTOM;
  const summary = `mean ${formatMs(plot.mean)} · p50 ${formatMs(plot.p50)} · p99 ${formatMs(plot.p99)}`;
  return (
    <figure className="density">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        className="density__svg"
        role="img"
        aria-label={`Density of the ${label.toLowerCase()}: ${summary}`}
      >
        <path d={plot.area} className="density__area" />
        <path d={plot.line} className="density__line" />
        {plot.spikes.map((ms) => (
          <line key={ms} x1={xOf(ms)} x2={xOf(ms)} y1={base} y2={PAD_TOP} className="density__spike" />
        ))}
        <line x1={xOf(plot.p50)} x2={xOf(plot.p50)} y1={base} y2={PAD_TOP} className="density__marker density__marker--p50" />
        <line x1={xOf(plot.p99)} x2={xOf(plot.p99)} y1={base} y2={PAD_TOP} className="density__marker density__marker--p99" />
        <line x1={PAD_X} x2={WIDTH - PAD_X} y1={base} y2={base} className="density__axis" />
        <text x={PAD_X} y={HEIGHT - 3} className="density__tick">
          0
        </text>
        <text x={WIDTH - PAD_X} y={HEIGHT - 3} className="density__tick" textAnchor="end">
          {formatMs(plot.xMax)}
        </text>
      </svg>
      <figcaption className="density__caption">
        <span>
          mean <strong>{formatMs(plot.mean)}</strong>
        </span>
        <span className="density__cap-p50">
          p50 <strong>{formatMs(plot.p50)}</strong>
        </span>
        <span className="density__cap-p99">
          p99 <strong>{formatMs(plot.p99)}</strong>
        </span>
      </figcaption>
    </figure>
  );
}
