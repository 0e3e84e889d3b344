/**
 * The page's side of request tracing: whether the canvas shows travelling
 * dots, the trace panel's state (the request shown, or the op waited for),
 * and the feed of sampled requests the worker sends for the dots.
 *
 * The feed is a plain listener list, not store state: the dots' overlay
 * takes each batch into its own animation loop, so a snapshot never
 * re-renders React for them. The panel reads the recent ones only when open.
 */
import { create } from 'zustand';
import type { RequestTrace } from '../sim/trace';

/** 'auto': on unless the system asks for reduced motion. */
export type DotsPreference = 'auto' | 'on' | 'off';

export interface TraceState {
  dotsPreference: DotsPreference;
  /** The system's prefers-reduced-motion. */
  reducedMotion: boolean;
  panelOpen: boolean;
  /** The trace shown in the panel. */
  trace: RequestTrace | null;
  /** The op whose next request the worker was asked to trace, while its answer is awaited. */
  waitingFor: string | null;
  /** Why there is no trace (the run ended, no such op). */
  message: string | null;
  setDotsPreference: (p: DotsPreference) => void;
  setReducedMotion: (reduced: boolean) => void;
  /** Opens the panel on `trace`. */
  showTrace: (trace: RequestTrace) => void;
  /** Opens the panel waiting for the next request of `op`. */
  waitFor: (op: string) => void;
  /** The worker's answer to a traceNext. */
  answered: (op: string, trace: RequestTrace | null, message?: string) => void;
  closePanel: () => void;
}

function systemReducedMotion(): boolean {
  return typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches === true;
}

export const useTraceStore = create<TraceState>()((set, get) => ({
  dotsPreference: 'auto',
  reducedMotion: systemReducedMotion(),
  panelOpen: false,
  trace: null,
  waitingFor: null,
  message: null,
  setDotsPreference: (dotsPreference) => set({ dotsPreference }),
  setReducedMotion: (reducedMotion) => set({ reducedMotion }),
  showTrace: (trace) => set({ panelOpen: true, trace, waitingFor: null, message: null }),
  waitFor: (op) => set({ panelOpen: true, waitingFor: op, message: null }),
  answered: (op, trace, message) => {
    if (get().waitingFor !== op) return;
    set(trace ? { trace, waitingFor: null, message: null } : { waitingFor: null, message: message ?? 'No trace came back.' });
  },
  closePanel: () => set({ panelOpen: false, waitingFor: null, message: null }),
}));

/** Whether the dots are on: by choice, or by default unless reduced motion is asked for. */
export function dotsEnabled(s: Pick<TraceState, 'dotsPreference' | 'reducedMotion'> = useTraceStore.getState()): boolean {
  return s.dotsPreference === 'on' || (s.dotsPreference === 'auto' && !s.reducedMotion);
}

// --- the feed of sampled requests

type FeedListener = (traces: RequestTrace[]) => void;
const listeners = new Set<FeedListener>();
/** The latest sampled requests, newest last (for picking one from the keyboard). */
const recent: RequestTrace[] = [];
const RECENT_KEPT = 12;
let recentVersion = 0;
const recentListeners = new Set<() => void>();

/** The worker sent sampled requests (a snapshot's `traces`). */
export function feedSampledTraces(traces: RequestTrace[]): void {
  if (traces.length === 0) return;
  for (const l of listeners) l(traces);
  recent.push(...traces);
  if (recent.length > RECENT_KEPT) recent.splice(0, recent.length - RECENT_KEPT);
  recentVersion++;
  for (const l of recentListeners) l();
}

/** Listens to sampled requests as they come; returns the unsubscribe. */
export function onSampledTraces(listener: FeedListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The recent sampled requests, and a subscription for useSyncExternalStore. */
export function recentSampledTraces(): readonly RequestTrace[] {
  return recent;
}
export function subscribeRecent(listener: () => void): () => void {
  recentListeners.add(listener);
  return () => recentListeners.delete(listener);
}
export function recentSnapshot(): number {
  return recentVersion;
}
/** Forgets the recent requests (a new run). */
export function clearSampledTraces(): void {
  recent.length = 0;
  recentVersion++;
  for (const l of recentListeners) l();
}
