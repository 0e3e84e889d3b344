/**
 * The parameters a sweep can vary in a scenario: a client's rate, a node's
 * servers (or a queue's consumers), a cache's hit ratio, the celebrity
 * threshold, the follower exponent, and for the phase map of resilience a
 * scheduled fault's start and duration, a sync call's timeout and its retry
 * attempts. Each knows how to read its value, how to write a new one (a
 * plain scenario edit) and a sensible default range.
 */
import { isOpen, nominalRatePerSec } from '../scenario/arrival';
import { specOf } from '../kinds';
import { ARRIVAL_META, EDGE_META, EDGE_POLICY_META, FAULT_META, KINDS, POPULATION_META, type NumberParamMeta } from '../scenario/kinds';
import { edgeLabels } from '../run/format';
import type { Scenario, ScenarioEdge, ScenarioFault, ScenarioNode } from '../scenario/schema';
import { celebrityThreshold, withCelebrityThreshold } from '../scenario/twitter';
import { saturationRate } from '../analysis/utilization';
import type { SweepRange } from './points';

export { saturationRate };

export interface SweepParameter {
  /** Stable within a scenario: "rate:readers", "servers:api", "threshold". */
  id: string;
  label: string;
  unit?: string;
  meta: NumberParamMeta;
  value: number;
  apply: (s: Scenario, value: number) => Scenario;
  /** Where a sweep of it starts out. */
  defaultRange: SweepRange;
  /** What an absent value means (an edge without a timeout waits for ever); `value` is then where its range starts out. */
  unset?: string;
}

function nodeName(n: ScenarioNode): string {
  return n.label || n.id;
}

function setParams(s: Scenario, id: string, patch: Record<string, unknown>): Scenario {
  return { ...s, nodes: s.nodes.map((n) => (n.id === id ? ({ ...n, params: { ...n.params, ...patch } } as ScenarioNode) : n)) };
}

/** A range around the current value, clamped to what the parameter allows. */
function around(meta: NumberParamMeta, value: number, down: number, up: number, scale: SweepRange['scale'], steps = 8): SweepRange {
  const min = meta.exclusiveMin ? (meta.type === 'int' ? meta.min + 1 : Math.max(meta.min, value / 1000)) : meta.min;
  const clamp = (v: number) => Math.min(meta.max ?? Infinity, Math.max(min, v));
  const integer = meta.type === 'int';
  const tidy = (v: number) => (integer ? Math.round(v) : Number(v.toPrecision(3)));
  let from = tidy(clamp(scale === 'log' ? value / down : value - down));
  let to = tidy(clamp(scale === 'log' ? value * up : value + up));
  if (scale === 'log' && from <= 0) from = integer ? 1 : Math.max(value / down, 1e-6);
  if (from === to) to = tidy(clamp(from + (integer ? steps - 1 : 1)));
  return { from, to, steps, scale, integer };
}

/** The op a sweep measures unless told otherwise: the one with the most requests per second (the main path). */
export function busiestOp(s: Scenario): string | undefined {
  const rates = new Map<string, number>();
  for (const n of s.nodes) if (n.kind === 'client') rates.set(n.params.op, (rates.get(n.params.op) ?? 0) + nominalRatePerSec(n.params.arrival));
  let best: string | undefined;
  for (const [op, rate] of rates) if (best === undefined || rate > rates.get(best)!) best = op;
  return best;
}

/**
 * The hockey stick: from a quarter of today's rate (or a twentieth of the
 * saturating one, if lower) up to just past the rate where the first node
 * saturates — so the curve shows its knee and the wall behind it. Without
 * an estimate: a quarter to twice today's rate.
 */
function rateRange(s: Scenario, clientId: string, meta: NumberParamMeta, value: number): SweepRange {
  const saturating = saturationRate(s, clientId);
  if (saturating === undefined || !Number.isFinite(saturating) || saturating <= 0) return around(meta, value, 4, 2, 'log', 10);
  const to = Number((saturating * 1.05).toPrecision(3));
  const from = Number(Math.min(value / 4, to / 20).toPrecision(3));
  return { from, to, steps: 10, scale: 'log', integer: false };
}

