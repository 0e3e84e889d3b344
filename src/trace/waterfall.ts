/**
 * A trace as a waterfall (the rows a distributed-tracing view draws): spans
 * nested by call, depth first, each cut into the phases of a hop — network
 * out, wait in line, service, waiting on its own calls, network back — with
 * the caller's timeout marked. Pure data, shared by the page's waterfall and
 * the CLI's `--trace` text, so both tell the same story.
 */
import type { RequestTrace, TraceSpan } from '../sim/trace';

export type PhaseKind = 'network' | 'wait' | 'service' | 'calls' | 'backoff' | 'return';

export interface Phase {
  kind: PhaseKind;
  fromMs: number;
  toMs: number;
}

export interface WaterfallRow {
  span: TraceSpan;
  depth: number;
  /** The row's first moment (sent, or created for the request), ms from the request's creation. */
  startMs: number;
  /** Its last known moment (answered, done, given up on, or the trace's end). */
  endMs: number;
  phases: Phase[];
  /** Ms from sent to arrived plus from done to answered. */
  networkMs: number | null;
  waitMs: number | null;
  serviceMs: number | null;
  /** Time between the end of service and completion: waiting on its own calls. */
  callsMs: number | null;
  /** What the row is, in words: "retry 2", "hedge copy", "async". */
  tags: string[];
}

export const PHASE_LABEL: Record<PhaseKind, string> = {
  network: 'network',
  wait: 'wait',
  service: 'service',
  calls: 'its calls',
  backoff: 'backoff',
  return: 'network back',
};

/** What each phase means, for tooltips and the legend. */
export const PHASE_HELP: Record<PhaseKind, string> = {
  network: 'Network: the call crossing the edge to the next node (its latencyMs).',
  wait: 'Wait: queued at the node until one of its servers was free — it grows with utilization.',
  service: 'Service: a server working on this request (its serviceTimeMs).',
  calls: 'Its calls: done with its own work, waiting for the calls it made downstream.',
  backoff: 'Backoff: the caller waiting before it retries.',
  return: 'Network back: the response crossing the edge back to the caller.',
};

function pos(v: number | null): number | null {
  // Differences of sums of floats leave residues like 7e-15 ms: those are 0.
  return v === null ? null : v < 1e-9 ? 0 : v;
}

/** The rows of `trace`, depth first (a caller, then each of its calls in the order made). */
export function waterfallRows(trace: RequestTrace): WaterfallRow[] {
  const children = new Map<number, TraceSpan[]>();
  for (const s of trace.spans) {
    if (s.parent < 0) continue;
    const list = children.get(s.parent);
    if (list) list.push(s);
    else children.set(s.parent, [s]);
  }
  const end = traceEndMs(trace);
  const rows: WaterfallRow[] = [];
  const visit = (s: TraceSpan, depth: number) => {
    rows.push(rowOf(s, depth, end, children.has(s.id)));
    for (const c of children.get(s.id) ?? []) visit(c, depth + 1);
  };
  if (trace.spans.length > 0) visit(trace.spans[0], 0);
  return rows;
}

/** The last moment anything in the trace is known to have happened, ms. */
export function traceEndMs(trace: RequestTrace): number {
  let end = trace.durationMs ?? 0;
  for (const s of trace.spans) for (const v of [s.answeredMs, s.doneMs, s.gaveUpMs, s.arrivedMs, s.sentMs]) if (v !== null && v > end) end = v;
  return end;
}

function rowOf(s: TraceSpan, depth: number, traceEnd: number, hasCalls: boolean): WaterfallRow {
  const phases: Phase[] = [];
  const add = (kind: PhaseKind, from: number | null, to: number | null) => {
    if (from !== null && to !== null && to - from > 1e-9) phases.push({ kind, fromMs: from, toMs: to });
  };
  // A bulk call's service is its chunks' summed over servers: never past its completion.
  const serviceEnd = s.serviceStartMs !== null && s.serviceMs !== null ? Math.min(s.serviceStartMs + s.serviceMs, s.doneMs ?? Infinity) : null;
  if (s.backoffMs !== null && s.sentMs !== null) add('backoff', s.sentMs - s.backoffMs, s.sentMs);
  if (s.role !== 'request') add('network', s.sentMs, s.arrivedMs);
  // Still in line when the trace closed: waiting until the caller gave up (its timeout), or to the end of what is known.
  const stillWaiting = s.serviceStartMs === null && s.doneMs === null && s.kind !== 'client' && s.outcome !== 'cancelled' && !hasCalls;
  add('wait', s.arrivedMs, s.serviceStartMs ?? (stillWaiting ? (s.gaveUpMs ?? traceEnd) : null));
  add('service', s.serviceStartMs, serviceEnd);
  add('calls', serviceEnd ?? (s.serviceStartMs === null ? s.arrivedMs : null), s.doneMs);
  if (s.role !== 'request') add('return', s.doneMs, s.answeredMs);
  const start = s.role === 'request' ? (s.arrivedMs ?? 0) : (s.backoffMs !== null && s.sentMs !== null ? s.sentMs - s.backoffMs : (s.sentMs ?? s.arrivedMs ?? 0));
  let endMs = start;
  for (const v of [s.answeredMs, s.doneMs, s.gaveUpMs, s.arrivedMs, serviceEnd]) if (v !== null && v > endMs) endMs = v;
  if (s.outcome === 'unfinished') endMs = Math.max(endMs, traceEnd);
  const networkMs =
    s.role === 'request' ? null : (s.sentMs !== null && s.arrivedMs !== null ? s.arrivedMs - s.sentMs : 0) + (s.doneMs !== null && s.answeredMs !== null ? s.answeredMs - s.doneMs : 0);
  const tags: string[] = [];
  if (s.role === 'retry') tags.push(`retry, attempt ${s.attempt}`);
  if (s.role === 'hedge') tags.push('hedge copy');
  if (s.won) tags.push('won');
  if (s.async) tags.push('async');
  if (s.units > 1) tags.push(`bulk ×${s.units.toLocaleString('en-US')}`);
  if (s.gaveUpMs !== null) tags.push(`caller gave up at ${formatMs(s.gaveUpMs)}`);
  if (s.wasted) tags.push('wasted work');
  if (s.hiddenCalls > 0) tags.push(`${s.hiddenCalls.toLocaleString('en-US')} more calls not shown`);
  return {
    span: s,
    depth,
    startMs: start,
    endMs,
    phases,
    networkMs: pos(networkMs),
    waitMs: s.arrivedMs !== null && s.serviceStartMs !== null ? pos(s.serviceStartMs - s.arrivedMs) : null,
    serviceMs: s.serviceMs,
    callsMs: serviceEnd !== null && s.doneMs !== null ? pos(s.doneMs - serviceEnd) : null,
    tags,
  };
}

/** A time in ms, to a precision that suits it: 0.25 ms, 12.5 ms, 1,250 ms. */
export function formatMs(ms: number): string {
  const a = Math.abs(ms);
  if (a === 0) return '0 ms';
  if (a < 1) return `${ms.toFixed(2)} ms`;
  if (a < 100) return `${ms.toFixed(1)} ms`;
  return `${Math.round(ms).toLocaleString('en-US')} ms`;
}

/** The outcome of a span in words. */
export function outcomeText(s: TraceSpan): string {
  switch (s.outcome) {
    case 'ok':
      return 'ok';
    case 'failed':
      return s.cause ? `failed (${s.cause})` : 'failed';
    case 'timeout':
      return 'timed out';
    case 'cancelled':
      return 'cancelled';
    case 'unfinished':
      return 'unfinished';
  }
}
