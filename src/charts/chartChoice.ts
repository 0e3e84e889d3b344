/**
 * Which live charts the results strip shows. The strip has room for about
 * three cards at 1280×800; every operation's response time, throughput,
 * load per edge, utilization, queue depth and the histogram make seven or
 * more. The user picks (ChartChooser.tsx); the choice is kept in local
 * storage across visits, like the view preferences, and never in a scenario.
 *
 * Response-time charts are chosen per operation, by name. `latency` stands
 * for "the busiest operation's" — the default, so the flagship opens on
 * timeline reads rather than the 46 posts a second — and a choice naming
 * operations the scenario does not have falls back to it: the user asked
 * for a response time, and a preset with other operation names still shows
 * one. A chart a lesson step points at is shown while the step is open.
 *
 * The reliability charts (errors by cause, availability against the SLO,
 * attempts per edge, measured vs intended latency), like the batch and
 * consumer-lag charts, are offered only when the
 * run has their data (`availableCharts`): a scenario that cannot fail has no
 * errors to stack, and the menu does not list a chart that would stay empty.
 * A choice of one is kept for the runs that have it.
 */
import { useSyncExternalStore } from 'react';
import { browserStorage } from '../persistence/autosave';
import type { Scenario } from '../scenario/schema';
import type { SimWindow } from '../worker/protocol';

export const CHARTS_KEY = 'fanout-lab:charts';

/** Ops beyond this many get no response-time chart of their own: a page of 20 latency charts helps nobody. */
export const MAX_LATENCY_CHARTS = 4;

/** The charts other than response time, in the strip's order. */
export const OTHER_CHARTS = [
  { id: 'throughput', label: 'Throughput', whenAvailable: false },
  { id: 'key', label: 'One key’s copies', whenAvailable: true },
  { id: 'batch', label: 'Batch jobs', whenAvailable: true },
  { id: 'lag', label: 'Consumer lag', whenAvailable: true },
  { id: 'errors', label: 'Errors by cause', whenAvailable: true },
  { id: 'availability', label: 'Availability vs SLO', whenAvailable: true },
  { id: 'intended', label: 'Measured vs intended latency', whenAvailable: true },
  { id: 'edges', label: 'Load per edge', whenAvailable: false },
  { id: 'attempts', label: 'Attempts per edge', whenAvailable: true },
  { id: 'utilization', label: 'Utilization per node', whenAvailable: false },
  { id: 'queue', label: 'Queue depth per node', whenAvailable: false },
  { id: 'histogram', label: 'Latency histogram', whenAvailable: false },
] as const;

export type OtherChartId = (typeof OTHER_CHARTS)[number]['id'];

const NOTHING_MORE: ReadonlySet<string> = new Set();

/** Whether an edge has a resilience rule (timeout, retry, hedge or breaker): the edges the attempts chart draws. */
export function hasResilience(edge: Scenario['edges'][number]): boolean {
  return edge.timeoutMs !== undefined || edge.retry !== undefined || edge.hedge !== undefined || edge.breaker !== undefined;
}

/**
 * The reliability charts this run has data for, as a space-separated string (stable for a selector):
 * `errors` when its windows count errors by cause, `availability` when an op has an objective,
 * `attempts` when an edge with a resilience rule reports its attempts or breaker, `intended` when an
 * op is served by closed-loop users on an interval.
 */
export function availableCharts(windows: readonly SimWindow[] | undefined, scenario: Scenario | null): string {
  const last = windows?.[windows.length - 1];
  if (!last) return '';
  const out: string[] = [];
  if (last.ops.some((o) => o.errorsByCausePerSec !== undefined)) out.push('errors');
  if ((scenario?.slos?.length ?? 0) > 0 && last.ops.some((o) => o.goodputPerSec !== undefined)) out.push('availability');
  if (last.ops.some((o) => o.intendedLatency !== undefined)) out.push('intended');
  const edges = scenario?.edges ?? [];
  if (edges.some((e, i) => hasResilience(e) && (last.edges[i]?.retriesPerSec !== undefined || last.edges[i]?.breaker !== undefined))) out.push('attempts');
  if (scenario?.nodes.some((n) => n.kind === 'batch')) out.push('batch');
  if (scenario?.nodes.some(readsLikeALog)) out.push('lag');
  if (scenario?.keys && scenario.nodes.some((n) => n.kind === 'cache' || n.kind === 'index')) out.push('key');
  return out.join(' ');
}

/**
 * Whether a node is one the consumer-lag chart is about: a log, or a queue with Redis semantics (a
 * list or pub/sub). A plain broker queue is a buffer whose depth the queue-depth chart already shows.
 */
function readsLikeALog(node: Scenario['nodes'][number]): boolean {
  if (node.kind === 'log') return true;
  const semantics = node.kind === 'queue' ? (node.params as { semantics?: unknown }).semantics : undefined;
  return semantics === 'list' || semantics === 'pubsub';
}

/** The store's run as `availableCharts` reads it. */
export function availableChartsOf(s: { live: { windows: readonly SimWindow[] } | null; runScenario: Scenario | null }): string {
  return availableCharts(s.live?.windows, s.runScenario);
}

/** Whether chart `c` can be shown in this run. */
const isOffered = (c: (typeof OTHER_CHARTS)[number], available: ReadonlySet<string>) => !c.whenAvailable || available.has(c.id);

