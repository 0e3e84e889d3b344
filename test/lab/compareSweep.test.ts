/**
 * Compare and Sweep without a browser: which variant wins each row and why,
 * which values a sweep visits, what it can vary, and the pool that runs the
 * points a few at a time.
 */
import { describe, expect, it } from 'vitest';
import { commonReadOp, metricRows, rowWinners, variantMetrics } from '../../src/compare/metrics';
import { defaultConcurrency, runPool } from '../../src/lab/runPool';
import { defaultScenario } from '../../src/scenario/presets';
import { rangeProblem, sweepPoints } from '../../src/sweep/points';
import { busiestOp, defaultSweepParameter, saturationRate, sweepParameters } from '../../src/sweep/parameters';
import { client, edge, scenario, service } from '../sim/helpers';
import type { Results } from '../../src/sim/results';
import { celebrityThreshold } from '../../src/scenario/twitter';
import { preset } from '../worker/harness';
import { compareCsv, compareVerdicts } from '../../src/compare/verdict';
import { knownOps } from '../../src/scenario/edit';
import { runScenario } from '../../src/sim/run';

describe('compare: the winner of a row', () => {
  it('is the lowest value when lower is better, the highest when higher is', () => {
    expect(rowWinners([120, 8, 30], 'lower')).toEqual([1]);
    expect(rowWinners([120, 8, 30], 'higher')).toEqual([0]);
  });

  it('includes every value within 1% of the best (percentiles are only that exact)', () => {
    expect(rowWinners([10, 10.05, 30], 'lower')).toEqual([0, 1]);
    expect(rowWinners([10, 10.2, 30], 'lower')).toEqual([0]);
  });

  it('is nobody when all tie or fewer than two variants have a value', () => {
    expect(rowWinners([5, 5, 5], 'lower')).toEqual([]);
    expect(rowWinners([undefined, 5, undefined], 'lower')).toEqual([]);
    expect(rowWinners([undefined, 5, 7], 'lower')).toEqual([1]);
    expect(rowWinners([0, 340, 2000], 'lower')).toEqual([0]);
  });

  it('every row says which way is better', () => {
    for (const row of metricRows('timeline')) expect(row.why).toMatch(/^(lower|higher) is better/);
  });

  it('compares on timeline when every variant has it, else on an op they share', () => {
    expect(commonReadOp([['post', 'timeline'], ['timeline', 'post']])).toBe('timeline');
    expect(commonReadOp([['read', 'write'], ['write', 'read']])).toBe('read');
    expect(commonReadOp([['a'], ['b']])).toBeUndefined();
  });
});

describe('compare: the metrics of a run', () => {
  const s = defaultScenario();
  const latency = (p99: number) => ({ mean: 1, p50: 1, p90: 2, p95: 3, p99, p999: p99 * 2, max: p99 * 3 });
  const results = {
    ops: { timeline: { count: 100, errors: 1, unfinished: 0, throughputPerSec: 99, latencyMs: latency(12) } },
    nodes: Object.fromEntries(s.nodes.map((n, i) => [n.id, { utilization: n.id === 'posts' ? 0.9 : i / 100 }])),
    edges: { 'timeline-writes': { calls: 10, callsPerSec: 2000, deliveryMs: { mean: 5, p50: 4, p99: 40, max: 90 } } },
  } as unknown as Results;

  it('reads the read latency, the fan-out writes and their delivery, and the busiest node', () => {
    expect(variantMetrics(s, results, 'timeline')).toMatchObject({
      p50: 1,
      p99: 12,
      p999: 24,
      writesPerSec: 2000,
      deliveryP99: 40,
      busiestUtilization: 0.9,
      busiestNode: 'Posts database',
      errors: 1,
    });
  });

  it('has no delivery delay and no writes when nothing fans out on write', () => {
    const read = { ...s, edges: s.edges.filter((e) => e.id !== 'timeline-writes') };
    expect(variantMetrics(read, results, 'timeline')).toMatchObject({ writesPerSec: 0, deliveryP99: undefined });
  });
});

