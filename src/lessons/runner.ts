/**
 * Lessons outside React: at start-up, a `#lesson=` deep link, the lesson
 * left open last time, or the first-visit intro; then, while the app runs,
 * the open step's check against the store (a step is done the moment it
 * passes), the address bar (`#lesson=<id>` while a lesson is open) and the
 * progress in local storage.
 */
import { actions, performAction } from '../actions';
import { getCanvasHandle } from '../actions/canvasHandle';
import { AUTOSAVE_KEY } from '../persistence/autosave';
import { readSavedLessons, writeSavedLessons, type SavedLessons } from '../persistence/lessons';
import { hashParam } from '../scenario/url';
import type { AppState, AppStore } from '../store';
import { hasDataFor, needsRun } from './checks';
import { lessonContext } from './context';
import { hashWithLesson, parseLessonLink } from './deepLink';
import { lessonScenario } from './lessonScenario';
import { lessonById, LESSONS } from './lessons';

const LESSON_SHAPE: ReadonlyMap<string, number> = new Map(LESSONS.map((l) => [l.id, l.steps.length]));

function hasAutosave(storage: Storage | undefined): boolean {
  try {
    return storage?.getItem(AUTOSAVE_KEY) != null;
  } catch {
    return false;
  }
}

/**
 * Marks the open step done when its check passes (a check that throws counts
 * as not passed) — but not before the learner has answered its prediction,
 * nor before the run has the data its notice describes.
 */
export function checkOpenStep(state: AppState): void {
  const open = state.openLesson;
  if (!open || !open.start || open.done.includes(open.step)) return;
  const step = lessonById(open.id)?.steps[open.step];
  if (!step?.check) return;
  if (step.predict && open.picks[open.step] === undefined) return;
  let passed = false;
  try {
    const ctx = lessonContext(state, open.start);
    passed = step.check(ctx) && hasDataFor(step, ctx);
  } catch {
    passed = false;
  }
  if (passed) state.markLessonStepDone(open.step);
}

/** Whether the open step is waiting for the run to go on: a `ranFor` step, its prediction answered, not yet done. */
function stepWaitsForRun(s: AppState): boolean {
  const open = s.openLesson;
  if (!open || open.done.includes(open.step)) return false;
  const step = lessonById(open.id)?.steps[open.step];
  if (!step || !needsRun(step.check)) return false;
  return !step.predict || open.picks[open.step] !== undefined;
}

/**
 * Pause while reading, run when the learner says: the moment a step's notice
 * is revealed the run pauses, so what it describes stays on the charts; a
 * later step that is done by running plays the run once it is shown (and its
 * prediction answered). The first step is left to the learner: it says "press Play".
 */
export function pacing(s: AppState, prev: AppState): void {
  const open = s.openLesson;
  const was = prev.openLesson;
  if (!open || open.id !== was?.id) return;
  const revealed = open.step === was.step && open.done.includes(open.step) && !was.done.includes(open.step);
  if (revealed) {
    if (s.runStatus === 'running') s.pauseRun();
    return;
  }
  const shown = open.step !== was.step || (open.picks[open.step] !== undefined && was.picks[open.step] === undefined);
  if (shown && open.step > 0 && stepWaitsForRun(s) && s.runStatus !== 'running') s.playRun();
}

/** Re-opens a lesson at a saved step without touching the canvas (it holds the learner's work); its start scenario is loaded again. */
function resumeLesson(store: AppStore, open: NonNullable<SavedLessons['open']>): void {
  const lesson = lessonById(open.id);
  if (!lesson) return;
  store.getState().showLesson({ id: open.id, step: open.step, done: open.done, picks: open.picks, start: null });
  const apply = (result: Awaited<ReturnType<typeof lessonScenario>>) => {
    if (result.ok && store.getState().openLesson?.id === open.id) store.getState().setLessonStart(result.scenario);
  };
  const result = lessonScenario(lesson);
  if (result instanceof Promise) void result.then(apply);
  else apply(result);
}

function unknownLessonAlert(store: AppStore, id: string): void {
  store.getState().showAlert({
    title: 'This lesson link could not be opened',
    message: `There is no lesson called “${id}”. The lessons are listed under Lessons in the header.`,
    reassurance: 'Your own scenario is still here, unchanged.',
  });
}

function replaceHash(hash: string): void {
  const { pathname, search } = window.location;
  if (hash !== window.location.hash) window.history.replaceState(window.history.state, '', `${pathname}${search}${hash}`);
}

/**
 * Starts lessons for the store (after the live runs, so a lesson can start
 * its run paused). Returns a function that stops every subscription.
 */
export function startLessons(store: AppStore, storage: Storage | undefined): () => void {
  const saved = readSavedLessons(storage, LESSON_SHAPE);
  let introSeen = saved.introSeen;
  const returning = hasAutosave(storage);
  store.setState({ lessonProgress: saved.progress });

  const startLesson = (id: string) => void performAction(actions.startLesson, id, { store, canvas: getCanvasHandle() });

  const hash = window.location.hash;
  const link = parseLessonLink(hash);
  const sharedLink = hashParam(hash, 's') !== undefined;
  if (link.kind === 'lesson') {
    // Reloading a lesson in progress resumes it on the learner's own canvas; any other visit starts it afresh.
    if (saved.open?.id === link.lesson.id && returning && !sharedLink) resumeLesson(store, saved.open);
    else startLesson(link.lesson.id);
  } else {
    if (link.kind === 'unknown') {
      unknownLessonAlert(store, link.id);
      replaceHash(hashWithLesson(hash, null));
    }
    if (saved.open && !sharedLink) resumeLesson(store, saved.open);
    else if (!introSeen && !sharedLink && !returning && link.kind === 'none') {
      store.getState().setIntro('firstVisit');
      introSeen = true;
    }
  }

  const save = (s: AppState) => {
    const open = s.openLesson ? { id: s.openLesson.id, step: s.openLesson.step, done: s.openLesson.done, picks: s.openLesson.picks } : null;
    writeSavedLessons(storage, { open, progress: s.lessonProgress, introSeen });
  };
  save(store.getState());
  checkOpenStep(store.getState());

  const unsubscribe = store.subscribe((s, prev) => {
    checkOpenStep(s);
    pacing(store.getState(), prev);
    if (s.openLesson !== prev.openLesson || s.lessonProgress !== prev.lessonProgress) save(store.getState());
    if (s.openLesson?.id !== prev.openLesson?.id) replaceHash(hashWithLesson(window.location.hash, s.openLesson?.id ?? null));
  });

  const onHashChange = () => {
    const next = parseLessonLink(window.location.hash);
    if (next.kind === 'lesson' && store.getState().openLesson?.id !== next.lesson.id) startLesson(next.lesson.id);
    else if (next.kind === 'unknown') {
      unknownLessonAlert(store, next.id);
      replaceHash(hashWithLesson(window.location.hash, store.getState().openLesson?.id ?? null));
    }
  };
  window.addEventListener('hashchange', onHashChange);

  return () => {
    unsubscribe();
    window.removeEventListener('hashchange', onHashChange);
  };
}
