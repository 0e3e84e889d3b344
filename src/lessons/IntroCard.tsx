/**
 * The first-visit welcome, docked beside the running scenario (never over the
 * canvas): what is on screen and what to try first. Shown once; the Lessons
 * menu brings it back.
 */
import { useEffect, useRef } from 'react';
import { actions, performAction } from '../actions';
import { shortcutLabel } from '../actions/keys';
import { DEFAULT_SCENARIO_NAME } from '../scenario/presets';
import { useAppStore } from '../store';
import { Icon } from '../ui/icons';
import { LESSONS } from './lessons';

export function IntroCard() {
  const reopened = useAppStore((s) => s.intro === 'reopened');
  const setIntro = useAppStore((s) => s.setIntro);
  const scenarioName = useAppStore((s) => s.scenario.name);
  const components = useAppStore((s) => s.scenario.nodes.length);
  const titleRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    // Asked for: move to it. On a first visit the page's focus is left where it is.
    if (reopened) titleRef.current?.focus();
  }, [reopened]);
  const close = () => setIntro('closed');
  const first = LESSONS[0];
  return (
    <section className="intro-card" aria-labelledby="intro-title">
      <header className="lesson-panel__head">
        <div className="lesson-panel__titles">
          <p className="lesson-panel__kicker">Welcome</p>
          <h2 id="intro-title" className="lesson-panel__title" ref={titleRef} tabIndex={-1}>
            What you are looking at
          </h2>
        </div>
        <div className="lesson-panel__tools">
          <button type="button" className="icon-button icon-button--small" aria-label="Close the welcome" onClick={close}>
            <Icon name="close" size={16} />
          </button>
        </div>
      </header>
      <div className="lesson-body">
        {scenarioName === DEFAULT_SCENARIO_NAME ? (
          <p>
            <strong>Twitter’s home timeline</strong> from <em>Designing Data-Intensive Applications</em>, chapter 1, built the <strong>hybrid</strong>{' '}
            way: each post is copied into its followers’ cached timelines, except celebrities’ posts, which readers merge in. At{' '}
            <strong>1/100 of DDIA’s 2012 rates</strong> — 46 posts/s, 3,000 timeline reads/s — and running now.
          </p>
        ) : (
          <p>
            On the canvas: <strong>{scenarioName || 'an unnamed scenario'}</strong>, {components === 1 ? 'one component' : `${components} components`} wired
            together, simulated request by request in your browser. The charts below show what it does under its load; <em>Presets</em> has more systems from{' '}
            <em>Designing Data-Intensive Applications</em>, chapter 1.
          </p>
        )}
        <h3 className="lesson-notice__title">Try first</h3>
        <ol className="intro-tries">
          <li>
            <strong>Pause</strong> and <strong>Play</strong> (<kbd>{shortcutLabel(actions.playPause.shortcut!)}</kbd>) stop and start time.
          </li>
          <li>Click a component and change a number in the inspector: the run restarts with it.</li>
          <li>
            Open <strong>Lessons</strong>: seventeen short ones, one per idea of the chapter.
          </li>
        </ol>
        <div className="lesson-nav">
          <button type="button" className="button button--small" onClick={close}>
            Got it
          </button>
          <button type="button" className="button button--primary button--small" onClick={() => void performAction(actions.startLesson, first.id)}>
            Start lesson 1: {first.title}
          </button>
        </div>
      </div>
    </section>
  );
}
