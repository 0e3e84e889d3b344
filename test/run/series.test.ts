import { describe, expect, it } from 'vitest';
import { busiest, edgeLoadSeries, latencySeries, queueSeries, throughputSeries, utilizationSeries, visibleWindows } from '../../src/charts/series';
import type { SimWindow } from '../../src/worker/protocol';

function win(i: number, p99: number | null): SimWindow {
  return {
    index: i,
    startSec: i,
    endSec: i + 1,
    ops: [{ created: 10, throughputPerSec: 10 + i, errorsPerSec: 0, latency: p99 === null ? null : { mean: 1, p50: 1, p95: 2, p99, p999: p99 * 2, max: p99 * 3 } }],
    nodes: [{ utilization: 0.5, meanQueueLength: i, maxQueueLength: i, arrivalsPerSec: 1, droppedPerSec: 0, errorsPerSec: 0, completedPerSec: 1 }],
    edges: [{ callsPerSec: i }, { callsPerSec: 100 }, { callsPerSec: 1 }],
  };
}
const windows = Array.from({ length: 600 }, (_, i) => win(i, i === 100 ? 500 : 10));

describe('chart series', () => {
  it('a sliding window of the last N simulated seconds', () => {
    expect(visibleWindows(windows, 60).map((w) => w.index)).toEqual(Array.from({ length: 60 }, (_, i) => 540 + i));
    expect(visibleWindows(windows.slice(0, 10), 60)).toHaveLength(10);
    expect(visibleWindows([], 60)).toEqual([]);
  });

  it('one point per window for short spans, with t at the end of each window', () => {
    const s = latencySeries(windows, 0, 30);
    expect(s.pointSec).toBe(1);
    expect(s.rows).toHaveLength(30);
    expect(s.rows[29]).toEqual({ t: 600, p50: 1, p95: 2, p99: 10, p999: 20 });
  });

  it('long spans are merged to at most 120 points; a latency spike survives the merge', () => {
    const s = latencySeries(windows, 0, 600);
    expect(s.rows.length).toBeLessThanOrEqual(120);
    expect(s.pointSec).toBe(5);
    expect(Math.max(...s.rows.map((r) => r.p99 as number))).toBe(500);
    const t = throughputSeries(windows, 1, 600);
    expect(t.rows[0].o0).toBe(12); // mean of 10…14
  });

  it('windows without completions are gaps (null), not zeros', () => {
    const s = latencySeries([win(0, null), win(1, 5)], 0, 60);
    expect(s.rows[0].p99).toBeNull();
    expect(s.rows[1].p99).toBe(5);
  });

  it('utilization in percent, queue length, calls per edge', () => {
    expect(utilizationSeries(windows, [0], 10).rows[0].n0).toBe(50);
    expect(queueSeries(windows, [0], 10).rows.at(-1)!.n0).toBe(599);
    expect(edgeLoadSeries(windows, [1], 10).rows[0]).toEqual({ t: 591, e1: 100 });
  });

  it('the busiest series, in their original order', () => {
    expect(busiest(windows, [0, 1, 2], (w, e) => w.edges[e].callsPerSec, 60, 2)).toEqual([0, 1]);
    expect(busiest(windows, [0, 1, 2], (w, e) => w.edges[e].callsPerSec, 10, 1)).toEqual([0]);
    expect(busiest(windows.slice(0, 5), [0, 1, 2], (w, e) => w.edges[e].callsPerSec, 10, 1)).toEqual([1]);
  });
});
