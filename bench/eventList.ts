/**
 * The future-event list (src/sim/heap.ts) under the hold model: with n events
 * pending, pop the earliest and schedule a new one an exponential delay after
 * it, so n stays put. ns per pop and push, median of 5 passes of 2,000,000
 * holds after a warm-up, fixed seed. Below 512 pending the list is the 4-ary
 * heap alone; above, a calendar queue in front of it.
 */
import { EventHeap } from '../src/sim/heap';
import { Rng } from '../src/sim/random';

const HOLDS = 2_000_000;
const PASSES = 5;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function holdNs(pending: number): number {
  const rng = new Rng(1);
  const heap = new EventHeap(1024);
  // Mean delay 1 ms × pending: about one event per µs of simulated time, whatever the size.
  const mean = pending / 1000;
  for (let i = 0; i < pending; i++) heap.push(rng.exponential(mean), 1, i);
  const hold = (k: number) => {
    for (let i = 0; i < k; i++) {
      const t = heap.peekTime();
      const id = heap.peekId();
      heap.pop();
      heap.push(t + rng.exponential(mean), 1, id);
    }
  };
  hold(HOLDS);
  const ns: number[] = [];
  for (let p = 0; p < PASSES; p++) {
    const t0 = process.hrtime.bigint();
    hold(HOLDS);
    ns.push(Number(process.hrtime.bigint() - t0) / HOLDS);
  }
  return median(ns);
}

export function eventListBench(): { pending: number; nsPerHold: number }[] {
  return [400, 4_500, 45_000].map((pending) => ({ pending, nsPerHold: holdNs(pending) }));
}
