/**
 * The lesson dock above the inspector: the welcome while it is open, else the
 * lesson being followed. It takes room from the inspector only, never from
 * the canvas or the charts a lesson talks about.
 */
import { useEffect, useRef } from 'react';
import { ErrorBoundary } from '../feedback/ErrorBoundary';
import { useAppStore } from '../store';
import { IntroCard } from './IntroCard';
import { LessonPanel } from './LessonPanel';
import './lessons.css';

export function LessonDock() {
  const introOpen = useAppStore((s) => s.intro !== 'closed');
  const lessonId = useAppStore((s) => s.openLesson?.id);
  // A lesson open when the page loads (a deep link, a reload) does not take the focus; one the learner opens does.
  const openAtLoad = useRef(lessonId);
  useEffect(() => {
    if (lessonId === undefined) openAtLoad.current = undefined;
  }, [lessonId]);
  if (!introOpen && lessonId === undefined) return null;
  return (
    <div className="lesson-dock">
      <ErrorBoundary name="The lesson panel">{introOpen ? <IntroCard /> : <LessonPanel focusOnOpen={lessonId !== openAtLoad.current} />}</ErrorBoundary>
    </div>
  );
}
