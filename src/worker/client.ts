/**
 * The page's end of the simulation worker: starts it, sends typed commands
 * (each numbered, see protocol.ts) and hands every event to one listener.
 * A worker that dies (an uncaught exception, a module that fails to load, a
 * message that cannot be read) is reported once through `onCrash`; the page
 * then offers a restart, which builds a fresh client.
 */
import type { Scenario } from '../scenario/schema';
import type { Speed, WorkerCommand, WorkerEvent } from './protocol';

/** What the page needs of a Worker; tests pass a fake. */
export interface WorkerLike {
  postMessage(message: WorkerCommand): void;
  terminate(): void;
  onmessage: ((e: MessageEvent<WorkerEvent>) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
  onmessageerror: ((e: MessageEvent) => void) | null;
}

export function createSimWorker(): WorkerLike {
  return new Worker(new URL('./sim.worker.ts', import.meta.url), { type: 'module', name: 'simulation' }) as unknown as WorkerLike;
}

export interface SimWorkerClientOptions {
  onEvent: (event: WorkerEvent) => void;
  /** The worker died; no further events will come. */
  onCrash: (message: string) => void;
  createWorker?: () => WorkerLike;
}

type Command<T extends WorkerCommand['type']> = Omit<Extract<WorkerCommand, { type: T }>, 'seq'>;

export class SimWorkerClient {
  private readonly worker: WorkerLike;
  private seq = 0;
  private isDead = false;

  constructor(options: SimWorkerClientOptions) {
    this.worker = (options.createWorker ?? createSimWorker)();
    this.worker.onmessage = (e) => {
      if (!this.isDead) options.onEvent(e.data);
    };
    const crash = (message: string) => {
      if (this.isDead) return;
      this.isDead = true;
      options.onCrash(message);
    };
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

  /** Sequence number of the last command sent. */
  get lastSeq(): number {
    return this.seq;
  }

  private send(cmd: Command<WorkerCommand['type']>): number {
    const seq = ++this.seq;
    if (!this.isDead) this.worker.postMessage({ ...cmd, seq } as WorkerCommand);
    return seq;
  }

  load(runId: number, scenario: Scenario, speed: Speed, play: boolean): number {
    return this.send({ type: 'load', runId, scenario, speed, play } as Command<'load'>);
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
    return this.send({ type: 'speed', speed } as Command<'speed'>);
  }

  terminate(): void {
    this.isDead = true;
    this.worker.terminate();
  }
}
