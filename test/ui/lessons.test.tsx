/**
 * The lesson panel the way a learner meets it: a step ticks itself off the
 * moment the store shows it done (and not for an unrelated change), Back and
 * Next move through the steps, progress survives a reload, the welcome shows
 * once, and the step's highlights come and go with it.
 */
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { actions, performAction } from '../../src/actions';
import { LessonDock } from '../../src/lessons/LessonDock';
import { LessonsMenu } from '../../src/lessons/LessonsMenu';
import { startLessons } from '../../src/lessons/runner';
import { AUTOSAVE_KEY } from '../../src/persistence/autosave';
import { LESSONS_KEY } from '../../src/persistence/lessons';
import { LESSONS } from '../../src/lessons/lessons';
import { emptyLiveRun } from '../../src/run/liveReducer';
import type { ScenarioNode } from '../../src/scenario/schema';
import type { Results } from '../../src/sim/results';
import type { RunMeta } from '../../src/worker/protocol';
import { defaultScenario } from '../../src/scenario/presets';
import { presetScenario } from '../lessons/learner';
import { store, useFreshStore } from './helpers';
import { useAppStore } from '../../src/store';

useFreshStore();

let stop: (() => void) | null = null;
function boot() {
  stop?.();
  act(() => {
    stop = startLessons(useAppStore, window.localStorage);
  });
}
beforeEach(() => {
  window.history.replaceState(null, '', '/');
});
afterEach(() => {
  stop?.();
  stop = null;
});

const META: RunMeta = { scenarioName: 't', seed: 1, durationSec: 600, warmupSec: 5, endSec: 660, windowSec: 1, ops: [], nodes: [], edges: [] };

/** The live run of the scenario now on the canvas has reached `simSec` (with results, when asked: a readout step waits for them). */
function runTo(simSec: number, withResults = false) {
  act(() => {
    const runId = store().runId + 1;
    const results = withResults ? ({ ops: {}, nodes: {}, edges: {} } as unknown as Results) : null;
    useAppStore.setState({ runId, runStatus: 'running', runScenario: store().scenario, live: { ...emptyLiveRun(runId, META), simSec, results } });
  });
}

/** Answers the open step's prediction with the choice labelled `label`. */
function predict(label: RegExp) {
  fireEvent.click(screen.getByRole('radio', { name: label }));
  fireEvent.click(screen.getByRole('button', { name: 'Lock in my prediction' }));
}

function setParams(id: string, params: Record<string, unknown>) {
  act(() => store().updateNode(id, (n) => ({ ...n, params: { ...n.params, ...params } }) as ScenarioNode));
}

const panel = () => screen.getByRole('region', { name: /./ });
const status = () => within(panel()).getByRole('status');

function startLesson(id: string) {
  boot();
  render(<LessonDock />);
  act(() => void performAction(actions.startLesson, id));
}

