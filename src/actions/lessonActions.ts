/**
 * The guided lessons: start one (its scenario replaces the canvas as one
 * undoable step), move between its steps, run a step's comparison in
 * Compare, close it, and show the intro.
 */
import { cancelCompare, startCompare } from '../lab/compareRun';
import { lessonById, LESSONS } from '../lessons/lessons';
import { lessonScenario } from '../lessons/lessonScenario';
import type { LessonComparison } from '../lessons/types';
import type { DecodeResult } from '../scenario/decode';
import { DEFAULT_CHART_WINDOW_SEC } from '../store/runSlice';
import { getCanvasHandle } from './canvasHandle';
import { openDecoded } from './scenarioActions';
import type { Action } from './types';

export const startLesson: Action<string> = {
  name: 'startLesson',
  label: 'Start lesson',
  undoable: true,
  perform: ({ store, canvas }, id) => {
    const lesson = lessonById(id);
    if (!lesson) {
      store.getState().showAlert({ title: 'This lesson could not be opened', message: `There is no lesson called “${id}”.`, reassurance: 'Your scenario is unchanged.' });
      return;
    }
    const open = (result: DecodeResult) => {
      // The canvas may have mounted while a preset was being fetched (a deep link at start-up).
      const fitView = (canvas ?? getCanvasHandle())?.fitView;
      if (!openDecoded(store, result, `The scenario of the lesson “${lesson.title}”`, fitView)) return;
      const s = store.getState();
      // Lessons begin paused at 0 s unless they say otherwise: their first step is "press Play".
      s.loadRun(lesson.autoplay ?? false);
      // Each lesson starts from a clean view: no side panel over the inspector, the default chart window.
      s.setSidePanel(null);
      s.setChartWindowSec(DEFAULT_CHART_WINDOW_SEC);
      s.showLesson({ id: lesson.id, start: s.scenario });
      s.showToast(`Lesson “${lesson.title}” loaded. Undo brings back the scenario you had.`);
    };
    const result = lessonScenario(lesson);
    return result instanceof Promise ? result.then(open) : open(result);
  },
};

export const lessonNext: Action = {
  name: 'lessonNext',
  label: 'Next step',
  undoable: false,
  enabled: (s) => s.openLesson !== null,
  perform: ({ store }) => {
    const s = store.getState();
    const open = s.openLesson;
    const lesson = open && lessonById(open.id);
    if (!open || !lesson || open.step >= lesson.steps.length) return;
    const step = lesson.steps[open.step];
    const done = open.done.includes(open.step);
    // A step with nothing to check is done when the learner says so: the first Next shows what to notice.
    if (!step.check && !done) {
      s.markLessonStepDone(open.step);
      return;
    }
    if (open.step === lesson.steps.length - 1) s.completeLesson(lesson.id);
    s.setLessonStep(open.step + 1);
  },
};

export const lessonBack: Action = {
  name: 'lessonBack',
  label: 'Previous step',
  undoable: false,
  enabled: (s) => (s.openLesson?.step ?? 0) > 0,
  perform: ({ store }) => {
    const open = store.getState().openLesson;
    if (open && open.step > 0) store.getState().setLessonStep(open.step - 1);
  },
};

/**
 * A step's comparison in the Compare panel: exactly its variants, seed and
 * simulated time, with the results shown before cleared (they belong to
 * another comparison, or to another seed), run at once.
 */
export const runLessonComparison: Action<LessonComparison> = {
  name: 'runLessonComparison',
  label: 'Open Compare and run the comparison',
  undoable: false,
  perform: ({ store }, comparison) => {
    cancelCompare(store);
    const s = store.getState();
    s.setCompare({ variants: [...comparison.variants], seed: comparison.seed, durationSec: comparison.durationSec, status: 'idle', op: null, runs: [] });
    s.setSidePanel('compare');
    return startCompare(store);
  },
};

export const closeLesson: Action = {
  name: 'closeLesson',
  label: 'Close the lesson',
  undoable: false,
  enabled: (s) => s.openLesson !== null,
  perform: ({ store }) => store.getState().closeLesson(),
};

export const showIntro: Action = {
  name: 'showIntro',
  label: 'Show the welcome',
  undoable: false,
  perform: ({ store }) => store.getState().setIntro('reopened'),
};

/** The lesson after `id` in the course, if any. */
export function nextLessonAfter(id: string) {
  const i = LESSONS.findIndex((l) => l.id === id);
  return i >= 0 ? LESSONS[i + 1] : undefined;
}
