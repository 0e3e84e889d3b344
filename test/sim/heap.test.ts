import { describe, expect, it } from 'vitest';
import { EventHeap } from '../../src/sim/heap';
import { Rng } from '../../src/sim/random';
import { DELAY_LAWS, Reference } from './referenceOrder';

describe('the event heap', () => {
  it('pops events in (time, insertion order) order, ties first-scheduled first, whatever the interleaving of pushes and pops', () => {
    const rng = new Rng(7, 0);
    const heap = new EventHeap(2);
    const pending: { time: number; seq: number; kind: number; id: number; gen: number }[] = [];
    let seq = 0;
    const popped: number[] = [];
    const expected: number[] = [];
    for (let step = 0; step < 20_000; step++) {
      if (pending.length === 0 || rng.uniform() < 0.55) {
        // Coarse times make ties common.
        const time = Math.floor(rng.uniform() * 50) / 4;
        const kind = Math.floor(rng.uniform() * 256);
        const id = Math.floor(rng.uniform() * 2 ** 31) * (rng.uniform() < 0.1 ? -1 : 1);
        const gen = Math.floor(rng.uniform() * 2 ** 32) - 2 ** 31;
        heap.push(time, kind, id, gen);
        pending.push({ time, seq: seq++, kind, id, gen });
      } else {
        pending.sort((a, b) => a.time - b.time || a.seq - b.seq);
        const next = pending.shift()!;
        expect([heap.peekTime(), heap.peekKind(), heap.peekId(), heap.peekGen()]).toEqual([next.time, next.kind, next.id, next.gen]);
        popped.push(heap.peekTime());
        expected.push(next.time);
        heap.pop();
      }
      expect(heap.size).toBe(pending.length);
    }
    expect(popped).toEqual(expected);
  });

  it('reads Infinity as the time of an empty heap', () => {
    const heap = new EventHeap(1);
    expect(heap.peekTime()).toBe(Infinity);
    heap.push(3, 1, 2, 0);
    heap.pop();
    expect(heap.peekTime()).toBe(Infinity);
  });
});

/** Pushes and pops against the reference, then empties both; returns how many steps the list ran as a calendar and its widest ring. */
function drive(heap: EventHeap, rng: Rng, steps: number, delay: (rng: Rng, step: number) => number, grow: (step: number) => number): { calendarSteps: number; widestRing: number } {
  const ref = new Reference();
  const inner = heap as unknown as { cur: number; ring: number };
  let now = 0;
  let id = 0;
  let calendarSteps = 0;
  let widestRing = 0;
  for (let step = 0; step < steps; step++) {
    if (inner.cur !== Infinity) calendarSteps++;
    if (ref.size === 0 || rng.uniform() < grow(step)) {
      const t = now + delay(rng, step);
      heap.push(t, id % 256, id, 0);
      ref.push(t, id);
      id++;
    } else {
      const [t, v] = ref.top();
      expect(heap.peekTime()).toBe(t);
      expect(heap.peekId()).toBe(v);
      expect(heap.peekKind()).toBe(v % 256);
      if (t !== Infinity) now = t;
      heap.pop();
      ref.pop();
    }
    expect(heap.size).toBe(ref.size);
    widestRing = Math.max(widestRing, inner.ring);
  }
  while (ref.size > 0) {
    expect([heap.peekTime(), heap.peekId()]).toEqual(ref.top());
    heap.pop();
    ref.pop();
  }
  expect(heap.size).toBe(0);
  expect(heap.peekTime()).toBe(Infinity);
  return { calendarSteps, widestRing };
}

describe('the event list past a few hundred events (a calendar in front of the heap)', () => {
  it.each(DELAY_LAWS)('pops exactly the heap order: %s', (_name, delay) => {
    // Grow to thousands pending, shrink to nothing, grow again.
    const { calendarSteps } = drive(new EventHeap(4), new Rng(11, 0), 120_000, delay, (step) => (Math.floor(step / 20_000) % 2 === 0 ? 0.6 : 0.4));
    // The list did run as a calendar (its current bucket finite), not only as the heap.
    expect(calendarSteps).toBeGreaterThan(10_000);
  });

  it('pops exactly the heap order at tens of thousands pending, where the ring of buckets grows to hold them', () => {
    // Up to about 50,000 pending, then down again.
    const { widestRing } = drive(new EventHeap(4), new Rng(12, 0), 200_000, (rng) => -Math.log(1 - rng.uniform()) * 5, (step) => (step < 120_000 ? 0.7 : 0.3));
    expect(widestRing).toBeGreaterThan(2048);
  });
});
