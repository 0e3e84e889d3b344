/**
 * Batch jobs (SCENARIO.md v2, "Batch jobs"): records are acknowledged at
 * once and kept; every interval a job splits them into tasks on a pool of
 * workers; a job lasts as long as its slowest task; backup tasks follow
 * MapReduce's rule; dependent jobs run when all their upstream jobs finish.
 * Checked against the exact law of the maximum of n task times, against an
 * independent Monte Carlo of the backup rule, and by counting records.
 */
import { describe, expect, it } from 'vitest';
import { decodeScenario } from '../../src/scenario/decode';
import { batchJobHistory, lastBatchJob } from '../../src/sim/behaviours/batch';
import { Simulation } from '../../src/sim/engine';
import { Rng } from '../../src/sim/random';
import type { Results } from '../../src/sim/results';
import { client, edge, expectClose, run, scenario, service } from './helpers';

const constant = (valueMs: number) => ({ type: 'constant', valueMs });
const uniform = (minMs: number, maxMs: number) => ({ type: 'uniform', minMs, maxMs });

/** 9 tasks in 10 run at 1–1.2× their base time, 1 in 10 is a straggler at 5–10×. */
const STRAGGLERS = { type: 'mixture', parts: [{ weight: 0.9, dist: uniform(1, 1.2) }, { weight: 0.1, dist: uniform(5, 10) }] };
const STARTUP_MS = 100;
const TASKS = 10;

/** P(one task ≤ x ms): start-up 100 ms times the straggler factor. */
function taskCdf(x: number): number {
  const f = x / STARTUP_MS;
  const clip = (v: number) => Math.min(1, Math.max(0, v));
  return 0.9 * clip((f - 1) / 0.2) + 0.1 * clip((f - 5) / 5);
}

