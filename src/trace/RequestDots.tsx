/**
 * Requests you can see: a sample of live requests drawn as dots on one
 * <canvas> above React Flow — travelling along edges in their operation's
 * colour, red when they fail, grey once their caller gave up, leaving again
 * (with a ring) as a retry or a hedge copy, waiting in a line beside the
 * node they queue at, and a burst of them for a fan-out.
 *
 * Cheap by construction: the worker sends a few finished requests a second
 * (src/worker/runner.ts), each is planned once (dotPlan.ts), and every frame
 * is plain canvas drawing from the edge paths React Flow already drew and
 * its viewport transform — no React render per frame, and no frames at all
 * when nothing moves. Clicking a dot opens that request's waterfall; the
 * keyboard has "Trace the next request" (T) and the panel's list of them.
 */
import { Panel, useStoreApi } from '@xyflow/react';
import { useEffect, useRef } from 'react';
import { actions, performAction } from '../actions';
import { opColor } from '../charts/palette';
import { useAppStore } from '../store';
import type { RequestTrace } from '../sim/trace';
import { planDots, travelFraction, type DotPlan, type DotSegment } from './dotPlan';
import { dotsEnabled, onSampledTraces, useTraceStore } from './traceStore';
import './trace.css';

/** Requests animated at once, at most (the worker sends about three a second per op). */
const MAX_ACTIVE = 12;
/** Requests that arrive together start this far apart, wall ms. */
const STAGGER_MS = 300;
const FAILED = '#e5484d';
const ABANDONED = '#94a3b8';
const DOT_PX = 4.5;
/** Wall ms between two drawings of the dots. */
const FRAME_MS = 1000 / 30;

/** What a press on a dot leaves alone: nodes, edge labels, panels and controls keep their clicks. */
const KEEPS_ITS_CLICKS = '.react-flow__node, .react-flow__edgelabel-renderer, .react-flow__panel, .react-flow__minimap, button, input, select, textarea, a';

interface Active {
  plan: DotPlan;
  startMs: number;
  color: string;
}

interface Curve {
  d: string;
  /** Start, two control points, end (flow coordinates); null when the path is not one cubic. */
  pts: number[] | null;
}

/** The cubic of an edge path "M x,y C x1,y1 x2,y2 x,y" (callEdgeCurve's form), or null. */
export function parseCubic(d: string): number[] | null {
  const nums = d.match(/-?\d*\.?\d+(?:e[-+]?\d+)?/gi);
  if (!nums || nums.length < 8 || !/^\s*M/i.test(d) || !/C/i.test(d)) return null;
  return nums.slice(0, 8).map(Number);
}

function bezier(p: number[], t: number): [number, number] {
  const u = 1 - t;
  const a = u * u * u;
  const b = 3 * u * u * t;
  const c = 3 * u * t * t;
  const e = t * t * t;
  return [a * p[0] + b * p[2] + c * p[4] + e * p[6], a * p[1] + b * p[3] + c * p[5] + e * p[7]];
}

