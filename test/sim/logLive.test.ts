/**
 * What the page sees of a log (logLive, and the consumer groups in each live
 * window): the records held, each group's position and lag, and per window
 * what each group delivered, delivered again and lost — read from the log's
 * own counters, so the windows add up to the results and reading them
 * changes nothing.
 */
import { describe, expect, it } from 'vitest';
import { LIVE_PARTITIONS, logLive } from '../../src/sim/behaviours/log';
import { Simulation } from '../../src/sim/engine';
import { collectResults } from '../../src/sim/results';
import type { SimWindow } from '../../src/sim/windows';
import { scenario } from './helpers';

const constant = (valueMs: number) => ({ type: 'constant', valueMs });

/** 100 records/s into 4 partitions kept 5 s; a fast group (4 consumers, 1 ms each) and a slow one (1 consumer, 50 ms: 20/s). */
function doc(extra: Record<string, unknown> = {}) {
  return scenario({
    version: 2,
    seed: 3,
    durationSec: 20,
    warmupSec: 2,
    nodes: [
      { id: 'c', kind: 'client', params: { op: 'w', arrival: { type: 'constant', ratePerSec: 100 } } },
      { id: 'topic', kind: 'log', params: { partitions: 4, retentionSec: 5, ...extra } },
      { id: 'fast', kind: 'service', params: { servers: 4, serviceTimeMs: constant(1) } },
      { id: 'slow', kind: 'service', params: { servers: 1, serviceTimeMs: constant(50) } },
    ],
    edges: [
      { id: 'p', source: 'c', target: 'topic' },
      { id: 'gFast', source: 'topic', target: 'fast', consumers: 4 },
      { id: 'gSlow', source: 'topic', target: 'slow' },
    ],
  });
}

function runLive(s = doc(), read?: (sim: Simulation) => void) {
  const sim = new Simulation(s, { windowMs: 1000 });
  sim.windows!.recordConsumerGroups();
  const windows: SimWindow[] = [];
  while (!sim.finished) {
    sim.step(sim.now + 1000);
    read?.(sim);
    windows.push(...sim.windows!.take());
  }
  sim.windows!.closeUpTo(Math.max(sim.now, sim.durationMs));
  windows.push(...sim.windows!.take());
  const results = collectResults(sim, 0);
  return { sim, windows, results };
}

describe('a log as the page sees it', () => {
  it('holds about rate × retention records, none older than the retention, and names each group by its edge', () => {
    const sim = new Simulation(doc(), { windowMs: 1000 });
    sim.step(12_000);
    const live = logLive(sim, 1)!;
    expect(logLive(sim, 0)).toBeNull(); // a client is not a log
    expect(live.retentionMs).toBe(5000);
    expect(live.partitionCount).toBe(4);
    expect(live.partitions).toHaveLength(4);
    // 100/s kept 5 s: 500 records held (±1 per partition at the boundaries).
    expect(Math.abs(live.recordsHeld - 500)).toBeLessThanOrEqual(4);
    expect(live.partitions.reduce((a, p) => a + (p.end - p.base), 0)).toBe(live.recordsHeld);
    for (const p of live.partitions) expect(p.oldestAgeMs!).toBeLessThanOrEqual(5000);
    expect(live.groups.map((g) => g.edge)).toEqual([1, 2]);
    const [fast, slow] = live.groups;
    expect(fast.consumers).toBe(4);
    expect(fast.activeConsumers).toBe(4);
    // The fast group keeps up: at most a record per partition outstanding.
    expect(fast.lagRecords).toBeLessThanOrEqual(4);
    // The slow one reads 20 of every 100 records a second: the rest wait until retention takes them.
    expect(slow.lagRecords).toBeGreaterThan(300);
    expect(slow.lost).toBeGreaterThan(0);
    expect(slow.lag.reduce((a, b) => a + b, 0)).toBe(slow.lagRecords);
    // Its oldest undelivered record is about to expire.
    expect(Math.max(...slow.nextAgeMs.map((a) => a ?? 0))).toBeGreaterThan(4000);
    sim.dispose();
  });

  it('describes the first LIVE_PARTITIONS partitions one by one and counts the records of them all', () => {
    const sim = new Simulation(doc({ partitions: 40 }), { windowMs: 1000 });
    sim.step(10_000);
    const live = logLive(sim, 1)!;
    expect(live.partitionCount).toBe(40);
    expect(live.partitions).toHaveLength(LIVE_PARTITIONS);
    expect(live.groups[0].next).toHaveLength(LIVE_PARTITIONS);
    expect(live.groups[0].activeConsumers).toBe(4);
    expect(Math.abs(live.recordsHeld - 500)).toBeLessThanOrEqual(40);
    sim.dispose();
  });

  it('per window, delivered, duplicates and lost add up to the edge results, and lag is the count at the window’s end', () => {
    const { windows, results, sim } = runLive();
    sim.dispose();
    for (const [e, id] of [
      [1, 'gFast'],
      [2, 'gSlow'],
    ] as const) {
      const cells = windows.map((w) => w.consumerGroups!.find((g) => g.edge === e)!);
      const sum = (k: 'delivered' | 'duplicates' | 'lost') => cells.reduce((a, c) => a + c[k], 0);
      expect(sum('delivered'), `${id} delivered`).toBe(results.edges[id].delivered);
      expect(sum('duplicates'), `${id} duplicates`).toBe(results.edges[id].duplicates);
      expect(sum('lost'), `${id} lost`).toBe(results.edges[id].lost);
      expect(Math.max(...cells.map((c) => c.lagRecords)), `${id} lag`).toBeLessThanOrEqual(results.edges[id].lagRecords!.max + 4);
    }
    // The slow group loses records every second once the first ones expire (5 s after warm-up).
    const slowLost = windows.map((w) => w.consumerGroups!.find((g) => g.edge === 2)!.lost);
    expect(slowLost.slice(8, 18).every((n) => n > 0)).toBe(true);
    expect(results.edges.gFast.lost).toBe(0);
  });

  it('reading it changes nothing: the results equal a run that never looked', () => {
    const looked = runLive(doc(), (sim) => logLive(sim, 1));
    looked.sim.dispose();
    const plain = new Simulation(doc());
    plain.runToEnd();
    const a = { ...collectResults(plain, 0), wallMs: 0 };
    plain.dispose();
    expect({ ...looked.results, wallMs: 0 }).toStrictEqual(a);
  });
});
