/**
 * Breaking things on purpose (the reliability lab): a fault on the selected
 * node or edge — now, while the run goes on, or at the start of its default
 * time when no run is going. The Break it menu, the command palette and the
 * "B" key all come here.
 */
import { requestBreakMenu } from '../faults/breakMenuSignal';
import { faultSummary, faultTarget, faultTypesFor, newFault } from '../faults/faultParams';
import { FAULT_META, type FaultType } from '../scenario/kinds';
import type { AppState } from '../store';
import { plainKey } from './keys';
import type { Action } from './types';

/** The one selected node or edge: what a fault would break. */
export function breakTarget(s: Pick<AppState, 'selectedNodeIds' | 'selectedEdgeIds'>): string | undefined {
  const n = s.selectedNodeIds.length;
  const e = s.selectedEdgeIds.length;
  if (n === 1 && e === 0) return s.selectedNodeIds[0];
  if (e === 1 && n === 0) return s.selectedEdgeIds[0];
  return undefined;
}

/** Whether a fault added now joins the running run (rather than being added at a time, with a restart). */
export function canBreakNow(s: Pick<AppState, 'runStatus' | 'live' | 'runDriver'>): boolean {
  return s.runDriver !== null && s.live !== null && (s.runStatus === 'running' || s.runStatus === 'paused') && s.live.simSec < s.live.meta.durationSec;
}

export const breakIt: Action<{ type: FaultType; target?: string }> = {
  name: 'breakIt',
  label: 'Break it',
  undoable: true,
  perform: ({ store }, { type, target }) => {
    const s = store.getState();
    const id = target ?? breakTarget(s);
    const where = id === undefined ? null : faultTarget(s.scenario, id);
    if (id === undefined || where === null) {
      s.showToast('Select one component or edge to break.', 'error');
      return;
    }
    const fit = faultTypesFor(s.scenario, id);
    if (!fit.types.includes(type)) {
      s.showToast(`Cannot ${FAULT_META.type.valueLabels[type].toLowerCase()} ${where.name}: ${fit.reason ?? `a ${type} fault does not fit it`}.`, 'error');
      return;
    }
    if (canBreakNow(s)) {
      // The worker sets the start (now, to a tenth of a second) and the controller writes the fault into the scenario.
      s.breakNow(newFault(s.scenario, type, id, 0));
      return;
    }
    const atSec = Math.min(FAULT_META.atSec.default, s.scenario.durationSec / 2);
    const fault = newFault(s.scenario, type, id, atSec);
    s.breakNow(fault);
    s.showToast(`${where.name}: ${faultSummary(fault)} — added to the scenario.`, 'info');
  },
};

export const openBreakMenu: Action = {
  name: 'openBreakMenu',
  label: 'Break the selected component or edge…',
  shortcut: ['B'],
  keyTest: (e) => plainKey(e, 'b', 'B') && !e.shiftKey,
  undoable: false,
  enabled: (s) => breakTarget(s) !== undefined,
  perform: ({ store }) => {
    if (!requestBreakMenu()) store.getState().showToast('Open the inspector to break the selection.', 'info');
  },
};
