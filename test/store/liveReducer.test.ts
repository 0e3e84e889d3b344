import { describe, expect, it } from 'vitest';
import {
  compactEvents,
  emptyLiveRun,
  isOverloaded,
  maxKeptWindows,
  reduceRunEvents,
  type LiveState,
} from '../../src/run/liveReducer';
import type { RunMeta, SimWindow, SnapshotEvent, WorkerEvent } from '../../src/worker/protocol';

const meta: RunMeta = {
  scenarioName: 'test',
  seed: 1,
  durationSec: 60,
  warmupSec: 0,
  endSec: 120,
  windowSec: 1,
  ops: ['read'],
  nodes: [
    { id: 'c', kind: 'client', label: 'Clients', servers: 0 },
    { id: 's', kind: 'service', label: 'Server', servers: 1 },
  ],
  edges: [{ id: 'c-s', source: 'c', target: 's' }],
};

function win(index: number, utilization: number, queue: number, extra: { dropped?: number; calls?: number } = {}): SimWindow {
  const node = (u: number, q: number) => ({
    utilization: u,
    meanQueueLength: q,
    maxQueueLength: q,
    arrivalsPerSec: 80,
    droppedPerSec: extra.dropped ?? 0,
    errorsPerSec: 0,
    completedPerSec: 80,
  });
  return {
    index,
    startSec: index,
    endSec: index + 1,
    ops: [{ created: 80, throughputPerSec: 80, errorsPerSec: 0, latency: { mean: 10, p50: 8, p95: 20, p99: 40, p999: 60, max: 70 } }],
    nodes: [node(0, 0), node(utilization, queue)],
    edges: [{ callsPerSec: extra.calls ?? 80 }],
  };
}

const snap = (over: Partial<SnapshotEvent>): SnapshotEvent => ({
  type: 'snapshot',
  runId: 1,
  seq: 1,
  status: 'running',
  simSec: 1,
  events: 100,
  simRate: 10,
  windows: [],
  ...over,
});

const base: LiveState = { runId: 1, runCommandSeq: 1, runStatus: 'running', runError: null, live: null };
const started: WorkerEvent = { type: 'started', runId: 1, seq: 1, meta };

describe('run events reducer', () => {
  it('a started event opens an empty run; snapshots append windows and set the status', () => {
    const s = reduceRunEvents(base, [started, snap({ windows: [win(0, 0.5, 1)] }), snap({ windows: [win(1, 0.6, 2)], simSec: 2 })]);
    expect(s.live!.windows.map((w) => w.index)).toEqual([0, 1]);
    expect(s.live!.simSec).toBe(2);
    expect(s.runStatus).toBe('running');
  });

  it('drops the events of another run', () => {
    const s = reduceRunEvents(base, [started, snap({ runId: 0, windows: [win(0, 0.5, 1)] })]);
    expect(s.live!.windows).toEqual([]);
    const unchanged = reduceRunEvents(base, [{ ...started, runId: 7 }]);
    expect(unchanged).toBe(base);
  });

  it('a snapshot posted before the last command does not change the status (a late "running" cannot undo Pause)', () => {
    const paused: LiveState = { ...base, runCommandSeq: 5, runStatus: 'paused' };
    const s = reduceRunEvents(paused, [started, snap({ seq: 4, status: 'running', windows: [win(0, 0.5, 1)] })]);
    expect(s.runStatus).toBe('paused');
    expect(s.live!.windows).toHaveLength(1); // the data still counts
    expect(reduceRunEvents(s, [snap({ seq: 5, status: 'paused' })]).runStatus).toBe('paused');
    expect(reduceRunEvents(s, [snap({ seq: 4, status: 'finished' })]).runStatus).toBe('finished');
  });

  it('keeps at most maxWindows windows, dropping the oldest', () => {
    let s = reduceRunEvents(base, [started]);
    const max = s.live!.maxWindows;
    expect(max).toBe(3600);
    const many = Array.from({ length: max + 10 }, (_, i) => win(i, 0.5, 1));
    s = reduceRunEvents(s, [snap({ windows: many })]);
    expect(s.live!.windows).toHaveLength(max);
    expect(s.live!.windows[0].index).toBe(10);
  });

  it('keeps fewer windows for huge scenarios, but never less than a minute', () => {
    const huge = { ...meta, nodes: Array.from({ length: 200 }, () => meta.nodes[1]), edges: Array.from({ length: 1000 }, () => meta.edges[0]) };
    expect(maxKeptWindows(huge)).toBe(333);
    const absurd = { ...huge, edges: Array.from({ length: 100_000 }, () => meta.edges[0]) };
    expect(maxKeptWindows(absurd)).toBe(60);
  });

  it('refused and error events set the status to error with the message', () => {
    const refused = reduceRunEvents(base, [{ type: 'refused', runId: 1, seq: 1, message: 'too much' }]);
    expect(refused.runStatus).toBe('error');
    expect(refused.runError).toEqual({ kind: 'refused', message: 'too much' });
    const crashed = reduceRunEvents(base, [started, { type: 'error', runId: 1, seq: 1, message: 'boom' }]);
    expect(crashed.runError).toEqual({ kind: 'crashed', message: 'boom' });
    expect(reduceRunEvents(crashed, [snap({ windows: [win(0, 1, 1)] })]).runStatus).toBe('error');
  });
});

