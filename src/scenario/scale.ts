/**
 * Scaling a scenario up or down while keeping every node's utilization:
 * client rates, servers, consumers and queue capacities are multiplied by
 * the same factor; service times, fan-outs and the population are kept.
 * This is how the Twitter presets run at 1/100 of DDIA's 2012 rates in the
 * browser, and how "DDIA scale" restores the real ones.
 */
import type { Scenario, ScenarioNode } from './schema';

/**
 * A scaled rate, rounded to 12 significant digits so that scaling by a
 * factor and back gives the same number (33.3 × 100 is 3329.9999999999995
 * in floating point; this makes it 3330, and 3330 × 0.01 gives 33.3 again).
 */
function scaleRate(rate: number, factor: number): number {
  return Number((rate * factor).toPrecision(12));
}

function scaleCount(n: number, factor: number): number {
  return Math.max(1, Math.round(n * factor));
}

function scaleNode(node: ScenarioNode, factor: number): ScenarioNode {
  switch (node.kind) {
    case 'client':
      return { ...node, params: { ...node.params, arrival: { ...node.params.arrival, ratePerSec: scaleRate(node.params.arrival.ratePerSec, factor) } } };
    case 'service':
    case 'database':
    case 'index':
    case 'cache': {
      const params = { ...node.params, servers: scaleCount(node.params.servers, factor) };
      if (node.params.queueCapacity !== undefined) params.queueCapacity = Math.round(node.params.queueCapacity * factor);
      return { ...node, params } as ScenarioNode;
    }
    case 'queue': {
      const params = { ...node.params, consumers: scaleCount(node.params.consumers, factor) };
      if (node.params.capacity !== undefined) params.capacity = Math.round(node.params.capacity * factor);
      return { ...node, params };
    }
    case 'loadBalancer':
      return node;
  }
}

/** The same system at `factor` times the load and capacity. */
export function scaleScenario(s: Scenario, factor: number): Scenario {
  return { ...s, nodes: s.nodes.map((n) => scaleNode(n, factor)) };
}
