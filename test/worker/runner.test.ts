import { describe, expect, it } from 'vitest';
import { decodeScenario } from '../../src/scenario/decode';
import type { Scenario } from '../../src/scenario/schema';
import { runScenario } from '../../src/sim/run';
import type { Results } from '../../src/sim/results';
import type { SimWindow } from '../../src/worker/protocol';
import { harness, preset } from './harness';

function decode(doc: Record<string, unknown>): Scenario {
  const r = decodeScenario({ version: 1, ...doc });
  if (!r.ok) throw new Error(r.error.message);
  return r.scenario;
}

/** A small home-timeline system: posts fan out to followers' timelines through a queue, except celebrities'. */
const timeline = decode({
  name: 'Hybrid home timeline (test)',
  seed: 7,
  durationSec: 30,
  warmupSec: 2,
  population: { users: 100_000, followers: { type: 'powerlaw', alpha: 1.1, min: 1, max: 50_000 } },
  nodes: [
    { id: 'posters', kind: 'client', params: { op: 'post', arrival: { type: 'poisson', ratePerSec: 20 } } },
    { id: 'readers', kind: 'client', params: { op: 'home', arrival: { type: 'poisson', ratePerSec: 200 } } },
    { id: 'api', kind: 'service', params: { servers: 8, serviceTimeMs: { type: 'exponential', meanMs: 2 } } },
    { id: 'fanout', kind: 'queue', params: { consumers: 4 } },
    { id: 'timelines', kind: 'cache', params: { hitRatio: 1, servers: 64 } },
    { id: 'celebs', kind: 'database', params: { servers: 16 } },
  ],
  edges: [
    { id: 'posters-api', source: 'posters', target: 'api' },
    { id: 'readers-api', source: 'readers', target: 'api' },
    { id: 'api-fanout', source: 'api', target: 'fanout', ops: ['post'] },
    { id: 'fanout-timelines', source: 'fanout', target: 'timelines', fanout: { type: 'followers', skipAbove: 10_000 } },
    { id: 'api-timelines', source: 'api', target: 'timelines', ops: ['home'] },
    { id: 'api-celebs', source: 'api', target: 'celebs', ops: ['home'], fanout: { type: 'celebrityFollowees', threshold: 10_000 } },
  ],
});

const withoutWall = (r: Results) => ({ ...r, wallMs: 0 });

describe('the worker runs the same engine as the CLI', () => {
  const scenarios: [string, Scenario][] = [
    ['cache-aside (the default)', preset('cache-aside')],
    ['M/M/1', preset('mm1')],
    ['M/M/c', preset('mmc')],
    ['tail at scale (fork-join of 100)', preset('tail-at-scale')],
    ['search index', preset('search-index')],
    ['hybrid home timeline (bulk follower fan-out)', timeline],
  ];
  for (const [name, scenario] of scenarios) {
    it(`${name}: final results at "max" speed equal runScenario's for the same seed`, () => {
      const h = harness('real');
      h.send({ type: 'load', runId: 1, scenario, speed: 'max', play: true });
      h.clock.drain(h.finished);
      const final = h.last()!;
      expect(final.status).toBe('finished');
      expect(withoutWall(final.results!)).toEqual(withoutWall(runScenario(scenario)));
    });
  }

  it('pacing, pauses, steps and speed changes do not change the results', () => {
    const scenario = { ...preset('mm1'), durationSec: 60 };
    const h = harness('virtual');
    h.send({ type: 'load', runId: 3, scenario, speed: 20, play: true });
    h.clock.advance(700);
    h.send({ type: 'pause' });
    h.send({ type: 'step' });
    h.clock.advance(50);
    h.send({ type: 'speed', speed: 3 });
    h.send({ type: 'play' });
    h.clock.advance(900);
    h.send({ type: 'speed', speed: 'max' });
    h.clock.advance(100_000);
    expect(h.finished()).toBe(true);
    expect(withoutWall(h.last()!.results!)).toEqual(withoutWall(runScenario(scenario)));
  });
});

