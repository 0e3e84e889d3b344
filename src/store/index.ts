/**
 * The application store: one zustand store made of typed slices. Undo/redo
 * (zundo) is applied once here and tracks the scenario only — view state and
 * live simulation data are never part of the history.
 */
import { temporal } from 'zundo';
import { create } from 'zustand';
import { createRunSlice, type RunSlice } from './runSlice';
import { createScenarioSlice, type ScenarioSlice } from './scenarioSlice';
import { createUiSlice, type UiSlice } from './uiSlice';

export type AppState = ScenarioSlice & UiSlice & RunSlice;

export const useAppStore = create<AppState>()(
  temporal(
    (...a) => ({
      ...createScenarioSlice(...a),
      ...createUiSlice(...a),
      ...createRunSlice(...a),
    }),
    {
      partialize: (state) => ({ scenario: state.scenario }),
      equality: (past, current) => past.scenario === current.scenario,
      limit: 200,
    },
  ),
);
