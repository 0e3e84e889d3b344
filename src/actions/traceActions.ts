/**
 * Seeing requests: the canvas's travelling dots on or off, and tracing one
 * request (its waterfall, src/trace/TracePanel.tsx). None of these touch the scenario.
 */
import type { AppState } from '../store';
import type { RequestTrace } from '../sim/trace';
import { dotsEnabled, useTraceStore } from '../trace/traceStore';
import { plainKey } from './keys';
import type { Action } from './types';

/** The op to trace when none is named: the selected client's, else the run's first. */
export function defaultTraceOp(s: AppState): string | undefined {
  const ops = s.live?.meta.ops ?? [];
  for (const id of s.selectedNodeIds) {
    const node = s.scenario.nodes.find((n) => n.id === id);
    if (node?.kind === 'client' && ops.includes(node.params.op)) return node.params.op;
  }
  return ops[0];
}

const runLive = (s: AppState) => s.live !== null && (s.runStatus === 'running' || s.runStatus === 'paused');

export const toggleRequestDots: Action = {
  name: 'toggleRequestDots',
  label: 'Request dots on the canvas',
  shortcut: ['D'],
  keyTest: (e) => plainKey(e, 'd', 'D') && !e.shiftKey,
  undoable: false,
  perform: () => {
    const t = useTraceStore.getState();
    t.setDotsPreference(dotsEnabled(t) ? 'off' : 'on');
  },
};

/** Traces the next request of an op (the argument; by default the selected client's or the first). */
export const traceNextRequest: Action<string | void> = {
  name: 'traceNextRequest',
  label: 'Trace the next request',
  shortcut: ['T'],
  keyTest: (e) => plainKey(e, 't', 'T') && !e.shiftKey,
  undoable: false,
  enabled: runLive,
  perform: ({ store }, op) => {
    const s = store.getState();
    const chosen = typeof op === 'string' ? op : defaultTraceOp(s);
    if (chosen === undefined || !s.runDriver?.traceNext) return;
    useTraceStore.getState().waitFor(chosen);
    s.runDriver.traceNext(chosen);
  },
};

/** Opens the waterfall of a request already traced (a dot picked on the canvas). */
export const showRequestTrace: Action<RequestTrace> = {
  name: 'showRequestTrace',
  label: 'Show a request’s trace',
  undoable: false,
  perform: (_ctx, trace) => useTraceStore.getState().showTrace(trace),
};

export const closeRequestTrace: Action = {
  name: 'closeRequestTrace',
  label: 'Close the request trace',
  undoable: false,
  enabled: () => useTraceStore.getState().panelOpen,
  perform: () => useTraceStore.getState().closePanel(),
};