/** The p-quantile of the slowest of n tasks: P(max ≤ x) = F(x)^n, solved by bisection. */
function maxQuantile(p: number, n: number): number {
  let lo = 0;
  let hi = 10 * STARTUP_MS;
  for (let i = 0; i < 100; i++) {
    const mid = (lo + hi) / 2;
    if (taskCdf(mid) ** n < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** E[max of n tasks] = ∫ (1 − F(x)^n) dx over [0, 10 × start-up]. */
function maxMean(n: number): number {
  const steps = 100_000;
  const h = (10 * STARTUP_MS) / steps;
  let sum = 0;
  for (let i = 0; i < steps; i++) sum += (1 - taskCdf((i + 0.5) * h) ** n) * h;
  return sum;
}

/**
 * 200 records a second, a job every second: about 200 records per job
 * (199–201), in tasks of 21 records — exactly 10 tasks per job. Per-record
 * work is 0, so a task takes start-up × its straggler factor.
 */
function jobsDoc(batchParams: Record<string, unknown>, durationSec = 2000) {
  return {
    version: 2,
    seed: 11,
    durationSec,
    nodes: [
      client('c', 'rec', 200, 'constant'),
      { id: 'b', kind: 'batch', params: { intervalSec: 1, recordsPerTask: 21, workers: TASKS, taskStartupMs: constant(STARTUP_MS), perRecordMs: constant(0), stragglerFactor: STRAGGLERS, ...batchParams } },
    ],
    edges: [edge('e', 'c', 'b')],
  };
}

/**
 * The backup rule, written again from its words: n tasks start at 0 on free
 * workers; whenever a task finishes, the median of the finished tasks' own
 * running times is taken; a running task without a backup that has run
 * afterFactor × that median gets a backup copy at once (fresh draw); the
 * first copy to finish wins.
 */
function monteCarloJob(rng: Rng, n: number, afterFactor: number, draw: (rng: Rng) => number): { durationMs: number; backups: number } {
  const original = Array.from({ length: n }, () => draw(rng));
  const backupStart = new Array<number>(n).fill(NaN);
  const backupEnd = new Array<number>(n).fill(Infinity);
  const done = new Array<boolean>(n).fill(false);
  const finishedOwn: number[] = [];
  let left = n;
  let now = 0;
  let backups = 0;
  while (left > 0) {
    let median = NaN;
    if (finishedOwn.length > 0) {
      const s = [...finishedOwn].sort((a, b) => a - b);
      const m = s.length >> 1;
      median = s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
    }
    let next = Infinity;
    let task = -1;
    let isThreshold = false;
    for (let i = 0; i < n; i++) {
      if (done[i]) continue;
      const end = Math.min(original[i], backupEnd[i]);
      if (end < next) {
        next = end;
        task = i;
        isThreshold = false;
      }
      if (Number.isNaN(backupStart[i]) && !Number.isNaN(median)) {
        const at = Math.max(now, afterFactor * median);
        if (at < next) {
          next = at;
          task = i;
          isThreshold = true;
        }
      }
    }
    now = next;
    if (isThreshold) {
      backupStart[task] = now;
      backupEnd[task] = now + draw(rng);
      backups++;
    } else {
      done[task] = true;
      left--;
      finishedOwn.push(original[task] <= backupEnd[task] ? original[task] : backupEnd[task] - backupStart[task]);
    }
  }
  return { durationMs: now, backups };
}

/** One straggler-factor draw times the start-up. */
function drawTask(rng: Rng): number {
  const f = rng.uniform() < 0.9 ? 1 + 0.2 * rng.uniform() : 5 + 5 * rng.uniform();
  return STARTUP_MS * f;
}

describe('batch jobs', () => {
  it('with tasks ≤ workers a job lasts as long as its slowest task: quantiles of the job time are those of the maximum of 10 task times, P(max ≤ x) = F(x)^10', () => {
    const r = run(jobsDoc({}));
    const jobs = r.nodes.b.jobs!;
    expect(jobs.count).toBeGreaterThan(1990);
    expect(jobs.backupTasks).toBe(0);
    // P(no straggler among 10) = 0.9^10 ≈ 0.35: the median job already waits for a straggler.
    expectClose(jobs.durationMs.p50, maxQuantile(0.5, TASKS), 0.03, 'median job time');
    expectClose(jobs.durationMs.p99, maxQuantile(0.99, TASKS), 0.02, 'p99 job time');
    expectClose(jobs.durationMs.mean, maxMean(TASKS), 0.02, 'mean job time');
    expect(jobs.durationMs.max).toBeLessThanOrEqual(10 * STARTUP_MS + 1e-9);
    // Against the law of a single task: the job's median is far beyond a task's.
    expect(jobs.durationMs.p50).toBeGreaterThan(3 * maxQuantile(0.5, 1));
  });

  it('backup tasks (after 1.5 × the median finished task) agree with a Monte Carlo of the same rule: mean job time and backups per job', () => {
    // 20 workers for 10 tasks: a backup never waits for a worker, as in the Monte Carlo.
    const r = run(jobsDoc({ workers: 20, speculative: { afterFactor: 1.5 } }));
    const jobs = r.nodes.b.jobs!;
    const rng = new Rng(99, 0);
    const trials = 40_000;
    let sumMs = 0;
    let sumBackups = 0;
    for (let i = 0; i < trials; i++) {
      const j = monteCarloJob(rng, TASKS, 1.5, drawTask);
      sumMs += j.durationMs;
      sumBackups += j.backups;
    }
    expectClose(jobs.durationMs.mean, sumMs / trials, 0.03, 'mean job time with backups');
    expectClose(jobs.backupTasks / jobs.count, sumBackups / trials, 0.05, 'backup tasks per job');
    // The backups cut the tail: the mean is well under that of the slowest of 10 without them.
    expect(jobs.durationMs.mean).toBeLessThan(0.6 * maxMean(TASKS));
  });

  it('every record is processed exactly once across jobs: records in = the jobs’ records once drained, with jobs slower than the interval, bulk arrivals and a warm-up', () => {
    const doc = {
      version: 2,
      seed: 3,
      durationSec: 120,
      warmupSec: 10,
      nodes: [
        client('c', 'rec', 300),
        service('fan', { servers: 64, serviceTimeMs: constant(1) }),
        client('c2', 'bulk', 2),
        {
          id: 'b',
          kind: 'batch',
          // Jobs of ~6,000 records in tasks of 250 on 3 workers take about as long as the 7 s interval: some fall due while one runs.
          params: { intervalSec: 7, recordsPerTask: 250, workers: 3, taskStartupMs: constant(500), perRecordMs: constant(0.5), stragglerFactor: STRAGGLERS, speculative: { afterFactor: 2 } },
        },
        { id: 'd', kind: 'batch', params: { recordsPerTask: 1000, workers: 2 } },
        { id: 'db', kind: 'database' },
      ],
      edges: [edge('e1', 'c', 'b'), edge('e2', 'c2', 'fan'), edge('e3', 'fan', 'b', { fanout: { type: 'fixed', n: 300 } }), edge('e4', 'b', 'd'), edge('e5', 'd', 'db')],
    };
    const r = run(doc);
    const b = r.nodes.b;
    expect(b.jobs!.count).toBeGreaterThan(5);
    expect(b.jobs!.backupTasks).toBeGreaterThan(0);
    expect(b.jobs!.records).toBe(b.arrivals);
    expect(b.arrivals).toBe(r.ops.rec.count + 300 * r.ops.bulk.count);
    // Acknowledged at once: the callers never wait for the job.
    expect(r.ops.rec.latencyMs.max).toBe(0);
    expect(b.completed).toBe(b.arrivals);
    // The dependent job took exactly what the upstream jobs processed.
    expect(r.nodes.d.jobs!.records).toBe(b.jobs!.records);
    expect(r.nodes.d.jobs!.count).toBeLessThanOrEqual(b.jobs!.count);
  });

  it('a job of 50,000 tasks with backups processes every record once and backs up only the stragglers that run past the threshold', () => {
    const r = run({
      version: 2,
      seed: 2,
      durationSec: 20,
      nodes: [
        client('c', 'rec', 10, 'constant'),
        {
          id: 'b',
          kind: 'batch',
          params: { intervalSec: 20, recordsPerTask: 40, workers: 200, taskStartupMs: constant(10), perRecordMs: constant(0), stragglerFactor: { type: 'mixture', parts: [{ weight: 0.99, dist: uniform(1, 1.2) }, { weight: 0.01, dist: constant(30) }] }, speculative: { afterFactor: 2 } },
        },
      ],
      edges: [edge('e', 'c', 'b', { fanout: { type: 'fixed', n: 10_000 } })],
    });
    const jobs = r.nodes.b.jobs!;
    expect(jobs.count).toBe(1);
    expect(jobs.records).toBe(2_000_000);
    // Normal tasks never reach 2 × the median; only stragglers get backups, and only those still running when the originals run out.
    expect(jobs.backupTasks).toBeGreaterThan(0);
    expect(jobs.backupTasks).toBeLessThan(0.01 * 50_000);
  });

  it('each task of a job is won by exactly one copy; a losing copy is cancelled when the winner finishes', () => {
    const s = scenario(jobsDoc({ workers: 20, speculative: { afterFactor: 1.2 } }, 30));
    const sim = new Simulation(s);
    sim.runToEnd();
    const job = lastBatchJob(sim, 1)!;
    expect(job.tasks).toBe(TASKS);
    const wins = new Array<number>(TASKS).fill(0);
    for (const c of job.copies) {
      if (c.won) wins[c.task]++;
      expect(c.endMs).toBeGreaterThanOrEqual(c.startMs);
      expect(c.endMs).toBeLessThanOrEqual(job.endMs);
    }
    expect(wins).toEqual(new Array<number>(TASKS).fill(1));
    for (const lost of job.copies.filter((c) => !c.won)) {
      const winner = job.copies.find((c) => c.task === lost.task && c.won)!;
      expect(lost.endMs).toBe(winner.endMs);
    }
    // The job ends with its last task.
    expect(Math.max(...job.copies.map((c) => c.endMs))).toBe(job.endMs);
    // No two copies on one worker at once.
    for (let w = 0; w < 20; w++) {
      const mine = job.copies.filter((c) => c.worker === w).sort((a, b) => a.startMs - b.startMs);
      for (let i = 1; i < mine.length; i++) expect(mine[i].startMs).toBeGreaterThanOrEqual(mine[i - 1].endMs);
    }
    sim.dispose();
  });

  it('a dependent job runs when all its upstream jobs have finished, over what they processed (a workflow)', () => {
    const doc = {
      version: 2,
      seed: 5,
      durationSec: 90,
      nodes: [
        client('ca', 'a', 100, 'constant'),
        client('cb', 'b', 50, 'constant'),
        { id: 'A', kind: 'batch', params: { intervalSec: 10, workers: 4, recordsPerTask: 100 } },
        { id: 'B', kind: 'batch', params: { intervalSec: 30, workers: 4, recordsPerTask: 100 } },
        { id: 'join', kind: 'batch', params: { workers: 4, recordsPerTask: 500 } },
      ],
      edges: [edge('e1', 'ca', 'A'), edge('e2', 'cb', 'B'), edge('e3', 'A', 'join'), edge('e4', 'B', 'join')],
    };
    const s = scenario(doc);
    const sim = new Simulation(s);
    sim.runToEnd();
    const b = lastBatchJob(sim, 3)!;
    const join = lastBatchJob(sim, 4)!;
    // The join's last job started when B's last job (the slower cadence) ended, not on a timer.
    expect(join.startMs).toBe(b.endMs);
    // Every join job started at the end of a B job, after an A job had ended since the join's previous one.
    const ends = (i: number) => batchJobHistory(sim, i)!.map((j) => j.endMs);
    const history = batchJobHistory(sim, 4)!;
    expect(history.length).toBeGreaterThan(1);
    let previous = -Infinity;
    for (const j of history) {
      expect(ends(3)).toContain(j.startMs);
      expect(ends(2).some((t) => t > previous && t <= j.startMs)).toBe(true);
      previous = j.startMs;
    }
    expect(batchJobHistory(sim, 0)).toBeNull();
    sim.dispose();
    const r = run(doc);
    // B runs every 30 s (3 jobs and the drain's), the join once per B job; everything A and B processed reaches it.
    expect(r.nodes.join.jobs!.count).toBe(r.nodes.B.jobs!.count);
    expect(r.nodes.join.jobs!.records).toBe(r.nodes.A.jobs!.records + r.nodes.B.jobs!.records);
    expect(r.nodes.join.jobs!.records).toBe(r.ops.a.count + r.ops.b.count);
  });

  it('time to result: a record waits on average half an interval for its job, then the job — mean lag = interval/2 + job time', () => {
    const r = run({
      version: 2,
      seed: 4,
      durationSec: 600,
      nodes: [client('c', 'rec', 100, 'constant'), { id: 'b', kind: 'batch', params: { intervalSec: 10, recordsPerTask: 100, workers: 20, taskStartupMs: constant(500), perRecordMs: constant(0) } }],
      edges: [edge('e', 'c', 'b')],
    });
    const jobs = r.nodes.b.jobs!;
    // 10 tasks of 0.5 s at once: every job takes 500 ms.
    expect(jobs.durationMs.max).toBe(500);
    expectClose(jobs.recordLagMs.mean, 5000 + 500, 0.01, 'mean time to result');
    expect(jobs.recordLagMs.max).toBeLessThanOrEqual(10_000 + 500);
    expect(jobs.recordLagMs.max).toBeGreaterThan(9_900 + 500);
  });

  it('a job makes one call per outgoing edge when it finishes', () => {
    const r = run({
      version: 2,
      durationSec: 100,
      nodes: [client('c', 'rec', 50), { id: 'b', kind: 'batch', params: { intervalSec: 20 } }, { id: 'db', kind: 'database' }, service('s')],
      edges: [edge('e1', 'c', 'b'), edge('e2', 'b', 'db'), edge('e3', 'b', 's', { mode: 'async' })],
    });
    // Jobs at 20, 40, 60 and 80 s are in the window; the one at 100 s drains the rest.
    expect(r.nodes.b.jobs!.count).toBe(5);
    expect(r.edges.e2.calls).toBe(4);
    expect(r.edges.e3.calls).toBe(4);
    expect(r.nodes.db.arrivals).toBe(4);
  });

  it('the same scenario and seed give the same results; a batch node draws from its own stream, so the rest of the system sees the very same requests', () => {
    const doc = {
      version: 2,
      seed: 8,
      durationSec: 60,
      nodes: [
        client('c', 'read', 200),
        service('s', { servers: 2 }),
        client('w', 'rec', 100),
        { id: 'b', kind: 'batch', params: { intervalSec: 5, recordsPerTask: 50, stragglerFactor: STRAGGLERS, speculative: { afterFactor: 1.5 } } },
      ],
      edges: [edge('e1', 'c', 's'), edge('e2', 'w', 'b')],
    };
    const strip = (r: Results) => ({ ...r, wallMs: 0 });
    const a = run(doc);
    const b = run(doc);
    expect(strip(a)).toEqual(strip(b));
    const other = run({ ...doc, seed: 9 });
    expect(other.nodes.b.jobs!.durationMs.mean).not.toBe(a.nodes.b.jobs!.durationMs.mean);
    const alone = run({ ...doc, nodes: doc.nodes.slice(0, 2), edges: [edge('e1', 'c', 's')] });
    expect(a.nodes.s).toEqual(alone.nodes.s);
    expect(a.ops.read).toEqual(alone.ops.read);
  });
});

describe('batch jobs: bad input names the field', () => {
  const errorOf = (doc: Record<string, unknown>): string => {
    const r = decodeScenario({ version: 2, ...doc });
    if (r.ok) throw new Error('expected a decoding error');
    return r.error.message;
  };
  const batch = (id: string, params: Record<string, unknown> = {}) => ({ id, kind: 'batch', params });
  const c = client('c', 'rec', 10);

  it.each([
    [{ recordsPerTask: 0 }, 'nodes[1].params.recordsPerTask: expected an integer ≥ 1, got 0'],
    [{ recordsPerTask: 2.5 }, 'nodes[1].params.recordsPerTask: expected an integer, got 2.5'],
    [{ workers: 0 }, 'nodes[1].params.workers: expected an integer ≥ 1, got 0'],
    [{ speculative: { afterFactor: 1 } }, 'nodes[1].params.speculative.afterFactor: expected a number > 1, got 1'],
    [{ speculative: { afterFactor: 0.5 } }, 'nodes[1].params.speculative.afterFactor: expected a number > 1, got 0.5'],
    [{ intervalSec: 0 }, 'nodes[1].params.intervalSec: expected a number > 0, got 0'],
  ])('%j', (params, message) => {
    expect(errorOf({ nodes: [c, batch('b', params)], edges: [edge('e', 'c', 'b')] })).toContain(message);
  });

  it('a dependency cycle between batch nodes is refused, naming the edge that closes it', () => {
    const message = errorOf({
      nodes: [c, batch('extract'), batch('transform'), batch('load')],
      edges: [edge('e0', 'c', 'extract'), edge('e1', 'extract', 'transform'), edge('e2', 'transform', 'load'), edge('e3', 'load', 'transform')],
    });
    expect(message).toContain('edges[3]: the batch jobs depend on each other in a cycle (transform → load → transform)');
  });

  it('no backup tasks is the default, and an emptied backup setting means none', () => {
    const r = decodeScenario({ version: 2, nodes: [batch('b', { speculative: { afterFactor: undefined } })] });
    expect(r.ok).toBe(true);
    if (r.ok) expect((r.scenario.nodes[0].params as { speculative?: unknown }).speculative).toBeUndefined();
  });
});