describe('pacing', () => {
  it('at 10× one wall second advances the simulation by about 10 simulated seconds', () => {
    const h = harness('virtual');
    h.send({ type: 'load', runId: 1, scenario: preset('cache-aside'), speed: 10, play: true });
    h.clock.advance(1000);
    h.send({ type: 'pause' });
    expect(h.last()!.simSec).toBeGreaterThan(9.7);
    expect(h.last()!.simSec).toBeLessThanOrEqual(10);
    h.send({ type: 'speed', speed: 0.5 });
    h.send({ type: 'play' });
    h.clock.advance(2000);
    h.send({ type: 'pause' });
    expect(h.last()!.simSec).toBeGreaterThan(10.9);
    expect(h.last()!.simSec).toBeLessThanOrEqual(11);
  });

  it('posts about 10 snapshots per wall second while playing, each with the windows closed since the last', () => {
    const h = harness('virtual');
    h.send({ type: 'load', runId: 1, scenario: preset('cache-aside'), speed: 20, play: true });
    h.clock.advance(2000);
    const running = h.snapshots().filter((s) => s.status === 'running' && s.windows.length > 0);
    expect(running.length).toBeGreaterThanOrEqual(18);
    expect(running.length).toBeLessThanOrEqual(22);
    const windows = h.snapshots().flatMap((s) => s.windows);
    expect(windows.map((w) => w.index)).toEqual(windows.map((_, i) => i));
    expect(windows.length).toBeGreaterThanOrEqual(38);
  });

  it('reports the speed it achieves', () => {
    const h = harness('virtual');
    h.send({ type: 'load', runId: 1, scenario: preset('cache-aside'), speed: 5, play: true });
    h.clock.advance(3000);
    expect(h.last()!.simRate).toBeCloseTo(5, 0);
  });
});

describe('commands', () => {
  it('Pause stops the run at once: no further progress or snapshots until Play', () => {
    const h = harness('virtual');
    h.send({ type: 'load', runId: 1, scenario: preset('cache-aside'), speed: 10, play: true });
    h.clock.advance(1000);
    h.send({ type: 'pause' });
    const paused = h.last()!;
    expect(paused.status).toBe('paused');
    expect(paused.seq).toBe(2);
    expect(paused.results).toBeDefined();
    const count = h.events.length;
    h.clock.advance(5000);
    expect(h.events.length).toBe(count);
    expect(h.clock.pending).toBe(0);
    h.send({ type: 'play' });
    h.clock.advance(500);
    expect(h.last()!.status).toBe('running');
    expect(h.last()!.simSec).toBeGreaterThan(paused.simSec + 4);
  });

  it('Step advances exactly one live window (one simulated second) and stays paused', () => {
    const h = harness('virtual');
    h.send({ type: 'load', runId: 1, scenario: preset('mm1'), speed: 1, play: false });
    expect(h.last()!.status).toBe('paused');
    expect(h.last()!.simSec).toBe(0);
    h.send({ type: 'step' });
    h.clock.advance(100);
    expect(h.last()!.status).toBe('paused');
    expect(h.last()!.simSec).toBe(1);
    h.send({ type: 'step' });
    h.clock.advance(100);
    expect(h.last()!.simSec).toBe(2);
    const windows: SimWindow[] = h.snapshots().flatMap((s) => s.windows);
    expect(windows.map((w) => [w.startSec, w.endSec])).toEqual([
      [0, 1],
      [1, 2],
    ]);
  });

  it('events of a run carry its run id; a new load starts over with the new id', () => {
    const h = harness('virtual');
    h.send({ type: 'load', runId: 1, scenario: preset('mm1'), speed: 10, play: true });
    h.clock.advance(300);
    h.send({ type: 'load', runId: 2, scenario: preset('mmc'), speed: 10, play: true });
    const started = h.events.filter((e) => e.type === 'started');
    expect(started.map((e) => e.runId)).toEqual([1, 2]);
    const after = h.events.length;
    h.clock.advance(300);
    const later = h.events.slice(after);
    expect(later.length).toBeGreaterThan(0);
    expect(later.every((e) => e.runId === 2)).toBe(true);
    const first = later.find((e) => e.type === 'snapshot' && e.windows.length > 0);
    expect(first && first.type === 'snapshot' && first.windows[0].index).toBe(0);
  });

  it('the started event describes the run: ops, nodes and edges in window order', () => {
    const h = harness('virtual');
    h.send({ type: 'load', runId: 1, scenario: preset('cache-aside'), speed: 1, play: false });
    const started = h.events[0];
    expect(started.type).toBe('started');
    if (started.type !== 'started') return;
    expect(started.meta.ops).toEqual(['read', 'write']);
    expect(started.meta.nodes.map((n) => [n.id, n.servers])).toEqual([
      ['readers', 0],
      ['writers', 0],
      ['api', 8],
      ['cache', 64],
      ['db', 8],
    ]);
    expect(started.meta.edges.map((e) => e.id)).toEqual(['readers-api', 'writers-api', 'api-cache', 'cache-db', 'api-db']);
    expect(started.meta).toMatchObject({ durationSec: 600, warmupSec: 5, seed: 1, windowSec: 1, endSec: 1200 });
  });
});

