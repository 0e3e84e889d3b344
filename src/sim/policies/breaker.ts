/**
 * A circuit breaker per edge (SCENARIO.md: `breaker`; Nygard, "Release It!"):
 * closed, it lets attempts through and counts them and their failures over
 * the trailing `windowSec`; when at least `minCalls` attempts were made and
 * the failed share reaches `failureRatio`, it opens: attempts fail at once
 * (cause `breakerOpen`) for `openSec`. Then it is half-open: one trial
 * attempt goes through while the others still fail at once; the trial's
 * success closes it (with an empty window), its failure opens it again.
 */
import { SlidingCount } from './slidingCount';

export interface BreakerRule {
  failureRatio: number;
  minCalls: number;
  windowSec: number;
  openSec: number;
}

export type BreakerState = 'closed' | 'open' | 'halfOpen';

const CALLS = 0;
const FAILURES = 1;

export class CircuitBreaker {
  private readonly rule: BreakerRule;
  private window: SlidingCount;
  state: BreakerState = 'closed';
  /** When an open breaker turns half-open, ms. */
  private reopenAtMs = 0;
  /** Whether the half-open trial is out. */
  private trialOut = false;
  /** Time spent open or half-open (failing attempts fast), ms — the `breakerOpenSec` result — up to the last close. */
  openMs = 0;
  private openedAtMs = 0;
  /** Every stretch it spent open or half-open, as [start, end) pairs (the last may still be running). */
  private readonly stretches: number[] = [];

  constructor(rule: BreakerRule) {
    this.rule = rule;
    this.window = new SlidingCount(rule.windowSec * 1000, 2);
  }

  /** Whether an attempt may go now. A half-open breaker lets one trial through; the caller must report its outcome. */
  allow(nowMs: number): boolean {
    if (this.state === 'open' && nowMs >= this.reopenAtMs) {
      this.state = 'halfOpen';
      this.trialOut = false;
    }
    if (this.state === 'closed') return true;
    if (this.state === 'halfOpen' && !this.trialOut) {
      this.trialOut = true;
      return true;
    }
    return false;
  }

  /** The outcome of an attempt `allow` let through. */
  record(nowMs: number, failed: boolean): void {
    if (this.state === 'halfOpen') {
      if (failed) this.open(nowMs);
      else this.close(nowMs);
      return;
    }
    if (this.state !== 'closed') return; // an attempt let through before the breaker opened
    this.window.add(CALLS, nowMs);
    if (failed) this.window.add(FAILURES, nowMs);
    const calls = this.window.total(CALLS, nowMs);
    if (calls >= this.rule.minCalls && this.window.total(FAILURES, nowMs) >= this.rule.failureRatio * calls) this.open(nowMs);
  }

  /** Time open up to `nowMs`, ms. */
  openTimeMs(nowMs: number): number {
    return this.openMs + (this.state === 'closed' ? 0 : nowMs - this.openedAtMs);
  }

  /** Time open (or half-open) within [fromMs, toMs), given that now is `nowMs`, ms. */
  openTimeWithin(fromMs: number, toMs: number, nowMs: number): number {
    let sum = 0;
    const add = (a: number, b: number) => {
      const lo = Math.max(a, fromMs);
      const hi = Math.min(b, toMs);
      if (hi > lo) sum += hi - lo;
    };
    for (let i = 0; i < this.stretches.length; i += 2) add(this.stretches[i], this.stretches[i + 1]);
    if (this.state !== 'closed') add(this.openedAtMs, nowMs);
    return sum;
  }

  private open(nowMs: number): void {
    if (this.state === 'closed') this.openedAtMs = nowMs;
    this.state = 'open';
    this.reopenAtMs = nowMs + this.rule.openSec * 1000;
    this.trialOut = false;
  }

  private close(nowMs: number): void {
    this.openMs += nowMs - this.openedAtMs;
    this.stretches.push(this.openedAtMs, nowMs);
    this.state = 'closed';
    this.window = new SlidingCount(this.rule.windowSec * 1000, 2);
  }
}