describe('a lesson step', () => {
  it('ticks itself off when its check passes, then shows what to notice and moves on with Next', () => {
    startLesson('caching');
    expect(screen.getByRole('heading', { name: 'Caching and the miss path' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Step 1 of 3' })).toBeInTheDocument();
    expect(status()).toHaveTextContent('Waiting for you');
    expect(screen.queryByText('What to notice')).toBeNull();

    runTo(5);
    expect(status()).toHaveTextContent('Waiting for you');
    runTo(25);
    expect(status()).toHaveTextContent('Done');
    expect(screen.getByText('What to notice')).toBeInTheDocument();
    expect(screen.getByText(/9 reads in 10 are cache hits/)).toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(screen.getByRole('heading', { name: 'Step 2 of 3' })).toBeInTheDocument();
    // A prediction comes first; the instruction once it is locked in.
    expect(screen.queryByText(/lower its hit ratio to 0.3/)).toBeNull();
    expect(status()).toHaveTextContent('Answer first');
    predict(/About 280\/s/);
    expect(screen.getByText(/lower its hit ratio to 0.3/)).toBeInTheDocument();
  });

  it('does not pass for an unrelated change, and passes for the one asked for', () => {
    startLesson('caching');
    runTo(25);
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(screen.getByRole('button', { name: 'Skip' })).toBeInTheDocument();
    predict(/About 280\/s/);

    setParams('db', { servers: 1 });
    runTo(25, true);
    expect(status()).toHaveTextContent('Waiting for you');
    setParams('cache', { hitRatio: 0.5 });
    runTo(25, true);
    expect(status()).toHaveTextContent('Waiting for you');
    setParams('cache', { hitRatio: 0.3 });
    // The change alone is not enough: the notice describes numbers the run does not have yet.
    expect(status()).toHaveTextContent('Waiting for you');
    runTo(5, true);
    expect(status()).toHaveTextContent('Waiting for you');
    runTo(25, true);
    expect(status()).toHaveTextContent('Done');
    expect(screen.getByRole('button', { name: 'Next' })).toBeInTheDocument();
  });

  it('does not count the seconds of a run of another scenario (the old run, just after an edit)', () => {
    startLesson('caching');
    act(() => useAppStore.setState({ runId: 7, runStatus: 'running', runScenario: null, live: { ...emptyLiveRun(7, META), simSec: 200 } }));
    expect(status()).toHaveTextContent('Waiting for you');
  });

  it('Back and Next walk the steps; a step without a check shows what to notice on the first Next', () => {
    startLesson('percentiles');
    expect(screen.getByRole('button', { name: 'Back' })).toBeDisabled();
    runTo(25);
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(screen.getByRole('heading', { name: 'Step 2 of 3' })).toBeInTheDocument();
    expect(screen.queryByText('What to notice')).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(screen.getByRole('heading', { name: 'Step 2 of 3' })).toBeInTheDocument();
    expect(status()).toHaveTextContent('Done');
    expect(screen.getByText(/Amazon sets its targets at p99.9/)).toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: 'Back' }));
    expect(screen.getByRole('heading', { name: 'Step 1 of 3' })).toBeInTheDocument();
    expect(status()).toHaveTextContent('Done');
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(screen.getByRole('heading', { name: 'Step 3 of 3' })).toBeInTheDocument();

    // The last step: skipping is allowed, and the lesson ends by offering the next one.
    fireEvent.click(screen.getByRole('button', { name: 'Skip' }));
    expect(screen.getByText('Lesson complete')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Next lesson: Tail latency amplification' })).toBeInTheDocument();
  });

  it('loads its scenario as one undoable step: Undo brings back the learner’s own', () => {
    const before = store().scenario;
    startLesson('queues');
    expect(store().scenario.name).toMatch(/^Queues/);
    act(() => store().undo());
    expect(store().scenario).toBe(before);
    expect(screen.getByText(/Undo brings your own scenario back/)).toBeInTheDocument();
  });
});

describe('highlights', () => {
  const sheet = () => document.querySelector('style[data-lesson-highlights]')?.textContent ?? '';

  it('ring what the step talks about, change with the step, and go when the lesson closes', () => {
    startLesson('caching');
    expect(sheet()).toContain('[data-lesson-target="run.play"]');
    expect(sheet()).toContain('.react-flow__node[data-id="cache"]');
    runTo(25);
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(sheet()).not.toContain('run.play');
    expect(sheet()).toContain('[data-lesson-target="inspector"]');
    expect(sheet()).toContain('.react-flow__node[data-id="db"]');
    fireEvent.click(screen.getByRole('button', { name: 'Close the lesson' }));
    expect(document.querySelector('style[data-lesson-highlights]')).toBeNull();
  });
});

describe('progress', () => {
  it('is saved as the learner goes and restored, at the same step, after a reload', () => {
    startLesson('caching');
    runTo(25);
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    const saved = JSON.parse(localStorage.getItem(LESSONS_KEY)!);
    expect(saved.open).toEqual({ id: 'caching', step: 1, done: [0], picks: {} });
    expect(saved.progress.caching.doneSteps).toEqual([0]);

    // A new page (the address still says #lesson=caching; autosave kept the canvas): fresh store, same storage.
    expect(window.location.hash).toBe('#lesson=caching');
    localStorage.setItem(AUTOSAVE_KEY, JSON.stringify(store().scenario));
    stop?.();
    act(() => {
      useAppStore.setState({ openLesson: null, lessonProgress: {} });
    });
    boot();
    expect(store().openLesson).toMatchObject({ id: 'caching', step: 1, done: [0] });
    expect(screen.getByRole('heading', { name: 'Step 2 of 3' })).toBeInTheDocument();
  });

  it('marks lessons done and in progress in the Lessons menu', () => {
    localStorage.setItem(
      LESSONS_KEY,
      JSON.stringify({ open: null, introSeen: true, progress: { 'describing-load': { doneSteps: [0, 1, 2, 3], completed: true }, percentiles: { doneSteps: [0], completed: false } } }),
    );
    boot();
    render(<LessonsMenu />);
    fireEvent.click(screen.getByRole('button', { name: 'Lessons' }));
    const menu = screen.getByRole('dialog', { name: 'Lessons' });
    expect(within(menu).getByText(new RegExp(`1 of ${LESSONS.length} done`))).toBeInTheDocument();
    expect(within(menu).getByRole('button', { name: /^Describing load/ })).toHaveTextContent('Done');
    expect(within(menu).getByRole('button', { name: /^Percentiles/ })).toHaveTextContent('In progress: 1 of 3 steps done');
    expect(within(menu).getByRole('button', { name: /^Caching/ })).not.toHaveTextContent(/Done|In progress/);
  });

  it('survives unreadable storage: a fresh start, no crash', () => {
    localStorage.setItem(LESSONS_KEY, '{"open": {"id": "caching", "step": 99}, "progress": [1,2]');
    boot();
    expect(store().openLesson).toBeNull();
    expect(store().lessonProgress).toEqual({});
  });
});

describe('deep links at start-up', () => {
  it('#lesson=<id> opens that lesson with its scenario', () => {
    window.history.replaceState(null, '', '/#lesson=queues');
    boot();
    expect(store().openLesson?.id).toBe('queues');
    expect(store().scenario.nodes.map((n) => n.id)).toContain('jobs');
    expect(window.location.hash).toBe('#lesson=queues');
  });

  it('an unknown lesson says so and keeps the scenario', () => {
    const before = store().scenario;
    window.history.replaceState(null, '', '/#lesson=nope');
    boot();
    expect(store().alert?.message).toContain('There is no lesson called “nope”');
    expect(store().scenario).toBe(before);
    expect(window.location.hash).toBe('');
  });
});

describe('the welcome', () => {
  it('shows on a first visit, once', () => {
    // A first visit opens the default scenario.
    store().resetScenario(defaultScenario());
    boot();
    render(<LessonDock />);
    expect(screen.getByRole('heading', { name: 'What you are looking at' })).toBeInTheDocument();
    expect(screen.getByText(/1\/100 of DDIA’s 2012 rates/)).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Got it' }));
    expect(screen.queryByRole('heading', { name: 'What you are looking at' })).toBeNull();

    act(() => useAppStore.setState({ intro: 'closed' }));
    boot();
    expect(store().intro).toBe('closed');
  });

  it('is not shown to someone who has worked here before, or who opened a share link', () => {
    localStorage.setItem(AUTOSAVE_KEY, JSON.stringify(store().scenario));
    boot();
    expect(store().intro).toBe('closed');

    localStorage.clear();
    window.history.replaceState(null, '', '/#s=abc');
    boot();
    expect(store().intro).toBe('closed');
  });

  it('comes back from the Lessons menu, and starts the first lesson from its button', () => {
    localStorage.setItem(LESSONS_KEY, JSON.stringify({ open: null, progress: {}, introSeen: true }));
    boot();
    render(
      <>
        <LessonsMenu />
        <LessonDock />
      </>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Lessons' }));
    fireEvent.click(screen.getByRole('button', { name: 'Show the welcome again' }));
    expect(screen.getByRole('heading', { name: 'What you are looking at' })).toHaveFocus();
  });

  it('describes the scenario on the canvas: the Twitter timeline only when that is what is open', () => {
    localStorage.setItem(LESSONS_KEY, JSON.stringify({ open: null, progress: {}, introSeen: true }));
    boot();
    act(() => store().resetScenario(presetScenario('dual-writes')));
    act(() => useAppStore.setState({ intro: 'reopened' }));
    render(<LessonDock />);
    expect(screen.queryByText(/1\/100 of DDIA’s 2012 rates/)).toBeNull();
    expect(screen.getByText(store().scenario.name)).toBeInTheDocument();
  });
});
