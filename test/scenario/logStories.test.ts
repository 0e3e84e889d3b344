/**
 * The log and queue presets tell their stories (issue 11), each at seeds 1
 * and 2: Kafka against Redis under a consumer crash — duplicates but nothing
 * lost on the log, losses but no duplicates on the list; a group stalled
 * past the retention; a slow group beside a fast one; a hot key holding up
 * its partition; a replay that rebuilds a view. Presets are written by
 * scripts/make-log-presets.mjs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeScenarioJson } from '../../src/scenario/decode';
import type { Scenario } from '../../src/scenario/schema';
import { Simulation } from '../../src/sim/engine';
import { runScenario } from '../../src/sim/run';

const dir = join(__dirname, '../../public/scenarios');
function preset(name: string, patch: Partial<Scenario> = {}): Scenario {
  const d = decodeScenarioJson(readFileSync(join(dir, `${name}.json`), 'utf8'));
  if (!d.ok) throw new Error(`${name}: ${d.error.message}`);
  return { ...d.scenario, ...patch };
}

const SEEDS = [1, 2];

describe('Kafka vs Redis: the same orders, the same two crashes of the workers', () => {
  for (const seed of SEEDS) {
    it(`seed ${seed}: the log hands records over again and loses none; the list loses what its consumers held and hands nothing over twice`, () => {
      const log = runScenario(preset('kafka-vs-redis-log', { seed })).edges.consume;
      const list = runScenario(preset('kafka-vs-redis-list', { seed })).edges.consume;
      // At least once: back to the last commit (up to a second of 400 orders/s) after each crash.
      expect(log.lost).toBe(0);
      expect(log.duplicates!).toBeGreaterThan(200);
      expect(log.duplicates!).toBeLessThanOrEqual(2 * (400 + 5 * Math.sqrt(400)) + 16);
      expect(log.outOfOrder).toBe(0);
      // At most once: the messages taken by the 8 consumers at each crash are gone; what waited in the list is not.
      expect(list.duplicates).toBe(0);
      expect(list.lost!).toBeGreaterThan(0);
      expect(list.lost!).toBeLessThanOrEqual(2 * 8);
      // Competing consumers finish in any order: some orders are applied before an earlier one of theirs.
      expect(list.outOfOrder!).toBeGreaterThan(0);
      // The same workload on both sides: everything the list did not lose, it delivered, as the log did.
      expect(list.delivered! + list.lost!).toBe(log.delivered);
    });
  }
});

describe('a stalled consumer group against retention', () => {
  for (const seed of SEEDS) {
    it(`seed ${seed}: analytics stalls 60 s against 30 s of retention and loses about 30 s of clicks; billing loses none`, () => {
      const r = runScenario(preset('log-retention-stall', { seed }));
      const analytics = r.edges['analytics-group'];
      const billing = r.edges['billing-group'];
      expect(billing.lost).toBe(0);
      // 100 clicks/s for the 30 s of the stall beyond the retention.
      expect(analytics.lost!).toBeGreaterThan(0.9 * 3000);
      expect(analytics.lost!).toBeLessThan(1.1 * 3000);
      expect(analytics.delivered! + analytics.lost!).toBe(billing.delivered);
      // What it did read after the stall was at most the retention old.
      expect(analytics.lagMs!.max).toBeLessThanOrEqual(30_000 + 100);
      expect(billing.lagMs!.p99).toBeLessThan(100);
    });
  }
});

describe('a slow consumer group beside a fast one', () => {
  for (const seed of SEEDS) {
    it(`seed ${seed}: the loader falls behind by well over a thousand records; the indexer's results are the very same without the loader's trouble, or without the loader at all`, () => {
      const s = preset('log-slow-and-fast-groups', { seed });
      const r = runScenario(s);
      expect(r.edges['load-group'].lagRecords!.max).toBeGreaterThan(1500);
      expect(r.edges['load-group'].lost).toBe(0);
      expect(r.edges['index-group'].lagMs!.max).toBeLessThan(20);
      const calm = runScenario({ ...s, faults: undefined });
      expect(calm.edges['load-group'].lagRecords!.max).toBeLessThan(100);
      const alone = runScenario({ ...s, faults: undefined, nodes: s.nodes.filter((n) => n.id !== 'loader'), edges: s.edges.filter((e) => e.id !== 'load-group') });
      const group = (x: typeof r) => {
        const { calls, delivered, duplicates, lost, outOfOrder, lagRecords, lagMs } = x.edges['index-group'];
        return { calls, delivered, duplicates, lost, outOfOrder, lagRecords, lagMs };
      };
      for (const other of [calm, alone]) expect(group(other)).toEqual(group(r));
    });
  }
});

describe('a hot key holds up its partition', () => {
  for (const seed of SEEDS) {
    it(`seed ${seed}: the front page's partition falls seconds behind while the others keep up and the workers are under half busy; spread keys, and the lag is milliseconds`, () => {
      const s = preset('log-hot-key', { seed });
      const r = runScenario(s);
      const g = r.edges['count-group'];
      expect(g.lagMs!.p99).toBeGreaterThan(5000);
      expect(r.nodes.counter.utilization).toBeLessThan(0.5);
      const even = runScenario({ ...s, keys: { count: 1000, popularity: { type: 'uniform' } } }).edges['count-group'];
      expect(even.lagMs!.p99).toBeLessThan(100);
      // Partition by partition at the end of the load: the backlog is the hot partition's alone.
      const sim = new Simulation(s, { seed });
      sim.step(s.durationSec * 1000);
      const topic = sim.nodeState[s.nodes.findIndex((n) => n.id === 'topic')] as { partitions: { end: number }[]; groups: { next: Float64Array }[] };
      const behind = topic.partitions.map((p, i) => p.end - topic.groups[0].next[i]).sort((a, b) => b - a);
      sim.dispose();
      expect(behind[0]).toBeGreaterThan(1000);
      for (const other of behind.slice(1)) expect(other).toBeLessThan(20);
    });
  }
});

describe('replay rebuilds a view after a bad deploy', () => {
  for (const seed of SEEDS) {
    it(`seed ${seed}: the rewind to 30 s replays the 3,000 records since, loses none, and is back at the head within 3 s`, () => {
      const s = preset('log-replay-rebuild', { seed });
      const g = runScenario(s).edges['view-builder'];
      // 30 s of 100 orders/s, each delivered again.
      expect(g.duplicates!).toBeGreaterThan(0.9 * 3000);
      expect(g.duplicates!).toBeLessThan(1.1 * 3000);
      expect(g.lost).toBe(0);
      expect(g.lagRecords!.max).toBeGreaterThan(0.9 * 3000);
      // From 63 s on, the group is back at the head: its lag is a handful of records.
      const after = runScenario({ ...s, warmupSec: 63 }).edges['view-builder'];
      expect(after.lagRecords!.max).toBeLessThan(20);
    });
  }
});
