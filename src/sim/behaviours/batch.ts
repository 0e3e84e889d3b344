/**
 * Batch job (SCENARIO.md v2, "Batch jobs"): a call reaching the node is a
 * record, acknowledged at once and kept. Every `intervalSec` a job takes the
 * records kept so far, splits them into tasks of `recordsPerTask` and runs
 * the tasks on `workers` slots (the node's station, so its utilization is
 * the share of worker time spent on tasks). A task takes `taskStartupMs` plus
 * the sum of `perRecordMs` over its records, times one draw of
 * `stragglerFactor`. With `speculative`, a task that has run longer than
 * `afterFactor` × the median duration of the job's finished tasks gets a
 * backup copy (MapReduce's backup tasks); the first copy to finish wins and
 * the other is cancelled. When the last task is done the job is over and
 * makes one call along each outgoing edge (writing its output).
 *
 * A batch node that other batch nodes call is a step of a workflow: it runs
 * no timer, but starts a job once every batch node upstream of it has
 * finished a job since its last one, over the records those jobs processed
 * (and any that reached it directly).
 *
 * Choices the contract leaves open, made as a practitioner would expect:
 * - A node runs one job at a time (Airflow's `max_active_runs = 1`): a job
 *   due while the previous one runs starts when it finishes, over what has
 *   piled up by then. Nothing piled up, no job: an empty input runs nothing.
 * - Tasks are handed to free workers in order; a backup copy takes a worker
 *   only when no original task is left waiting (as MapReduce schedules its
 *   backups near the end of a job). A task has at most one backup.
 * - The median is over the finished tasks' own running times (the winning
 *   copy's); a task's copy draws its start-up, per-record work and straggler
 *   factor afresh (another machine).
 * - A job is counted in the results when it processes records that arrived
 *   in the measurement window; `records` counts those records, so once the
 *   run has drained, `records` equals the node's counted arrivals.
 *
 * Tasks are timers (the kernel's, cancelled by handle when a copy loses), not
 * job records: a job of a million tasks holds state only for the tasks
 * running, and draws from a random stream of its own node.
 */
import type { ParamsOf } from '../../scenario/schema';
import { compileSampler, sample, sampleSum, type Sampler } from '../distributions';
import type { Simulation } from '../engine';
import { F_COUNTED, F_SPLITTER, INT_FIELDS, J_COUNT, J_EDGE, J_FLAGS, J_OP, NUM_FIELDS } from '../jobs';
import type { Rng } from '../random';
import type { BatchJobsResult } from '../results';
import { RunningMedian } from '../runningMedian';
import { LatencyHistogram } from '../stats';
import type { Behaviour } from './types';

/** Random streams of batch nodes: BATCH_STREAM + the node's index (clients use 1–400, faults 999 on). */
export const BATCH_STREAM = 2000;
/** A copy's timer target: copy slot × NODE_SPAN + node (at most 200 nodes). */
const NODE_SPAN = 256;
/** Jobs of up to this many tasks keep every copy for drawing the last one (its Gantt chart): MapReduce's 15,000-task sort is drawn whole. */
const TRACE_LIMIT = 20_000;
/** Finished jobs kept per node for charts over the run (the oldest go first). */
const HISTORY_LIMIT = 2000;

interface BatchContext {
  evTick: number;
  evCopyDone: number;
  evSpeculate: number;
}

/** A task started and not yet finished: its first copy's start, its copies' slots (−1: none). */
interface TaskRun {
  startMs: number;
  original: number;
  backup: number;
  /** A backup copy was asked for (it may still wait for a worker). */
  backedUp: boolean;
}

/** One copy of a task in the last job, for drawing it: worker × time. */
export interface TaskCopyTrace {
  task: number;
  worker: number;
  startMs: number;
  endMs: number;
  backup: boolean;
  /** false: cancelled, its other copy finished first. */
  won: boolean;
}

