/**
 * The application store: one zustand store made of typed slices. Undo/redo
 * (zundo) is applied once here and tracks the scenario only — view state and
 * live simulation data are never part of the history.
 */
import { temporal } from 'zundo';
import { create } from 'zustand';
import { createLessonSlice, type LessonSlice } from './lessonSlice';
import { createRunSlice, type RunSlice } from './runSlice';
import { createScenarioSlice, HISTORY_LIMIT, type ScenarioSlice } from './scenarioSlice';
import { createUiSlice, type UiSlice } from './uiSlice';

export type AppState = ScenarioSlice & UiSlice & RunSlice & LessonSlice;

/** A fresh store (the app makes one; tests make one each). */
export function createAppStore() {
  return create<AppState>()(
    temporal(
      (...a) => ({
        ...createScenarioSlice(...a),
        ...createUiSlice(...a),
        ...createRunSlice(...a),
        ...createLessonSlice(...a),
      }),
      {
        partialize: (state) => ({ scenario: state.scenario }),
        equality: (past, current) => past.scenario === current.scenario,
        limit: HISTORY_LIMIT,
      },
    ),
  );
}

export type AppStore = ReturnType<typeof createAppStore>;

export const useAppStore = createAppStore();
