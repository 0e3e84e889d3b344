/**
 * The lesson being followed, docked above the inspector: progress, the
 * instruction, a tick the moment the store shows it done, then what to notice
 * and the learner's own numbers. The UI elements the step talks about are
 * highlighted while it is shown.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { actions, performAction } from '../actions';
import { nextLessonAfter } from '../actions/lessonActions';
import { useAppStore } from '../store';
import type { OpenLesson } from '../store/lessonSlice';
import { Icon } from '../ui/icons';
import { labOf, lessonContext } from './context';
import { highlightCss, scrollTargets } from './highlight';
import { DoneIcon, RestartIcon } from './LessonIcon';
import { lessonById, LESSONS } from './lessons';
import { PredictionChartInput } from './PredictionChart';
import type { Lesson, LessonComparison, LessonPrediction, LessonStep } from './types';

/** The learner's numbers for a step, live (only this part re-renders with the run). */
function Readout({ step, open }: { step: LessonStep; open: OpenLesson }) {
  const state = useAppStore(useShallow((s) => ({ scenario: s.scenario, runScenario: s.runScenario, runStatus: s.runStatus, runId: s.runId, live: s.live, compare: s.compare, sweep: s.sweep })));
  if (!step.readout || !open.start) return null;
  let text: string | undefined;
  try {
    text = step.readout(lessonContext(state, open.start));
  } catch {
    text = undefined;
  }
  const sec = Math.floor(lessonContext(state, open.start).run.simulatedSec);
  // Results cover the whole run so far, not the chart's window: say so, so that a spike the text describes is not contradicted by a whole-run percentile.
  return (
    <p className="lesson-readout">
      <span className="lesson-readout__label">{text !== undefined && sec > 0 ? `Your numbers, over this run's ${sec.toLocaleString('en-US')} s so far` : 'Your numbers'}</span>{' '}
      {text ?? 'They appear here once the run has results.'}
    </p>
  );
}

/** The question of a prediction step, before the learner has answered it. */
function PredictionQuestion({ predict, onPick }: { predict: LessonPrediction; onPick: (choice: number) => void }) {
  const [chosen, setChosen] = useState<number | null>(null);
  const name = useId();
  return (
    <form
      className="lesson-predict"
      onSubmit={(e) => {
        e.preventDefault();
        if (chosen !== null) onPick(chosen);
      }}
    >
      <fieldset className="lesson-predict__fieldset">
        <legend className="lesson-predict__question">
          <span className="lesson-predict__kicker">Predict first</span> {predict.question}
        </legend>
        {predict.chart ? (
          <>
            <PredictionChartInput chart={predict.chart} choices={predict.choices} chosen={chosen} onChange={setChosen} label={`Your guess at ${predict.chart.at.label}`} />
            <p className="lesson-predict__bet" aria-live="polite">
              <span className="lesson-predict__kicker">Your guess</span> {chosen === null ? 'not placed yet' : predict.choices[chosen].label}
            </p>
          </>
        ) : (
          predict.choices.map((c, i) => (
            <label key={i} className="lesson-predict__choice">
              <input type="radio" name={name} value={i} checked={chosen === i} onChange={() => setChosen(i)} />
              <span>{c.label}</span>
            </label>
          ))
        )}
      </fieldset>
      <button type="submit" className="button button--primary button--small" disabled={chosen === null}>
        Lock in my prediction
      </button>
    </form>
  );
}

/** The chart of a chart prediction, revealed: the guess, the answer, and the curve the learner's own run measured. */
function RevealChart({ predict, pick }: { predict: LessonPrediction; pick: number }) {
  const lab = useAppStore(useShallow((s) => ({ compare: s.compare, sweep: s.sweep })));
  const chart = predict.chart!;
  const measured = chart.measured?.(labOf(lab)) ?? [];
  return <PredictionChartInput chart={chart} choices={predict.choices} chosen={pick} correct={predict.choices.findIndex((c) => c.correct)} measured={measured} label="" />;
}