export function RequestDots() {
  const enabled = useTraceStore(dotsEnabled);
  const theme = useAppStore((s) => s.theme);
  const flow = useStoreApi();
  const canvasRef = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!enabled || !canvas || !ctx) return;
    const host = canvas.parentElement!;
    let width = 0;
    let height = 0;
    let dpr = 1;
    const resize = () => {
      dpr = window.devicePixelRatio || 1;
      width = host.clientWidth;
      height = host.clientHeight;
      canvas.width = Math.round(width * dpr);
      canvas.height = Math.round(height * dpr);
    };
    resize();
    const observer = typeof ResizeObserver !== 'undefined' ? new ResizeObserver(resize) : null;
    observer?.observe(host);
    const outline = theme === 'dark' ? 'rgba(15, 17, 23, 0.9)' : 'rgba(255, 255, 255, 0.95)';
    const text = theme === 'dark' ? '#e6e8ee' : '#131722';

    let active: Active[] = [];
    let nextStart = 0;
    let frame = 0;
    const curves = new Map<string, Curve>();
    const paths = new Map<string, Element>();
    /** Dots drawn in the last frame, for picking: x, y and the request. */
    const drawn: { x: number; y: number; trace: RequestTrace }[] = [];

    const curveOf = (edge: string): number[] | null => {
      let el = paths.get(edge);
      if (!el || !el.isConnected) {
        el = host.querySelector(`[data-testid="rf__edge-${CSS.escape(edge)}"] path.react-flow__edge-path`) ?? undefined;
        if (!el) return null;
        paths.set(edge, el);
      }
      const d = el.getAttribute('d') ?? '';
      const cached = curves.get(edge);
      if (cached && cached.d === d) return cached.pts;
      const pts = parseCubic(d);
      curves.set(edge, { d, pts });
      return pts;
    };

    const draw = (now: number) => {
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      ctx.clearRect(0, 0, width, height);
      drawn.length = 0;
      const rf = flow.getState();
      const [tx, ty, k] = rf.transform;
      const r = Math.max(3, Math.min(6, DOT_PX * Math.sqrt(k)));
      const waiting = new Map<string, number>();
      const serving = new Map<string, number>();
      const boxOf = (id: string) => {
        const n = rf.nodeLookup.get(id);
        if (!n || n.hidden) return null;
        const w = n.measured.width ?? 0;
        const h = n.measured.height ?? 0;
        return { x: n.internals.positionAbsolute.x * k + tx, y: n.internals.positionAbsolute.y * k + ty, w: w * k, h: h * k };
      };
      active = active.filter((a) => now - a.startMs <= a.plan.durationV);
      for (const a of active) {
        const v = now - a.startMs;
        if (v < 0) continue;
        const units = a.plan.trace.spans;
        for (const seg of a.plan.segments) {
          if (v < seg.fromV || v >= seg.toV) continue;
          let x: number;
          let y: number;
          if (seg.kind === 'travel') {
            const pts = seg.edge ? curveOf(seg.edge) : null;
            if (!pts) continue;
            const [fx, fy] = bezier(pts, travelFraction(seg, v));
            x = fx * k + tx;
            y = fy * k + ty;
          } else {
            const box = boxOf(seg.node);
            if (!box) continue;
            const counts = seg.kind === 'wait' ? waiting : serving;
            const n = counts.get(seg.node) ?? 0;
            counts.set(seg.node, n + 1);
            const step = r * 2.3;
            if (seg.kind === 'wait') {
              // A line of waiting requests just left of the node, growing leftwards, then in rows upwards.
              x = box.x - step * (1 + (n % 8));
              y = box.y + box.h / 2 - step * Math.floor(n / 8);
            } else {
              // In service: along the node's bottom border.
              x = box.x + box.w / 2 + step * ((n % 7) - 3);
              y = box.y + box.h + step * (0.8 + Math.floor(n / 7));
            }
          }
          paint(seg, x, y, r, a.color, units[seg.span].units);
          drawn.push({ x, y, trace: a.plan.trace });
        }
      }
    };

    const paint = (seg: DotSegment, x: number, y: number, r: number, color: string, units: number) => {
      const fill = seg.tone === 'failed' ? FAILED : seg.tone === 'abandoned' ? ABANDONED : color;
      const big = units > 1 ? r * 1.6 : r;
      ctx.beginPath();
      ctx.arc(x, y, big, 0, Math.PI * 2);
      ctx.fillStyle = fill;
      ctx.fill();
      ctx.lineWidth = 1.5;
      ctx.strokeStyle = outline;
      ctx.stroke();
      if (seg.again) {
        ctx.beginPath();
        ctx.arc(x, y, big + 3, 0, Math.PI * 2);
        ctx.lineWidth = 1.5;
        ctx.strokeStyle = fill;
        ctx.stroke();
      }
      if (units > 1) {
        ctx.font = '600 10px system-ui, sans-serif';
        ctx.fillStyle = text;
        ctx.fillText(`×${units.toLocaleString('en-US')}`, x + big + 3, y + 3);
      }
    };

    // 30 frames a second are smooth enough for dots. The next frame is asked for only when it is due:
    // a frame requested and then skipped still costs the main thread a whole rendering pass.
    let timer: ReturnType<typeof setTimeout> | 0 = 0;
    let lastDraw = -Infinity;
    const schedule = () => {
      if (frame !== 0 || timer !== 0) return;
      const wait = lastDraw + FRAME_MS - performance.now() - 8;
      if (wait <= 0) frame = requestAnimationFrame(tick);
      else
        timer = setTimeout(() => {
          timer = 0;
          frame = requestAnimationFrame(tick);
        }, wait);
    };
    const tick = (now: number) => {
      frame = 0;
      lastDraw = now;
      draw(now);
      if (active.length > 0) schedule();
      else ctx.clearRect(0, 0, canvas.width, canvas.height);
    };

    const unsubscribe = onSampledTraces((traces) => {
      const now = performance.now();
      const ops = useAppStore.getState().live?.meta.ops ?? [];
      for (const t of traces) {
        nextStart = Math.max(now, Math.min(nextStart + STAGGER_MS, now + 1500));
        active.push({ plan: planDots(t), startMs: nextStart, color: opColor(Math.max(0, ops.indexOf(t.op))) });
      }
      if (active.length > MAX_ACTIVE) active.splice(0, active.length - MAX_ACTIVE);
      schedule();
    });

    // Picking: a press on a dot opens its request's waterfall (and does not start a pan).
    const hit = (e: PointerEvent) => {
      const box = host.getBoundingClientRect();
      const x = e.clientX - box.left;
      const y = e.clientY - box.top;
      for (let i = drawn.length - 1; i >= 0; i--) {
        const d = drawn[i];
        if ((d.x - x) ** 2 + (d.y - y) ** 2 <= 64) return d.trace;
      }
      return null;
    };
    const onPointerDown = (e: PointerEvent) => {
      // A dot over a node, a label or a control does not take that element's click.
      if (e.target instanceof Element && e.target.closest(KEEPS_ITS_CLICKS)) return;
      const trace = hit(e);
      if (!trace) return;
      e.stopPropagation();
      e.preventDefault();
      void performAction(actions.showRequestTrace, trace);
    };
    host.addEventListener('pointerdown', onPointerDown, true);

    return () => {
      unsubscribe();
      observer?.disconnect();
      host.removeEventListener('pointerdown', onPointerDown, true);
      if (frame !== 0) cancelAnimationFrame(frame);
      if (timer !== 0) clearTimeout(timer);
      ctx.clearRect(0, 0, canvas.width, canvas.height);
    };
  }, [enabled, theme, flow]);

  return (
    <>
      <canvas ref={canvasRef} className="request-dots" aria-hidden="true" data-testid="request-dots" data-on={enabled ? 'true' : 'false'} />
      {enabled && (
        <Panel position="top-right" className="request-dots-note">
          <span title="A few requests a second are drawn, slowed down so each hop can be seen: colour = operation, red = failed, grey = its caller gave up, a ring = a retry or hedge leaving again. Waiting requests line up left of their node; requests in service sit under it.">
            Dots: sampled requests, slowed down · click one to trace it · D hides them
          </span>
        </Panel>
      )}
    </>
  );
}