describe('sweep points', () => {
  it('spread evenly on a linear scale, both ends included', () => {
    expect(sweepPoints({ from: 0, to: 1, steps: 5, scale: 'linear', integer: false })).toEqual([0, 0.25, 0.5, 0.75, 1]);
  });

  it('spread by equal ratios on a log scale', () => {
    expect(sweepPoints({ from: 1, to: 8, steps: 4, scale: 'log', integer: false })).toEqual([1, 2, 4, 8]);
    expect(sweepPoints({ from: 100, to: 10_000_000, steps: 6, scale: 'log', integer: false })).toEqual([100, 1000, 10_000, 100_000, 1_000_000, 10_000_000]);
  });

  it('round integer parameters and drop the repeats rounding makes', () => {
    expect(sweepPoints({ from: 1, to: 4, steps: 8, scale: 'log', integer: true })).toEqual([1, 2, 3, 4]);
    expect(sweepPoints({ from: 1, to: 16, steps: 5, scale: 'log', integer: true })).toEqual([1, 2, 4, 8, 16]);
  });

  it('can go down as well as up', () => {
    expect(sweepPoints({ from: 30, to: 10, steps: 3, scale: 'linear', integer: true })).toEqual([30, 20, 10]);
  });

  it('refuse ranges that cannot be swept, saying why', () => {
    expect(rangeProblem({ from: 0, to: 10, steps: 5, scale: 'log', integer: false })).toMatch(/above 0/);
    expect(rangeProblem({ from: 1, to: 10, steps: 1, scale: 'linear', integer: false })).toMatch(/2 to 40 points/);
    expect(rangeProblem({ from: 3, to: 3, steps: 4, scale: 'linear', integer: false })).toMatch(/different/);
    expect(sweepPoints({ from: 0, to: 10, steps: 5, scale: 'log', integer: false })).toEqual([]);
  });
});

describe('sweep parameters', () => {
  const s = defaultScenario();
  const params = sweepParameters(s);
  const byId = (id: string) => params.find((p) => p.id === id)!;

  it('offer client rates, servers, consumers, hit ratios, the celebrity threshold and the follower exponent, then each sync call’s timeout and attempts', () => {
    const resilience = s.edges.filter((e) => e.mode === 'sync').flatMap((e) => [`timeoutMs:${e.id}`, `retry.maxAttempts:${e.id}`]);
    expect(resilience.length).toBeGreaterThan(0);
    expect(params.map((p) => p.id).slice(-resilience.length)).toEqual(resilience);
    expect(params.map((p) => p.id).slice(0, -resilience.length)).toEqual([
      'rate:posters',
      'rate:readers',
      'servers:api',
      'servers:posts',
      'consumers:fanout',
      'servers:timelines',
      'hitRatio:timelines',
      'threshold',
      'alpha',
    ]);
  });

  it('apply a value as a plain edit of that parameter only', () => {
    const t = byId('rate:readers').apply(s, 6000);
    expect(t.nodes.find((n) => n.id === 'readers')).toMatchObject({ params: { arrival: { type: 'poisson', ratePerSec: 6000 } } });
    expect(t.nodes.find((n) => n.id === 'posters')).toBe(s.nodes.find((n) => n.id === 'posters'));
    expect(celebrityThreshold(byId('threshold').apply(s, 500))).toBe(500);
    expect(byId('servers:api').apply(s, 3).nodes.find((n) => n.id === 'api')).toMatchObject({ params: { servers: 3 } });
  });

  it('start a rate at a quarter of today’s and go just past the rate where the first node saturates: the hockey stick', () => {
    // 16 API servers × 1 ms mean serve 16,000 requests/s; posts take 46 of them.
    expect(saturationRate(s, 'readers')).toBeCloseTo(16_000 - 46, 6);
    expect(byId('rate:readers').defaultRange).toEqual({ from: 750, to: 16_800, steps: 10, scale: 'log', integer: false });
    expect(byId('servers:api').defaultRange).toMatchObject({ from: 4, to: 32, scale: 'log', integer: true });
  });

  it('find the saturating rate of a textbook queue: one server of mean 5 ms saturates at 200 requests/s', () => {
    const mm1 = scenario({
      nodes: [client('c', 'read', 100), service('s', { servers: 1, serviceTimeMs: { type: 'exponential', meanMs: 5 } })],
      edges: [edge('c-s', 'c', 's')],
    });
    expect(saturationRate(mm1, 'c')).toBeCloseTo(200, 9);
  });

  it('start on the rate of the busiest operation (timeline reads, not posts)', () => {
    expect(defaultSweepParameter(s, params)?.id).toBe('rate:readers');
    expect(busiestOp(s)).toBe('timeline');
  });
});

