/**
 * P(F > k) on log-log axes. A power law is a straight line of slope −α here,
 * so the exponent can be read off the plot; a lognormal bends down. With
 * activity weighting a second curve shows the followers of a post's author:
 * it lies above, because popular accounts post more.
 */
import { memo } from 'react';
import { formatCount, formatPercent } from '../ui/format';
import { countTick, logAxis, probabilityTick } from './logScale';
import type { CcdfPoint } from './plotData';

const WIDTH = 380;
const HEIGHT = 190;
const LEFT = 40;
const RIGHT = 10;
const TOP = 8;
const BOTTOM = 22;

export interface CcdfPlotProps {
  followers: CcdfPoint[];
  authors?: CcdfPoint[];
  /** A vertical marker at the celebrity threshold. */
  threshold?: number;
}

function floorOf(series: CcdfPoint[][]): number {
  let smallest = 1;
  for (const s of series) for (const p of s) if (p.tail > 0 && p.tail < smallest) smallest = p.tail;
  return 10 ** Math.floor(Math.log10(smallest) - 1e-9);
}

function path(points: CcdfPoint[], x: (k: number) => number, y: (p: number) => number, floor: number): string {
  return points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.k).toFixed(1)},${y(Math.max(p.tail, floor)).toFixed(1)}`).join('');
}

export const CcdfPlot = memo(function CcdfPlot({ followers, authors, threshold }: CcdfPlotProps) {
  const all = authors ? [followers, authors] : [followers];
  const floor = floorOf(all);
  const kMin = Math.max(1, Math.min(...all.map((s) => s[0]?.k ?? 1)));
  const kMax = Math.max(kMin * 10, ...all.map((s) => s[s.length - 1]?.k ?? 1));
  const xAxis = logAxis(kMin, kMax, 6);
  const yAxis = logAxis(floor, 1, 6);
  const plotW = WIDTH - LEFT - RIGHT;
  const plotH = HEIGHT - TOP - BOTTOM;
  const x = (k: number) => LEFT + xAxis.at(k) * plotW;
  const y = (p: number) => TOP + (1 - yAxis.at(p)) * plotH;
  const tailAt = (points: CcdfPoint[], k: number) => points.find((p) => p.k >= k)?.tail ?? 0;
  const summary =
    `Share of accounts with more than k followers, on log-log axes, from ${formatCount(kMin)} to ${formatCount(kMax)} followers` +
    (threshold !== undefined ? `; ${formatPercent(tailAt(followers, threshold))} of accounts have more than ${formatCount(threshold)}` : '') +
    '.';
  return (
    <figure className="fplot">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="fplot__svg" role="img" aria-label={summary}>
        {yAxis.ticks.map((t) => (
          <g key={`y${t}`}>
            <line x1={LEFT} x2={WIDTH - RIGHT} y1={y(t)} y2={y(t)} className="fplot__grid" />
            <text x={LEFT - 4} y={y(t) + 3} className="fplot__tick" textAnchor="end">
              {probabilityTick(t)}
            </text>
          </g>
        ))}
        {xAxis.ticks.map((t) => (
          <g key={`x${t}`}>
            <line x1={x(t)} x2={x(t)} y1={TOP} y2={TOP + plotH} className="fplot__grid" />
            <text x={x(t)} y={HEIGHT - 8} className="fplot__tick" textAnchor="middle">
              {countTick(t)}
            </text>
          </g>
        ))}
        {threshold !== undefined && threshold >= kMin && threshold <= kMax && (
          <g>
            <rect x={x(threshold)} y={TOP} width={Math.max(0, LEFT + plotW - x(threshold))} height={plotH} className="fplot__celebrities" />
            <line x1={x(threshold)} x2={x(threshold)} y1={TOP} y2={TOP + plotH} className="fplot__threshold" />
          </g>
        )}
        <path d={path(followers, x, y, floor)} className="fplot__line fplot__line--followers" />
        {authors && <path d={path(authors, x, y, floor)} className="fplot__line fplot__line--authors" />}
        <line x1={LEFT} x2={LEFT + plotW} y1={TOP + plotH} y2={TOP + plotH} className="fplot__axis" />
        <line x1={LEFT} x2={LEFT} y1={TOP} y2={TOP + plotH} className="fplot__axis" />
      </svg>
      <figcaption className="fplot__legend">
        <span className="fplot__key fplot__key--followers">P(F &gt; k), accounts</span>
        {authors && <span className="fplot__key fplot__key--authors">authors of posts</span>}
        {threshold !== undefined && <span className="fplot__key fplot__key--threshold">celebrity threshold</span>}
        <span className="fplot__axis-note">k = followers</span>
      </figcaption>
    </figure>
  );
});
