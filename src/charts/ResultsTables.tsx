/**
 * The results object as tables a person can read: per operation, per node,
 * per edge, with 95% confidence intervals (batch means) on means and p99,
 * and — for textbook topologies — the queueing-theory prediction beside the
 * simulated value. While the run plays it shows the results so far.
 */
import { memo, useMemo } from 'react';
import { edgeLabels, formatCount, formatMs, formatPercent, formatRate } from '../run/format';
import { theoryCheck, type TheoryRow } from '../analysis/theoryCheck';
import type { ConfidenceInterval } from '../sim/batchMeans';
import { useAppStore } from '../store';
import { opColor } from './palette';

function own<T>(record: Record<string, T> | undefined, key: string): T | undefined {
  return record && Object.hasOwn(record, key) ? record[key] : undefined;
}

/** "3.82 ms ± 0.05" — the value and its 95% half-width in the same unit. */
function WithCi({ value, ci, format }: { value: number; ci?: ConfidenceInterval | null | number; format: (v: number) => string }) {
  const half = typeof ci === 'number' ? ci : ci?.halfWidth;
  return (
    <>
      {format(value)}
      {half !== undefined && Number.isFinite(half) && <span className="ci"> ± {format(half).replace(/^-/, '')}</span>}
    </>
  );
}

function theoryValue(r: TheoryRow, v: number): string {
  if (r.unit === 'ms') return formatMs(v);
  if (r.unit === 'fraction') return formatPercent(v);
  return `${v < 10 ? v.toFixed(2) : formatCount(v)} requests`;
}

/** A titled results table that scrolls sideways on its own when it is wider than the panel. */
function ResultsTable({ label, heading, columns, children }: { label: string; heading: string; columns: string[]; children: React.ReactNode }) {
  return (
    <section aria-label={label}>
      <h3 className="results-heading">{heading}</h3>
      <div className="results-scroll" tabIndex={0}>
        <table className="results-table">
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          {children}
        </table>
      </div>
    </section>
  );
}

