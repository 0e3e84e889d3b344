/**
 * Runs scenario documents in a worker thread (node:worker_threads), one after
 * another as they arrive, so that a test can watch each with a wall-clock
 * watchdog: an engine loop that never ends cannot block the test itself, the
 * thread is terminated instead (watchdog.ts).
 */
import { parentPort } from 'node:worker_threads';
import { decodeScenario } from '../../src/scenario/decode';
import { runRefusal } from '../../src/sim/limits';
import { runScenario } from '../../src/sim/run';

export interface WorkerVerdict {
  outcome: 'refused' | 'finished' | 'threw';
  message?: string;
  events?: number;
  stopped?: string;
}

export interface WorkerJob {
  id: number;
  document: unknown;
  maxEvents: number;
  /** Requests in the system at once before the run stops as overloaded. */
  maxJobs?: number;
}

function verdictOf(document: unknown, maxEvents: number, maxJobs = 1_000_000): WorkerVerdict {
  const decoded = decodeScenario(document);
  if (!decoded.ok) return { outcome: 'refused', message: decoded.error.message };
  const refusal = runRefusal(decoded.scenario);
  if (refusal) return { outcome: 'refused', message: refusal };
  try {
    const results = runScenario(decoded.scenario, { maxEvents, maxJobs });
    return { outcome: 'finished', events: results.events, stopped: results.stopped?.message };
  } catch (err) {
    return { outcome: 'threw', message: err instanceof Error ? err.message : String(err) };
  }
}

parentPort!.on('message', (job: WorkerJob) => {
  parentPort!.postMessage({ id: job.id, verdict: verdictOf(job.document, job.maxEvents, job.maxJobs) });
});
parentPort!.postMessage({ id: 0, ready: true });
