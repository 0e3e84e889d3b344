/**
 * The worker's request traces: with dots on, snapshots carry a bounded
 * sample of finished requests (every hop); `traceNext` is answered with the
 * trace of the next request of an op; and neither changes the run's results.
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/sim/run';
import type { Results } from '../../src/sim/results';
import { MAX_SAMPLED_TRACES_PER_SNAPSHOT, type WorkerEvent } from '../../src/worker/protocol';
import { harness, preset } from './harness';

const withoutWall = (r: Results) => ({ ...r, wallMs: 0 });
type TraceEvent = Extract<WorkerEvent, { type: 'trace' }>;

describe('request traces from the worker', () => {
  it('with dots on, snapshots carry a few sampled requests each (never more than the cap), every one with its hops, and results stay those of runScenario', () => {
    const scenario = preset('cache-aside');
    const h = harness('virtual');
    h.send({ type: 'sampleTraces', on: true });
    h.send({ type: 'load', runId: 1, scenario, speed: 1, play: true });
    h.clock.advance(5000);
    const snaps = h.snapshots();
    const traced = snaps.flatMap((s) => s.traces ?? []);
    for (const s of snaps) expect((s.traces ?? []).length).toBeLessThanOrEqual(MAX_SAMPLED_TRACES_PER_SNAPSHOT);
    // About three a second per op over five seconds.
    expect(traced.length).toBeGreaterThan(5);
    expect(traced.length).toBeLessThan(40);
    for (const t of traced) {
      expect(t.sampled).toBe(true);
      expect(t.spans[0].role).toBe('request');
      expect(t.spans.length).toBeGreaterThan(1);
    }
    h.send({ type: 'speed', speed: 'max' });
    h.clock.advance(60_000);
    const final = h.last()!;
    expect(final.status).toBe('finished');
    expect(withoutWall(final.results!)).toEqual(withoutWall(runScenario(scenario)));
  });

  it('without dots, snapshots carry no traces', () => {
    const h = harness('virtual');
    h.send({ type: 'load', runId: 1, scenario: preset('cache-aside'), speed: 1, play: true });
    h.clock.advance(2000);
    expect(h.snapshots().some((s) => s.traces !== undefined)).toBe(false);
  });

  it('traceNext is answered with the next request of the op, every hop included; an unknown op is answered at once with a reason', () => {
    const scenario = preset('cache-aside');
    const op = scenario.nodes.find((n) => n.kind === 'client')!.params.op as string;
    const h = harness('virtual');
    h.send({ type: 'load', runId: 1, scenario, speed: 1, play: true });
    h.clock.advance(500);
    h.send({ type: 'traceNext', op });
    h.clock.advance(1000);
    const answers = h.events.filter((e): e is TraceEvent => e.type === 'trace');
    expect(answers).toHaveLength(1);
    expect(answers[0].trace).toMatchObject({ op, sampled: false, outcome: 'ok' });
    expect(answers[0].trace!.startMs).toBeGreaterThanOrEqual(500);
    expect(answers[0].trace!.spans.length).toBeGreaterThan(1);
    h.send({ type: 'traceNext', op: 'nope' });
    const refused = h.events.filter((e): e is TraceEvent => e.type === 'trace').at(-1)!;
    expect(refused).toMatchObject({ op: 'nope', trace: null, message: 'No client makes requests of op "nope".' });
  });
});
