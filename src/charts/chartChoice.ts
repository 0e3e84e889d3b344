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
 */
import { useSyncExternalStore } from 'react';
import { browserStorage } from '../persistence/autosave';
import type { SimWindow } from '../worker/protocol';

export const CHARTS_KEY = 'fanout-lab:charts';

/** Ops beyond this many get no response-time chart of their own: a page of 20 latency charts helps nobody. */
export const MAX_LATENCY_CHARTS = 4;

/** The charts other than response time, in the strip's order. */
export const OTHER_CHARTS = [
  { id: 'throughput', label: 'Throughput' },
  { id: 'edges', label: 'Load per edge' },
  { id: 'utilization', label: 'Utilization per node' },
  { id: 'queue', label: 'Queue depth per node' },
  { id: 'histogram', label: 'Latency histogram' },
] as const;

export type OtherChartId = (typeof OTHER_CHARTS)[number]['id'];

/** The busiest op's response time, load per edge (fan-out writes) and utilization: three cards, which fit at 1280×800. */
export const DEFAULT_CHARTS: readonly string[] = ['latency', 'edges', 'utilization'];

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
export function chartsToShow(choice: readonly string[], ops: readonly string[], busiest: number, extra: readonly string[] = []): ShownChart[] {
  const wanted = new Set([...choice, ...extra]);
  const offered = ops.slice(0, MAX_LATENCY_CHARTS);
  const latency = new Set<number>();
  offered.forEach((op, o) => wanted.has(latencyId(op)) && latency.add(o));
  const askedForLatency = wanted.has('latency') || [...wanted].some((id) => id.startsWith('latency:'));
  if (askedForLatency && latency.size === 0) latency.add(Math.min(busiest, Math.max(0, offered.length - 1)));
  const out: ShownChart[] = [...latency].sort((a, b) => a - b).map((op) => ({ kind: 'latency', op }));
  for (const c of OTHER_CHARTS) if (wanted.has(c.id)) out.push({ kind: c.id });
  return out;
}

/** Every chart the chooser offers for these ops, with its label and whether it is shown now. */
export function chartOptions(choice: readonly string[], ops: readonly string[], busiest: number): { id: string; label: string; shown: boolean }[] {
  const shown = chartsToShow(choice, ops, busiest);
  const isShown = (c: ShownChart) => shown.some((s) => s.kind === c.kind && (s.kind !== 'latency' || (c.kind === 'latency' && s.op === c.op)));
  return [
    ...ops.slice(0, MAX_LATENCY_CHARTS).map((op, o) => ({ id: latencyId(op), label: `Response time · ${op}`, shown: isShown({ kind: 'latency', op: o }) })),
    ...OTHER_CHARTS.map((c) => ({ id: c.id, label: c.label, shown: isShown({ kind: c.id }) })),
  ];
}

/** The choice after the user turns chart `id` on or off: what is shown now, made explicit, with `id` toggled. */
export function toggledChoice(choice: readonly string[], ops: readonly string[], busiest: number, id: string): string[] {
  const now = chartOptions(choice, ops, busiest)
    .filter((o) => o.shown)
    .map((o) => o.id);
  return now.includes(id) ? now.filter((x) => x !== id) : [...now, id];
}
