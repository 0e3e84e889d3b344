/**
 * The comparison table: one column per variant, one row per metric, the
 * winner of each row marked, and why it wins said beside the metric.
 */
import type { VariantRun } from '../store/labSlice';
import { metricRows, rowWinners, type VariantMetrics } from './metrics';
import { formatMetric } from './verdict';
import { variantColor } from './variantColors';

function statusText(run: VariantRun): string {
  switch (run.status) {
    case 'queued':
      return 'waiting';
    case 'running':
      return `running ${Math.round(run.progress * 100)}%`;
    case 'done':
      return 'done';
    case 'failed':
      return 'failed';
    case 'cancelled':
      return 'cancelled';
  }
}

export function CompareTable({ runs, op }: { runs: VariantRun[]; op: string }) {
  const rows = metricRows(op, runs.map((r) => r.metrics));
  return (
    <table className="compare-table">
      <caption className="visually-hidden">Comparison of the variants on the same seed; the best value of each row is marked.</caption>
      <thead>
        <tr>
          <td />
          {runs.map((run, i) => (
            <th key={i} scope="col" style={{ '--variant': variantColor(i) } as React.CSSProperties}>
              <span className="compare-table__variant">
                <span className="compare-table__swatch" aria-hidden="true" />
                {run.label}
              </span>
              <span className="compare-table__status" data-status={run.status}>
                {statusText(run)}
              </span>
              {run.status === 'running' && (
                <span
                  className="compare-table__progress"
                  role="progressbar"
                  aria-label={`${run.label}: simulated so far`}
                  aria-valuemin={0}
                  aria-valuemax={100}
                  aria-valuenow={Math.round(run.progress * 100)}
                >
                  <span style={{ width: `${run.progress * 100}%` }} />
                </span>
              )}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const values = runs.map((r) => (r.metrics ? (r.metrics[row.key as keyof VariantMetrics] as number | undefined) : undefined));
          const finished = runs.every((r) => r.status !== 'running' && r.status !== 'queued');
          const winners = finished ? rowWinners(values, row.better) : [];
          return (
            <tr key={row.key}>
              <th scope="row">
                {row.label}
                <span className="compare-table__why">{row.why}</span>
              </th>
              {values.map((v, i) => {
                const wins = winners.includes(i);
                const detail =
                  row.key === 'busiestUtilization' ? runs[i].metrics?.busiestNode : row.key === 'staleReadRatio' ? runs[i].metrics?.stalestCopy : undefined;
                return (
                  <td key={i} data-winner={wins ? 'true' : undefined}>
                    {formatMetric(row, v)}
                    {wins && (
                      <span className="compare-table__best">
                        <span aria-hidden="true"> ✓</span>
                        <span className="visually-hidden"> (best)</span>
                      </span>
                    )}
                    {detail && <span className="compare-table__detail">{detail}</span>}
                    {row.key === 'deliveryP99' && v === undefined && runs[i].metrics && (
                      <span className="compare-table__detail">no fan-out on write</span>
                    )}
                  </td>
                );
              })}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
