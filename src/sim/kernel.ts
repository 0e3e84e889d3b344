/**
 * The kernel of the discrete-event engine (after SimPy's `Environment`): the
 * clock, the future-event list, seeded random streams, the registry of event
 * kinds, timers, join groups and the run loop. It knows nothing of nodes,
 * requests or kinds of component: those are the Simulation's and the
 * behaviours' (engine.ts, behaviours/).
 *
 * Events are (time, kind, id, generation) in a heap that breaks ties by
 * insertion order, so runs are deterministic. An event kind is registered
 * once with its handler; an event of a kind nobody registered throws. A kind
 * registered as job-bound carries the generation of the job record it was
 * scheduled for: if the record has been recycled since, the event is stale
 * and does nothing — a late timer can never act on an unrelated job.
 */
import { EventHeap } from './heap';
import { JobPool } from './jobs';
import { JoinPool } from './joins';
import { grown, grownFreeStack } from './pool';
import { Rng } from './random';

// The job record's layout (jobs.ts), copied rather than imported: V8 folds a module's own constants
// into the optimized code but loads imported ones at every use, which cost the M/M/1 benchmark
// about 15%. test/sim/jobLayout.test.ts checks that every copy agrees with jobs.ts.
const INT_FIELDS = 8;
const J_GEN = 7;

/** Handles one event: `id` is a job id for job-bound kinds, otherwise whatever the scheduler chose (a node, a timer's target). */
export type EventHandler<K extends Kernel = Kernel> = (kernel: K, id: number) => void;

/** Something that must hear when the clock passes a point (the live windows). */
export interface ClockWatcher {
  /** The next time the watcher must be told of (closeUpTo is called before any event at or after it). */
  readonly windowEnd: number;
  closeUpTo(t: number): void;
}

export interface StopReason {
  reason: 'maxJobs' | 'maxEvents';
  atSec: number;
  message: string;
}

/** The event kind of timers (slot 0 of the registry). */
const EV_TIMER = 0;
/** Timer handles: generation × 2^24 + slot, exact in a double. */
const SLOT_SPAN = 16_777_216;
const GEN_MASK = 0x0fffffff;

/** Timers: one-shot events that can be cancelled by handle, optionally bound to a job record's generation. */
class TimerPool {
  private capacity = 0;
  kind = new Int32Array(0);
  target = new Int32Array(0);
  /** The target job's generation when scheduled, or −1 when the timer is not bound to a job. */
  targetGen = new Int32Array(0);
  gen = new Int32Array(0);
  live = 0;
  private free = new Int32Array(0);
  private freeCount = 0;

  constructor(initialCapacity = 64) {
    this.grow(initialCapacity);
  }

  alloc(): number {
    if (this.freeCount === 0) this.grow(this.capacity * 2);
    this.live++;
    return this.free[--this.freeCount];
  }

  release(slot: number): void {
    this.gen[slot] = (this.gen[slot] + 1) & GEN_MASK;
    this.free[this.freeCount++] = slot;
    this.live--;
  }

  private grow(capacity: number): void {
    if (capacity > SLOT_SPAN) throw new Error('more than 16 million timers pending at once');
    this.kind = grown(this.kind, capacity);
    this.target = grown(this.target, capacity);
    this.targetGen = grown(this.targetGen, capacity);
    this.gen = grown(this.gen, capacity);
    this.free = grownFreeStack(this.free, this.freeCount, this.capacity, capacity);
    this.freeCount += capacity - this.capacity;
    this.capacity = capacity;
  }
}

export class Kernel {
  /** Simulated time, ms. */
  now = 0;
  /** Events processed so far. */
  events = 0;
  /** Events popped whose job record had been recycled, or whose timer was cancelled. */
  staleEvents = 0;
  stopped: StopReason | null = null;
  readonly seed: number;
  /** Events after this time are not processed: the run is over. */
  readonly endMs: number;
  /** Stop (with a reason) when this many job records are live at once. */
  readonly maxJobs: number;

  readonly heap = new EventHeap(4096);
  readonly jobs = new JobPool(4096);
  readonly joins = new JoinPool(256);
  private readonly timers = new TimerPool();

  private readonly handlers: EventHandler<never>[] = [];
  private readonly eventNames: string[] = [];
  private readonly jobBound: number[] = [];

