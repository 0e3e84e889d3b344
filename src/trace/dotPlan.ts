/**
 * How one traced request moves on the canvas: its trace (simulated ms)
 * turned into dot segments on a slowed-down, visual clock — travelling along
 * an edge, waiting in line at a node (stacked there), being served — so that
 * a request of a few milliseconds can be seen at all.
 *
 * Time is stretched by `slow` (visual ms per simulated ms), and every trip
 * along an edge takes at least `travelMs` even when the network costs
 * nothing, so each hop is visible. Order is kept: a call leaves after its
 * caller's service, a caller answers after its last call came back, a retry
 * leaves after the attempt it replaces was given up on, a hedge copy leaves
 * `afterMs` after the original. Pure: tested without a browser.
 */
import type { RequestTrace, TraceSpan } from '../sim/trace';

export type DotTone = 'ok' | 'failed' | 'abandoned';

export interface DotSegment {
  span: number;
  kind: 'travel' | 'wait' | 'serve';
  /** travel: the edge; wait, serve: null. */
  edge: string | null;
  /** travel: from the edge's target back to its source (a response). */
  back: boolean;
  /** wait, serve: the node; travel: the node it heads for. */
  node: string;
  fromV: number;
  toV: number;
  /** travel: where along the edge it is at fromV and at toV (0 the source, 1 the target). */
  fromF: number;
  toF: number;
  tone: DotTone;
  /** A retry or a hedge copy: drawn with a ring, leaving again. */
  again: boolean;
}

export interface DotPlan {
  trace: RequestTrace;
  segments: DotSegment[];
  /** When the last segment ends, visual ms. */
  durationV: number;
}

export interface DotPlanOptions {
  /** Visual ms per simulated ms at most (default 30). */
  slow?: number;
  /** The least a trip along an edge takes, visual ms (default 420). */
  travelMs?: number;
  /** The whole request is squeezed into at most this long, visual ms (default 7,000). */
  maxDurationV?: number;
  /** Calls drawn per caller at most: a larger fan-out shows as a burst of this many (default 16). */
  maxCallsPerSpan?: number;
}

interface Placed {
  vSent: number;
  /** When the caller stops waiting for it: answered, or given up on. */
  vEnd: number;
  vGaveUp: number | null;
}

