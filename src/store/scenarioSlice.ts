/**
 * The scenario the user is building: the single source of truth for canvas,
 * inspector and runs. React Flow is controlled from here (`onNodesChange`,
 * `onEdgesChange`), so the canvas and the scenario cannot drift apart.
 *
 * History: every change of `scenario` is one undo step, except that
 * - a gesture (a node drag) is one step however many frames it lasts, and
 * - edits with the same `mergeKey` less than a second apart (typing in a
 *   field, dragging a slider) merge into one step.
 */
import type { EdgeChange, NodeChange } from '@xyflow/react';
import type { TemporalState } from 'zundo';
import type { StateCreator, StoreApi } from 'zustand';
import {
  addNode,
  canAddNodes,
  connect,
  createNode,
  moveNodes,
  removeElements,
  updateEdge,
  updateNode,
  type ConnectResult,
  type XY,
} from '../scenario/edit';
import { LIMITS, type NodeKind } from '../scenario/kinds';
import { withPositions } from '../scenario/layout';
import { defaultScenario } from '../scenario/presets';
import type { Scenario, ScenarioEdge, ScenarioNode } from '../scenario/schema';
import type { AppState } from './index';
import type { NodeSize } from './uiSlice';

/** How many edits undo can go back. */
export const HISTORY_LIMIT = 200;

/** Edits with the same merge key closer together than this are one undo step. */
export const MERGE_WINDOW_MS = 1000;

export interface EditOptions {
  /** Edits of the same thing in quick succession (keystrokes, slider moves) share one undo step. */
  mergeKey?: string;
}

export interface ScenarioSlice {
  scenario: Scenario;

  /** Applies an edit made by the user (one undo step, see the file comment). */
  editScenario: (recipe: (scenario: Scenario) => Scenario, options?: EditOptions) => void;
  /** Replaces the whole scenario as an undoable edit (a preset, an imported file). */
  replaceScenario: (scenario: Scenario) => void;
  /** Replaces the scenario and forgets the history (start-up: the autosave or a share link). */
  resetScenario: (scenario: Scenario, options?: { viewingSharedLink?: boolean }) => void;

  /** Adds a node of `kind` with its top-left corner at `position`, selects it, and returns its id. */
  addNodeAt: (kind: NodeKind, position: XY) => string | undefined;
  updateNode: (id: string, recipe: (node: ScenarioNode) => ScenarioNode, options?: EditOptions) => void;
  updateEdge: (id: string, recipe: (edge: ScenarioEdge) => ScenarioEdge, options?: EditOptions) => void;
  /** Connects two nodes, or explains why the engine would refuse that edge. */
  connectNodes: (source: string, target: string) => ConnectResult;
  deleteElements: (nodeIds: string[], edgeIds: string[]) => void;

  /** React Flow's change handlers: positions, sizes and selection flow back into the store. */
  onNodesChange: (changes: NodeChange[]) => void;
  onEdgesChange: (changes: EdgeChange[]) => void;

  /** Starts a gesture: every change until `endGesture` is one undo step. */
  beginGesture: () => void;
  endGesture: () => void;
  undo: () => void;
  redo: () => void;
}

type HistoryApi = StoreApi<TemporalState<{ scenario: Scenario }>>;

