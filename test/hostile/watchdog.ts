/**
 * A watchdog for scenario runs in tests: documents run in a worker thread
 * (scenarioWorker.mjs, which loads scenarioWorker.ts through tsx), one at a
 * time; a run that has not answered within `timeoutMs` of wall time is
 * reported as hung and its thread terminated (the next run gets a fresh one).
 */
import { Worker } from 'node:worker_threads';
import type { WorkerJob, WorkerVerdict } from './scenarioWorker';

export type WatchedVerdict = WorkerVerdict | { outcome: 'hung'; message: string };

const WORKER_URL = new URL('./scenarioWorker.mjs', import.meta.url);
/** Starting a thread compiles the engine with tsx: seconds on a busy machine, not counted against a run. */
const START_TIMEOUT_MS = 60_000;

export class WatchedRunner {
  private worker: Worker | null = null;
  private ready: Promise<void> | null = null;
  private nextId = 1;
  private waiting: ((reply: { id: number; verdict?: WorkerVerdict; ready?: boolean } | Error) => void) | null = null;

  private start(): Promise<void> {
    if (this.ready) return this.ready;
    const worker = new Worker(WORKER_URL, { resourceLimits: { maxOldGenerationSizeMb: 512 } });
    this.worker = worker;
    // A terminated thread's last words must not reach the run that replaced it.
    const current = () => this.worker === worker;
    worker.on('message', (reply) => current() && this.waiting?.(reply));
    worker.on('error', (err) => current() && this.waiting?.(err));
    worker.on('exit', (code) => current() && this.waiting?.(new Error(`the thread exited with code ${code} before answering`)));
    this.ready = new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the worker thread did not start')), START_TIMEOUT_MS);
      this.waiting = (reply) => {
        clearTimeout(timer);
        this.waiting = null;
        if (reply instanceof Error) reject(reply);
        else resolve();
      };
    });
    return this.ready;
  }

  private reset(): void {
    const w = this.worker;
    this.worker = null;
    this.ready = null;
    if (w) void w.terminate();
  }

  /** Runs `document` (an untrusted JSON value) to the end, or reports it hung after `timeoutMs`. */
  async run(document: unknown, options: { timeoutMs: number; maxEvents: number; maxJobs?: number }): Promise<WatchedVerdict> {
    await this.start();
    const id = this.nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting = null;
        this.reset();
        resolve({ outcome: 'hung', message: `no answer within ${options.timeoutMs} ms` });
      }, options.timeoutMs);
      this.waiting = (reply) => {
        if (!(reply instanceof Error) && reply.id !== id) return;
        clearTimeout(timer);
        this.waiting = null;
        if (reply instanceof Error) {
          this.reset();
          resolve({ outcome: 'threw', message: reply.message });
        } else resolve(reply.verdict!);
      };
      this.worker!.postMessage({ id, document, maxEvents: options.maxEvents, maxJobs: options.maxJobs } satisfies WorkerJob);
    });
  }

  close(): Promise<number> | undefined {
    const w = this.worker;
    this.worker = null;
    this.ready = null;
    return w?.terminate();
  }
}
