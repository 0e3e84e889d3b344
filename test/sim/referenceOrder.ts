/** The order every event list must reproduce, and the delays to test it under, for the tests of the event heap and of a station's leaf calls. */
import type { Rng } from '../../src/sim/random';

/** A plain binary heap on (time, seq): the order every event list must reproduce. */
export class Reference {
  private t: number[] = [];
  private s: number[] = [];
  private v: number[] = [];
  private seq = 0;
  get size(): number {
    return this.t.length;
  }
  private less(i: number, j: number): boolean {
    return this.t[i] < this.t[j] || (this.t[i] === this.t[j] && this.s[i] < this.s[j]);
  }
  private swap(i: number, j: number): void {
    [this.t[i], this.t[j]] = [this.t[j], this.t[i]];
    [this.s[i], this.s[j]] = [this.s[j], this.s[i]];
    [this.v[i], this.v[j]] = [this.v[j], this.v[i]];
  }
  push(time: number, value: number): void {
    this.t.push(time);
    this.s.push(this.seq++);
    this.v.push(value);
    for (let i = this.t.length - 1; i > 0; ) {
      const p = (i - 1) >> 1;
      if (!this.less(i, p)) break;
      this.swap(i, p);
      i = p;
    }
  }
  top(): [number, number] {
    return [this.t[0], this.v[0]];
  }
  pop(): void {
    const n = this.t.length - 1;
    this.swap(0, n);
    this.t.pop();
    this.s.pop();
    this.v.pop();
    for (let i = 0; ; ) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const c = l + 1 < n && this.less(l + 1, l) ? l + 1 : l;
      if (!this.less(c, i)) break;
      this.swap(c, i);
      i = c;
    }
  }
}

// Each law gives the delay of a new event after the current time: dense and sparse, ties, bursts at one instant,
// far-off timers, changes of scale mid-run, and never (Infinity).
export const DELAY_LAWS: [string, (rng: Rng, step: number) => number][] = [
  ['exponential delays', (rng) => -Math.log(1 - rng.uniform()) * 2],
  ['lognormal delays with a long tail', (rng) => Math.exp(3 * (rng.uniform() - 0.5) * 4)],
  ['coarse delays (many ties)', (rng) => Math.floor(rng.uniform() * 8) / 2],
  ['bursts at the same instant', (rng) => (rng.uniform() < 0.4 ? 0 : rng.uniform() * 5)],
  ['a scale that changes a thousandfold mid-run', (rng, step) => rng.uniform() * (step < 60_000 ? 0.001 : 1)],
  ['far-off timers and Infinity among near events', (rng) => (rng.uniform() < 0.05 ? 1e7 * rng.uniform() : rng.uniform() < 0.01 ? Infinity : rng.uniform())],
];
