/**
 * The phase map: one cell per pair of values, X across and Y up, coloured by
 * its verdict (green: recovers or holds; red: stays down or overloaded),
 * darker the clearer the verdict (by the success share at the end). Cells
 * are buttons in one tab stop: the arrow keys move between them; the chosen
 * cell's values, verdict and number are shown under the grid with "Open this
 * run", which loads that cell's exact scenario into the editor.
 */
import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { performAction } from '../actions';
import { openPhaseCell } from '../actions/labActions';
import { PHASE_RULE_TEXT, VERDICT_LABELS } from '../lab/phaseVerdict';
import { useAppStore } from '../store';
import type { PhaseAxis, PhaseCell } from '../store/labSlice';
import { formatNumber, formatPercent } from '../ui/format';
import { sweepParameters } from './parameters';

const GOOD = 'recovers-holds';
/** The widest a cell is drawn: a small grid stays compact instead of stretching across the panel. */
const MAX_CELL_PX = 52;

function withUnit(v: number, unit?: string): string {
  return `${formatNumber(v)}${unit ? ` ${unit}` : ''}`;
}

/** An axis's title with its unit, unless the name already says it ("attempts (attempts)"). */
function axisTitle(a: PhaseAxis): string {
  return a.unit && !a.label.endsWith(` ${a.unit}`) ? `${a.label} (${a.unit})` : a.label;
}

/** The index of the value nearest `value` on an axis, when it lies within the axis's range. */
function nearestIndex(values: number[], value: number | undefined): number | undefined {
  if (value === undefined || values.length === 0) return undefined;
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const slack = (hi - lo) / (2 * Math.max(1, values.length - 1));
  if (value < lo - slack || value > hi + slack) return undefined;
  let best = 0;
  values.forEach((v, i) => {
    if (Math.abs(v - value) < Math.abs(values[best] - value)) best = i;
  });
  return best;
}

/** What a cell says in words (its button's name and tooltip). */
export function cellDescription(cell: PhaseCell, x: PhaseAxis, y: PhaseAxis): string {
  const values = `${x.label} ${withUnit(cell.x, x.unit)}, ${y.label} ${withUnit(cell.y, y.unit)}`;
  switch (cell.status) {
    case 'queued':
      return `${values}: waiting to run`;
    case 'running':
      return `${values}: running (${Math.round(cell.progress * 100)}%)`;
    case 'cancelled':
      return `${values}: cancelled`;
    case 'failed':
      return `${values}: the run failed — ${cell.error ?? 'no reason given'}`;
    case 'done': {
      const v = cell.verdict;
      if (!v) return `${values}: done`;
      const share = v.finalShare === undefined ? '' : `; ${formatPercent(v.finalShare)} of requests succeed at the end${v.beforeShare !== undefined ? ` (${formatPercent(v.beforeShare)} before the fault)` : ''}`;
      return `${values}: ${VERDICT_LABELS[v.kind].toLowerCase()}${share}${cell.stopped ? ` — ${cell.stopped}` : ''}`;
    }
  }
}

type Rgb = readonly [number, number, number];
/** Each verdict's hue from faint (an unclear verdict) to deep (a clear one): Tailwind's green 200 → 700 and red 200 → 700. */
const GOOD_RGB: readonly [Rgb, Rgb] = [
  [187, 247, 208],
  [21, 128, 61],
];
const DOWN_RGB: readonly [Rgb, Rgb] = [
  [254, 202, 202],
  [185, 28, 28],
];

