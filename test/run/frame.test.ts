import { describe, expect, it } from 'vitest';
import { createChannel, nextYDomain, niceCeil, yTicks } from '../../src/charts/frame';
import { timeTickStep, windowStart } from '../../src/charts/TimeChart';

describe('chart frames change rarely; the time axis slides', () => {
  it('the time axis: the window starts at 0 while the run fills it, then slides; about six round ticks', () => {
    expect(windowStart(30, 60)).toBe(0);
    expect(windowStart(60, 60)).toBe(0);
    expect(windowStart(61.5, 60)).toBe(1.5);
    expect([30, 60, 300, 600, 3600].map(timeTickStep)).toEqual([5, 10, 60, 120, 600]);
  });

  it('nice bounds are 1, 2 or 5 × 10^k', () => {
    expect([0.3, 1, 1.1, 2.5, 7, 10, 11, 4500].map(niceCeil)).toEqual([0.5, 1, 2, 5, 10, 10, 20, 5000]);
  });

  it('linear y grows at once and shrinks only below a third', () => {
    const a = nextYDomain(0, 90, 'linear', null);
    expect(a).toEqual([0, 100]);
    expect(nextYDomain(0, 40, 'linear', a)).toBe(a);
    expect(nextYDomain(0, 30, 'linear', a)).toEqual([0, 50]);
    expect(nextYDomain(0, 101, 'linear', a)).toEqual([0, 200]);
  });

  it('log y spans whole decades and keeps them while the data stay within two decades of the ends', () => {
    const a = nextYDomain(2.5, 230, 'log', null);
    expect(a).toEqual([1, 1000]);
    expect(nextYDomain(3, 300, 'log', a)).toBe(a);
    expect(nextYDomain(0.5, 300, 'log', a)).toEqual([0.1, 1000]);
    expect(nextYDomain(5, 5, 'log', null)).toEqual([1, 10]);
  });

  it('ticks are round numbers', () => {
    expect(yTicks([0, 100], 'linear')).toEqual([0, 20, 40, 60, 80, 100]);
    expect(yTicks([0, 200], 'linear')).toEqual([0, 50, 100, 150, 200]);
    expect(yTicks([0, 5], 'linear')).toEqual([0, 1, 2, 3, 4, 5]);
    expect(yTicks([0.1, 100], 'log').map((v) => +v.toPrecision(3))).toEqual([0.1, 1, 10, 100]);
  });

  it('a channel notifies its subscribers of a new value, once', () => {
    const c = createChannel([1]);
    let calls = 0;
    const off = c.subscribe(() => calls++);
    const next = [2];
    c.set(next);
    c.set(next);
    expect(calls).toBe(1);
    expect(c.get()).toBe(next);
    off();
    c.set([3]);
    expect(calls).toBe(1);
  });
});