export const createScenarioSlice: StateCreator<AppState, [['temporal', unknown]], [], ScenarioSlice> = (
  set,
  get,
  api,
) => {
  const history = () => (api as unknown as { temporal: HistoryApi }).temporal;

  /** The scenario before the current gesture, or null when no gesture is in progress. */
  let gestureStart: Scenario | null = null;
  /** Gestures nest (an action performed while a node is being dragged): the outermost one is the step. */
  let gestureDepth = 0;
  /** Whether React Flow is dragging nodes (its drag is one gesture). */
  let dragging = false;
  let lastMergeKey: string | null = null;
  let lastEditAt = 0;

  /** The selection without ids that no longer exist (after an undo, a delete or a new scenario). */
  function prunedSelection(scenario: Scenario): Pick<AppState, 'selectedNodeIds' | 'selectedEdgeIds'> {
    const { selectedNodeIds, selectedEdgeIds } = get();
    const nodes = new Set(scenario.nodes.map((n) => n.id));
    const edges = new Set(scenario.edges.map((e) => e.id));
    const keptNodes = selectedNodeIds.filter((id) => nodes.has(id));
    const keptEdges = selectedEdgeIds.filter((id) => edges.has(id));
    return {
      selectedNodeIds: keptNodes.length === selectedNodeIds.length ? selectedNodeIds : keptNodes,
      selectedEdgeIds: keptEdges.length === selectedEdgeIds.length ? selectedEdgeIds : keptEdges,
    };
  }

  /** The one funnel for user edits. */
  function commit(next: Scenario, options: EditOptions = {}, extra: Partial<AppState> = {}) {
    if (next === get().scenario) {
      if (Object.keys(extra).length > 0) set(extra);
      return;
    }
    const now = Date.now();
    const update = { scenario: next, viewingSharedLink: false, ...prunedSelection(next), ...extra };
    if (gestureStart !== null) {
      set(update); // tracking is paused for the whole gesture
    } else if (options.mergeKey !== undefined && options.mergeKey === lastMergeKey && now - lastEditAt < MERGE_WINDOW_MS) {
      history().getState().pause();
      set(update);
      history().getState().resume();
    } else {
      set(update);
    }
    lastMergeKey = gestureStart === null ? (options.mergeKey ?? null) : null;
    lastEditAt = now;
  }

  function beginGesture() {
    gestureDepth++;
    if (gestureStart !== null) return;
    gestureStart = get().scenario;
    history().getState().pause();
  }

  function endGesture() {
    if (gestureDepth > 0) gestureDepth--;
    if (gestureDepth > 0) return;
    closeGesture();
  }

  /** Ends the gesture however deeply nested (undo, redo and resets cannot happen inside one). */
  function closeGesture() {
    gestureDepth = 0;
    dragging = false;
    if (gestureStart === null) return;
    const before = gestureStart;
    gestureStart = null;
    const h = history();
    h.getState().resume();
    if (get().scenario !== before) {
      h.setState((s) => ({
        pastStates: [...s.pastStates, { scenario: before }].slice(-HISTORY_LIMIT),
        futureStates: [],
      }));
    }
    lastMergeKey = null;
  }

  return {
    scenario: defaultScenario(),

    editScenario: (recipe, options) => commit(recipe(get().scenario), options),

    replaceScenario: (scenario) => {
      lastMergeKey = null;
      commit(withPositions(scenario), {}, { selectedNodeIds: [], selectedEdgeIds: [] });
    },

    resetScenario: (scenario, options = {}) => {
      closeGesture();
      lastMergeKey = null;
      set({
        scenario: withPositions(scenario),
        selectedNodeIds: [],
        selectedEdgeIds: [],
        viewingSharedLink: options.viewingSharedLink ?? false,
      });
      history().getState().clear();
    },

    addNodeAt: (kind, position) => {
      const scenario = get().scenario;
      if (!canAddNodes(scenario)) {
        get().showToast(`A scenario has at most ${LIMITS.maxNodes} nodes.`, 'error');
        return undefined;
      }
      const node = createNode(scenario, kind, position);
      commit(addNode(scenario, node), {}, { selectedNodeIds: [node.id], selectedEdgeIds: [] });
      return node.id;
    },

    updateNode: (id, recipe, options) => commit(updateNode(get().scenario, id, recipe), options),
    updateEdge: (id, recipe, options) => commit(updateEdge(get().scenario, id, recipe), options),

    connectNodes: (source, target) => {
      const result = connect(get().scenario, source, target);
      if (result.ok) commit(result.scenario, {}, { selectedNodeIds: [], selectedEdgeIds: [result.edgeId] });
      return result;
    },

    deleteElements: (nodeIds, edgeIds) => commit(removeElements(get().scenario, nodeIds, edgeIds)),

    onNodesChange: (changes) => {
      const positions = new Map<string, XY>();
      let dragStarted = false;
      let dragEnded = false;
      let keyboardMove = false;
      let sizes: Record<string, NodeSize> | null = null;
      let selection: Set<string> | null = null;
      for (const change of changes) {
        switch (change.type) {
          case 'position':
            if (change.position) positions.set(change.id, change.position);
            if (change.dragging === true) dragStarted = true;
            else if (change.dragging === false && dragging) dragEnded = true;
            else if (change.position) keyboardMove = true;
            break;
          case 'dimensions':
            if (change.dimensions) {
              sizes ??= { ...get().nodeSizes };
              sizes[change.id] = { width: change.dimensions.width, height: change.dimensions.height };
            }
            break;
          case 'select':
            selection ??= new Set(get().selectedNodeIds);
            if (change.selected) selection.add(change.id);
            else selection.delete(change.id);
            break;
          // 'remove' is never applied from here: deleting goes through the delete action.
          default:
            break;
        }
      }
      if (sizes) set({ nodeSizes: sizes });
      if (selection) set({ selectedNodeIds: [...selection] });
      if (positions.size > 0) {
        if (dragStarted && !dragging) {
          dragging = true;
          beginGesture();
        }
        const ids = [...positions.keys()].sort().join(',');
        commit(moveNodes(get().scenario, positions), keyboardMove ? { mergeKey: `move:${ids}` } : {});
      }
      if (dragEnded && dragging) {
        dragging = false;
        endGesture();
      }
    },

    onEdgesChange: (changes) => {
      let selection: Set<string> | null = null;
      for (const change of changes) {
        if (change.type === 'select') {
          selection ??= new Set(get().selectedEdgeIds);
          if (change.selected) selection.add(change.id);
          else selection.delete(change.id);
        }
      }
      if (selection) set({ selectedEdgeIds: [...selection] });
    },

    beginGesture,
    endGesture,

    undo: () => {
      closeGesture();
      lastMergeKey = null;
      history().getState().undo();
      set(prunedSelection(get().scenario));
    },
    redo: () => {
      closeGesture();
      lastMergeKey = null;
      history().getState().redo();
      set(prunedSelection(get().scenario));
    },
  };
};