describe('canvas statistics', () => {
  it('per node from the last window: utilization (not for clients), queue length, errors and drops per second', () => {
    const s = reduceRunEvents(base, [started, snap({ windows: [win(0, 0.5, 1), win(1, 0.75, 3, { dropped: 2, calls: 120 })] })]);
    expect(s.live!.nodeStats.s).toEqual({ utilization: 0.75, queueLength: 3, errorsPerSec: 2, overloaded: false });
    expect(s.live!.nodeStats.c.utilization).toBeUndefined();
    expect(s.live!.edgeStats['c-s']).toEqual({ callsPerSec: 120 });
  });

  it('keeps the same object while a node\'s numbers do not change', () => {
    const s1 = reduceRunEvents(base, [started, snap({ windows: [win(0, 0.5, 1, { calls: 5 })] })]);
    const s2 = reduceRunEvents(s1, [snap({ windows: [win(1, 0.5, 1, { calls: 6 })] })]);
    expect(s2.live!.nodeStats.s).toBe(s1.live!.nodeStats.s);
    expect(s2.live!.edgeStats['c-s']).not.toBe(s1.live!.edgeStats['c-s']);
  });

  it('"overloaded": saturated servers and a queue that keeps growing, or full-queue drops; a busy but stable queue is not', () => {
    const growing = [0, 1, 2, 3, 4].map((i) => win(i, 1, 10 + 20 * i));
    expect(isOverloaded(growing, 1, 1)).toBe(true);
    const stable = [0, 1, 2, 3, 4].map((i) => win(i, 0.99, 10 + (i % 2) * 3));
    expect(isOverloaded(stable, 1, 1)).toBe(false);
    const dropping = [0, 1, 2].map((i) => win(i, 1, 50, { dropped: 30 }));
    expect(isOverloaded(dropping, 1, 1)).toBe(true);
    const idle = [0, 1, 2, 3, 4].map((i) => win(i, 0.6, 10 + 20 * i));
    expect(isOverloaded(idle, 1, 1)).toBe(false);
    expect(isOverloaded(growing, 0, 0)).toBe(false);
  });

  it('once finished, the canvas shows the whole measured run from the results', () => {
    const results = {
      version: 1 as const,
      scenario: 'test',
      seed: 1,
      simulatedSec: 60,
      events: 1,
      wallMs: 1,
      ops: {},
      nodes: {
        c: { arrivals: 1, completed: 1, dropped: 0, errors: 0, utilization: 0, meanQueueLength: 0, maxQueueLength: 0, waitMs: { mean: 0, p99: 0 }, latencyMs: { mean: 0, p50: 0, p90: 0, p95: 0, p99: 0, p999: 0, max: 0 } },
        s: { arrivals: 1, completed: 1, dropped: 60, errors: 60, utilization: 0.8, meanQueueLength: 3.2, maxQueueLength: 9, waitMs: { mean: 0, p99: 0 }, latencyMs: { mean: 0, p50: 0, p90: 0, p95: 0, p99: 0, p999: 0, max: 0 } },
      },
      edges: { 'c-s': { calls: 4800, callsPerSec: 80 } },
    };
    const s = reduceRunEvents(base, [started, snap({ windows: [win(0, 0.1, 0)] }), snap({ status: 'finished', results })]);
    expect(s.runStatus).toBe('finished');
    expect(s.live!.resultsFinal).toBe(true);
    expect(s.live!.nodeStats.s).toEqual({ utilization: 0.8, queueLength: 3.2, errorsPerSec: 2, overloaded: false });
    expect(s.live!.edgeStats['c-s']).toEqual({ callsPerSec: 80 });
  });

  it('ids that name Object.prototype members are ordinary keys', () => {
    const odd = { ...meta, nodes: [meta.nodes[0], { ...meta.nodes[1], id: '__proto__' }], edges: [{ ...meta.edges[0], id: 'constructor' }] };
    const s = reduceRunEvents(base, [{ ...started, meta: odd }, snap({ windows: [win(0, 0.5, 1)] })]);
    expect(Object.hasOwn(s.live!.nodeStats, '__proto__')).toBe(true);
    expect(s.live!.nodeStats['__proto__'].utilization).toBe(0.5);
    expect(s.live!.edgeStats['constructor'].callsPerSec).toBe(80);
    expect(Object.hasOwn(emptyLiveRun(1, meta).nodeStats, 'toString')).toBe(false);
  });
});