describe('hostile scenarios never hurt the page', () => {
  it('refuses a run that asks for absurd work, with a message, and runs again once the scenario changes', () => {
    const h = harness('virtual');
    const absurd = decode({
      durationSec: 3600,
      nodes: [
        { id: 'c', kind: 'client', params: { op: 'x', arrival: { ratePerSec: 1e12 } } },
        { id: 's', kind: 'service' },
      ],
      edges: [{ id: 'e', source: 'c', target: 's' }],
    });
    h.send({ type: 'load', runId: 1, scenario: absurd, speed: 1, play: true });
    expect(h.events).toEqual([expect.objectContaining({ type: 'refused', runId: 1, message: expect.stringContaining('requests') })]);
    h.send({ type: 'load', runId: 2, scenario: preset('mm1'), speed: 1, play: true });
    expect(h.events.at(-1)!.type).toBe('snapshot');
  });

  it('an overloaded system at 10⁷ requests/s: every slice stays within its budget and the run stops at the memory bound', () => {
    const overload = decode({
      durationSec: 60,
      nodes: [
        { id: 'flood', kind: 'client', params: { op: 'x', arrival: { ratePerSec: 1e7 } } },
        { id: 'slow', kind: 'service', params: { servers: 1, serviceTimeMs: { type: 'exponential', meanMs: 1 } } },
      ],
      edges: [{ id: 'e', source: 'flood', target: 'slow' }],
    });
    const h = harness('real', { sliceMs: 10, maxJobs: 200_000 });
    h.send({ type: 'load', runId: 1, scenario: overload, speed: 'max', play: true });
    h.clock.drain(h.finished);
    const final = h.last()!;
    expect(final.status).toBe('finished');
    expect(final.stopped?.reason).toBe('maxJobs');
    expect(final.stopped?.message).toMatch(/overloaded/);
    expect(final.results?.stopped?.reason).toBe('maxJobs');
    // Each slice yields within its 10 ms budget plus one chunk (ignore the first, which measures the event rate).
    // CPU time, not wall time: on a shared machine a slice's wall time includes waiting for a core. Even CPU
    // time picks up a garbage collection or a descheduled core now and then, so the typical slice is held to
    // the budget (the median) and every slice to a bound that only a slice ignoring its budget would pass
    // (one running the whole minute would take seconds).
    const slices = h.clock.callbackCpuMs.slice(1);
    expect(slices.length).toBeGreaterThan(2);
    const sorted = [...slices].sort((a, b) => a - b);
    expect(sorted[Math.floor(sorted.length / 2)]).toBeLessThan(30);
    expect(sorted.at(-1)!).toBeLessThan(250);
  });

  it('a failure inside the worker becomes an error event, and the runner takes the next load', () => {
    const h = harness('virtual');
    h.send({ type: 'load', runId: 1, scenario: { ...preset('mm1'), nodes: null } as unknown as Scenario, speed: 1, play: true });
    expect(h.events.at(-1)).toMatchObject({ type: 'error', runId: 1 });
    h.send({ type: 'load', runId: 2, scenario: preset('mm1'), speed: 1, play: true });
    h.clock.advance(1500);
    expect(h.last()).toMatchObject({ runId: 2, status: 'running' });
  });
});

describe('a stopped run', () => {
  it('posts no windows past the stop (the frozen state would only repeat)', () => {
    const flood = decode({
      durationSec: 60,
      nodes: [
        { id: 'flood', kind: 'client', params: { op: 'x', arrival: { ratePerSec: 1e6 } } },
        { id: 'slow', kind: 'service', params: { servers: 1, serviceTimeMs: { type: 'exponential', meanMs: 1 } } },
      ],
      edges: [{ id: 'e', source: 'flood', target: 'slow' }],
    });
    const h = harness('real', { maxJobs: 50_000 });
    h.send({ type: 'load', runId: 1, scenario: flood, speed: 'max', play: true });
    h.clock.drain(h.finished);
    const final = h.last()!;
    expect(final.stopped?.reason).toBe('maxJobs');
    const windows = h.snapshots().flatMap((s) => s.windows);
    expect(windows.at(-1)?.endSec ?? 0).toBeLessThanOrEqual(final.stopped!.atSec + 1e-9);
  });
});

