/**
 * Scaling a scenario up or down while keeping every node's utilization:
 * client rates, servers, consumers and queue capacities are multiplied by
 * the same factor; service times, fan-outs and the population are kept.
 * This is how the Twitter presets run at 1/100 of DDIA's 2012 rates in the
 * browser, and how "DDIA scale" restores the real ones.
 */
import { scaleNodeOf } from '../kinds';
import type { Scenario } from './schema';

/** The same system at `factor` times the load and capacity. */
export function scaleScenario(s: Scenario, factor: number): Scenario {
  return { ...s, nodes: s.nodes.map((n) => scaleNodeOf(n, factor)) };
}