/** What the learner bet, before the step is done; and after it, whether they were right and why. */
function PredictionReveal({ predict, pick, revealed }: { predict: LessonPrediction; pick: number; revealed: boolean }) {
  const picked = predict.choices[pick];
  if (!picked) return null;
  if (!revealed) {
    return (
      <p className="lesson-predict__bet">
        <span className="lesson-predict__kicker">Your prediction</span> {picked.label}
      </p>
    );
  }
  const right = picked.correct === true;
  const correct = predict.choices.find((c) => c.correct);
  return (
    <div className="lesson-predict__reveal" data-right={right ? 'true' : 'false'}>
      {predict.chart && <RevealChart predict={predict} pick={pick} />}
      <p className="lesson-predict__verdict">{right ? `You predicted right: ${picked.label}` : `You predicted: ${picked.label} — not this time.`}</p>
      {!right && picked.because && <p>{picked.because}</p>}
      {!right && correct && (
        <p>
          <strong>What happens:</strong> {correct.label}
        </p>
      )}
      {correct?.because && <p>{correct.because}</p>}
    </div>
  );
}

function variantTitle(v: LessonComparison['variants'][number]): string {
  return v.kind === 'preset' ? v.title : v.kind === 'current' ? 'the current scenario' : 'a saved variant';
}

/**
 * Scrolls the Compare panel to its results once they are on screen (the panel
 * loads on first use): the table fills in there, below the variants. Only the
 * panel scrolls, not the app's layout.
 */
function bringCompareResultsIntoView(tries = 20): void {
  const results = document.querySelector<HTMLElement>('[data-lesson-target="compare.results"]');
  const panel = results?.closest('.side-panel');
  if (!results || !panel) {
    if (tries > 0) setTimeout(() => bringCompareResultsIntoView(tries - 1), 250);
    return;
  }
  const top = results.getBoundingClientRect().top - panel.getBoundingClientRect().top + panel.scrollTop;
  panel.scrollTo?.({ top, behavior: 'smooth' });
}

/** A comparison step's way in: one button opens Compare with the step's variants, clears what it showed, and runs them. */
function RunComparison({ comparison }: { comparison: LessonComparison }) {
  const describedBy = useId();
  return (
    <div className="lesson-compare">
      <button
        type="button"
        className="button button--primary button--small"
        aria-describedby={describedBy}
        onClick={() => {
          void performAction(actions.runLessonComparison, comparison);
          bringCompareResultsIntoView();
        }}
      >
        <Icon name="compare" size={14} /> Open Compare and run
      </button>
      <span id={describedBy} className="lesson-compare__what">
        {comparison.variants.map(variantTitle).join(' vs ')} · seed {comparison.seed} · {comparison.durationSec} s each
      </span>
    </div>
  );
}

/** What a step that is not done yet waits for. */
function WaitingFor({ step }: { step: LessonStep }) {
  const comparing = useAppStore((s) => step.compare !== undefined && s.compare.status === 'running');
  if (step.compare) {
    return comparing
      ? 'Comparing: this ticks itself off once every variant has its results in the Compare table.'
      : 'Waiting for you: this ticks itself off once the comparison has finished, with its results in the Compare table.';
  }
  return 'Waiting for you: this ticks itself off when you have done it, and the run has the numbers to show.';
}

/** The run paused when the notice was revealed: continue it when the learner has read (the K shortcut does the same). */
function RunOn() {
  const status = useAppStore((s) => s.runStatus);
  const playRun = useAppStore((s) => s.playRun);
  if (status !== 'paused') return null;
  return (
    <button type="button" className="button button--small lesson-run-on" aria-keyshortcuts="K" title="Paused while you read: run on (K)" onClick={() => playRun()}>
      Run on <kbd>K</kbd>
    </button>
  );
}

function Highlights({ step }: { step: LessonStep }) {
  const targets = step.highlight ?? [];
  const key = targets.join('|');
  useEffect(() => {
    const selectors = scrollTargets(targets);
    if (selectors.length === 0) return;
    // The charts load on demand: wait a little for a card that is not there yet.
    let tries = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const bring = () => {
      const found = selectors.map((s) => document.querySelector(s)).filter((el): el is Element => el !== null);
      found.forEach((el) => el.scrollIntoView?.({ block: 'nearest', inline: 'nearest', behavior: 'smooth' }));
      if (found.length < selectors.length && ++tries < 20) timer = setTimeout(bring, 250);
    };
    bring();
    return () => clearTimeout(timer);
  }, [key]);
  const css = highlightCss(targets);
  return css ? <style data-lesson-highlights="">{css}</style> : null;
}

