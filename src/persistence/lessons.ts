/**
 * Lesson progress in local storage: the lesson open and its step, the steps
 * and lessons done, and whether the first-visit intro was shown. Read field by
 * field: an unknown lesson, a step out of range or a wrong type is dropped,
 * never trusted, and storage that cannot be read gives a fresh start.
 */
import type { LessonProgress } from '../store/lessonSlice';

export const LESSONS_KEY = 'fanout-lab:lessons';

export interface SavedOpenLesson {
  id: string;
  step: number;
  done: number[];
  /** Predictions answered in this attempt: step index → choice index. */
  picks?: Record<number, number>;
}

export interface SavedLessons {
  open: SavedOpenLesson | null;
  progress: LessonProgress;
  introSeen: boolean;
}

/** How many steps each known lesson has, by id (what saved data is checked against). */
export type LessonShape = ReadonlyMap<string, number>;

export const EMPTY_LESSONS: SavedLessons = { open: null, progress: {}, introSeen: false };

function stepList(value: unknown, stepCount: number): number[] {
  if (!Array.isArray(value)) return [];
  const steps = value.filter((v): v is number => Number.isInteger(v) && v >= 0 && v < stepCount);
  return [...new Set(steps)].sort((a, b) => a - b);
}

/** Picks by step, kept only for steps of the lesson and whole non-negative choice indices. */
function pickMap(value: unknown, stepCount: number): Record<number, number> {
  const picks: Record<number, number> = {};
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return picks;
  for (const [key, choice] of Object.entries(value as Record<string, unknown>)) {
    const step = Number(key);
    if (Number.isInteger(step) && step >= 0 && step < stepCount && Number.isInteger(choice) && (choice as number) >= 0 && (choice as number) < 16) picks[step] = choice as number;
  }
  return picks;
}

/** Saved lesson state, checked against the lessons that exist; never throws. */
export function parseSavedLessons(text: string | null, shape: LessonShape): SavedLessons {
  if (text === null) return EMPTY_LESSONS;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return EMPTY_LESSONS;
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return EMPTY_LESSONS;
  const r = raw as Record<string, unknown>;

  const progress: LessonProgress = {};
  if (r.progress !== null && typeof r.progress === 'object' && !Array.isArray(r.progress)) {
    for (const [id, entry] of Object.entries(r.progress as Record<string, unknown>)) {
      const steps = shape.get(id);
      if (steps === undefined || entry === null || typeof entry !== 'object') continue;
      const e = entry as Record<string, unknown>;
      const picks = pickMap(e.picks, steps);
      progress[id] = { doneSteps: stepList(e.doneSteps, steps), completed: e.completed === true, ...(Object.keys(picks).length > 0 ? { picks } : {}) };
    }
  }

  let open: SavedOpenLesson | null = null;
  if (r.open !== null && typeof r.open === 'object') {
    const o = r.open as Record<string, unknown>;
    const steps = typeof o.id === 'string' ? shape.get(o.id) : undefined;
    // `steps` itself is the "lesson complete" page.
    if (steps !== undefined && Number.isInteger(o.step) && (o.step as number) >= 0 && (o.step as number) <= steps) {
      const picks = pickMap(o.picks, steps);
      open = { id: o.id as string, step: o.step as number, done: stepList(o.done, steps), ...(Object.keys(picks).length > 0 ? { picks } : {}) };
    }
  }

  return { open, progress, introSeen: r.introSeen === true };
}

export function readSavedLessons(storage: Storage | undefined, shape: LessonShape): SavedLessons {
  try {
    return parseSavedLessons(storage?.getItem(LESSONS_KEY) ?? null, shape);
  } catch {
    return EMPTY_LESSONS;
  }
}

/** Writes lesson state; false when storage is unavailable or full (progress is a convenience). */
export function writeSavedLessons(storage: Storage | undefined, saved: SavedLessons): boolean {
  if (!storage) return false;
  try {
    storage.setItem(LESSONS_KEY, JSON.stringify(saved));
    return true;
  } catch {
    return false;
  }
}
