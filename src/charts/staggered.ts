/**
 * When a chart redraws. Not in the task that brings new data to the store:
 * that task already updates the canvas (nodes, edges), and one long task is
 * what makes a page stutter. Charts that are due redraw at the next
 * animation frames, one chart per frame (a chart waits in line at most once,
 * so the line is never longer than the charts on screen). Each chart redraws at most once
 * per `minIntervalMs`, taking the latest value when its time comes, and not
 * at all while it is scrolled out of view (it catches up when it scrolls
 * back in).
 *
 * On a slow machine the interval stretches: every long task the page sees
 * (a 'longtask' PerformanceObserver) makes charts wait longer between
 * redraws, up to `MAX_BACKOFF` times the interval, and a quiet second brings
 * them back towards their own pace. The numbers stay live; they just move
 * less often where drawing them would make the page stutter.
 */
import { useEffect, useRef, useState, type RefObject } from 'react';

type Job = () => void;

/** How much longer than their own interval charts wait between redraws while the page is labouring. */
export const MAX_BACKOFF = 6;
let backoff = 1;
let lastLongTaskAt = -Infinity;

/** The current stretch of every chart's redraw interval (1 on a machine that keeps up). */
export function redrawBackoff(now = typeof performance !== 'undefined' ? performance.now() : 0): number {
  // Halves for every quiet second since the last long task.
  const quietSec = Math.max(0, (now - lastLongTaskAt) / 1000 - 1);
  return Math.max(1, backoff / 2 ** quietSec);
}

/** Tells the charts the page just had a long task of `durationMs` (exported for tests). */
export function noteLongTask(durationMs: number, now = performance.now()): void {
  backoff = Math.min(MAX_BACKOFF, redrawBackoff(now) * (durationMs > 100 ? 2 : 1.4));
  lastLongTaskAt = now;
}

if (typeof PerformanceObserver !== 'undefined' && PerformanceObserver.supportedEntryTypes?.includes('longtask')) {
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) noteLongTask(e.duration, e.startTime + e.duration);
  }).observe({ type: 'longtask' });
}

const due: Job[] = [];
let frameRequested = false;

const requestFrame: (fn: () => void) => void =
  typeof requestAnimationFrame === 'function' ? (fn) => void requestAnimationFrame(() => fn()) : (fn) => void setTimeout(fn, 16);

/** One chart per frame: each redraw's layout and paint then has a frame to itself. */
function flush() {
  frameRequested = false;
  due.shift()?.();
  if (due.length > 0) {
    frameRequested = true;
    requestFrame(flush);
  }
}

function enqueue(job: Job) {
  due.push(job);
  if (!frameRequested) {
    frameRequested = true;
    requestFrame(flush);
  }
}

/** A ref that is true while the component is mounted: a queued update checks it before it sets state. */
function useMounted(): RefObject<boolean> {
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  return mounted;
}

/** `value`, as the chart should draw it now (see the file comment). */
export function useStaggered<T>(value: T, visible: boolean, minIntervalMs = 0): T {
  const [shown, setShown] = useState(value);
  const latest = useRef(value);
  latest.current = value;
  const queued = useRef(false);
  const shownAt = useRef(-Infinity);
  const alive = useMounted();
  useEffect(() => {
    if (!visible || queued.current || Object.is(shown, value)) return;
    queued.current = true;
    const turn = () =>
      enqueue(() => {
        queued.current = false;
        if (!alive.current) return;
        shownAt.current = performance.now();
        setShown(latest.current);
      });
    const now = performance.now();
    const wait = shownAt.current + minIntervalMs * (minIntervalMs > 0 ? redrawBackoff(now) : 1) - now;
    if (wait > 0) setTimeout(turn, wait);
    else turn();
  }, [value, shown, visible, minIntervalMs]);
  return shown;
}

/** Whether the element is (nearly) in view; true where IntersectionObserver is missing. */
export function useInView(ref: RefObject<Element | null>): boolean {
  const [inView, setInView] = useState(true);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => setInView(entries.some((e) => e.isIntersecting)), { rootMargin: '100px' });
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return inView;
}

// ---------------------------------------------------------------------------
// Axis changes, one chart per frame.

const axisQueue: Job[] = [];
let axisFrameRequested = false;

function grantAxisChange() {
  axisFrameRequested = false;
  axisQueue.shift()?.();
  if (axisQueue.length > 0) {
    axisFrameRequested = true;
    requestFrame(grantAxisChange);
  }
}

/**
 * `value` (an axis range), changed for the component at most one chart per
 * animation frame. Redrawing a chart's frame (axes, ticks, grid) is the
 * costly part of a chart; the time charts page their x axes at the same
 * simulated instants, and doing all of them in one task would make it long.
 */
export function useOneChartPerFrame<T>(value: T): T {
  const [shown, setShown] = useState(value);
  const latest = useRef(value);
  latest.current = value;
  const queued = useRef(false);
  const alive = useMounted();
  useEffect(() => {
    if (queued.current || Object.is(shown, value)) return;
    queued.current = true;
    axisQueue.push(() => {
      queued.current = false;
      if (alive.current) setShown(latest.current);
    });
    if (!axisFrameRequested) {
      axisFrameRequested = true;
      requestFrame(grantAxisChange);
    }
  }, [value, shown]);
  return shown;
}

// ---------------------------------------------------------------------------
// First mounts, one chart per task.

/**
 * How many of `count` charts may be mounted now: one at first, then one more
 * after each frame, so that creating the charts (recharts builds its whole
 * frame on mount) is a row of short tasks rather than one long one at
 * start-up. A chart added later (the user ticks one) mounts a frame later.
 */
export function useMountTurns(count: number): number {
  const [turns, setTurns] = useState(1);
  const alive = useMounted();
  useEffect(() => {
    if (turns >= count) return;
    // A frame, then a task of its own: the browser paints what is there before the next chart starts.
    requestFrame(() => setTimeout(() => alive.current && setTurns((t) => t + 1), 0));
  }, [turns, count]);
  return Math.max(turns, 1);
}