export interface BatchJobTrace {
  startMs: number;
  endMs: number;
  records: number;
  tasks: number;
  workers: number;
  /** Every copy, unless the job had more than TRACE_LIMIT of them (then empty, `truncated`). */
  copies: TaskCopyTrace[];
  truncated: boolean;
}

/** One finished job, for job time and records/s over the run. */
export interface BatchJobSummary {
  startMs: number;
  endMs: number;
  records: number;
  tasks: number;
  backupTasks: number;
}

interface BatchState {
  node: number;
  ctx: BatchContext;
  rng: Rng;
  intervalMs: number;
  recordsPerTask: number;
  workers: number;
  startup: Sampler;
  perRecord: Sampler;
  factor: Sampler;
  /** Backup copies after this × the median finished task (Infinity: none). */
  afterFactor: number;

  /** Per node: its position among this node's upstream batch nodes, or −1. Empty upstream: the node runs on its timer. */
  upstreamPos: Int32Array;
  upstreamCount: number;
  upstreamSeen: Uint8Array;
  seenCount: number;

  // Records kept for the next job.
  pending: number;
  pendingCounted: number;
  pendingOp: number;
  /** Sum of the counted records' arrival times (ms × records), and the earliest: their lag to the result. */
  pendingArrivalSum: number;
  pendingEarliest: number;
  /** A tick is scheduled. */
  armed: boolean;
  /** A job fell due while the previous one ran. */
  due: boolean;

  // The job running.
  running: boolean;
  jobStartMs: number;
  jobRecords: number;
  jobCounted: number;
  jobOp: number;
  jobArrivalSum: number;
  jobEarliest: number;
  tasks: number;
  nextTask: number;
  tasksDone: number;
  jobBackups: number;
  jobWorkMs: number;
  runs: Map<number, TaskRun>;
  /** Original tasks in the order they started: the earliest is the first to reach its backup threshold. */
  candidates: number[];
  candidateHead: number;
  /** Tasks whose backup waits for a free worker. */
  backupLine: number[];
  backupHead: number;
  median: RunningMedian;
  speculateHandle: number;

  // Copies running (slots): task, start, timer handle, worker, whether a backup.
  copyTask: Int32Array;
  copyStart: Float64Array;
  copyHandle: Float64Array;
  copyWorker: Int32Array;
  copyBackup: Uint8Array;
  copyTrace: Int32Array;
  freeSlots: number[];
  freeWorkers: number[];
  busy: number;
  trace: TaskCopyTrace[] | null;
  lastJob: BatchJobTrace | null;
  history: BatchJobSummary[];

  // What the last finished job processed: a dependent node's input.
  lastOutputRecords: number;
  lastOutputCounted: number;

  // Results.
  jobs: number;
  records: number;
  jobTimeMs: number;
  backupTasks: number;
  taskWorkMs: number;
  durations: LatencyHistogram;
  lagSumMs: number;
  lagMaxMs: number;
}

function batchArrive(sim: Simulation, j: number, state: BatchState): void {
  const jobs = sim.jobs;
  const units = jobs.nums[j * NUM_FIELDS + J_COUNT];
  const counted = (jobs.ints[j * INT_FIELDS + J_FLAGS] & F_COUNTED) !== 0;
  const e = jobs.ints[j * INT_FIELDS + J_EDGE];
  const source = e >= 0 ? sim.model.edgeSource[e] : -1;
  const pos = source >= 0 ? state.upstreamPos[source] : -1;
  if (state.pendingOp < 0) state.pendingOp = jobs.ints[j * INT_FIELDS + J_OP];
  if (pos >= 0) {
    // An upstream job finished: its records are this step's input.
    const up = sim.nodeState[source] as BatchState;
    state.pending += up.lastOutputRecords;
    keepCounted(state, up.lastOutputCounted, sim.now);
    if (state.upstreamSeen[pos] === 0) {
      state.upstreamSeen[pos] = 1;
      state.seenCount++;
    }
    // Acknowledged first, so that the upstream's output call completes before this job's work begins.
    sim.completeJob(j, false);
    if (state.seenCount === state.upstreamCount) jobDue(sim, state);
    return;
  }
  state.pending += units;
  if (counted) keepCounted(state, units, sim.now);
  sim.completeJob(j, false);
  if (state.upstreamCount === 0 && !state.armed && !state.due) {
    state.armed = true;
    const interval = state.intervalMs;
    sim.schedule((Math.floor(sim.now / interval) + 1) * interval, state.ctx.evTick, state.node);
  }
}