  /** The insertion sequence of the event being processed (with `now`, its place in the order). */
  curSeq = -1;
  /**
   * Calls in flight that hold no job record (the Simulation's leaf fast path),
   * counted towards maxJobs with the records: an upper bound until
   * `settleUncounted` brings it up to date.
   */
  protected uncountedLive = 0;

  /** Told before the clock passes its `windowEnd`. */
  protected clockWatcher: ClockWatcher | null = null;

  constructor(seed: number, endMs: number, maxJobs: number) {
    this.seed = seed;
    this.endMs = endMs;
    this.maxJobs = maxJobs;
    this.handlers.push(fireTimer as EventHandler<never>);
    this.eventNames.push('timer');
    this.jobBound.push(0);
  }

  /** Random stream `k` of this run's seed: streams never overlap, and the same k always gives the same numbers. */
  stream(k: number): Rng {
    return new Rng(this.seed, k);
  }

  /**
   * Registers an event kind and returns its code. `jobBound`: the event's id
   * is a job record, and the event is dropped if that record was recycled
   * after it was scheduled.
   */
  registerEvent<K extends Kernel>(this: K, name: string, handler: EventHandler<K>, jobBound: boolean): number {
    if (this.handlers.length >= 255) throw new Error('too many event kinds');
    this.handlers.push(handler as EventHandler<never>);
    this.eventNames.push(name);
    this.jobBound.push(jobBound ? 1 : 0);
    return this.handlers.length - 1;
  }

  /** Schedules an event of a kind registered as not job-bound (its id is a node, a partition, …). */
  schedule(atMs: number, kind: number, id: number): void {
    this.heap.push(atMs, kind, id, 0);
  }

  /** Schedules an event of a job-bound kind for job `j`, stamped with the job's current generation. */
  scheduleJob(atMs: number, kind: number, j: number): void {
    this.heap.push(atMs, kind, j, this.jobs.ints[j * INT_FIELDS + J_GEN]);
  }

  /**
   * Starts a timer that runs `kind`'s handler on `target` at `atMs`, unless
   * cancelled first; with `boundToJob`, also unless job record `target` was
   * recycled meanwhile. Returns a handle for `cancelTimer`.
   */
  startTimer(atMs: number, kind: number, target: number, boundToJob: boolean): number {
    const t = this.timers;
    const slot = t.alloc();
    t.kind[slot] = kind;
    t.target[slot] = target;
    t.targetGen[slot] = boundToJob ? this.jobs.ints[target * INT_FIELDS + J_GEN] : -1;
    const gen = t.gen[slot];
    this.heap.push(atMs, EV_TIMER, slot, gen);
    return gen * SLOT_SPAN + slot;
  }

  /** Cancels a timer; a handle that already fired or was cancelled is ignored. Returns whether it was pending. */
  cancelTimer(handle: number): boolean {
    const slot = handle % SLOT_SPAN;
    const gen = (handle - slot) / SLOT_SPAN;
    const t = this.timers;
    if (slot >= t.gen.length || t.gen[slot] !== gen) return false;
    t.release(slot);
    return true;
  }

  /** Timers started and neither fired nor cancelled. */
  get pendingTimers(): number {
    return this.timers.live;
  }

  /** Whether the run is over: nothing left to do, past the drain limit, or stopped. */
  get finished(): boolean {
    return this.stopped !== null || this.heap.size === 0 || this.heap.peekTime() > this.endMs;
  }

  /**
   * Processes events up to simulated time `untilMs` (inclusive), at most
   * `maxEvents` of them. Returns the number processed. Safe to call again.
   */
  step(untilMs: number, maxEvents = Infinity): number {
    const limit = Math.min(untilMs, this.endMs);
    const done = this.stopped === null ? this.processEvents(limit, maxEvents) : 0;
    this.events += done;
    if (this.stopped === null && done < maxEvents && limit > this.now && limit !== Infinity) this.advanceIdle(limit);
    return done;
  }

