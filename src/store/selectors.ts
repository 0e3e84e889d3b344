/** Named selectors over the app state, shared by components (pick one value each, or use useShallow). */
import { knownOps } from '../scenario/edit';
import type { Scenario, ScenarioEdge, ScenarioNode } from '../scenario/schema';
import type { AppState } from './index';

/** The one selected node, when exactly one node and no edge is selected. */
export function selectSingleNode(s: AppState): ScenarioNode | undefined {
  if (s.selectedNodeIds.length !== 1 || s.selectedEdgeIds.length !== 0) return undefined;
  return s.scenario.nodes.find((n) => n.id === s.selectedNodeIds[0]);
}

/** The one selected edge, when exactly one edge and no node is selected. */
export function selectSingleEdge(s: AppState): ScenarioEdge | undefined {
  if (s.selectedEdgeIds.length !== 1 || s.selectedNodeIds.length !== 0) return undefined;
  return s.scenario.edges.find((e) => e.id === s.selectedEdgeIds[0]);
}

/** The operations the scenario mentions, as one string (stable for `useAppStore`); split with `opsList`. */
export function selectKnownOpsKey(s: AppState): string {
  return knownOps(s.scenario).join('\n');
}

export function opsList(key: string): string[] {
  return key === '' ? [] : key.split('\n');
}

/** The name a node is shown by: its label, else its id. */
export function nodeDisplayName(scenario: Scenario, id: string): string {
  const n = scenario.nodes.find((x) => x.id === id);
  return n?.label || id;
}