function keepCounted(state: BatchState, records: number, nowMs: number): void {
  if (records <= 0) return;
  if (state.pendingCounted === 0) state.pendingEarliest = nowMs;
  state.pendingCounted += records;
  state.pendingArrivalSum += records * nowMs;
}

function batchTick(sim: Simulation, node: number): void {
  const state = sim.nodeState[node] as BatchState;
  state.armed = false;
  jobDue(sim, state);
}

/** A job falls due: it starts now, or when the running one finishes. */
function jobDue(sim: Simulation, state: BatchState): void {
  if (state.running) state.due = true;
  else startJob(sim, state);
}

function startJob(sim: Simulation, state: BatchState): void {
  state.due = false;
  if (state.upstreamCount > 0) {
    state.upstreamSeen.fill(0);
    state.seenCount = 0;
  }
  if (state.pending <= 0) return;
  state.running = true;
  state.jobStartMs = sim.now;
  state.jobRecords = state.pending;
  state.jobCounted = state.pendingCounted;
  state.jobOp = state.pendingOp;
  state.jobArrivalSum = state.pendingArrivalSum;
  state.jobEarliest = state.pendingEarliest;
  state.pending = 0;
  state.pendingCounted = 0;
  state.pendingArrivalSum = 0;
  state.pendingOp = -1;
  state.tasks = Math.ceil(state.jobRecords / state.recordsPerTask);
  state.nextTask = 0;
  state.tasksDone = 0;
  state.jobBackups = 0;
  state.jobWorkMs = 0;
  state.runs.clear();
  state.candidates.length = 0;
  state.candidateHead = 0;
  state.backupLine.length = 0;
  state.backupHead = 0;
  state.median.clear();
  state.trace = state.tasks <= TRACE_LIMIT ? [] : null;
  dispatch(sim, state);
}

/** Records of task `t`: full splits, the last one takes the rest. */
function taskRecords(state: BatchState, t: number): number {
  return t < state.tasks - 1 ? state.recordsPerTask : state.jobRecords - state.recordsPerTask * (state.tasks - 1);
}

/** Free workers take the waiting tasks in order, then the backups asked for. */
function dispatch(sim: Simulation, state: BatchState): void {
  while (state.busy < sim.stations.servers[state.node]) {
    if (state.nextTask < state.tasks) {
      startCopy(sim, state, state.nextTask++, false);
    } else if (state.backupHead < state.backupLine.length) {
      const t = state.backupLine[state.backupHead++];
      if (state.runs.has(t)) startCopy(sim, state, t, true);
    } else break;
  }
}

function startCopy(sim: Simulation, state: BatchState, t: number, backup: boolean): void {
  const slot = state.freeSlots.length > 0 ? state.freeSlots.pop()! : growSlots(state);
  const worker = state.freeWorkers.pop()!;
  const rng = state.rng;
  const durationMs = (sample(state.startup, rng) + sampleSum(state.perRecord, taskRecords(state, t), rng)) * sample(state.factor, rng);
  state.copyTask[slot] = t;
  state.copyStart[slot] = sim.now;
  state.copyWorker[slot] = worker;
  state.copyBackup[slot] = backup ? 1 : 0;
  state.copyHandle[slot] = sim.startTimer(sim.now + durationMs, state.ctx.evCopyDone, slot * NODE_SPAN + state.node, false);
  sim.meter.touch(state.node);
  sim.stations.busy[state.node]++;
  state.busy++;
  if (backup) {
    state.runs.get(t)!.backup = slot;
    state.jobBackups++;
  } else {
    state.runs.set(t, { startMs: sim.now, original: slot, backup: -1, backedUp: false });
    if (state.afterFactor !== Infinity) state.candidates.push(t);
  }
  if (state.trace !== null) {
    state.copyTrace[slot] = state.trace.length;
    state.trace.push({ task: t, worker, startMs: sim.now, endMs: NaN, backup, won: false });
  }
}