/**
 * The busiest op's response time, load per edge (fan-out writes) and utilization: three cards, which
 * fit at 1280×800 — and, in a scenario with batch jobs, their Gantt chart; with a log (or a Redis-style
 * queue), its consumer lag.
 */
export const DEFAULT_CHARTS: readonly string[] = ['latency', 'key', 'batch', 'lag', 'edges', 'utilization'];

/** A chart on screen: the response time of op `op`, or one of the others. */
export type ShownChart = { kind: 'latency'; op: number } | { kind: OtherChartId };

const latencyId = (op: string) => `latency:${op}`;

/** A stored choice, checked item by item; null when there is none or it is unreadable. */
export function readChartChoice(storage: Storage | undefined): string[] | null {
  let raw: unknown;
  try {
    raw = JSON.parse(storage?.getItem(CHARTS_KEY) ?? 'null');
  } catch {
    return null;
  }
  if (!Array.isArray(raw)) return null;
  return raw.filter((x): x is string => typeof x === 'string' && x.length <= 200).slice(0, 50);
}

function writeChartChoice(storage: Storage | undefined, choice: readonly string[]): void {
  try {
    storage?.setItem(CHARTS_KEY, JSON.stringify(choice));
  } catch {
    // A full storage keeps the choice for this visit only.
  }
}

// A tiny store, so the chooser (in the panel's bar) and the charts (loaded on demand) agree.
let current: readonly string[] | null = null;
const listeners = new Set<() => void>();

function getChoice(): readonly string[] {
  if (current === null) current = readChartChoice(browserStorage()) ?? DEFAULT_CHARTS;
  return current;
}

/** Sets (and remembers) which charts are shown. */
export function setChartChoice(choice: readonly string[]): void {
  current = [...choice];
  writeChartChoice(browserStorage(), current);
  for (const l of listeners) l();
}

/** Forgets the in-memory choice so the next read comes from storage again (tests). */
export function resetChartChoiceForTests(): void {
  current = null;
  for (const l of listeners) l();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The stored (or default) choice, as a React hook. */
export function useChartChoice(): readonly string[] {
  return useSyncExternalStore(subscribe, getChoice, getChoice);
}

/** The op with the most completed requests in the newest window; 0 before any. */
export function busiestOp(windows: readonly SimWindow[] | undefined): number {
  const last = windows?.[windows.length - 1];
  if (!last) return 0;
  let best = 0;
  last.ops.forEach((o, i) => {
    if (o.throughputPerSec > (last.ops[best]?.throughputPerSec ?? -1)) best = i;
  });
  return best;
}

/**
 * The charts to draw, in the strip's order (response times by op, then the others): the choice,
 * resolved against the run's ops, plus any chart in `extra` (ids, e.g. what a lesson points at).
 */
export function chartsToShow(
  choice: readonly string[],
  ops: readonly string[],
  busiest: number,
  extra: readonly string[] = [],
  available: ReadonlySet<string> = NOTHING_MORE,
): ShownChart[] {
  const wanted = new Set([...choice, ...extra]);
  const offered = ops.slice(0, MAX_LATENCY_CHARTS);
  const latency = new Set<number>();
  offered.forEach((op, o) => wanted.has(latencyId(op)) && latency.add(o));
  const askedForLatency = wanted.has('latency') || [...wanted].some((id) => id.startsWith('latency:'));
  if (askedForLatency && latency.size === 0) latency.add(Math.min(busiest, Math.max(0, offered.length - 1)));
  const out: ShownChart[] = [...latency].sort((a, b) => a - b).map((op) => ({ kind: 'latency', op }));
  for (const c of OTHER_CHARTS) if (wanted.has(c.id) && isOffered(c, available)) out.push({ kind: c.id });
  return out;
}

/** Every chart the chooser offers for these ops, with its label and whether it is shown now. */
export function chartOptions(
  choice: readonly string[],
  ops: readonly string[],
  busiest: number,
  available: ReadonlySet<string> = NOTHING_MORE,
): { id: string; label: string; shown: boolean }[] {
  const shown = chartsToShow(choice, ops, busiest, [], available);
  const isShown = (c: ShownChart) => shown.some((s) => s.kind === c.kind && (s.kind !== 'latency' || (c.kind === 'latency' && s.op === c.op)));
  return [
    ...ops.slice(0, MAX_LATENCY_CHARTS).map((op, o) => ({ id: latencyId(op), label: `Response time · ${op}`, shown: isShown({ kind: 'latency', op: o }) })),
    ...OTHER_CHARTS.filter((c) => isOffered(c, available)).map((c) => ({ id: c.id, label: c.label, shown: isShown({ kind: c.id }) })),
  ];
}

/**
 * The choice after the user turns chart `id` on or off: what is shown now, made explicit, with `id`
 * toggled — and the reliability charts chosen but not offered in this run kept for the runs that have them.
 */
export function toggledChoice(
  choice: readonly string[],
  ops: readonly string[],
  busiest: number,
  id: string,
  available: ReadonlySet<string> = NOTHING_MORE,
): string[] {
  const now = chartOptions(choice, ops, busiest, available)
    .filter((o) => o.shown)
    .map((o) => o.id);
  const kept = OTHER_CHARTS.filter((c) => !isOffered(c, available) && choice.includes(c.id)).map((c) => c.id);
  return [...(now.includes(id) ? now.filter((x) => x !== id) : [...now, id]), ...kept];
}