/** How the learner's bets went, in one line. */
function PredictionTally({ lesson }: { lesson: Lesson }) {
  const picks = useAppStore((s) => (s.openLesson?.id === lesson.id ? s.openLesson.picks : s.lessonProgress[lesson.id]?.picks));
  const asked = lesson.steps.flatMap((step, i) => (step.predict ? [{ step, i }] : []));
  const answered = asked.filter(({ i }) => picks?.[i] !== undefined);
  if (answered.length === 0) return null;
  const right = answered.filter(({ step, i }) => step.predict!.choices[picks![i]]?.correct === true).length;
  return (
    <p className="lesson-recap__tally">
      Your predictions: {right} of {answered.length} right{right < answered.length ? ' — the surprises are what the lesson was for.' : '.'}
    </p>
  );
}

function Complete({ lesson }: { lesson: Lesson }) {
  const next = nextLessonAfter(lesson.id);
  return (
    <div className="lesson-body">
      <p className="lesson-complete" role="status">
        <DoneIcon size={20} /> Lesson complete
      </p>
      <div className="lesson-goal">
        <h3 className="lesson-notice__title">What it set out to show</h3>
        <p>{lesson.goal}</p>
      </div>
      <div className="lesson-recap">
        <h3 className="lesson-notice__title">Recap</h3>
        <ul>
          {lesson.recap.map((line, i) => (
            <li key={i}>{line}</li>
          ))}
        </ul>
        <PredictionTally lesson={lesson} />
      </div>
      <div className="lesson-nav">
        <button type="button" className="button button--small" onClick={() => void performAction(actions.lessonBack, undefined)}>
          Back
        </button>
        {next ? (
          <button type="button" className="button button--primary button--small" onClick={() => void performAction(actions.startLesson, next.id)}>
            Next lesson: {next.title}
          </button>
        ) : (
          <button type="button" className="button button--primary button--small" onClick={() => void performAction(actions.closeLesson, undefined)}>
            Finish the course
          </button>
        )}
      </div>
    </div>
  );
}

function Step({ lesson, open, headingRef }: { lesson: Lesson; open: OpenLesson; headingRef: React.Ref<HTMLHeadingElement> }) {
  const step = lesson.steps[open.step];
  const done = open.done.includes(open.step);
  const last = open.step === lesson.steps.length - 1;
  const checked = step.check !== undefined;
  const pick = open.picks[open.step];
  const asking = step.predict !== undefined && pick === undefined && !done;
  // The panel is short at 1280×800: when a step is done, bring its notice (and the verdict) into view.
  const noticeRef = useRef<HTMLDivElement>(null);
  const wasDone = useRef(done);
  useEffect(() => {
    const notice = noticeRef.current;
    // Scroll the dock only (scrollIntoView would also shift the app's unscrollable layout).
    const dock = notice?.closest('.lesson-dock');
    if (done && !wasDone.current && notice && dock) {
      // Below the sticky lesson header, with the "Done" line above the notice still in sight.
      const head = dock.querySelector('.lesson-panel__head')?.getBoundingClientRect().height ?? 0;
      const top = notice.getBoundingClientRect().top - dock.getBoundingClientRect().top + dock.scrollTop - head - 36;
      dock.scrollTo?.({ top, behavior: 'smooth' });
    }
    wasDone.current = done;
  }, [done]);
  let nextLabel = 'Next';
  if (checked && !done) nextLabel = 'Skip';
  else if (last && done) nextLabel = 'Finish';
  return (
    <div className="lesson-body">
      <Highlights step={step} />
      <h3 className="lesson-step" ref={headingRef} tabIndex={-1}>
        Step {open.step + 1} of {lesson.steps.length}
      </h3>
      <ol className="lesson-dots" aria-hidden="true">
        {lesson.steps.map((_, i) => (
          <li key={i} data-state={open.done.includes(i) ? 'done' : i === open.step ? 'current' : undefined} />
        ))}
      </ol>
      {asking ? (
        <PredictionQuestion key={`${lesson.id}:${open.step}`} predict={step.predict!} onPick={(choice) => useAppStore.getState().pickPrediction(open.step, choice)} />
      ) : (
        <>
          <p className="lesson-instruction">{step.instruction}</p>
          {step.compare && <RunComparison comparison={step.compare} />}
          {step.predict && pick !== undefined && !done && <PredictionReveal predict={step.predict} pick={pick} revealed={false} />}
        </>
      )}
      {open.step === 0 && !done && !asking && <p className="lesson-undo-note">This lesson replaced your canvas; Undo brings your own scenario back.</p>}
      <p className="lesson-status" role="status" data-done={done ? 'true' : undefined}>
        {done ? (
          <>
            <DoneIcon size={18} /> Done
          </>
        ) : asking ? (
          'Answer first: the step starts once your prediction is locked in.'
        ) : checked ? (
          <WaitingFor step={step} />
        ) : (
          ''
        )}
      </p>
      {done && (
        <div className="lesson-notice" ref={noticeRef}>
          <h4 className="lesson-notice__title">What to notice</h4>
          {step.predict && pick !== undefined && <PredictionReveal predict={step.predict} pick={pick} revealed />}
          <p>{step.notice}</p>
          <Readout step={step} open={open} />
        </div>
      )}
      <div className="lesson-nav">
        <button type="button" className="button button--small" disabled={open.step === 0} onClick={() => void performAction(actions.lessonBack, undefined)}>
          Back
        </button>
        {done && <RunOn />}
        <button
          type="button"
          className={`button button--small${nextLabel === 'Skip' ? ' button--quiet' : ' button--primary'}`}
          title={nextLabel === 'Skip' ? 'Go on without doing this step' : undefined}
          onClick={() => void performAction(actions.lessonNext, undefined)}
        >
          {nextLabel}
        </button>
      </div>
    </div>
  );
}

