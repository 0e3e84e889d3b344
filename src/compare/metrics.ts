/**
 * What Compare puts side by side, read from each run's results object: the
 * read latency users feel, the write load fan-out causes, how long a post
 * takes to reach every timeline, and how close the busiest node is to
 * saturation — with the winner of each row and why it wins. Runs whose
 * copies (caches, indexes with keys) or consumers (edges out of a log or a
 * Redis queue) say how they kept in sync add rows of their own: diverged
 * keys, stale reads and copy lag; records handed over twice, lost or out of
 * order.
 */
import { hasStation } from '../kinds';
import type { Scenario } from '../scenario/schema';
import { followerEdges, TIMELINE_OP } from '../scenario/twitter';
import type { Results } from '../sim/results';

export type MetricKey =
  | 'p50'
  | 'p99'
  | 'p999'
  | 'writesPerSec'
  | 'deliveryP99'
  | 'busiestUtilization'
  | 'divergedKeys'
  | 'staleReadRatio'
  | 'copyLagMs'
  | 'duplicates'
  | 'lost'
  | 'outOfOrder';

export interface MetricRow {
  key: MetricKey;
  label: string;
  /** Which way is better, said in the table. */
  better: 'lower' | 'higher';
  /** Why that way is better, one line. */
  why: string;
  unit: 'ms' | 'perSec' | 'share' | 'count';
}

/** Rows a run has only when its scenario keeps copies in sync or delivers through a log or a queue. */
const SYNC_ROWS: MetricRow[] = [
  { key: 'divergedKeys', label: 'Diverged keys', better: 'lower', unit: 'count', why: 'lower is better: keys whose cache or index copy ended the run different from the database, for good' },
  { key: 'staleReadRatio', label: 'Stale reads', better: 'lower', unit: 'share', why: 'lower is better: reads a copy answered with an older version than the database held (the worst copy)' },
  { key: 'copyLagMs', label: 'Copy lag (mean)', better: 'lower', unit: 'ms', why: 'lower is better: how long a committed write took to reach its copies (the slowest copy)' },
  { key: 'duplicates', label: 'Handed over twice', better: 'lower', unit: 'count', why: 'lower is better: records a consumer got again (after a restart, from the last committed offset)' },
  { key: 'lost', label: 'Lost records', better: 'lower', unit: 'count', why: 'lower is better: records no consumer ever got (taken by a consumer that crashed, or expired unread)' },
  { key: 'outOfOrder', label: 'Out of order', better: 'lower', unit: 'count', why: 'lower is better: records a consumer got before an earlier record of the same key' },
];

/**
 * The rows of the comparison table, in order. `op` names the read operation (timeline for the Twitter
 * presets); `present`, the metrics some run has (the sync and delivery rows appear only then, first).
 */
export function metricRows(op: string, present?: readonly (VariantMetrics | undefined)[]): MetricRow[] {
  const extra = SYNC_ROWS.filter((row) => present?.some((m) => m !== undefined && m[row.key as keyof VariantMetrics] !== undefined));
  // Timeline writes and their delivery only mean something where people follow people.
  const fansOut = present === undefined || present.some((m) => m?.writesPerSec !== undefined);
  // A run has sync or delivery rows only when keeping copies in sync or handing records over is what it
  // is about: they lead, so that they are the rows in view when the table first shows.
  return [...extra, ...baseRows(op).filter((row) => fansOut || (row.key !== 'writesPerSec' && row.key !== 'deliveryP99'))];
}

function baseRows(op: string): MetricRow[] {
  return [
    { key: 'p50', label: `${op} p50`, better: 'lower', unit: 'ms', why: 'lower is better: the typical read' },
    { key: 'p99', label: `${op} p99`, better: 'lower', unit: 'ms', why: 'lower is better: the slowest 1% of reads' },
    { key: 'p999', label: `${op} p99.9`, better: 'lower', unit: 'ms', why: 'lower is better: the tail your heaviest users see' },
    { key: 'writesPerSec', label: 'Timeline writes/s', better: 'lower', unit: 'perSec', why: 'lower is better: less work and storage per post' },
    { key: 'deliveryP99', label: 'Delivery delay p99', better: 'lower', unit: 'ms', why: 'lower is better: how long until a post is in every follower’s timeline (Twitter aimed at 5 s)' },
    { key: 'busiestUtilization', label: 'Busiest node', better: 'lower', unit: 'share', why: 'lower is better: more headroom before queues grow without bound' },
  ];
}

