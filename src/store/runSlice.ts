/** The live simulation: status, controls and the snapshots the worker streams. Never undone. */
import type { StateCreator } from 'zustand';
import type { AppState } from './index';

export type RunStatus = 'idle' | 'running' | 'paused' | 'finished' | 'error';

export interface RunSlice {
  runStatus: RunStatus;
}

export const createRunSlice: StateCreator<AppState, [['temporal', unknown]], [], RunSlice> = () => ({
  runStatus: 'idle',
});