describe('sweep parameters of resilience (the phase map’s axes)', () => {
  const storm = preset('retry-storm');
  const params = sweepParameters(storm);
  const byId = (id: string) => params.find((p) => p.id === id)!;

  it('offer the scheduled fault’s duration and start, the call’s timeout and attempts, from their metadata', () => {
    expect(params.map((p) => p.id)).toEqual(['rate:users', 'servers:api', 'fault:gc-pause:durationSec', 'fault:gc-pause:atSec', 'timeoutMs:users-api', 'retry.maxAttempts:users-api']);
    expect(byId('fault:gc-pause:durationSec')).toMatchObject({ label: 'API pause (gc-pause): lasts', unit: 's', value: 2 });
    expect(byId('timeoutMs:users-api')).toMatchObject({ label: 'Users → API: timeout', unit: 'ms', value: 200 });
    expect(byId('retry.maxAttempts:users-api')).toMatchObject({ value: 4, defaultRange: { from: 1, to: 6, integer: true } });
    expect(byId('retry.maxAttempts:users-api').meta).toMatchObject({ min: 1, max: 10 });
  });

  it('apply a value as a plain edit of that fault or edge only', () => {
    expect(byId('fault:gc-pause:durationSec').apply(storm, 8).faults).toEqual([{ ...storm.faults![0], durationSec: 8 }]);
    expect(byId('fault:gc-pause:atSec').apply(storm, 5).faults![0]).toMatchObject({ atSec: 5, durationSec: 2 });
    expect(byId('timeoutMs:users-api').apply(storm, 50).edges[0]).toEqual({ ...storm.edges[0], timeoutMs: 50 });
    expect(byId('retry.maxAttempts:users-api').apply(storm, 1).edges[0].retry).toEqual({ ...storm.edges[0].retry, maxAttempts: 1 });
  });

  it('an edge without a timeout or retries starts from a usual value, and applying one adds it', () => {
    const bare = { ...storm, edges: storm.edges.map(({ timeoutMs: _t, retry: _r, ...e }) => e) };
    const p = sweepParameters(bare);
    const timeout = p.find((x) => x.id === 'timeoutMs:users-api')!;
    expect(timeout).toMatchObject({ value: 1000, unset: 'wait for ever' });
    const attempts = p.find((x) => x.id === 'retry.maxAttempts:users-api')!;
    expect(attempts.value).toBe(1);
    expect(attempts.apply(bare, 3).edges[0].retry).toMatchObject({ maxAttempts: 3, on: ['timeout', 'error'] });
  });
});

describe('run pool', () => {
  const deferred = () => {
    let resolve!: (v: number) => void;
    let reject!: (e: Error) => void;
    const promise = new Promise<number>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  };

  it('runs at most `concurrency` jobs at once, reports each as it lands, and survives a failure', async () => {
    const gates = [deferred(), deferred(), deferred(), deferred()];
    const running = new Set<number>();
    let most = 0;
    const done: [number, number][] = [];
    const failed: [number, string][] = [];
    const pool = runPool(
      gates.map((g, i) => async () => {
        running.add(i);
        most = Math.max(most, running.size);
        try {
          return await g.promise;
        } finally {
          running.delete(i);
        }
      }),
      2,
      new AbortController().signal,
      { onDone: (i, v) => done.push([i, v]), onFail: (i, m) => failed.push([i, m]) },
    );
    gates[1].resolve(11);
    gates[0].reject(new Error('overloaded'));
    await Promise.resolve();
    gates[2].resolve(12);
    gates[3].resolve(13);
    await pool;
    expect(most).toBe(2);
    expect(done.sort()).toEqual([
      [1, 11],
      [2, 12],
      [3, 13],
    ]);
    expect(failed).toEqual([[0, 'overloaded']]);
  });

  it('starts nothing more once cancelled, and reports nothing from jobs in flight', async () => {
    const controller = new AbortController();
    const gate = deferred();
    const started: number[] = [];
    const done: number[] = [];
    const pool = runPool(
      [0, 1, 2].map((i) => async () => {
        started.push(i);
        return gate.promise;
      }),
      1,
      controller.signal,
      { onDone: (i) => done.push(i) },
    );
    controller.abort();
    gate.resolve(1);
    await pool;
    expect(started).toEqual([0]);
    expect(done).toEqual([]);
  });

  it('runs two to three at once, keeping a core for the page where there are many', () => {
    expect(defaultConcurrency(1)).toBe(2);
    expect(defaultConcurrency(2)).toBe(2);
    expect(defaultConcurrency(4)).toBe(3);
    expect(defaultConcurrency(16)).toBe(3);
  });
});

