/** Building blocks for lesson checks and readouts. */
import { nominalRatePerSec } from '../scenario/arrival';
import type { ScenarioEdge, ScenarioNode } from '../scenario/schema';
import type { VariantChoice } from '../store/labSlice';
import type { LessonComparison, LessonContext, LessonStep } from './types';

export function node(ctx: LessonContext, id: string): ScenarioNode | undefined {
  return ctx.scenario.nodes.find((n) => n.id === id);
}

export function startNode(ctx: LessonContext, id: string): ScenarioNode | undefined {
  return ctx.start.nodes.find((n) => n.id === id);
}

export function edge(ctx: LessonContext, id: string): ScenarioEdge | undefined {
  return ctx.scenario.edges.find((e) => e.id === id);
}

/** A numeric parameter of a node (`servers`, `hitRatio`, …), or undefined. */
export function param(ctx: LessonContext, id: string, name: string): number | undefined {
  const params = node(ctx, id)?.params as Record<string, unknown> | undefined;
  const v = params?.[name];
  return typeof v === 'number' ? v : undefined;
}

/** A client's rate in requests per second. */
export function rate(ctx: LessonContext, clientId: string): number | undefined {
  const n = node(ctx, clientId);
  return n?.kind === 'client' ? nominalRatePerSec(n.params.arrival) : undefined;
}

export function startRate(ctx: LessonContext, clientId: string): number | undefined {
  const n = startNode(ctx, clientId);
  return n?.kind === 'client' ? nominalRatePerSec(n.params.arrival) : undefined;
}

const RUN_CHECKS = new WeakSet<(ctx: LessonContext) => boolean>();

/** The run has been going for at least `sec` simulated seconds (and is not broken). */
export function ranFor(sec: number) {
  const check = (ctx: LessonContext) => ctx.run.status !== 'error' && ctx.run.status !== 'idle' && ctx.run.simulatedSec >= sec;
  RUN_CHECKS.add(check);
  return check;
}

/** Whether a check is a `ranFor`: the step is done by letting the run go on, so the lesson plays it. */
export function needsRun(check: ((ctx: LessonContext) => boolean) | undefined): boolean {
  return check !== undefined && RUN_CHECKS.has(check);
}

function sameVariant(a: VariantChoice, b: VariantChoice): boolean {
  if (a.kind === 'preset') return b.kind === 'preset' && a.name === b.name;
  if (a.kind === 'saved') return b.kind === 'saved' && a.id === b.id;
  return b.kind === 'current';
}

/**
 * Compare's last comparison is `comparison` — its variants in order, its seed
 * and simulated time — and it has finished with results for every variant.
 * Results of another comparison, or of this one still running, do not count.
 */
export function compared(comparison: LessonComparison) {
  return (ctx: LessonContext): boolean => {
    const { status, ran, runs } = ctx.lab.compare;
    if (status !== 'done' || ran === null) return false;
    if (ran.seed !== comparison.seed || ran.durationSec !== comparison.durationSec) return false;
    if (ran.variants.length !== comparison.variants.length || !ran.variants.every((v, i) => sameVariant(v, comparison.variants[i]))) return false;
    return runs.length === comparison.variants.length && runs.every((r) => r.status === 'done' && r.metrics !== undefined);
  };
}

/** Simulated seconds of results a readout step waits for after its change, unless it says otherwise. */
export const DEFAULT_SETTLE_SEC = 20;

/**
 * Whether the run has data enough for the step's notice: a step that reads
 * out numbers is done only once a run of the scenario as it now is has
 * results for `settleSec` seconds (a step done by running has them already).
 */
export function hasDataFor(step: LessonStep, ctx: LessonContext): boolean {
  if (!step.readout || needsRun(step.check)) return true;
  return ctx.run.results !== null && ctx.run.simulatedSec >= (step.settleSec ?? DEFAULT_SETTLE_SEC);
}

/** Milliseconds for a sentence. */
export function ms(v: number | undefined): string {
  if (v === undefined || !Number.isFinite(v)) return '–';
  if (v < 1) return `${v.toFixed(2)} ms`;
  if (v < 100) return `${v.toFixed(1)} ms`;
  if (v < 10_000) return `${Math.round(v).toLocaleString('en-US')} ms`;
  return `${(v / 1000).toFixed(1)} s`;
}

/** A rate for a sentence. */
export function perSec(v: number | undefined): string {
  if (v === undefined || !Number.isFinite(v)) return '–';
  if (v >= 10_000) return `${Math.round(v / 1000).toLocaleString('en-US')}k/s`;
  return `${Math.round(v).toLocaleString('en-US')}/s`;
}

export function percent(v: number | undefined): string {
  if (v === undefined || !Number.isFinite(v)) return '–';
  return `${Math.round(v * 100)}%`;
}