/** The parameter a sweep starts on: the rate of the busiest op's client, else the first parameter. */
export function defaultSweepParameter(s: Scenario, params: SweepParameter[]): SweepParameter | undefined {
  const op = busiestOp(s);
  const client = s.nodes.find((n) => n.kind === 'client' && n.params.op === op);
  return params.find((p) => client && p.id === `rate:${client.id}`) ?? params[0];
}

/** Every parameter of the scenario that a sweep can vary, clients first. */
export function sweepParameters(s: Scenario): SweepParameter[] {
  const out: SweepParameter[] = [];
  for (const n of s.nodes) {
    if (n.kind !== 'client' || !isOpen(n.params.arrival)) continue;
    const meta = ARRIVAL_META.ratePerSec;
    const value = n.params.arrival.ratePerSec;
    out.push({
      id: `rate:${n.id}`,
      label: `${nodeName(n)}: rate`,
      unit: meta.unit,
      meta,
      value,
      apply: (sc, v) => {
        const node = sc.nodes.find((x) => x.id === n.id);
        return node && node.kind === 'client' && isOpen(node.params.arrival) ? setParams(sc, n.id, { arrival: { ...node.params.arrival, ratePerSec: v } }) : sc;
      },
      defaultRange: rateRange(s, n.id, meta, value),
    });
  }
  for (const n of s.nodes) {
    const station = specOf(n).station;
    if (!station) continue;
    const field = station.field;
    const meta = KINDS[n.kind].params[field] as NumberParamMeta;
    const value = (n.params as unknown as Record<string, number>)[field];
    out.push({
      id: `${field}:${n.id}`,
      label: `${nodeName(n)}: ${meta.label.toLowerCase()}`,
      unit: meta.unit,
      meta,
      value,
      apply: (sc, v) => setParams(sc, n.id, { [field]: v }),
      defaultRange: around(meta, value, 4, 2, 'log'),
    });
    if (n.kind === 'cache') {
      const hit = KINDS.cache.params.hitRatio as NumberParamMeta;
      out.push({
        id: `hitRatio:${n.id}`,
        label: `${nodeName(n)}: hit ratio`,
        meta: hit,
        value: n.params.hitRatio,
        apply: (sc, v) => setParams(sc, n.id, { hitRatio: v }),
        defaultRange: { from: 0.5, to: 1, steps: 6, scale: 'linear', integer: false },
      });
    }
  }
  const threshold = celebrityThreshold(s);
  if (threshold !== undefined) {
    out.push({
      id: 'threshold',
      label: 'Celebrity threshold',
      unit: EDGE_META.threshold.unit,
      meta: POPULATION_META.celebrityThreshold,
      value: threshold,
      apply: withCelebrityThreshold,
      defaultRange: { from: 100, to: 10_000_000, steps: 6, scale: 'log', integer: false },
    });
  }
  const f = s.population?.followers;
  if (f?.type === 'powerlaw') {
    out.push({
      id: 'alpha',
      label: 'Follower exponent α',
      meta: POPULATION_META.alpha,
      value: f.alpha,
      apply: (sc, v) =>
        sc.population?.followers.type === 'powerlaw' ? { ...sc, population: { ...sc.population, followers: { ...sc.population.followers, alpha: v } } } : sc,
      defaultRange: { from: 1, to: 2, steps: 6, scale: 'linear', integer: false },
    });
  }
  out.push(...resilienceParameters(s));
  return out;
}

function setEdge(s: Scenario, id: string, recipe: (e: ScenarioEdge) => ScenarioEdge): Scenario {
  return { ...s, edges: s.edges.map((e) => (e.id === id ? recipe(e) : e)) };
}

