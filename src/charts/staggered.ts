/**
 * Keeps chart redraws off the main thread's critical path. Drawing one
 * recharts chart costs milliseconds; drawing all of them in the task that
 * receives a snapshot would be one long task (and a stutter) ten times a
 * second. So a chart does not redraw when the store changes: it queues, and
 * a shared pump redraws one chart per task, in turn. Between charts the
 * browser paints and handles input.
 *
 * A chart scrolled out of view does not queue at all; it catches up when it
 * scrolls back in.
 */
import { useEffect, useRef, useState, type RefObject } from 'react';
import { flushSync } from 'react-dom';

type Job = () => void;

const queue: Job[] = [];
let pumping = false;

/** A task of its own, without setTimeout's clamping (MessageChannel), or setTimeout where there is none. */
const nextTask: (fn: () => void) => void = (() => {
  if (typeof MessageChannel === 'undefined') return (fn: () => void) => void setTimeout(fn, 0);
  const channel = new MessageChannel();
  const waiting: (() => void)[] = [];
  channel.port1.onmessage = () => waiting.shift()?.();
  return (fn: () => void) => {
    waiting.push(fn);
    channel.port2.postMessage(null);
  };
})();

function pump() {
  const job = queue.shift();
  if (job) job();
  if (queue.length > 0) nextTask(pump);
  else pumping = false;
}

function enqueue(job: Job) {
  queue.push(job);
  if (!pumping) {
    pumping = true;
    nextTask(pump);
  }
}

/**
 * `value`, delivered to the component in its turn: at most one chart
 * redraws per task, and each at most once per `minIntervalMs` (the latest
 * value is taken when its time comes). While `visible` is false the last
 * delivered value stays.
 */
export function useStaggered<T>(value: T, visible: boolean, minIntervalMs = 0): T {
  const [shown, setShown] = useState(value);
  const latest = useRef(value);
  latest.current = value;
  const queued = useRef(false);
  const shownAt = useRef(-Infinity);
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);
  useEffect(() => {
    if (!visible || queued.current || Object.is(shown, value)) return;
    queued.current = true;
    const turn = () =>
      enqueue(() => {
        queued.current = false;
        if (!alive.current) return;
        shownAt.current = performance.now();
        // Rendered here and now, inside this task, so the next chart's turn is a task of its own.
        flushSync(() => setShown(latest.current));
      });
    const wait = shownAt.current + minIntervalMs - performance.now();
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
