/**
 * Chart data prepared from the live windows: the last N simulated seconds,
 * at most MAX_POINTS points per series (consecutive windows merged when the
 * span is long), as arrays of plain rows recharts can draw. Pure functions:
 * the chart components memoise them on the windows array, which changes only
 * when new windows arrive.
 *
 * Merging windows: rates, utilization and queue lengths are averaged (the
 * windows are equally long); latency percentiles take the largest value, so
 * a spike never disappears from a zoomed-out chart.
 */
import type { SimWindow } from '../worker/protocol';
import { CAUSE_STYLES } from './palette';

export const MAX_POINTS = 120;

export interface Row {
  /** Simulated time at the end of the point's last window, s. */
  t: number;
  [series: string]: number | null;
}

export interface Series {
  rows: Row[];
  /** Simulated seconds per point (1 unless windows were merged). */
  pointSec: number;
}

/** Windows ending within the last `spanSec` simulated seconds of the newest one. */
export function visibleWindows(windows: readonly SimWindow[], spanSec: number): readonly SimWindow[] {
  if (windows.length === 0) return windows;
  const from = windows[windows.length - 1].endSec - spanSec;
  let lo = 0;
  let hi = windows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (windows[mid].endSec <= from + 1e-9) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? windows : windows.slice(lo);
}

/** Splits windows into consecutive groups, aligned to the newest window, so at most `maxPoints` remain. */
function grouped(windows: readonly SimWindow[], maxPoints: number): { groups: SimWindow[][]; size: number } {
  const size = Math.max(1, Math.ceil(windows.length / maxPoints));
  const groups: SimWindow[][] = [];
  for (let end = windows.length; end > 0; end -= size) groups.push(windows.slice(Math.max(0, end - size), end));
  groups.reverse();
  return { groups, size };
}

function build(
  windows: readonly SimWindow[],
  spanSec: number,
  columns: { key: string; value: (w: SimWindow) => number | null; merge: 'mean' | 'max' }[],
  maxPoints: number,
): Series {
  const visible = visibleWindows(windows, spanSec);
  const { groups, size } = grouped(visible, maxPoints);
  const widthSec = visible.length > 0 ? visible[0].endSec - visible[0].startSec : 1;
  const rows = groups.map((g) => {
    const row: Row = { t: g[g.length - 1].endSec };
    for (const c of columns) {
      let acc: number | null = null;
      let n = 0;
      for (const w of g) {
        const v = c.value(w);
        if (v === null || !Number.isFinite(v)) continue;
        n++;
        acc = acc === null ? v : c.merge === 'max' ? Math.max(acc, v) : acc + v;
      }
      row[c.key] = acc === null ? null : c.merge === 'mean' ? acc / n : acc;
    }
    return row;
  });
  return { rows, pointSec: size * widthSec };
}

/** p50, p95, p99 and p99.9 of one op's response time, ms (null where no request completed). */
export function latencySeries(windows: readonly SimWindow[], op: number, spanSec: number, maxPoints = MAX_POINTS): Series {
  const pick = (k: 'p50' | 'p95' | 'p99' | 'p999') => (w: SimWindow) => w.ops[op]?.latency?.[k] ?? null;
  return build(
    windows,
    spanSec,
    (['p50', 'p95', 'p99', 'p999'] as const).map((k) => ({ key: k, value: pick(k), merge: 'max' as const })),
    maxPoints,
  );
}

/** Per op: successful requests per second (`o<i>`), failed ones (`o<i>e`) and, for ops with an objective, good ones (`o<i>g`). */
export function throughputSeries(windows: readonly SimWindow[], ops: number, spanSec: number, maxPoints = MAX_POINTS): Series {
  const columns = [];
  for (let o = 0; o < ops; o++) {
    columns.push({ key: `o${o}`, value: (w: SimWindow) => w.ops[o]?.throughputPerSec ?? null, merge: 'mean' as const });
    columns.push({ key: `o${o}e`, value: (w: SimWindow) => w.ops[o]?.errorsPerSec ?? null, merge: 'mean' as const });
    columns.push({ key: `o${o}g`, value: (w: SimWindow) => w.ops[o]?.goodputPerSec ?? null, merge: 'mean' as const });
  }
  return build(windows, spanSec, columns, maxPoints);
}

/** Errors per second by cause, summed over the ops (`c<cause>`, CAUSE_STYLES); null in windows without causes. */
export function errorsByCauseSeries(windows: readonly SimWindow[], spanSec: number, maxPoints = MAX_POINTS): Series {
  return build(
    windows,
    spanSec,
    CAUSE_STYLES.map(({ cause }) => ({
      key: `c${cause}`,
      value: (w: SimWindow) => {
        let sum: number | null = null;
        for (const o of w.ops) if (o.errorsByCausePerSec) sum = (sum ?? 0) + o.errorsByCausePerSec[cause];
        return sum;
      },
      merge: 'mean' as const,
    })),
    maxPoints,
  );
}

/**
 * What an edge's attempts chart draws, per second: all attempts (`e<i>a`: first calls, retries and
 * hedged copies), first calls (`e<i>c`), retries (`e<i>r`), hedges (`e<i>h`) and timeouts (`e<i>t`).
 */
