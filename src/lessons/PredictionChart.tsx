/**
 * A bet placed on a chart: the points the learner has seen, and a marker to
 * drag up or down at the x where the guess goes. The marker snaps to the
 * prediction's choices (each stands for a height), so a guess is recorded,
 * saved and revealed like any other pick. It is a slider to assistive
 * technology and the keyboard: ↑/↓ (or Home/End) move it.
 */
import { useRef, useState } from 'react';
import type { PredictionChart, PredictionChoice } from './types';

const W = 260;
const H = 160;
const PAD = { left: 50, right: 12, top: 10, bottom: 32 };

interface Props {
  chart: PredictionChart;
  choices: PredictionChoice[];
  /** The choice the marker stands on (null: not moved yet). */
  chosen: number | null;
  onChange?: (choice: number) => void;
  /** After the reveal: the right answer, drawn beside the guess. */
  correct?: number;
  /** After the reveal: the curve as measured, drawn over the known points. */
  measured?: { x: number; y: number }[];
  label: string;
}

function tick(v: number, unit: string): string {
  if (unit === 'ms' && v >= 1000) return `${(v / 1000).toLocaleString('en-US', { maximumFractionDigits: 1 })} s`;
  return `${v.toLocaleString('en-US', { maximumFractionDigits: 1 })} ${unit}`;
}

