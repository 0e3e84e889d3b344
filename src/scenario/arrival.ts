/**
 * What a client's arrival process offers over a stretch of time: the rate,
 * averaged over a rate schedule's pieces (SCENARIO.md v2, `rateSchedule`).
 * Analysis and the run limits read the rate through here, never the field.
 */
import { distMean } from '../sim/distributions';
import type { ParamsOf } from './schema';

export type Arrival = ParamsOf<'client'>['arrival'];
export type OpenArrival = Extract<Arrival, { type: 'poisson' | 'constant' }>;
export type ClosedArrival = Extract<Arrival, { type: 'closed' }>;

export function isOpen(arrival: Arrival): arrival is OpenArrival {
  return arrival.type !== 'closed';
}

/**
 * Requests per second the arrival process offers: the rate of an open client;
 * for closed users the most they can send — users / interval, or users / mean
 * think time (each request's response time lowers it, which the analysis
 * cannot know beforehand).
 */
export function nominalRatePerSec(arrival: Arrival): number {
  if (isOpen(arrival)) return arrival.ratePerSec;
  if (arrival.intervalMs !== undefined) return (arrival.users * 1000) / arrival.intervalMs;
  const think = arrival.thinkTimeMs ? distMean(arrival.thinkTimeMs) : 0;
  return (arrival.users * 1000) / Math.max(think, 1e-3);
}

/** Requests the arrival process creates in expectation over [fromSec, toSec). */
export function expectedRequests(arrival: Arrival, fromSec: number, toSec: number): number {
  if (toSec <= fromSec) return 0;
  if (!isOpen(arrival)) return nominalRatePerSec(arrival) * (toSec - fromSec);
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
  if (!isOpen(arrival)) return nominalRatePerSec(arrival);
  if (!arrival.rateSchedule || toSec <= fromSec) return arrival.ratePerSec;
  return expectedRequests(arrival, fromSec, toSec) / (toSec - fromSec);
}