describe('the end of a run', () => {
  it('the clock stops at the last event after durationSec, not at the drain limit: no empty windows after the end', () => {
    const scenario = { ...preset('mm1'), durationSec: 30, warmupSec: 2 };
    const h = harness('real');
    h.send({ type: 'load', runId: 1, scenario, speed: 'max', play: true });
    h.clock.drain(h.finished);
    const final = h.last()!;
    expect(final.simSec).toBeGreaterThanOrEqual(30);
    expect(final.simSec).toBeLessThan(31);
    const windows = h.snapshots().flatMap((s) => s.windows);
    expect(windows.at(-1)!.endSec).toBeLessThanOrEqual(31);
    expect(windows).toHaveLength(Math.floor(final.simSec));
  });
});

describe('one overload limit', () => {
  it('an overloaded scenario stops at the same point, with the same results, in the worker and in the CLI', () => {
    const overload = decode({
      durationSec: 10,
      nodes: [
        { id: 'flood', kind: 'client', params: { op: 'x', arrival: { ratePerSec: 1e6 } } },
        { id: 'slow', kind: 'service', params: { servers: 1, serviceTimeMs: { type: 'constant', valueMs: 1 } } },
      ],
      edges: [{ id: 'e', source: 'flood', target: 'slow' }],
    });
    const h = harness('real');
    h.send({ type: 'load', runId: 1, scenario: overload, speed: 'max', play: true });
    h.clock.drain(h.finished);
    const worker = h.last()!.results!;
    const cli = runScenario(overload);
    expect(cli.stopped?.message).toContain('1,000,000 calls');
    const { wallMs: _a, ...w } = worker;
    const { wallMs: _b, ...c } = cli;
    expect(w).toStrictEqual(c);
  }, 60_000);
});

describe('breaking it now', () => {
  it('a fault joins the running run at the next tenth of a second, and the run ends as the scenario with that fault from the start', () => {
    const scenario = { ...preset('mm1'), durationSec: 40 };
    const h = harness('virtual');
    h.send({ type: 'load', runId: 5, scenario, speed: 10, play: true });
    h.clock.advance(1234);
    const nowSec = h.last()!.simSec;
    const target = scenario.nodes.find((n) => n.kind !== 'client')!.id;
    h.send({ type: 'injectFault', fault: { id: 'now', target, type: 'crash', mode: 'refuse', atSec: 0, durationSec: 5 } });
    const answer = h.events.find((e) => e.type === 'faultInjected');
    expect(answer?.type === 'faultInjected' && answer.fault).toBeTruthy();
    const joined = answer!.type === 'faultInjected' ? answer!.fault! : null!;
    expect(joined.atSec).toBeGreaterThanOrEqual(nowSec);
    expect(joined.atSec! * 10).toBe(Math.round(joined.atSec! * 10));
    expect(joined.atSec! - nowSec).toBeLessThan(2);
    h.send({ type: 'speed', speed: 'max' });
    h.clock.advance(100_000);
    expect(h.finished()).toBe(true);
    const results = h.last()!.results!;
    expect(Object.values(results.ops)[0].errorsByCause!.down).toBeGreaterThan(0);
    expect(withoutWall(results)).toEqual(withoutWall(runScenario({ ...scenario, faults: [joined] })));
    // Windows after the fault carry the failure fields.
    const windows = h.snapshots().flatMap((s) => s.windows);
    const during = windows.find((w) => w.startSec >= joined.atSec! + 1)!;
    expect(during.ops[0].errorsByCausePerSec!.down).toBeGreaterThan(0);
  });

  it('a finished run refuses with the reason, and stays as it was', () => {
    const scenario = { ...preset('mm1'), durationSec: 20 };
    const h = harness('virtual');
    h.send({ type: 'load', runId: 6, scenario, speed: 'max', play: true });
    h.clock.advance(100_000);
    expect(h.finished()).toBe(true);
    const target = scenario.nodes[1].id;
    h.send({ type: 'injectFault', fault: { id: 'late', target, type: 'pause', atSec: 0, durationSec: 1 } });
    const answer = h.events.find((e) => e.type === 'faultInjected');
    expect(answer).toMatchObject({ type: 'faultInjected', runId: 6, fault: null, message: 'The run is over.' });
    expect(h.events.some((e) => e.type === 'error')).toBe(false);
  });
});

