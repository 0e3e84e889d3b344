/** View state that is not part of the scenario and never undone. */
import type { StateCreator } from 'zustand';
import type { AppState } from './index';

export type Theme = 'light' | 'dark';

export interface UiSlice {
  theme: Theme;
  setTheme: (theme: Theme) => void;
}

export const createUiSlice: StateCreator<AppState, [['temporal', unknown]], [], UiSlice> = (set) => ({
  theme: 'light',
  setTheme: (theme) => set({ theme }),
});
