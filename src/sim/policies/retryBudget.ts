/**
 * A retry budget per edge (SCENARIO.md: `retry.budget.ratio`): retries
 * along the edge may be at most `ratio` × its first attempts over the
 * trailing 10 s, so that a failing dependency sees at most (1 + ratio) times
 * its normal load instead of maxAttempts times (the budget of Finagle and
 * of Google's SRE book, "Handling Overload"). A retry the budget refuses
 * ends the call with its last attempt's failure.
 */
import { SlidingCount } from './slidingCount';

export const RETRY_BUDGET_WINDOW_MS = 10_000;

const FIRST = 0;
const RETRY = 1;

export class RetryBudget {
  private readonly ratio: number;
  private readonly window = new SlidingCount(RETRY_BUDGET_WINDOW_MS, 2);

  constructor(ratio: number) {
    this.ratio = ratio;
  }

  /** A first attempt was made. */
  firstAttempt(nowMs: number): void {
    this.window.add(FIRST, nowMs);
  }

  /** Whether a retry may go now; when it may, it is counted. */
  tryRetry(nowMs: number): boolean {
    const retries = this.window.total(RETRY, nowMs);
    if (retries + 1 > this.ratio * this.window.total(FIRST, nowMs)) return false;
    this.window.add(RETRY, nowMs);
    return true;
  }
}