export function PredictionChartInput({ chart, choices, chosen, onChange, correct, measured = [], label }: Props) {
  const svg = useRef<SVGSVGElement>(null);
  const [dragging, setDragging] = useState(false);
  const ys = [...choices.map((c) => c.y ?? 0), ...chart.known.map((k) => k.y), ...measured.map((m) => m.y)];
  const lo = Math.min(...ys);
  const hi = Math.max(...ys);
  const log = chart.logY === true && lo > 0;
  const y0 = log ? Math.log10(lo) - 0.15 : 0;
  const y1 = log ? Math.log10(hi) + 0.15 : hi * 1.1;
  const sy = (v: number) => {
    const t = ((log ? Math.log10(v) : v) - y0) / (y1 - y0);
    return PAD.top + (1 - t) * (H - PAD.top - PAD.bottom);
  };
  const sx = (v: number) => PAD.left + (v / chart.xMax) * (W - PAD.left - PAD.right);
  const interactive = onChange !== undefined;

  /** The choice nearest a pointer's height. */
  const nearest = (clientY: number): number => {
    const box = svg.current?.getBoundingClientRect();
    if (!box || box.height === 0) return 0;
    const y = ((clientY - box.top) / box.height) * H;
    let best = 0;
    choices.forEach((c, i) => {
      if (Math.abs(sy(c.y ?? 0) - y) < Math.abs(sy(choices[best].y ?? 0) - y)) best = i;
    });
    return best;
  };
  // Choices from the lowest height to the highest, for the arrow keys.
  const order = choices.map((_, i) => i).sort((a, b) => (choices[a].y ?? 0) - (choices[b].y ?? 0));
  const step = (d: number) => {
    if (!onChange) return;
    const at = chosen === null ? (d > 0 ? -1 : order.length) : order.indexOf(chosen);
    onChange(order[Math.max(0, Math.min(order.length - 1, at + d))]);
  };
  const ax = sx(chart.at.x);
  const markerY = chosen === null ? (H - PAD.bottom + PAD.top) / 2 : sy(choices[chosen].y ?? 0);
  const knownSorted = [...chart.known].sort((a, b) => a.x - b.x);

  return (
    <figure className="lesson-chart-bet">
      <svg
        ref={svg}
        viewBox={`0 0 ${W} ${H}`}
        className="lesson-chart-bet__svg"
        data-dragging={dragging ? 'true' : undefined}
        onPointerDown={
          interactive
            ? (e) => {
                (e.currentTarget as Element).setPointerCapture?.(e.pointerId);
                setDragging(true);
                onChange(nearest(e.clientY));
              }
            : undefined
        }
        onPointerMove={interactive && dragging ? (e) => onChange(nearest(e.clientY)) : undefined}
        onPointerUp={interactive ? () => setDragging(false) : undefined}
        onPointerCancel={interactive ? () => setDragging(false) : undefined}
        aria-hidden={interactive ? undefined : 'true'}
      >
        <line x1={PAD.left} y1={H - PAD.bottom} x2={W - PAD.right} y2={H - PAD.bottom} className="lesson-chart-bet__axis" />
        <line x1={PAD.left} y1={PAD.top} x2={PAD.left} y2={H - PAD.bottom} className="lesson-chart-bet__axis" />
        {choices.map((c, i) => (
          <g key={i} className="lesson-chart-bet__band" data-chosen={chosen === i ? 'true' : undefined}>
            <line x1={PAD.left} y1={sy(c.y ?? 0)} x2={W - PAD.right} y2={sy(c.y ?? 0)} />
            <text x={PAD.left - 4} y={sy(c.y ?? 0) + 3} textAnchor="end">
              {tick(c.y ?? 0, chart.unit)}
            </text>
          </g>
        ))}
        {knownSorted.length > 1 && <polyline className="lesson-chart-bet__known-line" points={knownSorted.map((k) => `${sx(k.x)},${sy(k.y)}`).join(' ')} />}
        {knownSorted.map((k, i) => (
          <circle key={i} className="lesson-chart-bet__known" cx={sx(k.x)} cy={sy(k.y)} r={3.5} />
        ))}
        {measured.length > 1 && (
          <polyline className="lesson-chart-bet__measured" points={[...measured].sort((a, b) => a.x - b.x).map((m) => `${sx(Math.min(m.x, chart.xMax))},${sy(m.y)}`).join(' ')} />
        )}
        <line x1={ax} y1={PAD.top} x2={ax} y2={H - PAD.bottom} className="lesson-chart-bet__at" />
        <text x={ax} y={H - PAD.bottom + 13} textAnchor="middle" className="lesson-chart-bet__at-label">
          {chart.at.label}
        </text>
        <text x={(PAD.left + W - PAD.right) / 2} y={H - 4} textAnchor="middle" className="lesson-chart-bet__axis-label">
          {chart.xLabel}
        </text>
        {correct !== undefined && <circle className="lesson-chart-bet__truth" cx={ax} cy={sy(choices[correct].y ?? 0)} r={7} />}
        <g
          className="lesson-chart-bet__marker"
          data-unset={chosen === null ? 'true' : undefined}
          tabIndex={interactive ? 0 : undefined}
          role={interactive ? 'slider' : undefined}
          aria-label={interactive ? label : undefined}
          aria-valuemin={interactive ? 0 : undefined}
          aria-valuemax={interactive ? choices.length - 1 : undefined}
          aria-valuenow={interactive && chosen !== null ? order.indexOf(chosen) : undefined}
          aria-valuetext={interactive ? (chosen === null ? 'not placed yet' : choices[chosen].label) : undefined}
          onKeyDown={
            interactive
              ? (e) => {
                  const d = { ArrowUp: 1, ArrowRight: 1, PageUp: 1, ArrowDown: -1, ArrowLeft: -1, PageDown: -1 }[e.key];
                  if (d !== undefined) step(d);
                  else if (e.key === 'Home') onChange(order[0]);
                  else if (e.key === 'End') onChange(order[order.length - 1]);
                  else return;
                  e.preventDefault();
                }
              : undefined
          }
        >
          <circle cx={ax} cy={markerY} r={8} />
          {chosen === null && (
            <text x={ax} y={markerY + 4} textAnchor="middle">
              ?
            </text>
          )}
        </g>
      </svg>
      <figcaption className="lesson-chart-bet__caption">
        {chart.yLabel}
        {measured.length > 1 && <span className="lesson-chart-bet__legend"> · green line: your sweep</span>}
        {interactive && <span className="lesson-chart-bet__hint"> · drag the marker, or focus it and press ↑/↓</span>}
      </figcaption>
    </figure>
  );
}