function growSlots(state: BatchState): number {
  const old = state.copyTask.length;
  const size = old * 2;
  const grow = <A extends Int32Array | Float64Array | Uint8Array>(a: A, make: (n: number) => A): A => {
    const b = make(size);
    b.set(a);
    return b;
  };
  state.copyTask = grow(state.copyTask, (n) => new Int32Array(n));
  state.copyStart = grow(state.copyStart, (n) => new Float64Array(n));
  state.copyHandle = grow(state.copyHandle, (n) => new Float64Array(n));
  state.copyWorker = grow(state.copyWorker, (n) => new Int32Array(n));
  state.copyBackup = grow(state.copyBackup, (n) => new Uint8Array(n));
  state.copyTrace = grow(state.copyTrace, (n) => new Int32Array(n));
  for (let s = size - 1; s > old; s--) state.freeSlots.push(s);
  return old;
}

/** Copy `slot` stops (finished, or cancelled): its worker is free, its time is task work. */
function endCopy(sim: Simulation, state: BatchState, slot: number, won: boolean): void {
  sim.meter.touch(state.node);
  sim.stations.busy[state.node]--;
  state.busy--;
  state.jobWorkMs += sim.now - state.copyStart[slot];
  state.freeWorkers.push(state.copyWorker[slot]);
  state.freeSlots.push(slot);
  if (state.trace !== null) {
    const c = state.trace[state.copyTrace[slot]];
    c.endMs = sim.now;
    c.won = won;
  }
}

function copyDone(sim: Simulation, id: number): void {
  const node = id % NODE_SPAN;
  const slot = (id - node) / NODE_SPAN;
  const state = sim.nodeState[node] as BatchState;
  const t = state.copyTask[slot];
  const run = state.runs.get(t)!;
  const ownMs = sim.now - state.copyStart[slot];
  endCopy(sim, state, slot, true);
  const other = run.original === slot ? run.backup : run.original;
  if (other >= 0) {
    sim.cancelTimer(state.copyHandle[other]);
    endCopy(sim, state, other, false);
  }
  state.runs.delete(t);
  state.tasksDone++;
  if (state.tasksDone === state.tasks) {
    finishJob(sim, state);
    return;
  }
  if (state.afterFactor !== Infinity) {
    state.median.add(ownMs);
    speculate(sim, state);
  }
  dispatch(sim, state);
}

/**
 * Asks for a backup of every running task past afterFactor × the median of
 * the finished ones, then sets a timer for the next to get there. Tasks
 * started in order, so the earliest started reaches its threshold first.
 */
function speculate(sim: Simulation, state: BatchState): void {
  if (state.speculateHandle >= 0) {
    sim.cancelTimer(state.speculateHandle);
    state.speculateHandle = -1;
  }
  if (state.median.count === 0) return;
  compact(state);
  const limitMs = state.afterFactor * state.median.value();
  const c = state.candidates;
  while (state.candidateHead < c.length) {
    const run = state.runs.get(c[state.candidateHead]);
    if (run === undefined || run.backedUp) {
      state.candidateHead++;
      continue;
    }
    // The same sum the timer below is set to, so that it is due when the timer fires.
    const dueMs = run.startMs + limitMs;
    if (sim.now < dueMs) {
      state.speculateHandle = sim.startTimer(dueMs, state.ctx.evSpeculate, state.node, false);
      return;
    }
    run.backedUp = true;
    state.backupLine.push(c[state.candidateHead]);
    state.candidateHead++;
  }
}

