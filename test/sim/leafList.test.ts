/**
 * A station's list of leaf calls in service (src/sim/leafList.ts) must give
 * back its calls in exactly the order the event list would pop their
 * completions — by time, then insertion sequence — whatever the delays, ties,
 * far-off times or changes of scale: the engine's results depend on it bit
 * for bit (test/frozen).
 */
import { describe, expect, it } from 'vitest';
import { LeafList, type LeafKeys } from '../../src/sim/leafList';
import { Rng } from '../../src/sim/random';
import { DELAY_LAWS, Reference } from './referenceOrder';

/** Slots for calls, recycled as the engine recycles them (last freed, first reused). */
class Slots implements LeafKeys {
  time: Float64Array;
  seq: Float64Array;
  next: Int32Array;
  private free: number[] = [];
  private seqNext = 0;
  constructor(capacity: number) {
    this.time = new Float64Array(capacity);
    this.seq = new Float64Array(capacity);
    this.next = new Int32Array(capacity);
    for (let i = capacity - 1; i >= 0; i--) this.free.push(i);
  }
  take(t: number): number {
    const slot = this.free.pop()!;
    this.time[slot] = t;
    this.seq[slot] = this.seqNext++;
    return slot;
  }
  give(slot: number): void {
    this.free.push(slot);
  }
}

function drive(list: LeafList, slots: Slots, ref: Reference, rng: Rng, steps: number, delay: (rng: Rng, step: number) => number, grow: (step: number) => number): { calendarSteps: number; widestRing: number } {
  let now = 0;
  let calendarSteps = 0;
  let widestRing = 0;
  for (let step = 0; step < steps; step++) {
    const inner = list as unknown as { cur: number; ring: number };
    if (inner.cur !== Infinity) calendarSteps++;
    widestRing = Math.max(widestRing, inner.ring);
    if (ref.size === 0 || rng.uniform() < grow(step)) {
      const t = now + delay(rng, step);
      const slot = slots.take(t);
      list.push(slot);
      ref.push(t, slot);
    } else {
      const [t, slot] = ref.top();
      expect(list.peekTime()).toBe(t);
      expect(list.peekId()).toBe(slot);
      if (t !== Infinity) now = t;
      list.pop();
      ref.pop();
      slots.give(slot);
    }
    expect(list.size).toBe(ref.size);
  }
  while (ref.size > 0) {
    expect([list.peekTime(), list.peekId()]).toEqual(ref.top());
    slots.give(ref.top()[1]);
    list.pop();
    ref.pop();
  }
  expect(list.size).toBe(0);
  return { calendarSteps, widestRing };
}

describe("a station's leaf calls in service", () => {
  it.each(DELAY_LAWS)('come back in exactly the order of the event list: %s', (_name, delay) => {
    const slots = new Slots(200_000);
    const list = new LeafList(slots);
    // Grow to thousands pending, shrink to nothing, grow again.
    const { calendarSteps } = drive(list, slots, new Reference(), new Rng(11, 0), 120_000, delay, (step) => (Math.floor(step / 20_000) % 2 === 0 ? 0.6 : 0.4));
    // The list did run as a calendar, not only as its front heap.
    expect(calendarSteps).toBeGreaterThan(10_000);
  });

  it('keep that order at tens of thousands in service, where the ring of list heads grows to hold them', () => {
    const slots = new Slots(200_000);
    const list = new LeafList(slots);
    const { widestRing } = drive(list, slots, new Reference(), new Rng(12, 0), 200_000, (rng) => -Math.log(1 - rng.uniform()) * 5, (step) => (step < 120_000 ? 0.7 : 0.3));
    expect(widestRing).toBeGreaterThan(4096);
  });
});