  /**
   * The hot loop, kept small and free of rare paths so that it stays
   * optimized: pop the earliest event, dispatch it through the registry, repeat.
   */
  private processEvents(limit: number, maxEvents: number): number {
    const heap = this.heap;
    const watcher = this.clockWatcher;
    const jobs = this.jobs;
    const handlers = this.handlers as EventHandler<Kernel>[];
    const jobBound = this.jobBound;
    const maxJobs = this.maxJobs;
    const h1 = handlers[1] ?? handlers[0];
    const h2 = handlers[2] ?? handlers[0];
    const h3 = handlers[3] ?? handlers[0];
    let done = 0;
    while (done < maxEvents && heap.size > 0) {
      const t = heap.peekTime();
      if (t > limit) break;
      if (watcher !== null && t >= watcher.windowEnd) watcher.closeUpTo(t);
      const kind = heap.peekKind();
      const id = heap.peekId();
      const gen = heap.peekGen();
      this.curSeq = heap.peekSeq();
      heap.pop();
      this.now = t;
      done++;
      if (kind >= handlers.length) throw new Error(`event of unknown kind ${kind}`);
      if (jobBound[kind] === 1 && jobs.ints[id * INT_FIELDS + J_GEN] !== gen) {
        this.staleEvents++;
        continue;
      }
      if (kind === EV_TIMER) {
        if (this.timers.gen[id] !== gen) {
          this.staleEvents++;
          continue;
        }
      }
      // The first kinds registered (service done, arrivals) each get a call site of their own: a site
      // that only ever sees one handler stays monomorphic, so the optimizer can inline it.
      switch (kind) {
        case 1:
          h1(this, id);
          break;
        case 2:
          h2(this, id);
          break;
        case 3:
          h3(this, id);
          break;
        default:
          handlers[kind](this, id);
      }
      if (jobs.live + this.uncountedLive > maxJobs) {
        if (this.uncountedLive > 0) this.settleUncounted();
        if (jobs.live + this.uncountedLive > maxJobs) {
          this.stop('maxJobs');
          break;
        }
      }
    }
    return done;
  }

  /** Brings `uncountedLive` up to date with everything before the current event (see Simulation). */
  protected settleUncounted(): void {}

  /** Idle time still counts: advances the clock to the horizon reached (telling the watcher on the way). */
  private advanceIdle(limit: number): void {
    const heap = this.heap;
    const horizon = heap.size > 0 ? Math.min(limit, heap.peekTime()) : limit;
    if (this.clockWatcher !== null && horizon >= this.clockWatcher.windowEnd) this.clockWatcher.closeUpTo(horizon);
    if (horizon > this.now) this.now = horizon;
  }

  /** Runs until the run is over, at most `maxEvents` events (then stops with reason 'maxEvents'). */
  runToEnd(maxEvents = Infinity): void {
    const before = this.events;
    while (!this.finished) {
      const budget = maxEvents - (this.events - before);
      if (budget <= 0) {
        this.stop('maxEvents');
        break;
      }
      this.step(this.endMs, Math.min(budget, 1_000_000));
    }
  }

  stop(reason: StopReason['reason']): void {
    if (this.stopped) return;
    const atSec = this.now / 1000;
    const message =
      reason === 'maxJobs'
        ? `stopped at ${atSec.toFixed(1)} s of simulated time: more than ${this.maxJobs.toLocaleString('en-US')} calls were in the system at once (a request counts once at every node it is at) — the system is overloaded and its queues grow without bound`
        : `stopped at ${atSec.toFixed(1)} s of simulated time: the event budget ran out`;
    this.stopped = { reason, atSec, message };
  }

  /** The name an event kind was registered under (for messages and tests). */
  eventName(kind: number): string {
    return this.eventNames[kind] ?? `unknown event kind ${kind}`;
  }

  /** Runs a due timer: its slot is freed first, so the handler may start new timers. */
  fireTimer(slot: number): void {
    const t = this.timers;
    const kind = t.kind[slot];
    const target = t.target[slot];
    const targetGen = t.targetGen[slot];
    t.release(slot);
    if (targetGen >= 0 && this.jobs.ints[target * INT_FIELDS + J_GEN] !== targetGen) {
      this.staleEvents++;
      return;
    }
    if (kind <= EV_TIMER || kind >= this.handlers.length) throw new Error(`timer of unknown event kind ${kind}`);
    (this.handlers[kind] as EventHandler<Kernel>)(this, target);
  }
}

function fireTimer(kernel: Kernel, slot: number): void {
  kernel.fireTimer(slot);
}
