/**
 * What a client's arrival process offers over a stretch of time: the rate,
 * averaged over a rate schedule's pieces (SCENARIO.md v2, `rateSchedule`).
 * Analysis and the run limits read the rate through here, never the field.
 */
import type { ParamsOf } from './schema';

type Arrival = ParamsOf<'client'>['arrival'];

/** Requests the arrival process creates in expectation over [fromSec, toSec). */
export function expectedRequests(arrival: Arrival, fromSec: number, toSec: number): number {
  if (toSec <= fromSec) return 0;
  const list = arrival.rateSchedule ?? [];
  let sum = 0;
  let rate = arrival.ratePerSec;
  let at = fromSec;
  for (const piece of list) {
    if (piece.atSec > at) {
      const until = Math.min(piece.atSec, toSec);
      if (until > at) sum += rate * (until - at);
      at = Math.max(at, until);
    }
    rate = piece.ratePerSec;
    if (at >= toSec) return sum;
  }
  return sum + rate * (toSec - at);
}

/** The mean rate over [fromSec, toSec), requests per second (the plain rate without a schedule). */
export function meanRatePerSec(arrival: Arrival, fromSec: number, toSec: number): number {
  if (!arrival.rateSchedule || toSec <= fromSec) return arrival.ratePerSec;
  return expectedRequests(arrival, fromSec, toSec) / (toSec - fromSec);
}