/** The dot segments of `trace`. */
export function planDots(trace: RequestTrace, options: DotPlanOptions = {}): DotPlan {
  const travel = options.travelMs ?? 420;
  const total = Math.max(trace.durationMs ?? 0, 1);
  const slow = Math.min(options.slow ?? 30, (options.maxDurationV ?? 7000) / total);
  const maxCalls = options.maxCallsPerSpan ?? 16;
  const spans = trace.spans;
  const children = new Map<number, TraceSpan[]>();
  for (const s of spans) {
    if (s.parent < 0) continue;
    const list = children.get(s.parent) ?? [];
    list.push(s);
    children.set(s.parent, list);
  }
  const segments: DotSegment[] = [];
  const placed = new Map<number, Placed>();

  const place = (s: TraceSpan, vSent: number): Placed => {
    const again = s.role === 'retry' || s.role === 'hedge';
    const vGaveUp = s.gaveUpMs !== null && s.sentMs !== null ? vSent + (s.gaveUpMs - s.sentMs) * slow : null;
    const failedTone: DotTone = s.outcome === 'failed' ? 'failed' : 'abandoned';
    if (s.arrivedMs === null || s.sentMs === null) {
      // Never got there (a breaker, a refusal on the way, lost): half a trip, then gone.
      segments.push({ span: s.id, kind: 'travel', edge: s.edge, back: false, node: s.node, fromV: vSent, toV: vSent + travel / 2, fromF: 0, toF: 0.5, tone: failedTone, again });
      const end = vGaveUp ?? vSent + travel / 2;
      return { vSent, vEnd: end, vGaveUp };
    }
    const vArrived = vSent + Math.max(travel, (s.arrivedMs - s.sentMs) * slow);
    segments.push({ span: s.id, kind: 'travel', edge: s.edge, back: false, node: s.node, fromV: vSent, toV: vArrived, fromF: 0, toF: 1, tone: 'ok', again });
    let vCursor = vArrived;
    let simCursor = s.arrivedMs;
    if (s.serviceStartMs !== null) {
      const vStart = vArrived + (s.serviceStartMs - s.arrivedMs) * slow;
      if (vStart > vArrived) segments.push({ span: s.id, kind: 'wait', edge: null, back: false, node: s.node, fromV: vArrived, toV: vStart, fromF: 1, toF: 1, tone: 'ok', again });
      const vServed = vStart + Math.max(0, s.serviceMs ?? 0) * slow;
      if (vServed > vStart) segments.push({ span: s.id, kind: 'serve', edge: null, back: false, node: s.node, fromV: vStart, toV: vServed, fromF: 1, toF: 1, tone: 'ok', again });
      vCursor = vServed;
      simCursor = s.serviceStartMs + (s.serviceMs ?? 0);
    } else if (s.doneMs === null && !children.has(s.id)) {
      // Still waiting in line when the trace closed (a caller that gave up meanwhile turns it grey, below).
      const toV = vGaveUp !== null ? Math.max(vGaveUp, vArrived) + travel : vArrived + Math.max(travel, 30 * slow);
      segments.push({ span: s.id, kind: 'wait', edge: null, back: false, node: s.node, fromV: vArrived, toV, fromF: 1, toF: 1, tone: 'ok', again });
    }
    const vDone = placeCalls(s, vCursor, simCursor);
    if (s.answeredMs !== null && s.doneMs !== null) {
      const vAnswered = vDone + Math.max(travel, (s.answeredMs - s.doneMs) * slow);
      segments.push({ span: s.id, kind: 'travel', edge: s.edge, back: true, node: s.node, fromV: vDone, toV: vAnswered, fromF: 1, toF: 0, tone: s.outcome === 'failed' ? 'failed' : 'ok', again });
      return { vSent, vEnd: vGaveUp ?? vAnswered, vGaveUp };
    }
    if (s.doneMs !== null && s.gaveUpMs !== null && s.edge !== null) {
      // Finished for a caller that had given up: its answer goes back to nobody.
      segments.push({ span: s.id, kind: 'travel', edge: s.edge, back: true, node: s.node, fromV: vDone, toV: vDone + travel, fromF: 1, toF: 0, tone: 'abandoned', again });
    }
    return { vSent, vEnd: vGaveUp ?? vDone, vGaveUp };
  };

  /** Places the calls of `s` made after `simFrom` (its service's end); returns when `s` completes. */
  const placeCalls = (s: TraceSpan, vFrom: number, simFrom: number): number => {
    let vDone = vFrom;
    const calls = (children.get(s.id) ?? []).slice(0, maxCalls);
    const done: { span: TraceSpan; p: Placed }[] = [];
    for (const c of calls) {
      let vSent: number;
      const sent = c.sentMs ?? simFrom;
      const prior = c.retryOf >= 0 ? placed.get(c.retryOf) : undefined;
      const original = c.hedgeOf >= 0 && c.role === 'hedge' ? placed.get(c.hedgeOf) : undefined;
      if (prior) vSent = prior.vEnd + Math.max(0, c.backoffMs ?? 0) * slow;
      else if (original) vSent = original.vSent + Math.max(0, sent - (spans[c.hedgeOf].sentMs ?? sent)) * slow;
      else {
        // After the latest earlier call that was over by then (sequential calls), else after the service.
        let anchorV = vFrom;
        let anchorSim = simFrom;
        for (const d of done) {
          const end = d.span.answeredMs ?? d.span.gaveUpMs;
          if (end !== null && end <= sent && d.p.vEnd >= anchorV) {
            anchorV = d.p.vEnd;
            anchorSim = end;
          }
        }
        vSent = anchorV + Math.max(0, sent - anchorSim) * slow;
      }
      const p = place(c, vSent);
      placed.set(c.id, p);
      done.push({ span: c, p });
      if (!c.async) vDone = Math.max(vDone, p.vEnd);
    }
    return vDone;
  };

  const root = spans[0];
  if (root) {
    placed.set(0, { vSent: 0, vEnd: 0, vGaveUp: null });
    placeCalls(root, 0, 0);
  }
  // After the caller gave up, the rest of an attempt's life is grey — and so is the work it set going downstream.
  const gaveUp = new Map<number, number>();
  for (const s of spans) {
    const own = placed.get(s.id)?.vGaveUp ?? null;
    const inherited = s.parent >= 0 ? gaveUp.get(s.parent) : undefined;
    const g = own === null ? inherited : inherited === undefined ? own : Math.min(own, inherited);
    if (g !== undefined) gaveUp.set(s.id, g);
  }
  const out: DotSegment[] = [];
  for (const seg of segments) {
    const g = gaveUp.get(seg.span) ?? null;
    if (g === null || seg.toV <= g || seg.tone !== 'ok') out.push(seg);
    else if (seg.fromV >= g) out.push({ ...seg, tone: 'abandoned' });
    else {
      const at = seg.fromF + ((seg.toF - seg.fromF) * (g - seg.fromV)) / (seg.toV - seg.fromV);
      out.push({ ...seg, toV: g, toF: at }, { ...seg, fromV: g, fromF: at, tone: 'abandoned' });
    }
  }
  let durationV = 0;
  for (const seg of out) durationV = Math.max(durationV, seg.toV);
  return { trace, segments: out, durationV };
}

/** Where a travelling dot is along its edge at visual time `v` (0 at the source, 1 at the target). */
export function travelFraction(seg: DotSegment, v: number): number {
  const t = Math.min(1, Math.max(0, (v - seg.fromV) / Math.max(1e-9, seg.toV - seg.fromV)));
  return seg.fromF + (seg.toF - seg.fromF) * t;
}
