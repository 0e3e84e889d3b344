/**
 * What the engine agrees to run: a scenario can be valid and still ask for
 * more work than any machine will do (a client at 10^300 requests per
 * second). Such runs are refused up front with a message, instead of hanging.
 */
import type { Scenario } from '../scenario/schema';

/** Most requests the clients may create in one run. */
export const MAX_REQUESTS_PER_RUN = 2e9;

/** Why the scenario cannot be run, or `undefined` when it can. */
export function runRefusal(scenario: Scenario): string | undefined {
  let ratePerSec = 0;
  for (const node of scenario.nodes) {
    if (node.kind === 'client') ratePerSec += node.params.arrival.ratePerSec;
  }
  const requests = ratePerSec * scenario.durationSec;
  if (requests > MAX_REQUESTS_PER_RUN) {
    return `the clients would create ${requests.toExponential(1)} requests in ${scenario.durationSec} s of simulated time; the limit is ${MAX_REQUESTS_PER_RUN.toExponential(0)} per run — lower the rates or the duration`;
  }
  return undefined;
}
