/** A small step plot of a client's rate over the run: the rate schedule as a shape (a spike, a ramp). */
import type { OpenArrival } from '../../scenario/arrival';
import { formatRate } from '../../ui/format';

const WIDTH = 264;
const HEIGHT = 64;
const PAD_X = 4;
const PAD_TOP = 12;
const PAD_BOTTOM = 16;

/** The pieces of the rate within [0, durationSec): [fromSec, ratePerSec] in time order. */
export function ratePieces(arrival: OpenArrival, durationSec: number): [number, number][] {
  const pieces: [number, number][] = [[0, arrival.ratePerSec]];
  for (const p of arrival.rateSchedule ?? []) {
    if (p.atSec >= durationSec) break;
    if (p.atSec <= 0) pieces[0] = [0, p.ratePerSec];
    else pieces.push([p.atSec, p.ratePerSec]);
  }
  return pieces;
}

export function RatePlot({ arrival, durationSec }: { arrival: OpenArrival; durationSec: number }) {
  const pieces = ratePieces(arrival, durationSec);
  const peak = Math.max(...pieces.map(([, r]) => r), 1e-9);
  const x = (sec: number) => PAD_X + (sec / durationSec) * (WIDTH - 2 * PAD_X);
  const y = (rate: number) => HEIGHT - PAD_BOTTOM - (rate / peak) * (HEIGHT - PAD_TOP - PAD_BOTTOM);
  const base = HEIGHT - PAD_BOTTOM;
  let line = `M${x(0).toFixed(1)},${y(pieces[0][1]).toFixed(1)}`;
  for (const [at, rate] of pieces.slice(1)) line += `H${x(at).toFixed(1)}V${y(rate).toFixed(1)}`;
  line += `H${x(durationSec).toFixed(1)}`;
  const area = `${line}V${base}H${x(0).toFixed(1)}Z`;
  const summary = pieces.map(([at, rate], i) => (i === 0 ? formatRate(rate) : `${formatRate(rate)} from ${at} s`)).join(', ');
  return (
    <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="density__svg rate-plot" role="img" aria-label={`Rate over the run: ${summary}`}>
      <path d={area} className="density__area" />
      <path d={line} className="density__line" />
      <line x1={PAD_X} x2={WIDTH - PAD_X} y1={base} y2={base} className="density__axis" />
      <text x={PAD_X} y={PAD_TOP - 3} className="density__tick">
        {formatRate(peak)}
      </text>
      <text x={PAD_X} y={HEIGHT - 3} className="density__tick">
        0 s
      </text>
      <text x={WIDTH - PAD_X} y={HEIGHT - 3} className="density__tick" textAnchor="end">
        {durationSec} s
      </text>
    </svg>
  );
}