/** Drops the entries both lists are past, so that a job of millions of tasks holds only those still in play. */
function compact(state: BatchState): void {
  if (state.candidateHead > 1024 && state.candidateHead * 2 > state.candidates.length) {
    state.candidates.splice(0, state.candidateHead);
    state.candidateHead = 0;
  }
  if (state.backupHead > 1024 && state.backupHead * 2 > state.backupLine.length) {
    state.backupLine.splice(0, state.backupHead);
    state.backupHead = 0;
  }
}

function speculateDue(sim: Simulation, node: number): void {
  const state = sim.nodeState[node] as BatchState;
  state.speculateHandle = -1;
  speculate(sim, state);
  dispatch(sim, state);
}

function finishJob(sim: Simulation, state: BatchState): void {
  state.running = false;
  if (state.speculateHandle >= 0) {
    sim.cancelTimer(state.speculateHandle);
    state.speculateHandle = -1;
  }
  const durationMs = sim.now - state.jobStartMs;
  if (state.jobCounted > 0) {
    state.jobs++;
    state.records += state.jobCounted;
    state.jobTimeMs += durationMs;
    state.backupTasks += state.jobBackups;
    state.taskWorkMs += state.jobWorkMs;
    state.durations.record(durationMs);
    // Each record's result exists when its job is over: from its arrival to the job's end.
    state.lagSumMs += state.jobCounted * sim.now - state.jobArrivalSum;
    state.lagMaxMs = Math.max(state.lagMaxMs, sim.now - state.jobEarliest);
  }
  state.lastJob = {
    startMs: state.jobStartMs,
    endMs: sim.now,
    records: state.jobRecords,
    tasks: state.tasks,
    workers: state.workers,
    copies: state.trace ?? [],
    truncated: state.trace === null,
  };
  state.trace = null;
  if (state.history.length === HISTORY_LIMIT) state.history.shift();
  state.history.push({ startMs: state.jobStartMs, endMs: sim.now, records: state.jobRecords, tasks: state.tasks, backupTasks: state.jobBackups });
  state.lastOutputRecords = state.jobRecords;
  state.lastOutputCounted = state.jobCounted;
  writeOutput(sim, state);
  if (state.due) startJob(sim, state);
}

/**
 * The job's output: one call along each outgoing edge its records' op takes,
 * made by a record of the job at the node. Like a bulk splitter's, that
 * record's completion is not a call completed here (the records were
 * acknowledged when they came).
 */
function writeOutput(sim: Simulation, state: BatchState): void {
  const model = sim.model;
  const op = state.jobOp;
  if (op < 0 || model.outEdges[state.node * model.ops.length + op].length === 0) return;
  const carrier = sim.jobs.spawn(state.node, op, -1, -1, -1, F_SPLITTER, sim.now, 1, -1, -1);
  sim.issueCalls(carrier);
}

function jobsResult(state: BatchState): BatchJobsResult {
  const d = state.durations;
  const some = d.count > 0;
  return {
    count: state.jobs,
    records: state.records,
    recordsPerSec: state.jobTimeMs > 0 ? state.records / (state.jobTimeMs / 1000) : 0,
    durationMs: { mean: some ? d.mean() : 0, p50: some ? d.percentile(50) : 0, p99: some ? d.percentile(99) : 0, max: some ? d.max : 0 },
    backupTasks: state.backupTasks,
    taskWorkSec: state.taskWorkMs / 1000,
    recordLagMs: { mean: state.records > 0 ? state.lagSumMs / state.records : 0, max: state.lagMaxMs },
  };
}

/** The last finished job of batch node `index` (its tasks on workers × time), or null before the first. */
export function lastBatchJob(sim: Simulation, index: number): BatchJobTrace | null {
  const state = sim.nodeState[index] as BatchState | undefined;
  return sim.behaviours[index]?.kind === 'batch' && state ? state.lastJob : null;
}

