/**
 * Faults on a timeline (SCENARIO.md v2, "Faults on a timeline"): the plan —
 * every interval in which a fault is active, fixed before the run starts, so
 * the charts can draw it and a share link reproduces it — and the runtime
 * that switches each target's state at the interval ends.
 *
 * A node's state is recomputed from all the faults active on it at once
 * (overlapping faults combine: down wins, slow factors multiply, error rates
 * combine as independent failures, the fewest servers left apply), so the
 * order in which intervals open and close never matters.
 *
 * Randomness: random fault times come from stream FAULT_STREAM + the fault's
 * index, error draws from FAULT_STREAM − 1 — streams no other part of the
 * engine uses, so adding a fault leaves every other draw of the run as it
 * was (common random numbers: a run with a fault differs from the run
 * without it only by what the fault did).
 */
import { compileSampler, sample, type Sampler } from './distributions';
import type { Simulation } from './engine';
import {
  CAUSE_DOWN,
  CAUSE_ERROR,
  CAUSE_MASK,
  CAUSE_SHIFT,
  F_CANCELLED,
  F_COUNTED,
  F_DONE,
  F_FAILED,
  F_HEDGE,
  F_HOLDS_SERVER,
  F_IN_FIFO,
  F_ISSUED_ALL,
  F_LOST,
  F_SPLITTER,
  INT_FIELDS,
  J_CALL_UNITS,
  J_COUNT,
  J_FLAGS,
  J_MARK,
  J_NODE,
  J_PARENT,
  J_REMAINING,
  NUM_FIELDS,
} from './jobs';
import { FAULT_STREAM, faultIntervals, type FaultInterval } from './faultPlan';
import { Rng } from './random';
import { startNext } from './station';

export { faultIntervals, faultPlan, type FaultInterval } from './faultPlan';

export { FAULT_STREAM };

/**
 * The union of a set of intervals as sorted disjoint [start, end) pairs —
 * a node's pauses, its down time.
 */
export class IntervalUnion {
  readonly starts: number[] = [];
  readonly ends: number[] = [];

  constructor(intervals: readonly { startMs: number; endMs: number }[]) {
    const sorted = [...intervals].sort((a, b) => a.startMs - b.startMs);
    for (const { startMs, endMs } of sorted) {
      const last = this.ends.length - 1;
      if (last >= 0 && startMs <= this.ends[last]) this.ends[last] = Math.max(this.ends[last], endMs);
      else {
        this.starts.push(startMs);
        this.ends.push(endMs);
      }
    }
  }

  /** Time covered within [from, to). */
  coveredIn(from: number, to: number): number {
    let sum = 0;
    for (let i = this.firstEndingAfter(from); i < this.starts.length && this.starts[i] < to; i++) {
      const a = Math.max(from, this.starts[i]);
      const b = Math.min(to, this.ends[i]);
      if (b > a) sum += b - a;
    }
    return sum;
  }

  /** The first time t ≥ from such that [from, t) holds `workMs` of uncovered time: when work resumed at `from` finishes. */
  uncoveredEnd(from: number, workMs: number): number {
    let t = from;
    let left = workMs;
    for (let i = this.firstEndingAfter(from); i < this.starts.length; i++) {
      if (this.starts[i] > t) {
        const gap = this.starts[i] - t;
        if (gap >= left) return t + left;
        left -= gap;
      }
      t = Math.max(t, this.ends[i]);
    }
    return t + left;
  }

