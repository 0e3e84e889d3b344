/**
 * Fan-out per post: posts bucketed by their author's follower count, each
 * bucket with its share of posts and its share of the writes they cause.
 * With a heavy tail the two disagree: almost every post is small, yet a
 * large part of the writes comes from the rare huge ones — which is why
 * the hybrid skips exactly those.
 */
import { memo } from 'react';
import { formatCount, formatPercent } from '../ui/format';
import { FANOUT_BINS_PER_DECADE, type FanoutBin } from './plotData';

const WIDTH = 380;
const HEIGHT = 150;
const LEFT = 34;
const RIGHT = 8;
const TOP = 8;
const BOTTOM = 22;

export interface FanoutHistogramProps {
  bins: FanoutBin[];
  /** Posts by authors above this are celebrities (skipped on write by the hybrid). */
  threshold?: number;
}

function isPowerOfTen(v: number): boolean {
  const e = Math.log10(v);
  return Math.abs(e - Math.round(e)) < 1e-9;
}

function niceMax(v: number): number {
  for (const m of [0.05, 0.1, 0.2, 0.25, 0.4, 0.5, 0.6, 0.8, 1]) if (v <= m) return m;
  return 1;
}

export const FanoutHistogram = memo(function FanoutHistogram({ bins, threshold }: FanoutHistogramProps) {
  const plotW = WIDTH - LEFT - RIGHT;
  const plotH = HEIGHT - TOP - BOTTOM;
  const yMax = niceMax(Math.max(0.01, ...bins.map((b) => Math.max(b.postShare, b.writeShare))));
  const slot = plotW / Math.max(1, bins.length);
  const bar = Math.max(2, slot * 0.36);
  const y = (share: number) => TOP + (1 - share / yMax) * plotH;
  // The threshold sits inside a bin: shade from where it falls, on the bin's log scale.
  let thresholdX: number | undefined;
  if (threshold !== undefined && bins.length > 0) {
    const i = bins.findIndex((b) => threshold <= b.hi);
    if (i >= 0) {
      const b = bins[i];
      const lo = Math.max(b.lo, b.hi / 10 ** (1 / FANOUT_BINS_PER_DECADE));
      const t = threshold <= lo ? 0 : Math.log(threshold / lo) / Math.log(b.hi / lo);
      thresholdX = LEFT + (i + Math.min(1, Math.max(0, t))) * slot;
    }
  }
  const biggestWrites = bins.reduce((best, b) => (b.writeShare > best.writeShare ? b : best), bins[0]);
  const label =
    `Fan-out per post in ${bins.length} bins by the author's followers. ` +
    (bins.length > 0
      ? `Most posts: ${formatPercent(Math.max(...bins.map((b) => b.postShare)))} in one bin; the largest share of writes, ` +
        `${formatPercent(biggestWrites.writeShare)}, comes from authors with ${formatCount(biggestWrites.lo)}–${formatCount(biggestWrites.hi)} followers.`
      : '');
  const ticks = [0, yMax / 2, yMax];
  return (
    <figure className="fplot">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="fplot__svg" role="img" aria-label={label}>
        {ticks.map((t) => (
          <g key={t}>
            <line x1={LEFT} x2={WIDTH - RIGHT} y1={y(t)} y2={y(t)} className="fplot__grid" />
            <text x={LEFT - 4} y={y(t) + 3} className="fplot__tick" textAnchor="end">
              {Math.round(t * 100)}%
            </text>
          </g>
        ))}
        {thresholdX !== undefined && (
          <g>
            <rect x={thresholdX} y={TOP} width={Math.max(0, LEFT + plotW - thresholdX)} height={plotH} className="fplot__celebrities" />
            <line x1={thresholdX} x2={thresholdX} y1={TOP} y2={TOP + plotH} className="fplot__threshold" />
          </g>
        )}
        {bins.map((b, i) => {
          const cx = LEFT + (i + 0.5) * slot;
          return (
            <g key={b.hi}>
              <rect x={cx - bar - 0.5} y={y(b.postShare)} width={bar} height={TOP + plotH - y(b.postShare)} className="fplot__bar fplot__bar--posts">
                <title>{`${formatCount(b.lo)}–${formatCount(b.hi)} followers: ${formatPercent(b.postShare)} of posts`}</title>
              </rect>
              <rect x={cx + 0.5} y={y(b.writeShare)} width={bar} height={TOP + plotH - y(b.writeShare)} className="fplot__bar fplot__bar--writes">
                <title>{`${formatCount(b.lo)}–${formatCount(b.hi)} followers: ${formatPercent(b.writeShare)} of fan-out writes`}</title>
              </rect>
            </g>
          );
        })}
        {bins.map((b, i) =>
          isPowerOfTen(b.hi) ? (
            <text key={`t${b.hi}`} x={LEFT + (i + 1) * slot} y={HEIGHT - 8} className="fplot__tick" textAnchor="middle">
              {formatCount(Math.round(b.hi))}
            </text>
          ) : null,
        )}
        <line x1={LEFT} x2={LEFT + plotW} y1={TOP + plotH} y2={TOP + plotH} className="fplot__axis" />
      </svg>
      <figcaption className="fplot__legend">
        <span className="fplot__key fplot__key--posts">share of posts</span>
        <span className="fplot__key fplot__key--writes">share of fan-out writes</span>
        <span className="fplot__axis-note">by the author’s followers</span>
      </figcaption>
    </figure>
  );
});
