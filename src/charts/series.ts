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

/** Per op: successful requests per second (`o<i>`) and failed ones (`o<i>e`). */
export function throughputSeries(windows: readonly SimWindow[], ops: number, spanSec: number, maxPoints = MAX_POINTS): Series {
  const columns = [];
  for (let o = 0; o < ops; o++) {
    columns.push({ key: `o${o}`, value: (w: SimWindow) => w.ops[o]?.throughputPerSec ?? null, merge: 'mean' as const });
    columns.push({ key: `o${o}e`, value: (w: SimWindow) => w.ops[o]?.errorsPerSec ?? null, merge: 'mean' as const });
  }
  return build(windows, spanSec, columns, maxPoints);
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
