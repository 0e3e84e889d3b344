/**
 * Runs a list of jobs with at most `concurrency` at a time (one worker
 * each), in order, until all are done or the signal aborts. Each job's
 * outcome is reported as it lands, so a table fills in while the rest run;
 * a failed job does not stop the others.
 */

export interface PoolCallbacks<T> {
  onStart?: (index: number) => void;
  onDone?: (index: number, value: T) => void;
  onFail?: (index: number, message: string) => void;
}

export type PoolJob<T> = (signal: AbortSignal) => Promise<T>;

function messageOf(err: unknown): string {
  if (err instanceof Error) return err.message || err.name;
  return String(err);
}

/** Resolves when every job has settled or the signal aborted (jobs not started by then never start). */
export async function runPool<T>(jobs: readonly PoolJob<T>[], concurrency: number, signal: AbortSignal, callbacks: PoolCallbacks<T> = {}): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (!signal.aborted && next < jobs.length) {
      const index = next++;
      callbacks.onStart?.(index);
      try {
        const value = await jobs[index](signal);
        if (!signal.aborted) callbacks.onDone?.(index, value);
      } catch (err) {
        if (!signal.aborted) callbacks.onFail?.(index, messageOf(err));
      }
    }
  };
  const lanes = Math.max(1, Math.min(concurrency, jobs.length));
  await Promise.all(Array.from({ length: lanes }, lane));
}

/**
 * How many runs to have in flight: a core for the page where there are
 * many, but at least two (a worker never blocks the page; the OS shares the
 * cores) and at most three.
 */
export function defaultConcurrency(hardwareConcurrency = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency : 2): number {
  return Math.max(2, Math.min(3, (hardwareConcurrency || 2) - 1));
}

/** The items of a cancelled batch: those still queued or running are marked cancelled, finished ones keep their results. */
export function markCancelled<T extends { status: string }>(items: readonly T[]): T[] {
  return items.map((x) => (x.status === 'running' || x.status === 'queued' ? { ...x, status: 'cancelled' } : x));
}