describe('compacting events between frames', () => {
  it('merges consecutive snapshots of a run: windows concatenated, the latest of the rest', () => {
    const events: WorkerEvent[] = [
      started,
      snap({ windows: [win(0, 0.5, 1)], histogram: [null] }),
      snap({ windows: [win(1, 0.5, 1)], seq: 2, status: 'paused', simSec: 2 }),
      { type: 'started', runId: 2, seq: 3, meta },
      snap({ runId: 2, windows: [win(0, 0.5, 1)] }),
    ];
    const out = compactEvents(events);
    expect(out.map((e) => e.type)).toEqual(['started', 'snapshot', 'started', 'snapshot']);
    const merged = out[1] as SnapshotEvent;
    expect(merged.windows.map((w) => w.index)).toEqual([0, 1]);
    expect(merged).toMatchObject({ seq: 2, status: 'paused', simSec: 2, histogram: [null] });
    expect((compactEvents(events.slice(0, 3), 1)[1] as SnapshotEvent).windows.map((w) => w.index)).toEqual([1]);
  });
});

describe('a run stopped by the overload guard', () => {
  it('marks the nodes where requests piled up as overloaded, even with no closed window', () => {
    const node = (maxQueueLength: number) => ({
      arrivals: 1,
      completed: 1,
      dropped: 0,
      errors: 0,
      utilization: 1,
      meanQueueLength: maxQueueLength / 2,
      maxQueueLength,
      waitMs: { mean: 0, p99: 0 },
      latencyMs: { mean: 0, p50: 0, p90: 0, p95: 0, p99: 0, p999: 0, max: 0 },
    });
    const results = {
      version: 1 as const,
      scenario: 'flood',
      seed: 1,
      simulatedSec: 60,
      events: 1,
      wallMs: 1,
      ops: {},
      nodes: { c: { ...node(0), utilization: 0 }, s: node(500_000) },
      edges: { 'c-s': { calls: 1, callsPerSec: 1 } },
      stopped: { reason: 'maxJobs' as const, atSec: 0.05, message: 'stopped at 0.1 s …' },
    };
    const s = reduceRunEvents(base, [started, snap({ status: 'finished', results, stopped: results.stopped })]);
    expect(s.live!.stopped?.reason).toBe('maxJobs');
    expect(s.live!.nodeStats.s.overloaded).toBe(true);
    expect(s.live!.nodeStats.c.overloaded).toBe(false);
  });
});

describe('a long queue that keeps growing slowly', () => {
  it('is overloaded when it rises every window, even by less than 10%', () => {
    const slow = [0, 1, 2, 3, 4].map((i) => win(i, 1, 2000 + 40 * i));
    expect(isOverloaded(slow, 1, 1)).toBe(true);
    const wobbly = [0, 1, 2, 3, 4].map((i) => win(i, 1, 2000 + [0, 40, 20, 60, 80][i]));
    expect(isOverloaded(wobbly, 1, 1)).toBe(false);
  });
});

describe('the overload flag agrees with the utilization shown beside it', () => {
  it('a finished run whose node was 7% busy is not overloaded, whatever its last windows did', () => {
    const windows = [...Array.from({ length: 55 }, (_, i) => win(i, 0.02, 0)), ...[55, 56, 57, 58, 59].map((i) => win(i, 1, 10 + 20 * (i - 55)))];
    const node = (utilization: number) => ({
      arrivals: 1, completed: 1, dropped: 0, errors: 0, utilization, meanQueueLength: 1, maxQueueLength: 90,
      waitMs: { mean: 0, p99: 0 }, latencyMs: { mean: 0, p50: 0, p90: 0, p95: 0, p99: 0, p999: 0, max: 0 },
    });
    const results = {
      version: 1 as const, scenario: 'burst', seed: 1, simulatedSec: 60, events: 1, wallMs: 1, ops: {},
      nodes: { c: node(0), s: node(0.07) }, edges: { 'c-s': { calls: 1, callsPerSec: 1 } },
    };
    const running = reduceRunEvents(base, [started, snap({ windows })]);
    expect(running.live!.nodeStats.s.overloaded).toBe(true);
    const finished = reduceRunEvents(running, [snap({ seq: 2, status: 'finished', results })]);
    expect(finished.live!.nodeStats.s).toMatchObject({ utilization: 0.07, overloaded: false });
  });
});
