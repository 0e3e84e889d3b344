import { describe, expect, it } from 'vitest';
import { EventHeap } from '../../src/sim/heap';
import { Rng } from '../../src/sim/random';

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
