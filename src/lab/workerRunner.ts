/**
 * Headless runs on the simulation worker (the live run's protocol, see
 * worker/protocol.ts): one worker per run, started at full speed ("max"),
 * its windows folded into Compare's per-second series, terminated when the
 * run finishes or is cancelled — a worker's memory goes back at once.
 *
 * Each run's worker has the live run's watchdog (worker/client.ts): a worker
 * stuck in a slice is terminated within seconds and its run fails with a
 * message saying so, while the other runs of the batch go on.
 */
import { createSimWorker, DEFAULT_WATCHDOG, SimWorkerClient, type WatchdogOptions, type WorkerLike } from '../worker/client';
import type { RunMeta, SimWindow } from '../worker/protocol';
import { unreachable } from '../worker/exhaustive';
import type { HeadlessOptions, HeadlessRun, HeadlessRunner } from './headless';
import { emptySeries, type LabSeries } from './series';

/** Appends what Compare plots and the phase map judges of each window up to the duration: the op's p50 and p99, its requests offered, succeeded and failed, and the writes along the fan-out edges. */
export function appendSeries(series: LabSeries, windows: readonly SimWindow[], meta: RunMeta, op: string, writeEdgeIds: readonly string[]): void {
  const o = meta.ops.indexOf(op);
  const edges = writeEdgeIds.map((id) => meta.edges.findIndex((e) => e.id === id)).filter((i) => i >= 0);
  for (const w of windows) {
    // Past the duration, arrivals have stopped and the run only drains: not part of the comparison.
    if (w.startSec >= meta.durationSec - 1e-9) continue;
    const latency = o >= 0 ? w.ops[o].latency : null;
    series.sec.push(w.endSec);
    series.p50.push(latency ? latency.p50 : null);
    series.p99.push(latency ? latency.p99 : null);
    series.writesPerSec.push(edges.reduce((sum, e) => sum + w.edges[e].callsPerSec, 0));
    const widthSec = Math.max(1e-9, w.endSec - w.startSec);
    series.offeredPerSec.push(o >= 0 ? w.ops[o].created / widthSec : 0);
    series.okPerSec.push(o >= 0 ? w.ops[o].throughputPerSec : 0);
    series.errorsPerSec.push(o >= 0 ? w.ops[o].errorsPerSec : 0);
  }
}

/** What a headless run that hung fails with, after its worker was stopped. */
export function hungRunMessage(silentSec: number): string {
  return `the simulation stopped answering for ${silentSec} s and was stopped — something in this scenario keeps it busy without end; change it, then run again`;
}

/**
 * A headless runner on real workers (or on `createWorker`'s, in tests), each watched as the live
 * run's worker is (`watchdog`; default: on for real workers, off for a `createWorker` fake unless given).
 */
export function workerHeadlessRunner(createWorker?: () => WorkerLike, watchdog?: WatchdogOptions | false): HeadlessRunner {
  const watch = watchdog ?? (createWorker ? false : DEFAULT_WATCHDOG);
  return (scenario, { signal, op, writeEdgeIds, onProgress, untilDuration }: HeadlessOptions) =>
    new Promise<HeadlessRun>((resolve, reject) => {
      if (signal.aborted) {
        reject(new Error('cancelled'));
        return;
      }
      const RUN_ID = 1;
      let meta: RunMeta | null = null;
      const series: LabSeries = emptySeries();
      let settled = false;
      let resultsSoFar: HeadlessRun['results'] | undefined;
      const settle = (outcome: () => void) => {
        if (settled) return;
        settled = true;
        signal.removeEventListener('abort', onAbort);
        client.terminate();
        outcome();
      };
      const onAbort = () => settle(() => reject(new Error('cancelled')));
      const client = new SimWorkerClient({
        createWorker: createWorker ?? (() => createSimWorker('lab simulation')),
        watchdog: watch,
        onEvent: (e) => {
          if (e.runId !== RUN_ID) return;
          switch (e.type) {
            case 'started':
              meta = e.meta;
              break;
            case 'refused':
            case 'error':
              settle(() => reject(new Error(e.message)));
              break;
            case 'snapshot':
              if (meta) appendSeries(series, e.windows, meta, op, writeEdgeIds);
              onProgress(e.simSec);
              if (e.results) resultsSoFar = e.results;
              if (untilDuration && meta && resultsSoFar && e.status !== 'finished' && (series.sec.at(-1) ?? 0) >= meta.durationSec - 1e-9) {
                const results = resultsSoFar;
                settle(() => resolve({ results, series }));
              } else if (e.status === 'finished') {
                const results = e.results;
                settle(() => (results ? resolve({ results, series }) : reject(new Error('the run ended without results'))));
              }
              break;
            case 'faultInjected':
            case 'trace':
              // Lab runs never inject faults nor trace requests.
              break;
            default:
              unreachable(e, 'worker event');
          }
        },
        onCrash: (message, cause, silentMs = 0) => settle(() => reject(new Error(cause === 'hung' ? hungRunMessage(Math.round(silentMs / 1000)) : message))),
      });
      signal.addEventListener('abort', onAbort);
      client.load(RUN_ID, scenario, 'max', true);
    });
}