function setFault(s: Scenario, id: string, patch: Partial<Pick<ScenarioFault, 'atSec' | 'durationSec'>>): Scenario {
  return { ...s, faults: s.faults?.map((f) => (f.id === id ? ({ ...f, ...patch } as ScenarioFault) : f)) };
}

/** A short name for a fault in a list of parameters: "API pause (gc-pause)". */
function faultName(s: Scenario, f: ScenarioFault): string {
  const node = s.nodes.find((n) => n.id === f.target);
  const edge = s.edges.find((e) => e.id === f.target);
  const target = node ? nodeName(node) : edge ? edgeLabels(s.nodes.map((n) => ({ id: n.id, label: nodeName(n) })), [edge])[0] : f.target;
  return `${target} ${FAULT_META.type.valueLabels[f.type].toLowerCase()} (${f.id})`;
}

/**
 * What a phase map of metastability varies: each scheduled fault's start and
 * duration, and each sync call's timeout and retry attempts (an absent
 * timeout or retry starts its range at a usual value; applying one adds it,
 * retries with the inspector's defaults for the fields not swept).
 */
export function resilienceParameters(s: Scenario): SweepParameter[] {
  const out: SweepParameter[] = [];
  for (const f of s.faults ?? []) {
    if (f.random || f.atSec === undefined) continue;
    const name = faultName(s, f);
    const duration = FAULT_META.durationSec;
    const lasts = f.durationSec ?? Math.max(1, s.durationSec - f.atSec);
    out.push({
      id: `fault:${f.id}:durationSec`,
      label: `${name}: lasts`,
      unit: duration.unit,
      meta: duration,
      value: lasts,
      unset: f.durationSec === undefined ? duration.absentMeans : undefined,
      apply: (sc, v) => setFault(sc, f.id, { durationSec: v }),
      defaultRange: { from: Number(Math.max(0.1, lasts / 4).toPrecision(3)), to: Number((lasts * 4).toPrecision(3)), steps: 6, scale: 'log', integer: false },
    });
    const start = FAULT_META.atSec;
    out.push({
      id: `fault:${f.id}:atSec`,
      label: `${name}: starts at`,
      unit: start.unit,
      meta: start,
      value: f.atSec,
      apply: (sc, v) => setFault(sc, f.id, { atSec: v }),
      defaultRange: { from: Number((f.atSec / 2).toPrecision(3)), to: Number((f.atSec * 2).toPrecision(3)), steps: 6, scale: 'linear', integer: false },
    });
  }
  const labels = edgeLabels(
    s.nodes.map((n) => ({ id: n.id, label: nodeName(n) })),
    s.edges,
  );
  s.edges.forEach((e, i) => {
    if (e.mode !== 'sync') return;
    const timeout = EDGE_META.timeoutMs;
    const timeoutMs = e.timeoutMs ?? 1000;
    out.push({
      id: `timeoutMs:${e.id}`,
      label: `${labels[i]}: timeout`,
      unit: timeout.unit,
      meta: timeout,
      value: timeoutMs,
      unset: e.timeoutMs === undefined ? timeout.absentMeans : undefined,
      apply: (sc, v) => setEdge(sc, e.id, (x) => ({ ...x, timeoutMs: v })),
      defaultRange: around(timeout, timeoutMs, 4, 4, 'log', 6),
    });
    const attempts = EDGE_META.retryMaxAttempts;
    out.push({
      id: `retry.maxAttempts:${e.id}`,
      label: `${labels[i]}: attempts`,
      unit: attempts.unit,
      meta: attempts,
      value: e.retry?.maxAttempts ?? 1,
      apply: (sc, v) =>
        setEdge(sc, e.id, (x) => ({ ...x, retry: { ...(x.retry ?? (EDGE_POLICY_META.retry.added as NonNullable<ScenarioEdge['retry']>)), maxAttempts: v } })),
      defaultRange: { from: attempts.min, to: Math.min(attempts.max ?? 10, 6), steps: 6, scale: 'linear', integer: true },
    });
  });
  return out;
}
