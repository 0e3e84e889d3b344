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

describe('the event list past a few hundred events (a calendar in front of the heap)', () => {
  it.each(DELAY_LAWS)('pops exactly the heap order: %s', (_name, delay) => {
    const rng = new Rng(11, 0);
    const heap = new EventHeap(4);
    const ref = new Reference();
    let now = 0;
    let id = 0;
    let calendarSteps = 0;
    for (let step = 0; step < 120_000; step++) {
      if ((heap as unknown as { cur: number }).cur !== Infinity) calendarSteps++;
      // Grow to thousands pending, shrink to nothing, grow again.
      const phase = Math.floor(step / 20_000) % 2 === 0 ? 0.6 : 0.4;
      if (ref.size === 0 || rng.uniform() < phase) {
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
    }
    // The list did run as a calendar (its current bucket finite), not only as the heap.
    expect(calendarSteps).toBeGreaterThan(10_000);
    while (ref.size > 0) {
      expect([heap.peekTime(), heap.peekId()]).toEqual(ref.top());
      heap.pop();
      ref.pop();
    }
    expect(heap.size).toBe(0);
    expect(heap.peekTime()).toBe(Infinity);
  });

  it('pops exactly the heap order at tens of thousands pending, where the ring of buckets grows to hold them', () => {
    const rng = new Rng(12, 0);
    const heap = new EventHeap(4);
    const ref = new Reference();
    let now = 0;
    let id = 0;
    let widestRing = 0;
    for (let step = 0; step < 200_000; step++) {
      // Up to about 50,000 pending, then down again.
      if (ref.size === 0 || rng.uniform() < (step < 120_000 ? 0.7 : 0.3)) {
        const t = now + -Math.log(1 - rng.uniform()) * 5;
        heap.push(t, id % 256, id, 0);
        ref.push(t, id);
        id++;
      } else {
        const [t, v] = ref.top();
        expect(heap.peekTime()).toBe(t);
        expect(heap.peekId()).toBe(v);
        now = t;
        heap.pop();
        ref.pop();
      }
      widestRing = Math.max(widestRing, (heap as unknown as { ring: number }).ring);
    }
    expect(widestRing).toBeGreaterThan(2048);
    while (ref.size > 0) {
      expect([heap.peekTime(), heap.peekId()]).toEqual(ref.top());
      heap.pop();
      ref.pop();
    }
    expect(heap.size).toBe(0);
  });
});
