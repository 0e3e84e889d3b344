/**
 * A stand-in for the simulation worker that plays a short script: on `load`
 * it reports the run started and, a moment later, finished with the results
 * `results(scenario)` gives. It answers the watchdog's pings — until it is
 * `stuck`, as a worker caught in an endless loop would be: then nothing it is
 * sent is answered any more.
 */
import type { Scenario } from '../../src/scenario/schema';
import type { Results } from '../../src/sim/results';
import type { WorkerLike } from '../../src/worker/client';
import type { RunMeta, WorkerMessage, WorkerReply } from '../../src/worker/protocol';

export class ScriptedWorker implements WorkerLike {
  onmessage: ((e: MessageEvent<WorkerReply>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  onmessageerror: ((e: MessageEvent) => void) | null = null;
  terminated = false;
  pings = 0;
  constructor(
    readonly results: (scenario: Scenario) => Results,
    public stuck = false,
    /** Wall ms from `load` to the finished snapshot. */
    readonly runMs = 10,
  ) {}

  private reply(data: WorkerReply, ms = 0): void {
    setTimeout(() => {
      if (!this.terminated && !this.stuck) this.onmessage?.({ data } as MessageEvent<WorkerReply>);
    }, ms);
  }

  postMessage(msg: WorkerMessage): void {
    if (this.terminated || this.stuck) return;
    if (msg.type === 'ping') {
      this.pings++;
      this.reply({ type: 'pong', id: msg.id });
      return;
    }
    if (msg.type !== 'load') return;
    const { runId, seq, scenario } = msg;
    const meta: RunMeta = {
      scenarioName: scenario.name,
      seed: scenario.seed,
      durationSec: scenario.durationSec,
      warmupSec: scenario.warmupSec,
      endSec: scenario.durationSec,
      windowSec: 1,
      ops: [],
      nodes: [],
      edges: [],
    };
    this.reply({ type: 'started', runId, seq, meta });
    const snapshot = { type: 'snapshot' as const, runId, seq, events: 0, simRate: 0, windows: [] };
    this.reply({ ...snapshot, status: 'running', simSec: scenario.durationSec / 2 }, this.runMs / 2);
    this.reply({ ...snapshot, status: 'finished', simSec: scenario.durationSec, results: this.results(scenario) }, this.runMs);
  }

  terminate(): void {
    this.terminated = true;
  }
}
