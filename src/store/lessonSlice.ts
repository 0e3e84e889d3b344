/**
 * The guided lessons: which lesson is open and at which step, what the
 * learner has done in it, their progress over all lessons, and whether the
 * first-visit intro is showing. Never undone (zundo tracks the scenario only);
 * kept in local storage by src/lessons/runner.ts.
 */
import type { StateCreator } from 'zustand';
import type { Scenario } from '../scenario/schema';
import type { AppState } from './index';

/** What a learner has done in one lesson, over all visits. */
export interface LessonProgressEntry {
  /** Indices of the steps done at least once. */
  doneSteps: number[];
  /** Whether the learner reached the end of the lesson. */
  completed: boolean;
  /** The answer picked for each prediction step, by step index (the latest pick). */
  picks?: Record<number, number>;
}

export type LessonProgress = Record<string, LessonProgressEntry>;

export interface OpenLesson {
  id: string;
  /** The step shown; `steps.length` is the "lesson complete" page. */
  step: number;
  /** Steps done in this attempt (a restarted lesson starts with none). */
  done: number[];
  /** The scenario as the lesson loaded it; null until it is known again after a reload. */
  start: Scenario | null;
  /** Predictions answered in this attempt: step index → choice index. */
  picks: Record<number, number>;
}

/** The welcome: closed, shown on a first visit, or reopened by the learner (then it takes the focus). */
export type IntroState = 'closed' | 'firstVisit' | 'reopened';

export interface LessonSlice {
  openLesson: OpenLesson | null;
  lessonProgress: LessonProgress;
  /** The lesson panel folded to one line (more room for the inspector). */
  lessonPanelCollapsed: boolean;
  intro: IntroState;

  /** Shows `id` at `step`; `done` lists the steps already done in this attempt. */
  showLesson: (lesson: { id: string; step?: number; done?: number[]; picks?: Record<number, number>; start: Scenario | null }) => void;
  /** Records the learner's answer to the prediction of `step` (this attempt and the lasting progress). */
  pickPrediction: (step: number, choice: number) => void;
  setLessonStep: (step: number) => void;
  setLessonStart: (start: Scenario) => void;
  /** Marks a step of the open lesson done (this attempt and the lasting progress). */
  markLessonStepDone: (step: number) => void;
  completeLesson: (id: string) => void;
  closeLesson: () => void;
  setLessonPanelCollapsed: (collapsed: boolean) => void;
  setIntro: (intro: IntroState) => void;
}

function withStep(list: readonly number[], step: number): number[] {
  return list.includes(step) ? [...list] : [...list, step].sort((a, b) => a - b);
}

export const createLessonSlice: StateCreator<AppState, [['temporal', unknown]], [], LessonSlice> = (set, get) => ({
  openLesson: null,
  lessonProgress: {},
  lessonPanelCollapsed: false,
  intro: 'closed',

  showLesson: ({ id, step = 0, done = [], picks = {}, start }) =>
    set({ openLesson: { id, step, done, picks, start }, lessonPanelCollapsed: false, intro: 'closed' }),

  pickPrediction: (step, choice) => {
    const { openLesson: open, lessonProgress } = get();
    if (!open || open.picks[step] !== undefined) return;
    const entry = lessonProgress[open.id] ?? { doneSteps: [], completed: false };
    set({
      openLesson: { ...open, picks: { ...open.picks, [step]: choice } },
      lessonProgress: { ...lessonProgress, [open.id]: { ...entry, picks: { ...entry.picks, [step]: choice } } },
    });
  },

  setLessonStep: (step) => {
    const open = get().openLesson;
    if (open && open.step !== step) set({ openLesson: { ...open, step } });
  },

  setLessonStart: (start) => {
    const open = get().openLesson;
    if (open) set({ openLesson: { ...open, start } });
  },

  markLessonStepDone: (step) => {
    const { openLesson: open, lessonProgress } = get();
    if (!open || open.done.includes(step)) return;
    const entry = lessonProgress[open.id] ?? { doneSteps: [], completed: false };
    set({
      openLesson: { ...open, done: withStep(open.done, step) },
      lessonProgress: { ...lessonProgress, [open.id]: { ...entry, doneSteps: withStep(entry.doneSteps, step) } },
    });
  },

  completeLesson: (id) => {
    const progress = get().lessonProgress;
    const entry = progress[id] ?? { doneSteps: [], completed: false };
    if (!entry.completed) set({ lessonProgress: { ...progress, [id]: { ...entry, completed: true } } });
  },

  closeLesson: () => set({ openLesson: null }),
  setLessonPanelCollapsed: (collapsed) => set({ lessonPanelCollapsed: collapsed }),
  setIntro: (intro) => set({ intro }),
});
