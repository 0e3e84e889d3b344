/**
 * The header's way into the lessons: the lessons in the order of DDIA
 * chapter 1, each with its goal, length and the learner's progress; starting
 * one loads its scenario (Undo brings the previous one back). The welcome
 * intro is reopened from here too.
 */
import { actions, performAction } from '../actions';
import { useAppStore } from '../store';
import type { LessonProgressEntry } from '../store/lessonSlice';
import { usePopover } from '../ui/usePopover';
import { DoneIcon, LessonIcon } from './LessonIcon';
import { LESSONS } from './lessons';
import type { Lesson } from './types';

type Status = 'done' | 'open' | 'started' | 'new';

function lessonStatus(lesson: Lesson, entry: LessonProgressEntry | undefined, openId: string | undefined): Status {
  if (entry?.completed) return 'done';
  if (openId === lesson.id) return 'open';
  if (entry && entry.doneSteps.length > 0) return 'started';
  return 'new';
}

const STATUS_TEXT: Record<Status, string> = { done: 'Done', open: 'Open now', started: 'In progress', new: '' };

export function LessonsMenu() {
  const menu = usePopover();
  const progress = useAppStore((s) => s.lessonProgress);
  const openId = useAppStore((s) => s.openLesson?.id);
  const completed = LESSONS.filter((l) => progress[l.id]?.completed).length;

  return (
    <div ref={menu.containerRef} className="popover-anchor">
      <button
        type="button"
        className="button button--header lessons-button"
        aria-expanded={menu.open}
        aria-haspopup="dialog"
        title="Guided lessons: DDIA chapter 1, learned by doing"
        onClick={menu.toggle}
      >
        <LessonIcon /> <span className="button__label-narrow">Lessons</span>
      </button>
      {menu.open && (
        <div className="popover lessons-popover" role="dialog" aria-label="Lessons">
          <p className="popover__title">
            Learn by doing · {completed} of {LESSONS.length} done
          </p>
          <ol className="lesson-list">
            {LESSONS.map((lesson, i) => {
              const status = lessonStatus(lesson, progress[lesson.id], openId);
              const steps = progress[lesson.id]?.doneSteps.length ?? 0;
              return (
                <li key={lesson.id}>
                  <button
                    type="button"
                    className="lesson-item"
                    data-status={status}
                    onClick={() =>
                      menu.choose(() =>
                        // The lesson already open is shown, not restarted: its canvas holds the learner's work.
                        status === 'open' ? useAppStore.getState().setLessonPanelCollapsed(false) : void performAction(actions.startLesson, lesson.id),
                      )
                    }
                  >
                    <span className="lesson-item__number" aria-hidden="true">
                      {status === 'done' ? <DoneIcon size={18} /> : i + 1}
                    </span>
                    <span className="lesson-item__text">
                      <span className="lesson-item__head">
                        <span className="lesson-item__title">{lesson.title}</span>
                        <span className="lesson-item__minutes">{lesson.minutes} min</span>
                      </span>
                      <span className="lesson-item__goal">{lesson.goal}</span>
                      {status !== 'new' && (
                        <span className="lesson-item__status">
                          {status === 'started' ? `In progress: ${steps} of ${lesson.steps.length} steps done` : STATUS_TEXT[status]}
                        </span>
                      )}
                    </span>
                  </button>
                </li>
              );
            })}
          </ol>
          <div className="lessons-popover__foot">
            <p className="popover__foot">Starting a lesson replaces the canvas; Undo brings your scenario back.</p>
            <button type="button" className="button button--quiet button--small" onClick={() => menu.choose(() => void performAction(actions.showIntro, undefined))}>
              Show the welcome again
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
