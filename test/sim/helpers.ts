import { expect } from 'vitest';
import { decodeScenario } from '../../src/scenario/decode';
import type { Scenario } from '../../src/scenario/schema';
import { runScenario, type RunOptions } from '../../src/sim/run';
import type { Results } from '../../src/sim/results';

/** Decodes a scenario document or fails the test with the decoder's message. */
export function scenario(doc: Record<string, unknown>): Scenario {
  const r = decodeScenario({ version: 1, ...doc });
  if (!r.ok) throw new Error(`invalid test scenario: ${r.error.message}`);
  return r.scenario;
}

export function run(doc: Record<string, unknown>, options?: RunOptions): Results {
  return runScenario(scenario(doc), options);
}

export const client = (id: string, op: string, ratePerSec: number, type: 'poisson' | 'constant' = 'poisson') => ({
  id,
  kind: 'client',
  params: { op, arrival: { type, ratePerSec } },
});

export const service = (id: string, params: Record<string, unknown> = {}) => ({ id, kind: 'service', params });

export const exp = (meanMs: number) => ({ type: 'exponential', meanMs });

export const edge = (id: string, source: string, target: string, extra: Record<string, unknown> = {}) => ({
  id,
  source,
  target,
  ...extra,
});

/** |actual − expected| ≤ rel · |expected|, with a message naming the quantity. */
export function expectClose(actual: number, expected: number, rel: number, what: string): void {
  const err = Math.abs(actual - expected) / Math.abs(expected);
  expect(err, `${what}: simulated ${actual.toPrecision(6)}, expected ${expected.toPrecision(6)} (±${(rel * 100).toFixed(1)}%)`).toBeLessThanOrEqual(rel);
}