/** `focusOnOpen`: move the focus to a lesson when it opens (not for one already open when the page loads). */
export function LessonPanel({ focusOnOpen = true }: { focusOnOpen?: boolean }) {
  const open = useAppStore((s) => s.openLesson);
  const collapsed = useAppStore((s) => s.lessonPanelCollapsed);
  const setCollapsed = useAppStore((s) => s.setLessonPanelCollapsed);
  const panelRef = useRef<HTMLElement>(null);
  const titleRef = useRef<HTMLHeadingElement>(null);
  const stepRef = useRef<HTMLHeadingElement>(null);
  const lesson = open ? lessonById(open.id) : undefined;

  // A lesson just opened: bring the learner to it. A step changed from the panel: read it from the top.
  const openId = open?.id;
  const stepIndex = open?.step;
  const shownId = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (openId === undefined) return;
    const active = document.activeElement;
    const inPanel = active !== null && panelRef.current?.contains(active);
    if (shownId.current !== openId) {
      shownId.current = openId;
      if (focusOnOpen && !inPanel && (active === null || active === document.body || !active.closest('input, textarea, select, [contenteditable]'))) titleRef.current?.focus();
      return;
    }
    if (inPanel) (stepRef.current ?? titleRef.current)?.focus();
  }, [openId, stepIndex, focusOnOpen]);

  if (!open || !lesson) return null;
  const number = LESSONS.indexOf(lesson) + 1;
  const complete = open.step >= lesson.steps.length;
  return (
    <section ref={panelRef} className="lesson-panel" aria-labelledby="lesson-panel-title" data-collapsed={collapsed ? 'true' : undefined}>
      <header className="lesson-panel__head">
        <div className="lesson-panel__titles">
          <p className="lesson-panel__kicker">
            Lesson {number} of {LESSONS.length} · {lesson.minutes} min
            {collapsed && !complete && ` · step ${open.step + 1} of ${lesson.steps.length}${open.done.includes(open.step) ? ' ✓' : ''}`}
          </p>
          <h2 id="lesson-panel-title" className="lesson-panel__title" ref={titleRef} tabIndex={-1}>
            {lesson.title}
          </h2>
        </div>
        <div className="lesson-panel__tools">
          <button
            type="button"
            className="icon-button icon-button--small"
            aria-label="Restart the lesson"
            title="Restart the lesson: load its scenario again (Undo brings back what you had)"
            onClick={() => void performAction(actions.startLesson, lesson.id)}
          >
            <RestartIcon />
          </button>
          <button
            type="button"
            className="icon-button icon-button--small"
            aria-label={collapsed ? 'Show the lesson' : 'Fold the lesson away'}
            aria-expanded={!collapsed}
            onClick={() => setCollapsed(!collapsed)}
          >
            <Icon name="chevronDown" size={16} style={{ transform: collapsed ? undefined : 'rotate(180deg)' }} />
          </button>
          <button
            type="button"
            className="icon-button icon-button--small"
            aria-label="Close the lesson"
            title="Close the lesson (your progress is kept)"
            onClick={() => void performAction(actions.closeLesson, undefined)}
          >
            <Icon name="close" size={16} />
          </button>
        </div>
      </header>
      {complete ? <Complete lesson={lesson} /> : collapsed ? <Highlights step={lesson.steps[open.step]} /> : <Step lesson={lesson} open={open} headingRef={stepRef} />}
    </section>
  );
}
