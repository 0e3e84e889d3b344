/** The frame every chart sits in: a title, what the axes measure, a legend, and a fixed-height body (no layout shift). */
import type { ReactNode, Ref } from 'react';

export interface LegendItem {
  label: string;
  color: string;
  dashed?: boolean;
  /** A value shown after the label, e.g. "21.2 ms". */
  value?: string;
}

export function ChartCard(props: {
  title: string;
  /** What the chart shows, in units: "response time, ms · simulated time, s". */
  subtitle: string;
  legend?: LegendItem[];
  height?: number;
  empty?: string | null;
  children: ReactNode;
  controls?: ReactNode;
  /** A colour chip before the title (the op's colour). */
  accent?: string;
  ref?: Ref<HTMLElement>;
}) {
  const { title, subtitle, legend, height = 170, empty, children, controls, accent, ref } = props;
  return (
    <figure className="chart-card" aria-label={title} ref={ref}>
      <figcaption className="chart-card-head">
        <div>
          <h3 className="chart-card-title">
            {accent && <span className="chart-accent" style={{ background: accent }} aria-hidden="true" />}
            {title}
          </h3>
          <p className="chart-card-subtitle">{subtitle}</p>
        </div>
        {controls}
      </figcaption>
      {legend && legend.length > 0 && (
        <ul className="chart-legend">
          {legend.map((item) => (
            <li key={item.label}>
              <span className={item.dashed ? 'chart-swatch chart-swatch-dashed' : 'chart-swatch'} style={{ borderColor: item.color, background: item.dashed ? 'transparent' : item.color }} />
              {item.label}
              {item.value !== undefined && <span className="chart-legend-value">{item.value}</span>}
            </li>
          ))}
        </ul>
      )}
      <div className="chart-card-body" style={{ height }}>
        {empty ? <p className="chart-card-empty">{empty}</p> : children}
      </div>
    </figure>
  );
}
