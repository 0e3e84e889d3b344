/**
 * The kernel's promises: events in (time, insertion) order, timers that can
 * be cancelled and never act on a recycled job record, join groups that
 * complete once on all-of, first-of or first-of-or-timeout, an unknown event
 * kind that throws, and a waiting job that can be taken back.
 */
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/sim/engine';
import { ALL_OF, FIRST_OF, FIRST_OF_OR_TIMEOUT, JOIN_FAILED, JOIN_OPEN, JOIN_SUCCEEDED, JoinPool } from '../../src/sim/joins';
import { Kernel } from '../../src/sim/kernel';
import { cancelWaiting } from '../../src/sim/station';
import { client, scenario, service } from './helpers';

function kernel(): Kernel {
  return new Kernel(1, 1e9, 1e6);
}

describe('kernel: events and timers', () => {
  it('runs events in time order, ties in the order they were scheduled', () => {
    const k = kernel();
    const seen: string[] = [];
    const ev = k.registerEvent('note', (kk: Kernel, id: number) => seen.push(`${kk.now}:${id}`), false);
    k.schedule(20, ev, 1);
    k.schedule(10, ev, 2);
    k.schedule(10, ev, 3);
    k.startTimer(10, ev, 4, false);
    k.runToEnd();
    expect(seen).toEqual(['10:2', '10:3', '10:4', '20:1']);
    expect(k.events).toBe(4);
  });

  it('a cancelled timer never fires, and a handle that fired cannot cancel a later timer in the same slot', () => {
    const k = kernel();
    const fired: number[] = [];
    const ev = k.registerEvent('fire', (_k: Kernel, id: number) => fired.push(id), false);
    const a = k.startTimer(5, ev, 1, false);
    expect(k.cancelTimer(a)).toBe(true);
    expect(k.cancelTimer(a)).toBe(false);
    const b = k.startTimer(6, ev, 2, false);
    k.step(6);
    expect(fired).toEqual([2]);
    const c = k.startTimer(7, ev, 3, false); // reuses b's slot with a new generation
    expect(k.cancelTimer(b)).toBe(false);
    k.runToEnd();
    expect(fired).toEqual([2, 3]);
    expect(k.cancelTimer(c)).toBe(false);
    expect(k.pendingTimers).toBe(0);
    expect(k.staleEvents).toBe(1); // the cancelled one, popped and skipped
  });

  it('a timer bound to a job does nothing once that record was recycled for another job', () => {
    const k = kernel();
    const hits: number[] = [];
    const ev = k.registerEvent('timeout', (_k: Kernel, j: number) => hits.push(j), false);
    const j = k.jobs.spawn(0, 0, -1, -1, -1, 0, 0, 1, -1, -1);
    k.startTimer(100, ev, j, true);
    k.jobs.release(j);
    const other = k.jobs.spawn(0, 0, -1, -1, -1, 0, 0, 1, -1, -1);
    expect(other).toBe(j); // the very same record, a new life
    const late = k.startTimer(200, ev, other, true);
    k.runToEnd();
    expect(hits).toEqual([other]);
    expect(k.staleEvents).toBe(1);
    expect(k.cancelTimer(late)).toBe(false);
  });

  it('a job-bound event is dropped when its job record was recycled', () => {
    const k = kernel();
    const hits: number[] = [];
    const ev = k.registerEvent('done', (_k: Kernel, j: number) => hits.push(j), true);
    const j = k.jobs.spawn(0, 0, -1, -1, -1, 0, 0, 1, -1, -1);
    k.scheduleJob(10, ev, j);
    k.jobs.release(j);
    k.jobs.spawn(0, 0, -1, -1, -1, 0, 0, 1, -1, -1);
    k.runToEnd();
    expect(hits).toEqual([]);
    expect(k.staleEvents).toBe(1);
  });

  it('an event of a kind nobody registered throws instead of falling through to another handler', () => {
    const k = kernel();
    k.heap.push(1, 42, 0, 0);
    expect(() => k.runToEnd()).toThrow(/unknown kind 42/);
  });
});