  /** Index of the first interval ending after `t` (binary search). */
  private firstEndingAfter(t: number): number {
    let lo = 0;
    let hi = this.ends.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.ends[mid] <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** A node's combined fault state. */
const UP = 0;
const DOWN_REFUSE = 1;
const DOWN_BLACKHOLE = 2;

/**
 * The faults of a run at work: the engine asks it at the few places a fault
 * changes what happens (an arrival at a down node, a call or response on a
 * cut or slowed edge, the end of a service on a paused or erroring node) —
 * each behind a per-node or per-edge byte, so a run without faults pays one
 * typed-array read there.
 */
export class FaultRuntime {
  readonly plan: FaultInterval[];
  /** Error draws (stream FAULT_STREAM − 1). */
  private readonly draws: Rng;
  private readonly sim: Simulation;
  /** Per node: the servers it was built with (a capacity fault, a pause or a crash takes them away for a while). */
  readonly baseServers: Float64Array;
  /** Per node: probability a request fails after its service (cause `error`). */
  readonly errorRate: Float64Array;
  /** Per node: its pauses (a served job's finish moves past them). */
  private readonly pauses: (IntervalUnion | null)[];
  private readonly evStart: number;
  private readonly evEnd: number;
  /** Per edge: the extra delay of each active latency fault. */
  private readonly extra: Sampler[][];
  /** Per target (nodes, then edges at nodeCount + e): the plan indices active now. */
  private readonly active: number[][];
  private readonly extraSamplers: (Sampler | null)[];

  constructor(sim: Simulation, plan: FaultInterval[], evStart: number, evEnd: number) {
    this.sim = sim;
    this.plan = plan;
    this.draws = sim.stream(FAULT_STREAM - 1);
    this.evStart = evStart;
    this.evEnd = evEnd;
    const n = sim.model.nodeCount;
    const m = sim.model.edgeCount;
    this.baseServers = Float64Array.from(sim.stations.servers.subarray(0, n));
    this.errorRate = new Float64Array(n);
    this.pauses = [];
    for (let i = 0; i < n; i++) {
      const own = plan.filter((p) => !p.onEdge && p.target === i && p.type === 'pause');
      this.pauses.push(own.length > 0 ? new IntervalUnion(own) : null);
    }
    this.extra = Array.from({ length: m }, () => []);
    this.active = Array.from({ length: n + m }, () => []);
    const faults = sim.scenario.faults ?? [];
    this.extraSamplers = faults.map((f) => (f.type === 'latency' ? compileSampler(f.extraMs) : null));
    plan.forEach((_, k) => this.schedulePlanned(k));
  }

  private schedulePlanned(k: number): void {
    const p = this.plan[k];
    if (p.startMs <= this.sim.endMs) this.sim.schedule(p.startMs, this.evStart, k);
    if (p.endMs <= this.sim.endMs) this.sim.schedule(p.endMs, this.evEnd, k);
  }

  /**
   * Fault `k` of the (already extended) scenario joins the run: a scheduled
   * fault starting at or after now, so the run goes on exactly as a run of
   * the extended scenario from the start would.
   */
  add(k: number): void {
    const sim = this.sim;
    const f = sim.scenario.faults![k];
    this.extraSamplers[k] = f.type === 'latency' ? compileSampler(f.extraMs) : null;
    for (const p of faultIntervals(sim.scenario, k, sim.seed)) {
      this.plan.push(p);
      this.schedulePlanned(this.plan.length - 1);
      if (p.type === 'pause') {
        const own = this.plan.filter((q) => !q.onEdge && q.target === p.target && q.type === 'pause');
        this.pauses[p.target] = new IntervalUnion(own);
      }
    }
  }

  private key(p: FaultInterval): number {
    return p.onEdge ? this.sim.model.nodeCount + p.target : p.target;
  }

  /** Interval `k` of the plan begins. */
  start(k: number): void {
    const p = this.plan[k];
    this.active[this.key(p)].push(k);
    if (p.onEdge) this.applyEdge(p.target);
    else this.applyNode(p.target);
  }

  /** Interval `k` of the plan ends. */
  end(k: number): void {
    const p = this.plan[k];
    const list = this.active[this.key(p)];
    const at = list.indexOf(k);
    if (at >= 0) list.splice(at, 1);
    if (p.onEdge) this.applyEdge(p.target);
    else this.applyNode(p.target);
  }

  /** Recomputes node `i`'s state from the faults active on it. */
  private applyNode(i: number): void {
    const sim = this.sim;
    const faults = sim.scenario.faults!;
    let down = UP;
    let paused = false;
    let slow = 1;
    let ok = 1;
    let servers = this.baseServers[i];
    for (const k of this.active[i]) {
      const f = faults[this.plan[k].fault];
      switch (f.type) {
        case 'crash':
          down = f.mode === 'blackhole' || down === DOWN_BLACKHOLE ? DOWN_BLACKHOLE : DOWN_REFUSE;
          break;
        case 'pause':
          paused = true;
          break;
        case 'slow':
          slow *= f.factor;
          break;
        case 'errors':
          ok *= 1 - f.rate;
          break;
        case 'capacity':
          servers = Math.min(servers, f.servers);
          break;
        default:
          throw new Error(`fault type "${f.type}" does not target a node`);
      }
    }
    const wasDown = sim.nodeDown[i] !== UP;
    const st = sim.stations;
    sim.meter.touch(i);
    sim.nodeDown[i] = down;
    st.slow[i] = slow;
    this.errorRate[i] = 1 - ok;
    st.servers[i] = down !== UP || paused ? 0 : servers;
    if (down !== UP && !wasDown) {
      this.crash(i);
      sim.behaviours.forEach((b, n) => b.targetCrashed?.(sim, n, sim.nodeState[n], i));
    }
    // Servers back (or more of them): they take what waits.
    if (st.lines[i] !== null && st.lines[i]!.length > 0) startNext(sim, i);
  }

  /** Recomputes edge `e`'s state from the faults active on it. */
  private applyEdge(e: number): void {
    const sim = this.sim;
    const faults = sim.scenario.faults!;
    let cut = 0;
    const extra: Sampler[] = [];
    for (const k of this.active[sim.model.nodeCount + e]) {
      const f = faults[this.plan[k].fault];
      if (f.type === 'partition') cut = f.mode === 'blackhole' || cut === DOWN_BLACKHOLE ? DOWN_BLACKHOLE : DOWN_REFUSE;
      else if (f.type === 'latency') extra.push(this.extraSamplers[this.plan[k].fault]!);
    }
    this.extra[e] = extra;
    sim.edgeCut[e] = cut;
    sim.edgeDelayed[e] = extra.length > 0 ? 1 : 0;
  }

  /** Extra one-way delay on edge `e` now: one draw of each active latency fault. */
  extraMs(e: number): number {
    let sum = 0;
    for (const s of this.extra[e]) sum += sample(s, this.draws);
    return sum;
  }

  /**
   * Node `i` just went down: everything there that has not completed — in
   * service, waiting in its line, waiting for its own calls — fails with
   * cause `down`. Its servers come back empty when the crash ends.
   */
  private crash(i: number): void {
    const sim = this.sim;
    const jobs = sim.jobs;
    const st = sim.stations;
    // A hedge record is no work at the node: it waits in the caller's place, and hears of its copies' fate.
    const victims = jobs.liveIds().filter((j) => jobs.ints[j * INT_FIELDS + J_NODE] === i && !(jobs.ints[j * INT_FIELDS + J_FLAGS] & (F_DONE | F_HEDGE)));
    const line = st.lines[i];
    while (line !== null && line.length > 0) {
      const h = line.take();
      const flags = jobs.ints[h * INT_FIELDS + J_FLAGS] & ~F_IN_FIFO;
      jobs.ints[h * INT_FIELDS + J_FLAGS] = flags;
      if (flags & F_CANCELLED) sim.maybeRelease(h);
      else if (flags & F_SPLITTER) {
        // A bulk job's units not yet handed to a server fail here; those in service fail with their chunks.
        const left = jobs.nums[h * NUM_FIELDS + J_REMAINING];
        if (left > 0) sim.meter.completed(i, left, true, (flags & F_COUNTED) !== 0);
        jobs.nums[h * NUM_FIELDS + J_REMAINING] = 0;
        jobs.ints[h * INT_FIELDS + J_FLAGS] |= F_ISSUED_ALL;
      }
    }
    st.queued[i] = 0;
    st.busy[i] = 0;
    st.chunksInService[i] = 0;
    st.rampLevel[i] = 0;
    st.rampSlope[i] = 0;
    sim.meter.queueIs(i, 0);
    for (const j of victims) {
      const flags = jobs.ints[j * INT_FIELDS + J_FLAGS];
      if (flags & F_DONE) continue; // failed meanwhile (a chunk's failure ended its splitter)
      // The servers are gone already (busy is 0): a blocking request has none left to give back.
      jobs.ints[j * INT_FIELDS + J_FLAGS] = (flags & ~(CAUSE_MASK | F_HOLDS_SERVER)) | F_FAILED | (CAUSE_DOWN << CAUSE_SHIFT);
      sim.completeJob(j, true);
    }
  }

  /** A call reached node `i` while it is down: refused at once, or lost (held until its caller gives up). */
  arriveDown(j: number, i: number): void {
    const sim = this.sim;
    const jobs = sim.jobs;
    const flags = jobs.ints[j * INT_FIELDS + J_FLAGS];
    sim.meter.dropped(i, jobs.nums[j * NUM_FIELDS + J_COUNT], (flags & F_COUNTED) !== 0);
    if (sim.nodeDown[i] === DOWN_BLACKHOLE) {
      jobs.ints[j * INT_FIELDS + J_FLAGS] = flags | F_DONE | F_LOST;
      return;
    }
    jobs.ints[j * INT_FIELDS + J_FLAGS] = (flags & ~CAUSE_MASK) | (CAUSE_DOWN << CAUSE_SHIFT);
    sim.completeJob(j, true, true);
  }

  /** Call `c` along edge `e` meets a partition: refused at once, or lost. */
  sendCut(c: number, e: number): void {
    const sim = this.sim;
    const jobs = sim.jobs;
    const flags = jobs.ints[c * INT_FIELDS + J_FLAGS];
    if (sim.edgeCut[e] === DOWN_BLACKHOLE) {
      jobs.ints[c * INT_FIELDS + J_FLAGS] = flags | F_DONE | F_LOST;
      return;
    }
    jobs.ints[c * INT_FIELDS + J_FLAGS] = (flags & ~CAUSE_MASK) | F_DONE | F_FAILED | (CAUSE_DOWN << CAUSE_SHIFT);
    sim.releaseOutstanding(c, jobs.nums[c * NUM_FIELDS + J_COUNT]);
    sim.notifyUp(c, true);
    sim.maybeRelease(c);
  }

  /** Job `j` completed at its node and its response sets off along a cut edge: the caller hears a refusal, or nothing. */
  respondCut(j: number, e: number): void {
    const sim = this.sim;
    const jobs = sim.jobs;
    const flags = jobs.ints[j * INT_FIELDS + J_FLAGS];
    if (sim.edgeCut[e] === DOWN_BLACKHOLE) {
      jobs.ints[j * INT_FIELDS + J_FLAGS] = flags | F_LOST;
      return;
    }
    jobs.ints[j * INT_FIELDS + J_FLAGS] = (flags & ~CAUSE_MASK) | F_FAILED | (CAUSE_DOWN << CAUSE_SHIFT);
    sim.releaseOutstanding(j, jobs.nums[j * NUM_FIELDS + J_COUNT]);
    sim.notifyUp(j, true);
    sim.maybeRelease(j);
  }

  /**
   * Job `j`'s service-done event at node `i` fired. Returns true when it is
   * not over: the job was failed by a crash meanwhile, or a pause stopped
   * its server — then its finish moves on by the paused time and is
   * scheduled again. J_MARK is the time up to which pauses are accounted for.
   */
  holdsService(j: number, i: number): boolean {
    const sim = this.sim;
    const jobs = sim.jobs;
    if (jobs.ints[j * INT_FIELDS + J_FLAGS] & F_DONE) return true;
    const pauses = this.pauses[i];
    if (pauses === null) return false;
    const from = jobs.nums[j * NUM_FIELDS + J_MARK];
    const owed = pauses.coveredIn(from, sim.now);
    if (owed <= 0) return false;
    const at = pauses.uncoveredEnd(sim.now, owed);
    jobs.nums[j * NUM_FIELDS + J_MARK] = at;
    sim.scheduleJob(at, sim.evServiceDone, j);
    return true;
  }

  /**
   * An `errors` fault on node `i`: after its service job `j` fails with
   * probability `errorRate` (a bulk chunk: a binomial share of its units,
   * and its caller fails fast if any did). Returns true when the job is over.
   */
  failsAfterService(j: number, i: number): boolean {
    const rate = this.errorRate[i];
    if (rate <= 0) return false;
    const sim = this.sim;
    const jobs = sim.jobs;
    const units = jobs.nums[j * NUM_FIELDS + J_COUNT];
    const failedUnits = units === 1 ? (this.draws.uniform() < rate ? 1 : 0) : this.draws.binomial(units, rate);
    if (failedUnits === 0) return false;
    const flags = jobs.ints[j * INT_FIELDS + J_FLAGS];
    if (failedUnits === units) {
      jobs.ints[j * INT_FIELDS + J_FLAGS] = (flags & ~CAUSE_MASK) | (CAUSE_ERROR << CAUSE_SHIFT);
      sim.completeJob(j, true);
      return true;
    }
    // Part of a chunk failed: those units are errors here, the rest go on; the bulk call fails its caller.
    sim.meter.completed(i, failedUnits, true, (flags & F_COUNTED) !== 0);
    jobs.nums[j * NUM_FIELDS + J_COUNT] = units - failedUnits;
    jobs.nums[j * NUM_FIELDS + J_CALL_UNITS] = Math.max(0, jobs.nums[j * NUM_FIELDS + J_CALL_UNITS] - failedUnits);
    const splitter = jobs.ints[j * INT_FIELDS + J_PARENT];
    if (splitter >= 0 && !(jobs.ints[splitter * INT_FIELDS + J_FLAGS] & (F_FAILED | F_DONE))) {
      jobs.ints[splitter * INT_FIELDS + J_FLAGS] = (jobs.ints[splitter * INT_FIELDS + J_FLAGS] & ~CAUSE_MASK) | F_FAILED | (CAUSE_ERROR << CAUSE_SHIFT);
      sim.notifyUp(splitter, true, false);
    }
    return false;
  }

  /** Seconds node `i` was down (crashed) within [fromMs, toMs). */
  downSec(i: number, fromMs: number, toMs: number): number {
    const own = this.plan.filter((p) => !p.onEdge && p.target === i && p.type === 'crash');
    return own.length > 0 ? new IntervalUnion(own).coveredIn(fromMs, toMs) / 1000 : 0;
  }
}
