/**
 * Combinations of an edge's resilience fields that the schema accepts but
 * that do not do what they seem to: said next to the fields, as lessons.
 */
import type { ScenarioEdge } from '../scenario/schema';

export function resilienceNotes(edge: ScenarioEdge): string[] {
  const notes: string[] = [];
  const { timeoutMs, retry, hedge } = edge;
  if (retry && retry.on.includes('timeout') && timeoutMs === undefined) {
    notes.push('Retries after a timeout need a timeout: without one the caller waits for ever, so only errors are tried again.');
  }
  if (hedge && timeoutMs !== undefined && hedge.afterMs >= timeoutMs) {
    notes.push(`The hedge fires after ${hedge.afterMs} ms but the attempt times out at ${timeoutMs} ms: no copy is ever sent. Hedge below the timeout.`);
  }
  if (retry && retry.maxAttempts === 1) {
    notes.push('One attempt in all is no retry: raise Attempts to 2 or more.');
  }
  return notes;
}