describe('kernel: join groups', () => {
  it('all-of completes when the last member is over, failed if any failed', () => {
    const joins = new JoinPool(2);
    const g = joins.open(ALL_OF, 7, 0, 1, true);
    joins.add(g);
    joins.add(g);
    expect(joins.settle(g, false)).toBe(JOIN_OPEN);
    expect(joins.seal(g)).toBe(JOIN_OPEN);
    expect(joins.settle(g, false)).toBe(JOIN_SUCCEEDED);
    const h = joins.open(ALL_OF, 7, 0, 1, true);
    joins.add(h);
    joins.add(h);
    expect(joins.settle(h, true)).toBe(JOIN_OPEN);
    expect(joins.settle(h, false)).toBe(JOIN_OPEN);
    expect(joins.seal(h)).toBe(JOIN_FAILED);
    expect(joins.live).toBe(0);
  });

  it('first-of succeeds with the first success and fails only when every member failed', () => {
    const joins = new JoinPool(2);
    const g = joins.open(FIRST_OF, 0, 0, 1, true);
    joins.add(g);
    joins.add(g);
    joins.add(g);
    expect(joins.seal(g)).toBe(JOIN_OPEN);
    expect(joins.settle(g, true)).toBe(JOIN_OPEN);
    expect(joins.settle(g, false)).toBe(JOIN_SUCCEEDED);
    expect(joins.settle(g, false)).toBe(JOIN_OPEN); // decided already; the record is now recycled
    expect(joins.live).toBe(0);
    const h = joins.open(FIRST_OF, 0, 0, 1, true);
    joins.add(h);
    joins.add(h);
    expect(joins.seal(h)).toBe(JOIN_OPEN);
    expect(joins.settle(h, true)).toBe(JOIN_OPEN);
    expect(joins.settle(h, true)).toBe(JOIN_FAILED);
  });

  it('first-of-or-timeout fails at its deadline, and members finishing after it decide nothing', () => {
    const joins = new JoinPool(2);
    const g = joins.open(FIRST_OF_OR_TIMEOUT, 0, 0, 1, true);
    joins.add(g);
    expect(joins.seal(g)).toBe(JOIN_OPEN);
    expect(joins.expire(g)).toBe(JOIN_FAILED);
    expect(joins.expire(g)).toBe(JOIN_OPEN);
    expect(joins.settle(g, false)).toBe(JOIN_OPEN);
    expect(joins.live).toBe(0);
  });
});

describe('station: cancelling waiting work', () => {
  it('a job taken back while it waits is never served and leaves the queue at once', () => {
    // One server busy for 100 ms with the first request (constant arrivals at t = 0, 1 s, …).
    const sim = new Simulation(
      scenario({
        durationSec: 1,
        nodes: [client('c', 'op', 1, 'constant'), service('s', { servers: 1, serviceTimeMs: { type: 'constant', valueMs: 100 } })],
        edges: [{ id: 'e', source: 'c', target: 's' }],
      }),
    );
    sim.step(0);
    expect(sim.stations.busy[1]).toBe(1);
    const waiting = sim.jobs.spawn(1, 0, -1, -1, -1, 0, sim.now, 1, -1, -1);
    sim.arrive(waiting);
    expect(sim.stations.queued[1]).toBe(1);
    expect(cancelWaiting(sim, waiting)).toBe(true);
    expect(cancelWaiting(sim, waiting)).toBe(false);
    expect(sim.stations.queued[1]).toBe(0);
    sim.runToEnd();
    // Only the client's own request was served; the cancelled one was let go without service.
    expect(sim.meter.nCompleted[1]).toBe(1);
    expect(sim.meter.nArrivals[1]).toBe(2);
    expect(sim.jobs.live).toBe(0);
    sim.dispose();
  });
});
