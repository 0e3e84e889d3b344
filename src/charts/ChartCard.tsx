/**
 * The frame every chart sits in: a title, what it measures, a legend with
 * the latest values, and a body the chart fills. Cards take the height the
 * charts area gives them (no layout shift while data arrive); in a short
 * area the explanation line hides and the legend keeps to one line.
 */
import type { ReactNode, Ref } from 'react';

export interface LegendItem {
  label: string;
  color: string;
  dashed?: boolean;
  dotted?: boolean;
  /** A filled square rather than a line (a stacked area, a strip's state). */
  area?: boolean;
  /** A value shown after the label, e.g. "21.2 ms". */
  value?: string;
}

export function ChartCard(props: {
  title: string;
  /** What the chart shows, in units: "percentiles of requests completed in each second". */
  subtitle: string;
  legend?: LegendItem[];
  empty?: string | null;
  children: ReactNode;
  controls?: ReactNode;
  /** A colour chip before the title (the op's colour). */
  accent?: string;
  ref?: Ref<HTMLElement>;
  /** The name lessons point at (`data-lesson-target`). */
  target?: string;
  /** A line (two at most) under the legend that stays in a short card, as the subtitle does not. */
  note?: string | null;
  /** The note's tooltip (the note itself when absent). */
  noteInFull?: string;
  /** A class of the card's own, beside `chart-card`. */
  className?: string;
}) {
  const { title, subtitle, legend, empty, children, controls, accent, ref, target, note, noteInFull, className } = props;
  return (
    <figure className={className ? `chart-card ${className}` : 'chart-card'} aria-label={title} ref={ref} data-lesson-target={target}>
      <figcaption className="chart-card-head" title={subtitle}>
        <h3 className="chart-card-title">
          {accent && <span className="chart-accent" style={{ background: accent }} aria-hidden="true" />}
          {title}
        </h3>
        {controls}
      </figcaption>
      <p className="chart-card-subtitle">{subtitle}</p>
      {legend && legend.length > 0 && (
        <ul className="chart-legend">
          {legend.map((item, i) => (
            <li key={i}>
              <span
                className={`chart-swatch${item.dashed ? ' chart-swatch-dashed' : item.dotted ? ' chart-swatch-dotted' : ''}${item.area ? ' chart-swatch-area' : ''}`}
                style={item.area ? { background: item.color } : { borderColor: item.color }}
              />
              {item.label}
              {item.value !== undefined && <span className="chart-legend-value">{item.value}</span>}
            </li>
          ))}
        </ul>
      )}
      {note && (
        <p className="chart-card-note" title={noteInFull ?? note}>
          {note}
        </p>
      )}
      <div className="chart-card-body">{empty ? <p className="chart-card-empty">{empty}</p> : children}</div>
    </figure>
  );
}
