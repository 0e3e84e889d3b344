/**
 * The simulation worker: the engine runs here, off the page's main thread,
 * so the page never stutters however heavy the scenario. Commands arrive as
 * messages (protocol.ts); SimRunner does the work and posts snapshots back.
 */
/// <reference lib="webworker" />
import type { WorkerEvent, WorkerMessage, WorkerPong } from './protocol';
import { SimRunner, type RunnerClock } from './runner';

declare const self: DedicatedWorkerGlobalScope;

/**
 * Yields to the event loop without setTimeout's 4 ms clamp on nested
 * timers: a message to ourselves is queued behind the page's commands, so a
 * Pause is handled right after the current slice.
 */
const channel = new MessageChannel();
const queued: (() => void)[] = [];
channel.port1.onmessage = () => queued.shift()?.();

const clock: RunnerClock = {
  now: () => performance.now(),
  schedule(fn, ms) {
    if (ms > 0) {
      const id = setTimeout(fn, ms);
      return () => clearTimeout(id);
    }
    let cancelled = false;
    queued.push(() => {
      if (!cancelled) fn();
    });
    channel.port2.postMessage(null);
    return () => {
      cancelled = true;
    };
  },
};

const runner = new SimRunner((event: WorkerEvent) => self.postMessage(event), clock);

self.onmessage = (e: MessageEvent<WorkerMessage>) => {
  const message = e.data;
  // The watchdog's ping is answered here, at once: it must not count as a command (see protocol.ts).
  if (message.type === 'ping') self.postMessage({ type: 'pong', id: message.id } satisfies WorkerPong);
  else runner.handle(message);
};