export interface VariantMetrics {
  p50?: number;
  p99?: number;
  p999?: number;
  /** Fan-out writes per second into timelines; 0 when nothing fans out on write; undefined without a follower graph (not a timeline scenario). */
  writesPerSec?: number;
  /** Undefined when the variant does not fan out on write (a post is readable once stored). */
  deliveryP99?: number;
  busiestUtilization?: number;
  /** The busiest node's name. */
  busiestNode?: string;
  /** Requests of the read op that failed (overload, full queues). */
  errors: number;
  /** The run ended early (overload guard). */
  stopped?: string;
  /** With copies kept in sync (caches, indexes, with keys): summed over them, or the worst of them. */
  divergedKeys?: number;
  staleReadRatio?: number;
  /** The copy of the worst stale-read ratio. */
  stalestCopy?: string;
  copyLagMs?: number;
  /** With consumer groups (edges out of a log or a Redis queue): summed over them. */
  duplicates?: number;
  lost?: number;
  outOfOrder?: number;
}

/** The read operation to compare on: `timeline` when every variant has it, else the first op they all share. */
export function commonReadOp(opsPerVariant: string[][]): string | undefined {
  if (opsPerVariant.length === 0) return undefined;
  const shared = opsPerVariant[0].filter((op) => opsPerVariant.every((ops) => ops.includes(op)));
  return shared.includes(TIMELINE_OP) ? TIMELINE_OP : shared[0];
}

/** The metrics of one variant's run. */
export function variantMetrics(scenario: Scenario, results: Results, op: string): VariantMetrics {
  const o = results.ops[op];
  const completed = o && o.count - o.errors - o.unfinished > 0;
  const fanout = followerEdges(scenario);
  let writesPerSec = scenario.population !== undefined || fanout.length > 0 ? 0 : undefined;
  let deliveryP99: number | undefined;
  for (const e of fanout) {
    const r = results.edges[e.id];
    if (!r) continue;
    writesPerSec = (writesPerSec ?? 0) + r.callsPerSec;
    if (r.deliveryMs) deliveryP99 = Math.max(deliveryP99 ?? 0, r.deliveryMs.p99);
  }
  let busiestUtilization: number | undefined;
  let busiestNode: string | undefined;
  for (const n of scenario.nodes) {
    const u = results.nodes[n.id]?.utilization;
    if (u === undefined || !hasStation(n.kind)) continue;
    if (busiestUtilization === undefined || u > busiestUtilization) {
      busiestUtilization = u;
      busiestNode = n.label || n.id;
    }
  }
  const sync = syncMetrics(scenario, results);
  return {
    ...sync,
    p50: completed ? o.latencyMs.p50 : undefined,
    p99: completed ? o.latencyMs.p99 : undefined,
    p999: completed ? o.latencyMs.p999 : undefined,
    writesPerSec,
    deliveryP99,
    busiestUtilization,
    busiestNode,
    errors: o?.errors ?? 0,
    stopped: results.stopped?.message,
  };
}

/** The copies' and the consumers' rows of one run (fields absent when the scenario has none). */
function syncMetrics(scenario: Scenario, results: Results): Partial<VariantMetrics> {
  const out: Partial<VariantMetrics> = {};
  for (const n of scenario.nodes) {
    const r = results.nodes[n.id];
    if (r?.divergedKeys === undefined) continue;
    out.divergedKeys = (out.divergedKeys ?? 0) + r.divergedKeys;
    if (r.staleReadRatio !== undefined && (out.staleReadRatio === undefined || r.staleReadRatio > out.staleReadRatio)) {
      out.staleReadRatio = r.staleReadRatio;
      out.stalestCopy = n.label || n.id;
    }
    if (r.lagMs !== undefined) out.copyLagMs = Math.max(out.copyLagMs ?? 0, r.lagMs.mean);
  }
  for (const e of scenario.edges) {
    const r = results.edges[e.id];
    if (r?.delivered === undefined) continue;
    out.duplicates = (out.duplicates ?? 0) + (r.duplicates ?? 0);
    out.lost = (out.lost ?? 0) + (r.lost ?? 0);
    out.outOfOrder = (out.outOfOrder ?? 0) + (r.outOfOrder ?? 0);
  }
  return out;
}

/** Values this close (relative) are a tie: percentiles are only within 1% of exact. */
export const TIE_TOLERANCE = 0.01;

/**
 * The indices of the winners of one row: the best value, and every value
 * within TIE_TOLERANCE of it. No winner when fewer than two variants have a
 * value, or when all of them tie.
 */
export function rowWinners(values: (number | undefined)[], better: 'lower' | 'higher'): number[] {
  const defined = values.map((v, i) => [v, i] as const).filter((x): x is readonly [number, number] => x[0] !== undefined && Number.isFinite(x[0]));
  if (defined.length < 2) return [];
  const best = better === 'lower' ? Math.min(...defined.map(([v]) => v)) : Math.max(...defined.map(([v]) => v));
  const close = (v: number) => Math.abs(v - best) <= TIE_TOLERANCE * Math.max(Math.abs(best), Math.abs(v)) || v === best;
  const winners = defined.filter(([v]) => close(v)).map(([, i]) => i);
  return winners.length === defined.length ? [] : winners;
}