function TheoryTable({ rows }: { rows: TheoryRow[] }) {
  return (
    <table className="results-table">
      <thead>
        <tr>
          <th scope="col">Quantity</th>
          <th scope="col">Simulated (95% CI)</th>
          <th scope="col">Theory</th>
          <th scope="col">Difference</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const diff = r.theory !== 0 ? (r.simulated - r.theory) / r.theory : 0;
          const within = r.halfWidth !== undefined && Math.abs(r.simulated - r.theory) <= r.halfWidth;
          return (
            <tr key={r.quantity}>
              <th scope="row">{r.quantity}</th>
              <td>
                <WithCi value={r.simulated} ci={r.halfWidth} format={(v) => theoryValue(r, v)} />
              </td>
              <td>{theoryValue(r, r.theory)}</td>
              <td className={within ? 'agree' : undefined} title={within ? 'the theory lies inside the 95% interval' : undefined}>
                {diff >= 0 ? '+' : '−'}
                {formatPercent(Math.abs(diff))}
                {within && ' ✓'}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

type Results = NonNullable<NonNullable<ReturnType<typeof useAppStore.getState>['live']>['results']>;
type Meta = NonNullable<ReturnType<typeof useAppStore.getState>['live']>['meta'];

const CAUSE_COLUMNS = [
  ['timeout', 'Timed out'],
  ['error', 'Error'],
  ['down', 'Down'],
  ['rejected', 'Rejected'],
  ['breakerOpen', 'Breaker open'],
] as const;

const dash = (v: number | undefined, f: (x: number) => string) => (v === undefined ? '–' : f(v));

/**
 * What failed and why, when the scenario can fail (timeouts, faults, breakers, retries, hedges):
 * errors per operation by the cause where each began, goodput against the objective, the
 * latency from the intended send time of closed-loop testers; per edge its attempts, retries,
 * hedges, timeouts and failures; per node its time down and its wasted work.
 */
function FailureTables({ results, meta, labels, slos }: { results: Results; meta: Meta; labels: string[]; slos: { op: string; latencyMs: number; target: number }[] | undefined }) {
  const ops = meta.ops.filter((op) => {
    const r = own(results.ops, op);
    return r && (r.errorsByCause || r.goodputPerSec !== undefined || r.intendedLatencyMs);
  });
  const edges = meta.edges.map((e, i) => ({ e, i, r: own(results.edges, e.id) })).filter(({ r }) => r && (r.attempts !== undefined || r.timeouts !== undefined || r.failures !== undefined || r.breakerOpenSec !== undefined));
  const nodes = meta.nodes.map((n) => ({ n, r: own(results.nodes, n.id) })).filter(({ r }) => r && (r.downSec !== undefined || r.wastedCompletions !== undefined || r.abandonedDropped !== undefined));
  return (
    <>
      {ops.length > 0 && (
        <ResultsTable
          label="Failures by cause"
          heading="Failures · each error counted once, by the cause where it began (a fault is the cause; what the client sees is the failure)"
          columns={['Operation', ...CAUSE_COLUMNS.map(([, l]) => l), 'Goodput', 'Within objective', 'p99 from intended send']}
        >
          <tbody>
            {ops.map((op) => {
              const r = own(results.ops, op)!;
              const slo = slos?.find((o) => o.op === op);
              const met = r.sloAttainment !== undefined && slo ? r.sloAttainment >= slo.target : undefined;
              return (
                <tr key={op}>
                  <th scope="row">
                    <span className="chart-accent" style={{ background: opColor(meta.ops.indexOf(op)) }} aria-hidden="true" />
                    {op}
                  </th>
                  {CAUSE_COLUMNS.map(([cause]) => (
                    <td key={cause}>{dash(r.errorsByCause?.[cause], formatCount)}</td>
                  ))}
                  <td>{dash(r.goodputPerSec, (v) => formatRate(v))}</td>
                  <td className={met === undefined ? undefined : met ? 'agree' : 'disagree'} title={slo ? `objective: ${formatPercent(slo.target)} within ${formatMs(slo.latencyMs)}` : undefined}>
                    {r.sloAttainment === undefined ? '–' : `${formatPercent(r.sloAttainment)}${slo ? ` of ${formatPercent(slo.target)}` : ''}${met === undefined ? '' : met ? ' ✓' : ' ✗'}`}
                  </td>
                  <td>{r.intendedLatencyMs ? `${formatMs(r.intendedLatencyMs.p99)} (measured ${formatMs(r.latencyMs.p99)})` : '–'}</td>
                </tr>
              );
            })}
          </tbody>
        </ResultsTable>
      )}
      {edges.length > 0 && (
        <ResultsTable label="Resilience" heading="Resilience per edge · attempts = first tries + retries + hedged copies" columns={['Edge', 'Attempts', 'Retries', 'Hedges', 'Timeouts', 'Failed', 'Breaker open']}>
          <tbody>
            {edges.map(({ e, i, r }) => (
              <tr key={e.id}>
                <th scope="row">{labels[i]}</th>
                <td>{dash(r!.attempts, formatCount)}</td>
                <td>{dash(r!.retries, formatCount)}</td>
                <td>{dash(r!.hedges, formatCount)}</td>
                <td>{dash(r!.timeouts, formatCount)}</td>
                <td>{dash(r!.failures, formatCount)}</td>
                <td>{dash(r!.breakerOpenSec, (v) => `${v.toFixed(1)} s`)}</td>
              </tr>
            ))}
          </tbody>
        </ResultsTable>
      )}
      {nodes.length > 0 && (
        <ResultsTable label="Faults and waste" heading="Down time and wasted work per node · wasted = served after the caller gave up" columns={['Node', 'Down', 'Wasted', 'Abandoned, skipped']}>
          <tbody>
            {nodes.map(({ n, r }) => (
              <tr key={n.id}>
                <th scope="row">
                  {n.label} <span className="results-kind">{n.kind}</span>
                </th>
                <td>{dash(r!.downSec, (v) => `${v.toFixed(1)} s`)}</td>
                <td>{dash(r!.wastedCompletions, formatCount)}</td>
                <td>{dash(r!.abandonedDropped, formatCount)}</td>
              </tr>
            ))}
          </tbody>
        </ResultsTable>
      )}
    </>
  );
}

/**
 * Per consumer group (an edge out of a log, or out of a queue once it counts them): records
 * delivered, delivered again, lost and out of order for their key, and its lag in records and in
 * time (from the record in the log to the end of its delivery). Edges without these fields are left out.
 */
function ConsumerTable({ results, meta, labels }: { results: Results; meta: Meta; labels: string[] }) {
  const edges = meta.edges.map((e, i) => ({ e, i, r: own(results.edges, e.id) })).filter(({ r }) => r && (r.delivered !== undefined || r.lagRecords !== undefined));
  if (edges.length === 0) return null;
  return (
    <ResultsTable
      label="Consumer groups"
      heading="Consumer groups · per edge out of a log or queue: records delivered once, again (duplicates) and never (lost); lag = appended and not yet delivered"
      columns={['Edge', 'Delivered', 'Duplicates', 'Lost', 'Out of order', 'Lag mean', 'Lag max', 'Lag time mean', 'Lag time p99', 'Lag time max']}
    >
      <tbody>
        {edges.map(({ e, i, r }) => (
          <tr key={e.id}>
            <th scope="row">{labels[i]}</th>
            <td>{dash(r!.delivered, formatCount)}</td>
            <td>{dash(r!.duplicates, formatCount)}</td>
            <td>{dash(r!.lost, formatCount)}</td>
            <td>{dash(r!.outOfOrder, formatCount)}</td>
            <td>{dash(r!.lagRecords?.mean, (v) => `${v < 10 ? v.toFixed(2) : formatCount(Math.round(v))} records`)}</td>
            <td>{dash(r!.lagRecords?.max, (v) => `${formatCount(v)} records`)}</td>
            <td>{dash(r!.lagMs?.mean, formatMs)}</td>
            <td>{dash(r!.lagMs?.p99, formatMs)}</td>
            <td>{dash(r!.lagMs?.max, formatMs)}</td>
          </tr>
        ))}
      </tbody>
    </ResultsTable>
  );
}

export const ResultsTables = memo(function ResultsTables() {
  const results = useAppStore((s) => s.live?.results ?? null);
  const final = useAppStore((s) => s.live?.resultsFinal ?? false);
  const confidence = useAppStore((s) => s.live?.confidence ?? null);
  const meta = useAppStore((s) => s.live?.meta);
  const histogram = useAppStore((s) => s.live?.histogram ?? null);
  const scenario = useAppStore((s) => s.runScenario);

  const theory = useMemo(() => (scenario && results ? theoryCheck(scenario, results, confidence, histogram) : null), [scenario, results, confidence, histogram]);

  if (!meta) return <p className="results-empty">Starting the simulation…</p>;
  if (!results) {
    return (
      <p className="results-empty">
        {meta.warmupSec > 0 ? `Results are counted after the ${meta.warmupSec} s warm-up; they appear once it is over.` : 'Results appear after the first simulated second.'}
      </p>
    );
  }

  const labels = edgeLabels(meta.nodes, meta.edges);
  const measuredOf = meta.durationSec - meta.warmupSec;
  return (
    <div className="results-panel">
      <p className="results-summary">
        {final ? <strong>Final results</strong> : <strong>Results so far</strong>}
        {' — '}
        {final ? `${formatCount(results.simulatedSec)} s measured` : `${results.simulatedSec.toFixed(0)} of ${formatCount(measuredOf)} s measured`}
        {meta.warmupSec > 0 && ` after ${meta.warmupSec} s of warm-up`}, seed {results.seed}, {formatCount(results.events)} events in {formatMs(results.wallMs)} of computing.
        {confidence && confidence.batches >= 3 && (
          <>
            {' '}
            <span className="ci">±</span> is the half-width of a 95% confidence interval from {confidence.batches} batch means of {confidence.batchSec} s (for a
            p99, the longer side of its interval: a tail stretches upward).
          </>
        )}
      </p>
      {results.stopped && <p className="results-stopped" role="note">{results.stopped.message}.</p>}

      {theory && (
        <section aria-label="Queueing theory">
          <h3 className="results-heading">
            Theory check · {theory.model}
          </h3>
          <p className="results-note">{theory.parameters}</p>
          {theory.unstable ? <p className="results-stopped">{theory.unstable}.</p> : <TheoryTable rows={theory.rows} />}
        </section>
      )}

      <ResultsTable label="Operations" heading="Operations · end-to-end response time at the client" columns={['Operation', 'Requests', 'Errors', 'Unfinished', 'Throughput', 'Mean', 'p50', 'p95', 'p99', 'p99.9', 'Max']}>
            <tbody>
              {meta.ops.map((op, o) => {
                const r = own(results.ops, op);
                if (!r) return null;
                const c = own(confidence?.ops, op);
                return (
                  <tr key={op}>
                    <th scope="row">
                      <span className="chart-accent" style={{ background: opColor(o) }} aria-hidden="true" />
                      {op}
                    </th>
                    <td>{formatCount(r.count)}</td>
                    <td>{formatCount(r.errors)}</td>
                    <td>{formatCount(r.unfinished)}</td>
                    <td>
                      <WithCi value={r.throughputPerSec} ci={c?.throughputPerSec} format={(v) => formatRate(v)} />
                    </td>
                    <td>
                      <WithCi value={r.latencyMs.mean} ci={c?.meanMs} format={formatMs} />
                    </td>
                    <td>{formatMs(r.latencyMs.p50)}</td>
                    <td>{formatMs(r.latencyMs.p95)}</td>
                    <td>
                      <WithCi value={r.latencyMs.p99} ci={c?.p99Ms} format={formatMs} />
                    </td>
                    <td>{formatMs(r.latencyMs.p999)}</td>
                    <td>{formatMs(r.latencyMs.max)}</td>
                  </tr>
                );
              })}
            </tbody>
      </ResultsTable>

      <ResultsTable label="Nodes" heading="Nodes · latency from arrival at the node to completion there" columns={['Node', 'Arrivals', 'Dropped', 'Errors', 'Utilization', 'Mean queue', 'Max queue', 'Wait mean', 'Wait p99', 'p50', 'p99']}>
            <tbody>
              {meta.nodes.map((n) => {
                const r = own(results.nodes, n.id);
                if (!r) return null;
                const c = own(confidence?.nodes, n.id);
                const served = n.servers > 0;
                return (
                  <tr key={n.id}>
                    <th scope="row">
                      {n.label} <span className="results-kind">{n.kind}</span>
                    </th>
                    <td>{formatCount(r.arrivals)}</td>
                    <td>{formatCount(r.dropped)}</td>
                    <td>{formatCount(r.errors)}</td>
                    <td>{served ? <WithCi value={r.utilization} ci={c?.utilization} format={formatPercent} /> : '–'}</td>
                    <td>{served ? <WithCi value={r.meanQueueLength} ci={c?.meanQueueLength} format={(v) => (v < 10 ? v.toFixed(2) : formatCount(v))} /> : '–'}</td>
                    <td>{served ? formatCount(r.maxQueueLength) : '–'}</td>
                    <td>{served ? formatMs(r.waitMs.mean) : '–'}</td>
                    <td>{served ? formatMs(r.waitMs.p99) : '–'}</td>
                    <td>{formatMs(r.latencyMs.p50)}</td>
                    <td>{formatMs(r.latencyMs.p99)}</td>
                  </tr>
                );
              })}
            </tbody>
      </ResultsTable>

      {meta.edges.length > 0 && (
        <ResultsTable label="Edges" heading="Edges · delivery = until the last call of a fan-out completed" columns={['Edge', 'Calls', 'Calls/s', 'Delivery mean', 'Delivery p99', 'Delivery max']}>
              <tbody>
                {meta.edges.map((e, i) => {
                  const r = own(results.edges, e.id);
                  if (!r) return null;
                  return (
                    <tr key={e.id}>
                      <th scope="row">{labels[i]}</th>
                      <td>{formatCount(r.calls)}</td>
                      <td>{formatRate(r.callsPerSec, 'calls/s')}</td>
                      <td>{r.deliveryMs ? formatMs(r.deliveryMs.mean) : '–'}</td>
                      <td>{r.deliveryMs ? formatMs(r.deliveryMs.p99) : '–'}</td>
                      <td>{r.deliveryMs ? formatMs(r.deliveryMs.max) : '–'}</td>
                    </tr>
                  );
                })}
              </tbody>
        </ResultsTable>
      )}

      <ConsumerTable results={results} meta={meta} labels={labels} />

      <FailureTables results={results} meta={meta} labels={labels} slos={scenario?.slos} />

      {results.population && (
        <section aria-label="Population">
          <h3 className="results-heading">Follower graph (exact, from the distribution)</h3>
          <p className="results-note">
            mean {formatCount(results.population.meanFollowers)} followers · p99 {formatCount(results.population.p99Followers)} · max{' '}
            {formatCount(results.population.maxFollowers)} · a post reaches {formatCount(results.population.meanPostFanout)} followers on average
          </p>
          {results.population.thresholds?.map((t) => (
            <p className="results-note" key={t.threshold}>
              Accounts above {formatCount(t.threshold)} followers write {formatPercent(t.postShareAbove)} of posts and cause {formatPercent(t.writeShareAbove)} of
              fan-out writes; skipping them (the hybrid) leaves {t.hybridWritesPerPost.toFixed(1)} writes per post and costs {t.celebrityFetchesPerRead.toFixed(2)}{' '}
              celebrity fetches per timeline read.
            </p>
          ))}
        </section>
      )}
    </div>
  );
});

export default ResultsTables;