export function attemptsSeries(windows: readonly SimWindow[], edges: readonly number[], spanSec: number, maxPoints = MAX_POINTS): Series {
  const columns = edges.flatMap((e) => [
    {
      key: `e${e}a`,
      value: (w: SimWindow) => {
        const x = w.edges[e];
        return x ? x.callsPerSec + (x.retriesPerSec ?? 0) + (x.hedgesPerSec ?? 0) : null;
      },
      merge: 'mean' as const,
    },
    { key: `e${e}c`, value: (w: SimWindow) => w.edges[e]?.callsPerSec ?? null, merge: 'mean' as const },
    { key: `e${e}r`, value: (w: SimWindow) => w.edges[e]?.retriesPerSec ?? null, merge: 'mean' as const },
    { key: `e${e}h`, value: (w: SimWindow) => w.edges[e]?.hedgesPerSec ?? null, merge: 'mean' as const },
    { key: `e${e}t`, value: (w: SimWindow) => w.edges[e]?.timeoutsPerSec ?? null, merge: 'mean' as const },
  ]);
  return build(windows, spanSec, columns, maxPoints);
}

/** An edge's breaker over the visible windows, as runs of one state (each window holds the state at its end). */
export function breakerSegments(
  windows: readonly SimWindow[],
  edge: number,
  spanSec: number,
): { startSec: number; endSec: number; state: 'closed' | 'open' | 'halfOpen' }[] {
  const out: { startSec: number; endSec: number; state: 'closed' | 'open' | 'halfOpen' }[] = [];
  for (const w of visibleWindows(windows, spanSec)) {
    const state = w.edges[edge]?.breaker;
    if (state === undefined) continue;
    const last = out[out.length - 1];
    if (last && last.state === state && Math.abs(last.endSec - w.startSec) < 1e-9) last.endSec = w.endSec;
    else out.push({ startSec: w.startSec, endSec: w.endSec, state });
  }
  return out;
}

/**
 * Per op (indices into the windows' ops): the share of requests completed in each point that were
 * good, in percent (`a<i>`) — good ones over all that ended, failed ones included; null where none
 * ended. Merged windows pool their requests (equally long windows: the mean rates' ratio is the sums').
 */
export function availabilitySeries(windows: readonly SimWindow[], ops: readonly number[], spanSec: number, maxPoints = MAX_POINTS): Series {
  const series = build(
    windows,
    spanSec,
    ops.flatMap((o) => [
      { key: `g${o}`, value: (w: SimWindow) => w.ops[o]?.goodputPerSec ?? null, merge: 'mean' as const },
      { key: `n${o}`, value: (w: SimWindow) => (w.ops[o] ? w.ops[o].throughputPerSec + w.ops[o].errorsPerSec : null), merge: 'mean' as const },
    ]),
    maxPoints,
  );
  const rows = series.rows.map((r) => {
    const out: Row = { t: r.t };
    for (const o of ops) {
      const good = r[`g${o}`];
      const all = r[`n${o}`];
      out[`a${o}`] = good !== null && all !== null && all > 0 ? (100 * good) / all : null;
    }
    return out;
  });
  return { rows, pointSec: series.pointSec };
}

/** An objective's error budget over windows that start at or after `fromSec` (the end of the warm-up). */
export interface ErrorBudget {
  /** Requests that ended (succeeded or failed). */
  requests: number;
  /** Of those, the ones that were not good: failed, or slower than the objective's time. */
  bad: number;
  /** Bad requests the target allows: (1 − target) × requests. */
  allowed: number;
  /** What is left of the budget, as a share of it (negative when overspent); null before any request. */
  leftShare: number | null;
}

/** Budget = (1 − target) × requests; spent = requests that were not good; left = 1 − spent / budget. */
export function errorBudget(windows: readonly SimWindow[], op: number, target: number, fromSec: number): ErrorBudget {
  let requests = 0;
  let good = 0;
  for (const w of windows) {
    if (w.startSec < fromSec - 1e-9) continue;
    const o = w.ops[op];
    if (!o) continue;
    const sec = w.endSec - w.startSec;
    requests += (o.throughputPerSec + o.errorsPerSec) * sec;
    good += (o.goodputPerSec ?? 0) * sec;
  }
  requests = Math.round(requests);
  const bad = Math.max(0, requests - Math.round(good));
  const allowed = (1 - target) * requests;
  return { requests, bad, allowed, leftShare: requests > 0 && allowed > 0 ? 1 - bad / allowed : null };
}

/**
 * Per op: the measured (`m50`, `m99` + op) and intended (`i50`, `i99` + op) p50 and p99, ms — the
 * intended ones from when each request was meant to be sent (closed-loop users on an interval).
 */