describe('compare: data kept in sync and records delivered, in one table', () => {
  const runs = (names: string[], seed: number) =>
    names.map((name) => {
      const s = { ...preset(name), seed };
      const op = commonReadOp(names.map((n) => knownOps(preset(n)))) ?? '';
      return { label: name, status: 'done' as const, progress: 1, metrics: variantMetrics(s, runScenario(s), op) };
    });

  for (const seed of [1, 2]) {
    it(`seed ${seed}: dual writes diverge and their CDC twin does not — the CDC column wins consistency, the dual writes' copy lag is shorter`, () => {
      const table = runs(['dual-writes', 'dual-writes-cdc'], seed);
      const rows = metricRows('read', table.map((r) => r.metrics));
      expect(rows.map((r) => r.key)).toEqual(expect.arrayContaining(['divergedKeys', 'staleReadRatio', 'copyLagMs', 'duplicates', 'lost', 'outOfOrder']));
      // Nobody follows anybody here: no timeline-write rows.
      expect(rows.map((r) => r.key)).not.toEqual(expect.arrayContaining(['writesPerSec']));
      expect(rows.map((r) => r.key)).not.toEqual(expect.arrayContaining(['deliveryP99']));
      const [dual, cdc] = table.map((r) => r.metrics);
      expect(dual.divergedKeys).toBeGreaterThan(0);
      expect(cdc.divergedKeys).toBe(0);
      expect(rowWinners([dual.divergedKeys, cdc.divergedKeys], 'lower')).toEqual([1]);
      expect(cdc.copyLagMs!).toBeGreaterThan(dual.copyLagMs!);
      const verdicts = compareVerdicts(table, 'read');
      expect(verdicts[1]).toMatch(/^dual-writes-cdc wins consistency: Diverged keys 0 vs \d/);
    });

    it(`seed ${seed}: Kafka vs Redis — the log hands records over twice and loses none, the list loses records and hands none over twice`, () => {
      const [log, list] = runs(['kafka-vs-redis-log', 'kafka-vs-redis-list'], seed).map((r) => r.metrics);
      expect(log.duplicates).toBeGreaterThan(0);
      expect(log.lost).toBe(0);
      expect(list.lost).toBeGreaterThan(0);
      expect(list.duplicates).toBe(0);
      expect(rowWinners([log.lost, list.lost], 'lower')).toEqual([0]);
      expect(rowWinners([log.duplicates, list.duplicates], 'lower')).toEqual([1]);
      // Neither has keys kept in copies: no sync rows of that kind.
      expect(log.divergedKeys).toBeUndefined();
    });
  }

  it('shows the sync and delivery rows only when some run has them, and writes them to the CSV', () => {
    expect(metricRows('read').map((r) => r.key)).not.toContain('divergedKeys');
    const table = [
      { label: 'A', status: 'done' as const, progress: 1, metrics: { writesPerSec: 0, errors: 0, duplicates: 3, lost: 0, outOfOrder: 0 } },
      { label: 'B', status: 'done' as const, progress: 1, metrics: { writesPerSec: 0, errors: 0, duplicates: 0, lost: 7, outOfOrder: 2 } },
    ];
    expect(metricRows('read', table.map((r) => r.metrics)).map((r) => r.key)).toEqual(expect.arrayContaining(['duplicates', 'lost', 'outOfOrder']));
    expect(metricRows('read', table.map((r) => r.metrics)).map((r) => r.key)).not.toContain('divergedKeys');
    // They are what such a comparison is about: they lead the table, in view when it first shows.
    expect(metricRows('read', table.map((r) => r.metrics)).slice(0, 3).map((r) => r.key)).toEqual(['duplicates', 'lost', 'outOfOrder']);
    const csv = compareCsv(table, 'read');
    expect(csv).toContain('Lost records,count,0,7');
    expect(csv).toContain('Handed over twice,count,3,0');
  });
});
