/**
 * The batch presets tell their stories (issue 13), the stragglers' at two
 * seeds: MapReduce's backup tasks more than halve the job time for a
 * fraction of a percent more tasks; an hourly batch crunches records far
 * faster than a stream consumer but answers half an hour later; a midnight
 * herd of dependent jobs runs in order and lands on the warehouse at once.
 * Presets are written by scripts/make-batch-presets.mjs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeScenarioJson } from '../../src/scenario/decode';
import type { Scenario } from '../../src/scenario/schema';
import { runScenario } from '../../src/sim/run';

const dir = join(__dirname, '../../public/scenarios');
function preset(name: string, patch: Partial<Scenario> = {}): Scenario {
  const d = decodeScenarioJson(readFileSync(join(dir, `${name}.json`), 'utf8'));
  if (!d.ok) throw new Error(`${name}: ${d.error.message}`);
  return { ...d.scenario, ...patch };
}

describe('MapReduce stragglers', () => {
  for (const seed of [1, 2]) {
    it(`seed ${seed}: backup tasks cut the mean job time by more than half, for under 1% more tasks and about the same task work`, () => {
      const bare = runScenario(preset('mapreduce-stragglers', { seed })).nodes.sort.jobs!;
      const backed = runScenario(preset('mapreduce-backup-tasks', { seed })).nodes.sort.jobs!;
      // The same sort: 10⁹ records in 15,000 tasks.
      expect(bare.records).toBe(1e9);
      expect(backed.records).toBe(bare.records);
      const tasks = Math.ceil(1e9 / 66_667);
      // Eight waves of ~106 s tasks take ~890 s; without backups a 10–20× straggler holds the job for twice that and more.
      expect(bare.durationMs.mean).toBeGreaterThan(2000_000);
      expect(backed.durationMs.mean).toBeLessThan(0.5 * bare.durationMs.mean);
      expect(bare.backupTasks).toBe(0);
      expect(backed.backupTasks).toBeGreaterThan(0);
      expect(backed.backupTasks / tasks).toBeLessThan(0.01);
      // The backup copies cost worker time, and the stragglers they replace are cancelled: a few percent at most either way.
      expect(backed.taskWorkSec).toBeLessThan(1.03 * bare.taskWorkSec);
      expect(backed.taskWorkSec).toBeGreaterThan(0.9 * bare.taskWorkSec);
    }, 60_000);
  }
});

describe('the other batch stories', () => {
  it('an hourly batch crunches records many times faster than the stream consumer, but a record waits half an hour for its result', () => {
    const r = runScenario(preset('batch-vs-stream'));
    const jobs = r.nodes.hourly.jobs!;
    expect(jobs.records).toBe(r.nodes.hourly.arrivals);
    expect(jobs.records).toBe(r.nodes.consumer.completed);
    // Time to result: half an interval on average plus the job, against milliseconds through the log.
    expect(jobs.recordLagMs.mean).toBeGreaterThan(0.4 * 3600_000);
    expect(r.nodes.log.latencyMs.p99).toBeLessThan(20);
    // Throughput: 4 consumers at 2 ms a record top out at 2,000 records/s; the job runs at tens of thousands.
    expect(jobs.recordsPerSec).toBeGreaterThan(10 * (4 / 0.002));
  });

  it('a midnight herd: the join waits for both extracts, the report for the join, and its load jams the analysts’ warehouse', () => {
    const r = runScenario(preset('midnight-herd'));
    const n = r.nodes;
    expect(n.join.jobs!.records).toBe(n['extract-orders'].jobs!.records + n['extract-clicks'].jobs!.records);
    expect(n.report.jobs!.records).toBe(n.join.jobs!.records);
    expect(n.join.jobs!.count).toBe(n['extract-clicks'].jobs!.count);
    // The load: 5,000 rows at once queue the analysts' queries for seconds, though the warehouse is idle on average.
    expect(n.warehouse.utilization).toBeLessThan(0.2);
    expect(r.ops.query.latencyMs.p50).toBeLessThan(10);
    expect(r.ops.query.latencyMs.max).toBeGreaterThan(2000);
  });
});
