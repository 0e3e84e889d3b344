import { readFileSync } from 'node:fs';
import { decodeScenario } from '../../src/scenario/decode';
import type { Scenario } from '../../src/scenario/schema';
import type { SnapshotEvent, WorkerCommand, WorkerEvent } from '../../src/worker/protocol';
import { SimRunner, type RunnerClock, type RunnerOptions } from '../../src/worker/runner';

/** A preset from public/scenarios, decoded. */
export function preset(name: string): Scenario {
  const r = decodeScenario(JSON.parse(readFileSync(new URL(`../../public/scenarios/${name}.json`, import.meta.url), 'utf8')));
  if (!r.ok) throw new Error(r.error.message);
  return r.scenario;
}

/**
 * A clock for driving the runner from a test. Virtual mode: time moves only
 * when the test advances it (pacing is exact). Real mode: performance.now(),
 * with queued callbacks run by `drain`.
 */
export class TestClock implements RunnerClock {
  private t = 0;
  private queue: { at: number; fn: () => void; id: number }[] = [];
  private nextId = 0;
  /** Wall ms each callback took (real mode). */
  readonly callbackMs: number[] = [];
  /**
   * CPU ms of this process each callback took (real mode): what a slice costs the machine,
   * whatever else shares its cores (wall time on a busy machine includes time spent waiting).
   */
  readonly callbackCpuMs: number[] = [];
  constructor(readonly mode: 'virtual' | 'real') {}

  now(): number {
    return this.mode === 'real' ? performance.now() : this.t;
  }

  schedule(fn: () => void, ms: number): () => void {
    const id = this.nextId++;
    this.queue.push({ at: this.now() + ms, fn, id });
    return () => {
      this.queue = this.queue.filter((q) => q.id !== id);
    };
  }

  get pending(): number {
    return this.queue.length;
  }

  /** Virtual mode: moves time forward by `ms`, running callbacks as they fall due. */
  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      this.queue.sort((a, b) => a.at - b.at || a.id - b.id);
      const next = this.queue[0];
      if (!next || next.at > end) break;
      this.queue.shift();
      if (next.at > this.t) this.t = next.at;
      next.fn();
    }
    this.t = end;
  }

  /** Runs queued callbacks (ignoring their delays) until none is left or `until` says stop. */
  drain(until: () => boolean = () => false, maxCallbacks = 1_000_000): void {
    for (let i = 0; i < maxCallbacks && this.queue.length > 0 && !until(); i++) {
      const next = this.queue.shift()!;
      const start = performance.now();
      const cpu = process.cpuUsage();
      next.fn();
      const used = process.cpuUsage(cpu);
      this.callbackMs.push(performance.now() - start);
      this.callbackCpuMs.push((used.user + used.system) / 1000);
    }
  }
}

/** A runner with its clock and every event it posted. */
export function harness(mode: 'virtual' | 'real', options?: RunnerOptions) {
  const clock = new TestClock(mode);
  const events: WorkerEvent[] = [];
  const runner = new SimRunner((e) => events.push(structuredClone(e)), clock, options);
  let seq = 0;
  const send = (cmd: Record<string, unknown> & { type: WorkerCommand['type'] }) => runner.handle({ ...cmd, seq: ++seq } as WorkerCommand);
  const snapshots = () => events.filter((e): e is SnapshotEvent => e.type === 'snapshot');
  const last = () => snapshots().at(-1);
  const finished = () => snapshots().some((s) => s.status === 'finished');
  return { clock, events, runner, send, snapshots, last, finished };
}
