/**
 * The resilience policies on their own, against their definitions
 * (SCENARIO.md, "Resilience on edges"): retry delays for every backoff and
 * jitter rule, the retry budget's ratio over a trailing window, and the
 * circuit breaker's states.
 */
import { describe, expect, it } from 'vitest';
import { baseDelayMs, retryDelayMs, type BackoffRule } from '../../src/sim/policies/backoff';
import { CircuitBreaker } from '../../src/sim/policies/breaker';
import { RetryBudget } from '../../src/sim/policies/retryBudget';
import { SlidingCount } from '../../src/sim/policies/slidingCount';
import { Rng } from '../../src/sim/random';

const rule = (over: Partial<BackoffRule>): BackoffRule => ({ type: 'exponential', baseMs: 10, capMs: 10_000, multiplier: 2, jitter: 'none', ...over });

function stats(draw: () => number, n = 100_000) {
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const x = draw();
    sum += x;
    min = Math.min(min, x);
    max = Math.max(max, x);
  }
  return { mean: sum / n, min, max };
}

describe('retry delays', () => {
  it('without jitter: none is 0, constant is baseMs, exponential doubles up to the cap', () => {
    const rng = new Rng(1);
    expect(retryDelayMs(rule({ type: 'none' }), 3, 0, rng)).toBe(0);
    expect(retryDelayMs(rule({ type: 'constant' }), 5, 0, rng)).toBe(10);
    expect([1, 2, 3, 4].map((r) => retryDelayMs(rule({}), r, 0, rng))).toEqual([10, 20, 40, 80]);
    expect(baseDelayMs(rule({ capMs: 50 }), 4)).toBe(50);
    expect(baseDelayMs(rule({ capMs: 50 }), 5000)).toBe(50); // 2^4999 overflows; the cap holds
    expect(baseDelayMs(rule({ multiplier: 3 }), 3)).toBe(90);
  });

  it('full jitter is uniform on [0, d]: mean d/2', () => {
    const rng = new Rng(2);
    const s = stats(() => retryDelayMs(rule({ jitter: 'full' }), 3, 0, rng));
    expect(s.mean).toBeCloseTo(20, 0);
    expect(s.min).toBeGreaterThanOrEqual(0);
    expect(s.max).toBeLessThanOrEqual(40);
  });

  it('equal jitter is d/2 + U(0, d/2): between d/2 and d, mean 3d/4', () => {
    const rng = new Rng(3);
    const s = stats(() => retryDelayMs(rule({ jitter: 'equal' }), 3, 0, rng));
    expect(s.mean).toBeCloseTo(30, 0);
    expect(s.min).toBeGreaterThanOrEqual(20);
    expect(s.max).toBeLessThanOrEqual(40);
  });

  it('decorrelated jitter is min(cap, U(base, 3 × previous)): from the previous delay, not the retry number', () => {
    const rng = new Rng(4);
    const first = stats(() => retryDelayMs(rule({ jitter: 'decorrelated' }), 1, 0, rng));
    expect(first.mean).toBeCloseTo(20, 0); // U(10, 30)
    expect(first.min).toBeGreaterThanOrEqual(10);
    const later = stats(() => retryDelayMs(rule({ jitter: 'decorrelated' }), 7, 100, rng));
    expect(later.mean).toBeCloseTo(155, 0); // U(10, 300)
    expect(later.max).toBeLessThanOrEqual(300);
    const capped = stats(() => retryDelayMs(rule({ jitter: 'decorrelated', capMs: 50 }), 7, 100, rng));
    expect(capped.max).toBe(50);
  });
});

describe('a sliding count', () => {
  it('forgets what falls out of the trailing window, to one bucket', () => {
    const c = new SlidingCount(10_000, 1, 100);
    c.add(0, 0);
    c.add(0, 5_000, 2);
    expect(c.total(0, 9_999)).toBe(3);
    expect(c.total(0, 10_050)).toBe(2); // the bucket of t = 0 has left
    expect(c.total(0, 15_100)).toBe(0);
    c.add(0, 1e9);
    expect(c.total(0, 1e9)).toBe(1);
  });
});

describe('a retry budget', () => {
  it('lets retries be at most ratio × first attempts over the trailing 10 s', () => {
    const b = new RetryBudget(0.1);
    for (let i = 0; i < 100; i++) b.firstAttempt(i * 10);
    let allowed = 0;
    for (let i = 0; i < 50; i++) if (b.tryRetry(1000 + i)) allowed++;
    expect(allowed).toBe(10);
    // Ten seconds later the first attempts have left the window: no budget.
    expect(b.tryRetry(12_000)).toBe(false);
    for (let i = 0; i < 20; i++) b.firstAttempt(12_000 + i);
    expect(b.tryRetry(12_100)).toBe(true);
    expect(b.tryRetry(12_100)).toBe(true);
    expect(b.tryRetry(12_100)).toBe(false);
  });
});

describe('a circuit breaker', () => {
  const rule = { failureRatio: 0.5, minCalls: 20, windowSec: 10, openSec: 5 };

  it('stays closed below minCalls, opens at the failure ratio, fails fast while open', () => {
    const b = new CircuitBreaker(rule);
    for (let i = 0; i < 19; i++) {
      expect(b.allow(i)).toBe(true);
      b.record(i, true);
    }
    expect(b.state).toBe('closed'); // 19 failures, but fewer than minCalls
    b.allow(19);
    b.record(19, true);
    expect(b.state).toBe('open');
    expect(b.allow(1000)).toBe(false);
    expect(b.allow(5018)).toBe(false);
  });

  it('a failed share below the ratio keeps it closed', () => {
    const b = new CircuitBreaker(rule);
    for (let i = 0; i < 100; i++) {
      b.allow(i);
      b.record(i, i % 3 === 0); // 34% failures
    }
    expect(b.state).toBe('closed');
  });

  it('half-open after openSec: one trial; success closes it with a clean window, failure opens it again', () => {
    const b = new CircuitBreaker(rule);
    for (let i = 0; i < 20; i++) {
      b.allow(i);
      b.record(i, true);
    }
    expect(b.state).toBe('open');
    expect(b.allow(5019)).toBe(true); // the trial
    expect(b.state).toBe('halfOpen');
    expect(b.allow(5020)).toBe(false); // others still fail fast
    b.record(5030, true);
    expect(b.state).toBe('open');
    expect(b.allow(10_029)).toBe(false);
    expect(b.allow(10_030)).toBe(true);
    b.record(10_040, false);
    expect(b.state).toBe('closed');
    expect(b.openTimeMs(10_040)).toBe(10_040 - 19);
    // The old failures are forgotten: one failure does not reopen it.
    b.allow(10_050);
    b.record(10_050, true);
    expect(b.state).toBe('closed');
  });
});
