/** The scenario the user is building: the single source of truth for canvas, inspector and runs. */
import type { StateCreator } from 'zustand';
import { defaultScenario } from '../scenario/presets';
import type { Scenario } from '../scenario/schema';
import type { AppState } from './index';

export interface ScenarioSlice {
  scenario: Scenario;
  /** Replaces the whole scenario (loading a preset, a link or a file). */
  setScenario: (scenario: Scenario) => void;
}

export const createScenarioSlice: StateCreator<AppState, [['temporal', unknown]], [], ScenarioSlice> = (set) => ({
  scenario: defaultScenario(),
  setScenario: (scenario) => set({ scenario }),
});