export function intendedLatencySeries(windows: readonly SimWindow[], ops: readonly number[], spanSec: number, maxPoints = MAX_POINTS): Series {
  return build(
    windows,
    spanSec,
    ops.flatMap((o) => [
      { key: `m50_${o}`, value: (w: SimWindow) => w.ops[o]?.latency?.p50 ?? null, merge: 'max' as const },
      { key: `m99_${o}`, value: (w: SimWindow) => w.ops[o]?.latency?.p99 ?? null, merge: 'max' as const },
      { key: `i50_${o}`, value: (w: SimWindow) => w.ops[o]?.intendedLatency?.p50 ?? null, merge: 'max' as const },
      { key: `i99_${o}`, value: (w: SimWindow) => w.ops[o]?.intendedLatency?.p99 ?? null, merge: 'max' as const },
    ]),
    maxPoints,
  );
}

/** Calls per second along the given edges (`e<i>`). */
export function edgeLoadSeries(windows: readonly SimWindow[], edges: readonly number[], spanSec: number, maxPoints = MAX_POINTS): Series {
  return build(
    windows,
    spanSec,
    edges.map((e) => ({ key: `e${e}`, value: (w: SimWindow) => w.edges[e]?.callsPerSec ?? null, merge: 'mean' as const })),
    maxPoints,
  );
}

/** Utilization of the given nodes, in percent (`n<i>`). */
export function utilizationSeries(windows: readonly SimWindow[], nodes: readonly number[], spanSec: number, maxPoints = MAX_POINTS): Series {
  return build(
    windows,
    spanSec,
    nodes.map((i) => ({ key: `n${i}`, value: (w: SimWindow) => (w.nodes[i]?.utilization ?? NaN) * 100, merge: 'mean' as const })),
    maxPoints,
  );
}

/** Time-average number of requests waiting at the given nodes (`n<i>`). */
export function queueSeries(windows: readonly SimWindow[], nodes: readonly number[], spanSec: number, maxPoints = MAX_POINTS): Series {
  return build(
    windows,
    spanSec,
    nodes.map((i) => ({ key: `n${i}`, value: (w: SimWindow) => w.nodes[i]?.meanQueueLength ?? null, merge: 'mean' as const })),
    maxPoints,
  );
}

/**
 * The `limit` indices (among `candidates`) with the largest mean of `value`
 * over the visible windows, in their original order — which series a chart
 * with many candidates shows.
 */
export function busiest(
  windows: readonly SimWindow[],
  candidates: readonly number[],
  value: (w: SimWindow, i: number) => number,
  spanSec: number,
  limit: number,
): number[] {
  if (candidates.length <= limit) return [...candidates];
  const visible = visibleWindows(windows, spanSec);
  const score = new Map<number, number>();
  for (const i of candidates) {
    let sum = 0;
    for (const w of visible) sum += value(w, i);
    score.set(i, sum);
  }
  const chosen = new Set([...candidates].sort((a, b) => score.get(b)! - score.get(a)! || a - b).slice(0, limit));
  return candidates.filter((i) => chosen.has(i));
}

/** An edge out of a log (a consumer group) or out of a queue, as the consumer-lag chart reads it. */
export interface ConsumerEdge {
  /** The edge's index (meta order). */
  edge: number;
  /** The node it reads from (meta order), and whether that node is a log (else a queue). */
  source: number;
  log: boolean;
}

/**
 * Per consumer edge: lag in records at the end of each point (`l<e>`, the largest of merged windows:
 * a backlog must not vanish when zoomed out) — a log group's records not yet delivered, a queue's
 * messages waiting (its time average over the window, shared by its edges) — and, for a log group,
 * records delivered again (`d<e>`) and lost to retention (`x<e>`) per second.
 */
export function consumerLagSeries(windows: readonly SimWindow[], edges: readonly ConsumerEdge[], spanSec: number, maxPoints = MAX_POINTS): Series {
  const group = (w: SimWindow, e: number) => w.consumerGroups?.find((g) => g.edge === e);
  const perSec = (w: SimWindow, n: number) => n / Math.max(1e-9, w.endSec - w.startSec);
  const columns = edges.flatMap((c) =>
    c.log
      ? [
          { key: `l${c.edge}`, value: (w: SimWindow) => group(w, c.edge)?.lagRecords ?? null, merge: 'max' as const },
          { key: `d${c.edge}`, value: (w: SimWindow) => { const g = group(w, c.edge); return g ? perSec(w, g.duplicates) : null; }, merge: 'mean' as const },
          { key: `x${c.edge}`, value: (w: SimWindow) => { const g = group(w, c.edge); return g ? perSec(w, g.lost) : null; }, merge: 'mean' as const },
        ]
      : [{ key: `l${c.edge}`, value: (w: SimWindow) => w.nodes[c.source]?.meanQueueLength ?? null, merge: 'max' as const }],
  );
  return build(windows, spanSec, columns, maxPoints);
}

/** A log group's duplicates and losses summed over the windows so far (null for a queue's edge, which has none counted). */
export function consumerTotals(windows: readonly SimWindow[], edge: number): { duplicates: number; lost: number; delivered: number } | null {
  let found = false;
  const out = { duplicates: 0, lost: 0, delivered: 0 };
  for (const w of windows) {
    const g = w.consumerGroups?.find((x) => x.edge === edge);
    if (!g) continue;
    found = true;
    out.duplicates += g.duplicates;
    out.lost += g.lost;
    out.delivered += g.delivered;
  }
  return found ? out : null;
}