describe('batch jobs on the page', () => {
  it('a snapshot carries a batch node’s jobs when one finished: the last job’s task copies and every job, as the engine keeps them', async () => {
    const { Simulation } = await import('../../src/sim/engine');
    const { batchJobHistory, lastBatchJob } = await import('../../src/sim/behaviours/batch');
    const scenario = { ...preset('mapreduce-backup-tasks') };
    const h = harness('real');
    h.send({ type: 'load', runId: 9, scenario, speed: 'max', play: true });
    h.clock.drain(h.finished);
    const updates = h.snapshots().flatMap((s) => s.batch ?? []);
    expect(updates.length).toBeGreaterThan(0);
    const lastUpdate = updates.at(-1)!;
    const sim = new Simulation(scenario);
    sim.runToEnd();
    const i = scenario.nodes.findIndex((n) => n.id === lastUpdate.node);
    expect(lastUpdate.last).toEqual(lastBatchJob(sim, i));
    expect(lastUpdate.history).toEqual([...batchJobHistory(sim, i)!]);
    expect(lastUpdate.last!.copies.length).toBeGreaterThanOrEqual(lastUpdate.last!.tasks);
    // Only when something changed: no two updates of a node with the same number of jobs.
    const counts = updates.filter((u) => u.node === lastUpdate.node).map((u) => u.history.length);
    expect(new Set(counts).size).toBe(counts.length);
    sim.dispose();
  });
});

describe('logs on the page', () => {
  it('every snapshot carries each log’s partitions and groups, every window its groups; the windows add up to the final results, which reading them does not change', async () => {
    const { readFileSync } = await import('node:fs');
    const scenario = { ...decode(JSON.parse(readFileSync(new URL('../fixtures/logs/log-and-queue.json', import.meta.url), 'utf8'))), durationSec: 60 };
    const h = harness('real');
    h.send({ type: 'load', runId: 12, scenario, speed: 'max', play: true });
    h.clock.drain(h.finished);
    const snapshots = h.snapshots();
    const final = h.last()!;
    expect(final.status).toBe('finished');
    expect(withoutWall(final.results!)).toEqual(withoutWall(runScenario(scenario)));
    // Every snapshot names the log node and describes its four partitions and two groups.
    for (const s of snapshots) {
      expect(s.logs?.map((l) => l.node)).toEqual(['topic']);
      expect(s.logs![0].partitions).toHaveLength(4);
      expect(s.logs![0].groups.map((g) => g.edge)).toEqual([1, 2]);
    }
    const windows = snapshots.flatMap((s) => s.windows);
    expect(windows.length).toBeGreaterThanOrEqual(60);
    for (const [e, id] of [
      [1, 'g-search'],
      [2, 'g-analytics'],
    ] as const) {
      const cells = windows.map((w) => w.consumerGroups!.find((g) => g.edge === e)!);
      const sum = (k: 'delivered' | 'duplicates' | 'lost') => cells.reduce((a, c) => a + c[k], 0);
      expect(sum('delivered'), id).toBe(final.results!.edges[id].delivered);
      expect(sum('duplicates'), id).toBe(final.results!.edges[id].duplicates);
      expect(sum('lost'), id).toBe(final.results!.edges[id].lost);
    }
    // The crash at 25 s makes Search's group deliver again what it had not committed.
    expect(final.results!.edges['g-search'].duplicates).toBeGreaterThan(0);
  });
});

describe('the drain after the duration', () => {
  it('runs as fast as the rest at "max": a slice handles many drain events, not one (a storm still down at the end drains in a few slices)', () => {
    const scenario = { ...preset('retry-storm'), durationSec: 30 };
    const h = harness('real');
    h.send({ type: 'load', runId: 11, scenario, speed: 'max', play: true });
    h.clock.drain(h.finished);
    const final = h.last()!;
    expect(final.status).toBe('finished');
    expect(withoutWall(final.results!)).toEqual(withoutWall(runScenario(scenario)));
    // Tens of thousands of events are left in flight at 30 s; one per slice would take as many slices.
    expect(h.clock.callbackMs.length).toBeLessThan(final.events / 100);
  });
});