/** The finished jobs of batch node `index`, oldest first (at most the last 2,000), or null for another kind. */
export function batchJobHistory(sim: Simulation, index: number): readonly BatchJobSummary[] | null {
  const state = sim.nodeState[index] as BatchState | undefined;
  return sim.behaviours[index]?.kind === 'batch' && state ? state.history : null;
}

export const batchBehaviour: Behaviour<BatchState, BatchContext> = {
  kind: 'batch',
  bulkRule: 'a bulk of records is that many records, kept at once; tasks are timers, one per copy running, never one event per record',
  setup: (sim) => ({
    evTick: sim.registerEvent('batch tick', batchTick, false),
    evCopyDone: sim.registerEvent('batch task done', copyDone, false),
    evSpeculate: sim.registerEvent('batch backup check', speculateDue, false),
  }),
  compile(sim, node, index, ctx) {
    const p = node.params as ParamsOf<'batch'>;
    const n = sim.model.nodeCount;
    // The station gives the node its workers (utilization); tasks never wait in its line.
    sim.stations.define(index, { servers: p.workers, serviceTimeMs: null, serve: () => {
      throw new Error(`batch node "${node.id}": its tasks are not served from the station's line`);
    } });
    const upstreamPos = new Int32Array(n).fill(-1);
    let upstreamCount = 0;
    const ids = new Map(sim.scenario.nodes.map((x, i) => [x.id, i]));
    for (const e of sim.scenario.edges) {
      if (e.target !== node.id) continue;
      const s = ids.get(e.source)!;
      if (sim.scenario.nodes[s].kind === 'batch' && upstreamPos[s] < 0) upstreamPos[s] = upstreamCount++;
    }
    const slots = 16;
    return {
      node: index,
      ctx,
      rng: sim.stream(BATCH_STREAM + index),
      intervalMs: p.intervalSec * 1000,
      recordsPerTask: p.recordsPerTask,
      workers: p.workers,
      startup: compileSampler(p.taskStartupMs),
      perRecord: compileSampler(p.perRecordMs),
      factor: compileSampler(p.stragglerFactor),
      // An emptied setting (the inspector's cleared field) means no backups, as the decoder reads it.
      afterFactor: p.speculative?.afterFactor ?? Infinity,
      upstreamPos,
      upstreamCount,
      upstreamSeen: new Uint8Array(upstreamCount),
      seenCount: 0,
      pending: 0,
      pendingCounted: 0,
      pendingOp: -1,
      pendingArrivalSum: 0,
      pendingEarliest: 0,
      armed: false,
      due: false,
      running: false,
      jobStartMs: 0,
      jobRecords: 0,
      jobCounted: 0,
      jobOp: -1,
      jobArrivalSum: 0,
      jobEarliest: 0,
      tasks: 0,
      nextTask: 0,
      tasksDone: 0,
      jobBackups: 0,
      jobWorkMs: 0,
      runs: new Map(),
      candidates: [],
      candidateHead: 0,
      backupLine: [],
      backupHead: 0,
      median: new RunningMedian(),
      speculateHandle: -1,
      copyTask: new Int32Array(slots),
      copyStart: new Float64Array(slots),
      copyHandle: new Float64Array(slots),
      copyWorker: new Int32Array(slots),
      copyBackup: new Uint8Array(slots),
      copyTrace: new Int32Array(slots),
      freeSlots: Array.from({ length: slots }, (_, i) => slots - 1 - i),
      freeWorkers: Array.from({ length: p.workers }, (_, i) => p.workers - 1 - i),
      busy: 0,
      trace: null,
      lastJob: null,
      history: [],
      lastOutputRecords: 0,
      lastOutputCounted: 0,
      jobs: 0,
      records: 0,
      jobTimeMs: 0,
      backupTasks: 0,
      taskWorkMs: 0,
      durations: new LatencyHistogram(),
      lagSumMs: 0,
      lagMaxMs: 0,
    };
  },
  arrive: batchArrive,
  nodeResult(_sim, _index, state, r) {
    r.jobs = jobsResult(state);
  },
  dispose: (state) => state.durations.dispose(),
};

