/**
 * The application store: one zustand store made of typed slices. Undo/redo
 * (zundo) is applied once here and tracks the scenario only — view state and
 * live simulation data are never part of the history.
 */
import { temporal } from 'zundo';
import { create, type StoreApi } from 'zustand';
import { createLabSlice, type LabSlice } from './labSlice';
import { createLessonSlice, type LessonSlice } from './lessonSlice';
import { createRunSlice, type RunSlice } from './runSlice';
import { createScenarioSlice, HISTORY_LIMIT, type ScenarioSlice } from './scenarioSlice';
import { createUiSlice, type UiSlice } from './uiSlice';

export type AppState = ScenarioSlice & UiSlice & RunSlice & LabSlice & LessonSlice;

/** A fresh store (the app makes one; tests make one each). */
export function createAppStore() {
  const store = create<AppState>()(
    temporal(
      (...a) => ({
        ...createScenarioSlice(...a),
        ...createUiSlice(...a),
        ...createRunSlice(...a),
        ...createLabSlice(...a),
        ...createLessonSlice(...a),
      }),
      {
        partialize: (state) => ({ scenario: state.scenario }),
        equality: (past, current) => past.scenario === current.scenario,
        limit: HISTORY_LIMIT,
      },
    ),
  );
  inspectorOnSelection(store);
  return store;
}

export type AppStore = ReturnType<typeof createAppStore>;

/**
 * Selecting a component or an edge on the canvas asks for the inspector: a
 * side panel (followers, Compare, Sweep) gives way to it. Its state lives in
 * the store, so reopening the panel finds everything where it was.
 */
function inspectorOnSelection(store: StoreApi<AppState>): void {
  store.subscribe((s, prev) => {
    if (s.sidePanel === null) return;
    const changed = s.selectedNodeIds !== prev.selectedNodeIds || s.selectedEdgeIds !== prev.selectedEdgeIds;
    if (changed && s.selectedNodeIds.length + s.selectedEdgeIds.length > 0) store.setState({ sidePanel: null });
  });
}

export const useAppStore = createAppStore();
