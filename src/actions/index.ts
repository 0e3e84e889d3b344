/**
 * Every user command, registered once. Components and the keyboard call
 * `performAction(action, arg)`; the same object runs whichever way it came.
 */
import { useAppStore, type AppStore } from '../store';
import { getCanvasHandle } from './canvasHandle';
import { clearSelection, copySelection, deleteSelection, duplicateSelection, paste, selectAll } from './editActions';
import { redo, undo } from './historyActions';
import { connectTo } from './connectActions';
import { isTyping } from './keys';
import { closeLesson, lessonBack, lessonNext, runLessonComparison, showIntro, startLesson } from './lessonActions';
import {
  addNode,
  copyShareLink,
  exportFile,
  exportPng,
  exportSvg,
  importFile,
  loadPreset,
  newScenario,
} from './scenarioActions';
import { cancelCompare, cancelPhaseMap, cancelSweep, openPhaseCell, runCompare, runPhaseMap, runSweep, saveVariant } from './labActions';
import {
  setCelebrityThreshold,
  toggleComparePanel,
  toggleDdiaScale,
  toggleFollowersPanel,
  toggleSweepPanel,
} from './twitterActions';
import { breakIt, openBreakMenu } from './faultActions';
import { playPause, resetRun, stepRun } from './runActions';
import { closeRequestTrace, showRequestTrace, toggleRequestDots, traceNextRequest } from './traceActions';
import type { Action, ActionContext } from './types';
import { fitView, openCommandPalette, toggleMinimap, toggleSnapToGrid, toggleTheme, zoomIn, zoomOut } from './viewActions';

export const actions = {
  startLesson,
  lessonNext,
  lessonBack,
  closeLesson,
  runLessonComparison,
  showIntro,
  undo,
  redo,
  deleteSelection,
  copySelection,
  paste,
  duplicateSelection,
  selectAll,
  clearSelection,
  connectTo,
  openCommandPalette,
  fitView,
  zoomIn,
  zoomOut,
  toggleSnapToGrid,
  toggleMinimap,
  toggleTheme,
  addNode,
  newScenario,
  loadPreset,
  importFile,
  exportFile,
  exportPng,
  exportSvg,
  copyShareLink,
  toggleFollowersPanel,
  toggleComparePanel,
  toggleSweepPanel,
  toggleDdiaScale,
  setCelebrityThreshold,
  runCompare,
  cancelCompare,
  runSweep,
  cancelSweep,
  runPhaseMap,
  cancelPhaseMap,
  openPhaseCell,
  saveVariant,
  playPause,
  stepRun,
  resetRun,
  breakIt,
  openBreakMenu,
  toggleRequestDots,
  traceNextRequest,
  showRequestTrace,
  closeRequestTrace,
};

export type ActionName = keyof typeof actions;

/** The actions a key press can trigger, in priority order. */
const keyboardActions: Action<void>[] = Object.values(actions).filter(
  (a): a is Action<void> => 'keyTest' in a && typeof a.keyTest === 'function',
);

function defaultContext(store: AppStore = useAppStore): ActionContext {
  return { store, canvas: getCanvasHandle() };
}

/** Performs an action; an undoable action is one undo step however many edits it makes. */
export function performAction<Arg>(action: Action<Arg>, arg: Arg, ctx: ActionContext = defaultContext()): void | Promise<void> {
  if (action.enabled && !action.enabled(ctx.store.getState())) return;
  const state = ctx.store.getState();
  // A value-setting action merges its quick repeats itself (see Action.mergeKey).
  if (!action.undoable || action.mergeKey !== undefined) return action.perform(ctx, arg);
  state.beginGesture();
  let result: void | Promise<void>;
  try {
    result = action.perform(ctx, arg);
  } finally {
    state.endGesture();
  }
  return result;
}

/** The action a key press asks for, if any (none while the user types in a field). */
export function actionForKey(event: KeyboardEvent): Action<void> | undefined {
  if (isTyping(event)) return undefined;
  return keyboardActions.find((a) => a.keyTest!(event));
}

/** Handles a key press: performs its action and stops the browser's own meaning of the key. */
export function handleShortcut(event: KeyboardEvent, ctx: ActionContext = defaultContext()): boolean {
  if (event.defaultPrevented) return false;
  const action = actionForKey(event);
  if (!action) return false;
  event.preventDefault();
  void performAction(action, undefined, ctx);
  return true;
}

export type { Action, ActionContext, CanvasHandle } from './types';
