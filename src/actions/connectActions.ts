/**
 * Wiring without a mouse: from the one selected component, connect it to
 * another. The targets and the refusals are the same as when a handle is
 * dragged (`connectionProblem`), and a refusal is said in the same words.
 */
import { connectionProblem } from '../scenario/edit';
import type { Scenario } from '../scenario/schema';
import type { AppState } from '../store';
import type { Action } from './types';

export interface ConnectTarget {
  id: string;
  name: string;
  /** Why dragging a connection there would be refused; undefined when it is allowed. */
  refusal?: string;
}

/** Every other component, with whether an edge from `sourceId` to it would be refused and why. */
export function connectTargets(scenario: Scenario, sourceId: string): ConnectTarget[] {
  return scenario.nodes
    .filter((n) => n.id !== sourceId)
    .map((n) => ({ id: n.id, name: n.label ?? n.id, refusal: connectionProblem(scenario, sourceId, n.id) }));
}

/** The one selected component, if exactly one is selected. */
export function connectSource(state: Pick<AppState, 'selectedNodeIds'>): string | undefined {
  return state.selectedNodeIds.length === 1 ? state.selectedNodeIds[0] : undefined;
}

export const connectTo: Action<string> = {
  name: 'connectTo',
  label: 'Connect to…',
  undoable: true,
  enabled: (s) => connectSource(s) !== undefined,
  perform: ({ store }, targetId) => {
    const state = store.getState();
    const source = connectSource(state);
    if (!source) return;
    const result = state.connectNodes(source, targetId);
    if (!result.ok) state.showToast(`Not connected: ${result.reason}.`, 'error');
  },
};