/** WCAG relative luminance of an sRGB colour. */
function luminance([r, g, b]: Rgb): number {
  const lin = (c: number) => {
    const v = c / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** The cell's colour: its verdict's hue, deeper the clearer the verdict, with whichever of black or white text reads better on it. */
export function cellStyle(cell: PhaseCell): { backgroundColor?: string; color?: string } {
  const v = cell.verdict;
  if (cell.status !== 'done' || !v || v.finalShare === undefined || v.kind === 'notJudged') return {};
  const good = v.kind === 'recovers' || v.kind === 'holds';
  const strength = Math.max(0, Math.min(1, good ? v.finalShare : 1 - v.finalShare));
  const t = 0.35 + 0.65 * strength;
  const [from, to] = good ? GOOD_RGB : DOWN_RGB;
  const rgb = from.map((c, i) => Math.round(c + (to[i] - c) * t)) as unknown as Rgb;
  const l = luminance(rgb);
  // Contrast with white (1.05 / (l + 0.05)) against black ((l + 0.05) / 0.05).
  const color = 1.05 / (l + 0.05) >= (l + 0.05) / 0.05 ? '#fff' : '#111';
  return { backgroundColor: `rgb(${rgb.join(', ')})`, color };
}

function verdictClass(cell: PhaseCell): string {
  if (cell.status !== 'done') return `phase-cell--${cell.status}`;
  const kind = cell.verdict?.kind;
  if (kind === 'recovers' || kind === 'holds') return `phase-cell--${GOOD}`;
  if (kind === 'notJudged' || kind === undefined) return 'phase-cell--not-judged';
  return 'phase-cell--down';
}

export function PhaseMapGrid() {
  const map = useAppStore((s) => s.phaseMap);
  const scenario = useAppStore((s) => s.scenario);
  const [chosen, setChosen] = useState(0);
  const grid = useRef<HTMLDivElement>(null);
  const { x, y, cells } = map;
  const current = useMemo(() => {
    if (!x || !y) return undefined;
    const params = sweepParameters(scenario);
    const xi = nearestIndex(x.values, params.find((p) => p.id === x.parameterId)?.value);
    const yi = nearestIndex(y.values, params.find((p) => p.id === y.parameterId)?.value);
    return xi === undefined || yi === undefined ? undefined : yi * x.values.length + xi;
  }, [scenario, x, y]);
  if (!x || !y) return null;
  const columns = x.values.length;
  const rows = y.values.length;
  const index = Math.min(chosen, cells.length - 1);
  const cell = cells[index];
  const showNumbers = columns <= 8;

  const move = (e: KeyboardEvent<HTMLButtonElement>) => {
    const col = index % columns;
    const row = Math.floor(index / columns);
    // Rows are drawn top-down from the largest Y: up is the next row.
    const next: Record<string, number | undefined> = {
      ArrowRight: col < columns - 1 ? index + 1 : undefined,
      ArrowLeft: col > 0 ? index - 1 : undefined,
      ArrowUp: row < rows - 1 ? index + columns : undefined,
      ArrowDown: row > 0 ? index - columns : undefined,
      Home: row * columns,
      End: row * columns + columns - 1,
    };
    if (!(e.key in next)) return;
    e.preventDefault();
    const to = next[e.key];
    if (to === undefined) return;
    setChosen(to);
    grid.current?.querySelector<HTMLButtonElement>(`[data-cell="${to}"]`)?.focus();
  };

  const tally = (good: boolean) =>
    cells.filter((c) => c.status === 'done' && (good ? c.verdict?.kind === 'recovers' || c.verdict?.kind === 'holds' : c.verdict?.kind === 'staysDown' || c.verdict?.kind === 'overloaded')).length;

  return (
    <section className="side-panel__section" aria-labelledby="phase-results-title">
      <h3 id="phase-results-title" className="side-panel__heading">
        Phase map: {map.op} after the faults
      </h3>
      <div className="phase-map">
        <div className="phase-map__y-label" aria-hidden="true">
          {axisTitle(y)}
        </div>
        <div className="phase-map__body">
          <div
            ref={grid}
            className="phase-map__grid"
            role="group"
            aria-label={`Phase map: ${x.label} across, ${y.label} up; ${tally(true)} recover, ${tally(false)} stay down`}
            style={{ gridTemplateColumns: `auto repeat(${columns}, minmax(0, ${MAX_CELL_PX}px))` }}
          >
            {Array.from({ length: rows }, (_, k) => rows - 1 - k).map((row) => (
              <div key={row} className="phase-map__row" style={{ display: 'contents' }}>
                <span className="phase-map__tick phase-map__tick--y" aria-hidden="true">
                  {formatNumber(y.values[row])}
                </span>
                {x.values.map((_, col) => {
                  const i = row * columns + col;
                  const c = cells[i];
                  const text = cellDescription(c, x, y);
                  return (
                    <button
                      key={col}
                      type="button"
                      data-cell={i}
                      className={`phase-cell ${verdictClass(c)}${i === current ? ' phase-cell--current' : ''}${i === index ? ' phase-cell--chosen' : ''}`}
                      style={cellStyle(c)}
                      tabIndex={i === index ? 0 : -1}
                      aria-label={i === current ? `${text} (the current scenario)` : text}
                      aria-pressed={i === index}
                      title={text}
                      onClick={() => setChosen(i)}
                      onFocus={() => setChosen(i)}
                      onKeyDown={move}
                    >
                      {showNumbers && c.status === 'done' && c.verdict?.finalShare !== undefined ? Math.round(c.verdict.finalShare * 100) : ''}
                    </button>
                  );
                })}
              </div>
            ))}
            <span aria-hidden="true" />
            {x.values.map((v, col) => (
              <span key={col} className="phase-map__tick phase-map__tick--x" aria-hidden="true">
                {formatNumber(v)}
              </span>
            ))}
          </div>
          <div className="phase-map__x-label" aria-hidden="true">
            {axisTitle(x)}
          </div>
        </div>
      </div>
      <ul className="phase-legend" aria-label="Legend">
        <li>
          <span className="phase-legend__swatch phase-cell--recovers-holds" /> Recovers (holds, without a fault)
        </li>
        <li>
          <span className="phase-legend__swatch phase-cell--down" /> Stays down (overloaded)
        </li>
        <li>
          <span className="phase-legend__swatch phase-legend__swatch--current" /> The current scenario
        </li>
      </ul>
      <p className="field__detail">
        {PHASE_RULE_TEXT} Each cell’s number is the percentage of requests that succeed at the end; the darker, the clearer.
      </p>
      {cell && (
        <div className="phase-chosen" aria-live="polite">
          <p className="phase-chosen__text">{cellDescription(cell, x, y)}.</p>
          <button type="button" className="button button--small" onClick={() => void performAction(openPhaseCell, index)}>
            Open this run
          </button>
        </div>
      )}
    </section>
  );
}
