/** A Worker stand-in for headless runs in Node: the real simulation runner in-process, messages crossing asynchronously and cloned, as between threads. */
import type { WorkerLike } from '../../src/worker/client';
import type { WorkerCommand, WorkerEvent } from '../../src/worker/protocol';
import { SimRunner, type RunnerClock } from '../../src/worker/runner';

const clock: RunnerClock = {
  now: () => performance.now(),
  schedule(fn, ms) {
    const id = setTimeout(fn, ms);
    return () => clearTimeout(id);
  },
};

export function inProcessWorker(log: { terminated: number } = { terminated: 0 }): WorkerLike {
  let terminated = false;
  const worker: WorkerLike = {
    onmessage: null,
    onerror: null,
    onmessageerror: null,
    postMessage: (cmd: WorkerCommand) => {
      const copy = structuredClone(cmd);
      setTimeout(() => !terminated && runner.handle(copy), 0);
    },
    terminate: () => {
      terminated = true;
      log.terminated++;
      runner.handle({ type: 'dispose', seq: 0 });
    },
  };
  const runner = new SimRunner((e: WorkerEvent) => {
    if (terminated) return;
    const copy = structuredClone(e);
    setTimeout(() => !terminated && worker.onmessage?.({ data: copy } as MessageEvent<WorkerEvent>), 0);
  }, clock);
  return worker;
}
