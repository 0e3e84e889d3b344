/**
 * The page's end of the simulation worker: starts it, sends typed commands
 * (each numbered, see protocol.ts) and hands every event to one listener.
 * A worker that dies (an uncaught exception, a module that fails to load, a
 * message that cannot be read) is reported once through `onCrash`; the page
 * then offers a restart, which builds a fresh client.
 *
 * The watchdog: a worker can also stop answering without dying — stuck in a
 * loop inside one slice. Every `intervalMs` the client pings it (protocol.ts);
 * a worker that has not answered for `timeoutMs` is terminated and reported
 * through `onCrash` as well. Any message counts as an answer. A check that
 * itself ran late (the page was busy, or its timers were throttled in a
 * hidden tab) proves nothing about the worker and is not counted; at least
 * two on-time checks must have found the ping unanswered. Compare's and
 * Sweep's workers (lab/workerRunner.ts) are watched the same way.
 */
import type { Scenario, ScenarioFault } from '../scenario/schema';
import type { CommandBody, Speed, WorkerCommand, WorkerEvent, WorkerMessage, WorkerReply } from './protocol';

/** What the page needs of a Worker; tests pass a fake. */
export interface WorkerLike {
  postMessage(message: WorkerMessage): void;
  terminate(): void;
  onmessage: ((e: MessageEvent<WorkerReply>) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
  onmessageerror: ((e: MessageEvent) => void) | null;
}

/** A simulation worker; `name` tells the live run's ('simulation') from Compare's and Sweep's ('lab simulation') in DevTools. */
export function createSimWorker(name = 'simulation'): WorkerLike {
  return new Worker(new URL('./sim.worker.ts', import.meta.url), { type: 'module', name }) as unknown as WorkerLike;
}

export interface WatchdogOptions {
  /** How often the worker is pinged, ms. */
  intervalMs: number;
  /** Silence after which the worker counts as hung, ms. */
  timeoutMs: number;
  now?: () => number;
}

/** A ping a second; four seconds of silence is a hung worker (a slice lasts about 10 ms). */
export const DEFAULT_WATCHDOG: WatchdogOptions = { intervalMs: 1000, timeoutMs: 4000 };

export interface SimWorkerClientOptions {
  onEvent: (event: WorkerEvent) => void;
  /**
   * The worker died or stopped answering (it was then terminated); no further events will come.
   * For a hung worker, `silentMs` is how long it had been silent.
   */
  onCrash: (message: string, cause: 'crashed' | 'hung', silentMs?: number) => void;
  createWorker?: () => WorkerLike;
  /** Ping the worker and give up on it when it stops answering; false: never. */
  watchdog?: WatchdogOptions | false;
}

export class SimWorkerClient {
  private readonly worker: WorkerLike;
  private seq = 0;
  private isDead = false;
  private readonly now: () => number;
  private pingId = 0;
  /** When the oldest unanswered ping was sent; null when the worker has answered everything. */
  private unansweredSince: number | null = null;
  private watchdogTimer: ReturnType<typeof setInterval> | null = null;
  /** On-time checks that found the ping still unanswered: only they prove silence (a busy page delays the pong too). */
  private silentChecks = 0;

  constructor(options: SimWorkerClientOptions) {
    this.worker = (options.createWorker ?? createSimWorker)();
    const watchdog = options.watchdog ?? false;
    this.now = (watchdog && watchdog.now) || (() => performance.now());
    this.worker.onmessage = (e) => {
      if (this.isDead) return;
      this.unansweredSince = null;
      this.silentChecks = 0;
      if (e.data.type !== 'pong') options.onEvent(e.data);
    };
    const crash = (message: string, cause: 'crashed' | 'hung' = 'crashed', silentMs?: number) => {
      if (this.isDead) return;
      this.isDead = true;
      this.stopWatchdog();
      options.onCrash(message, cause, silentMs);
    };
    if (watchdog) {
      let lastCheck = this.now();
      this.watchdogTimer = setInterval(() => {
        if (this.isDead) return;
        const now = this.now();
        const late = now - lastCheck > 2 * watchdog.intervalMs;
        lastCheck = now;
        if (this.unansweredSince === null) {
          this.silentChecks = 0;
          this.unansweredSince = now;
          this.worker.postMessage({ type: 'ping', id: ++this.pingId });
          return;
        }
        // A late check proves nothing (the pong may be queued behind the task that delayed it), but it
        // does not start the count again either: a page that is often busy must still notice a hang.
        if (late) return;
        this.silentChecks++;
        if (this.silentChecks >= 2 && now - this.unansweredSince >= watchdog.timeoutMs) {
          const silentMs = now - this.unansweredSince;
          this.worker.terminate();
          crash(`it stopped answering for ${Math.round(silentMs / 1000)} s — something in this scenario keeps it busy without end — so it was stopped`, 'hung', silentMs);
        }
      }, watchdog.intervalMs);
    }
    this.worker.onerror = (e) => {
      e.preventDefault?.();
      crash(e.message ? `the simulation stopped with an error: ${e.message}` : 'the simulation worker failed to start or crashed');
    };
    this.worker.onmessageerror = () => crash('a message from the simulation could not be read');
  }

  /** Whether the worker has died (or was terminated): commands go nowhere. */
  get dead(): boolean {
    return this.isDead;
  }

  /**
   * How long the worker has left a ping unanswered, ms — counted only once two on-time checks have
   * seen it unanswered (0 otherwise): a page busy for a while has not yet read the worker's pong,
   * and that is no reason to distrust the worker.
   */
  get silentForMs(): number {
    return this.unansweredSince === null || this.silentChecks < 2 ? 0 : this.now() - this.unansweredSince;
  }

  private stopWatchdog(): void {
    if (this.watchdogTimer !== null) clearInterval(this.watchdogTimer);
    this.watchdogTimer = null;
  }

  /** Sequence number of the last command sent. */
  get lastSeq(): number {
    return this.seq;
  }

  private send(cmd: CommandBody): number {
    const seq = ++this.seq;
    const message: WorkerCommand = { ...cmd, seq };
    if (!this.isDead) this.worker.postMessage(message);
    return seq;
  }

  load(runId: number, scenario: Scenario, speed: Speed, play: boolean): number {
    return this.send({ type: 'load', runId, scenario, speed, play });
  }
  play(): number {
    return this.send({ type: 'play' });
  }
  pause(): number {
    return this.send({ type: 'pause' });
  }
  step(): number {
    return this.send({ type: 'step' });
  }
  setSpeed(speed: Speed): number {
    return this.send({ type: 'speed', speed });
  }
  injectFault(fault: ScenarioFault): number {
    return this.send({ type: 'injectFault', fault });
  }
  sampleTraces(on: boolean): number {
    return this.send({ type: 'sampleTraces', on });
  }
  traceNext(op: string): number {
    return this.send({ type: 'traceNext', op });
  }
  watchKey(key: number | null): number {
    return this.send({ type: 'watchKey', key });
  }

  terminate(): void {
    this.isDead = true;
    this.stopWatchdog();
    this.worker.terminate();
  }
}
