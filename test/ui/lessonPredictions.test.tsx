/**
 * Predictions, as a learner meets them: a step asks its question before its
 * instruction, the pick is locked in from the keyboard or the mouse, the
 * reveal after the step is done says right or wrong and why, and the pick is
 * remembered with the lesson's progress. And the pacing: the run pauses when a
 * notice is revealed, "Run on" plays it, a step done by running plays it once
 * its prediction is answered, and a lesson opens on a clean view.
 */
import { readFileSync } from 'node:fs';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { actions, performAction } from '../../src/actions';
import { LessonDock } from '../../src/lessons/LessonDock';
import { startLessons } from '../../src/lessons/runner';
import { AUTOSAVE_KEY } from '../../src/persistence/autosave';
import { LESSONS_KEY } from '../../src/persistence/lessons';
import type { RunDriver } from '../../src/run/driver';
import { emptyLiveRun } from '../../src/run/liveReducer';
import type { Results } from '../../src/sim/results';
import { useAppStore } from '../../src/store';
import type { RunMeta } from '../../src/worker/protocol';
import { store, useFreshStore } from './helpers';

useFreshStore();

let seq = 0;
const driver = {
  load: vi.fn(() => ({ runId: 1, seq: ++seq })),
  play: vi.fn(() => ++seq),
  pause: vi.fn(() => ++seq),
  step: vi.fn(() => ++seq),
  setSpeed: vi.fn(() => ++seq),
  injectFault: vi.fn(() => ++seq),
  restart: vi.fn(() => ({ runId: 1, seq: ++seq })),
} satisfies RunDriver;

let stop: (() => void) | null = null;
function boot() {
  stop?.();
  act(() => {
    stop = startLessons(useAppStore, window.localStorage);
  });
}
/** Presets come from public/scenarios, as the app fetches them. */
async function fetchFromPublic(url: string) {
  const name = String(url).replace(/^.*\/scenarios\//, '');
  const text = readFileSync(`public/scenarios/${name}`, 'utf8');
  return { ok: true, status: 200, text: async () => text, json: async () => JSON.parse(text) };
}

beforeEach(() => {
  vi.stubGlobal('fetch', fetchFromPublic);
  seq = 0;
  vi.clearAllMocks();
  window.history.replaceState(null, '', '/');
  useAppStore.getState().attachRunDriver(driver);
});
afterEach(() => {
  vi.unstubAllGlobals();
  stop?.();
  stop = null;
});

const META: RunMeta = { scenarioName: 't', seed: 1, durationSec: 600, warmupSec: 5, endSec: 660, windowSec: 1, ops: [], nodes: [], edges: [] };

/** The live run of the scenario on the canvas has reached `simSec`, playing, with results. */
function runTo(simSec: number, partial: Record<string, unknown> = {}) {
  act(() => {
    const runId = store().runId + 1;
    const results = { ops: {}, nodes: {}, edges: {}, ...partial } as unknown as Results;
    useAppStore.setState({ runId, runStatus: 'running', runScenario: store().scenario, live: { ...emptyLiveRun(runId, META), simSec, results } });
  });
}

async function startLesson(id: string) {
  boot();
  render(<LessonDock />);
  await act(async () => {
    await performAction(actions.startLesson, id);
  });
}

const question = () => screen.getByRole('group', { name: /Predict first/ });
const status = () => within(screen.getByRole('region', { name: /./ })).getByRole('status');

describe('a prediction step', () => {
  it('asks its question first, takes the answer from the keyboard, and only then shows the instruction', async () => {
    const user = userEvent.setup();
    await startLesson('retry-storms');
    expect(within(question()).getAllByRole('radio')).toHaveLength(2);
    expect(screen.queryByText(/Press Play and watch the run/)).toBeNull();
    expect(status()).toHaveTextContent('Answer first');
    const lock = screen.getByRole('button', { name: 'Lock in my prediction' });
    expect(lock).toBeDisabled();

    const stays = screen.getByRole('radio', { name: /stays down/ });
    stays.focus();
    await user.keyboard(' ');
    expect(stays).toBeChecked();
    expect(lock).toBeEnabled();
    lock.focus();
    await user.keyboard('{Enter}');

    expect(screen.queryByRole('group', { name: /Predict first/ })).toBeNull();
    expect(screen.getByText(/Press Play and watch the run/)).toBeInTheDocument();
    expect(screen.getByText('Your prediction').parentElement).toHaveTextContent('stays down for the rest of the run');
  });

  it('is not ticked off by the run while the question is open', async () => {
    await startLesson('retry-storms');
    runTo(90);
    expect(status()).toHaveTextContent('Answer first');
    expect(screen.queryByText('What to notice')).toBeNull();
    fireEvent.click(screen.getByRole('radio', { name: /stays down/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Lock in my prediction' }));
    expect(status()).toHaveTextContent('Done');
  });

  it('reveals a right answer with why, once the step is done', async () => {
    await startLesson('retry-storms');
    fireEvent.click(screen.getByRole('radio', { name: /stays down/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Lock in my prediction' }));
    expect(screen.queryByText(/You predicted/)).toBeNull();
    runTo(65);
    expect(status()).toHaveTextContent('Done');
    expect(screen.getByText(/You predicted right: stays down/)).toBeInTheDocument();
    expect(screen.getByText(/3,200 attempts a second against a capacity of 1,000/)).toBeInTheDocument();
    expect(screen.getByText(/You predicted right/).parentElement).toHaveTextContent('A metastable failure.');
  });

  it('reveals a wrong answer, what happens instead, and why', async () => {
    await startLesson('retry-storms');
    fireEvent.click(screen.getByRole('radio', { name: /recovers within seconds/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Lock in my prediction' }));
    runTo(65);
    expect(screen.getByText(/You predicted: recovers within seconds: the pause is over — not this time/)).toBeInTheDocument();
    expect(screen.getByText(/What happens:/).parentElement).toHaveTextContent('stays down for the rest of the run');
    expect(screen.getByText(/That is what happens without retries/)).toBeInTheDocument();
  });

  it('remembers the pick with the lesson’s progress, across a reload', async () => {
    await startLesson('retry-storms');
    fireEvent.click(screen.getByRole('radio', { name: /recovers within seconds/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Lock in my prediction' }));
    const saved = JSON.parse(localStorage.getItem(LESSONS_KEY)!);
    expect(saved.open.picks).toEqual({ 0: 0 });
    expect(saved.progress['retry-storms'].picks).toEqual({ 0: 0 });

    localStorage.setItem(AUTOSAVE_KEY, JSON.stringify(store().scenario));
    stop?.();
    act(() => useAppStore.setState({ openLesson: null, lessonProgress: {} }));
    window.history.replaceState(null, '', '/#lesson=retry-storms');
    boot();
    expect(store().openLesson?.picks).toEqual({ 0: 0 });
    expect(store().lessonProgress['retry-storms'].picks).toEqual({ 0: 0 });
    expect(screen.queryByRole('group', { name: /Predict first/ })).toBeNull();
    expect(screen.getByText('Your prediction').parentElement).toHaveTextContent('recovers within seconds');
  });

  it('can be skipped without answering', async () => {
    await startLesson('retry-storms');
    fireEvent.click(screen.getByRole('button', { name: 'Skip' }));
    expect(screen.getByRole('heading', { name: 'Step 2 of 3' })).toBeInTheDocument();
  });
});

describe('pacing', () => {
  it('pauses the run when a notice is revealed, and Run on plays it again', async () => {
    await startLesson('retry-storms');
    fireEvent.click(screen.getByRole('radio', { name: /stays down/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Lock in my prediction' }));
    runTo(65);
    expect(driver.pause).toHaveBeenCalledTimes(1);
    expect(store().runStatus).toBe('paused');
    const runOn = screen.getByRole('button', { name: /Run on/ });
    expect(runOn).toHaveAttribute('aria-keyshortcuts', 'K');
    expect(runOn).toHaveAttribute('title', expect.stringMatching(/Paused while you read/));
    fireEvent.click(runOn);
    expect(driver.play).toHaveBeenCalledTimes(1);
    expect(store().runStatus).toBe('running');
    expect(screen.queryByRole('button', { name: /Run on/ })).toBeNull();
  });

  it('plays the run for a step that is done by running, once its prediction is answered', async () => {
    await startLesson('fan-out');
    runTo(12);
    expect(store().runStatus).toBe('paused');
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    fireEvent.click(screen.getByRole('button', { name: 'Skip' }));
    // Step 3 runs to two minutes: nothing plays until the bet is placed.
    expect(screen.getByRole('heading', { name: 'Step 3 of 6' })).toBeInTheDocument();
    expect(driver.play).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('radio', { name: /Only the tail/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Lock in my prediction' }));
    expect(driver.play).toHaveBeenCalledTimes(1);
    expect(store().runStatus).toBe('running');
  });

  it('leaves the first step’s Play to the learner', async () => {
    await startLesson('caching');
    expect(driver.play).not.toHaveBeenCalled();
    expect(store().runStatus).toBe('paused');
  });

  it('opens each lesson on a clean view: no side panel, the default chart window', async () => {
    act(() => {
      store().setSidePanel('compare');
      store().setChartWindowSec(300);
    });
    await startLesson('scaling');
    expect(store().sidePanel).toBeNull();
    expect(store().chartWindowSec).toBe(60);
  });

  it('says which window the readout covers', async () => {
    await startLesson('caching');
    runTo(25, { edges: { 'cache-db': { callsPerSec: 40 } }, nodes: { db: { utilization: 0.2 } } });
    expect(screen.getByText(/Your numbers, over this run's 25 s so far/).parentElement).toHaveTextContent('Misses reaching the database: 40/s; database 20% busy.');
  });
});

describe('a prediction on a chart', () => {
  /** Throughput's first step, done; its second asks for a guess on the hockey stick. */
  async function atSweepStep() {
    await startLesson('throughput');
    runTo(25);
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(screen.getByRole('heading', { name: 'Step 2 of 3' })).toBeInTheDocument();
  }

  function sweepDone() {
    act(() => {
      const values = [5.25, 10.2, 19.9, 38.7, 54, 75.3, 105];
      useAppStore.getState().setSweep({
        status: 'done',
        parameterId: 'rate:clients',
        sweptOp: 'request',
        points: values.map((value) => ({ value, status: 'done', progress: 1, p50: 10, p99: value > 100 ? 1500 : 60 })),
      });
    });
  }

  it('is placed with the arrow keys on a slider beside the known points, then revealed against the answer', async () => {
    const user = userEvent.setup();
    await atSweepStep();
    const slider = screen.getByRole('slider', { name: 'Your guess at 105/s' });
    expect(slider).toHaveAttribute('aria-valuetext', 'not placed yet');
    expect(screen.getByRole('button', { name: 'Lock in my prediction' })).toBeDisabled();
    // The dots the learner already knows: the sweep's low-load points.
    expect(document.querySelectorAll('.lesson-chart-bet__known')).toHaveLength(5);

    slider.focus();
    await user.keyboard('{ArrowUp}');
    expect(slider).toHaveAttribute('aria-valuetext', 'About 100 ms: a little above the rest');
    await user.keyboard('{ArrowUp}{ArrowUp}');
    expect(slider).toHaveAttribute('aria-valuetext', 'About 1.5 s: the hockey stick');
    await user.keyboard('{End}');
    expect(slider).toHaveAttribute('aria-valuetext', 'Over 15 s');
    await user.keyboard('{ArrowDown}');
    expect(screen.getByText('Your guess').parentElement).toHaveTextContent('About 1.5 s: the hockey stick');
    screen.getByRole('button', { name: 'Lock in my prediction' }).focus();
    await user.keyboard('{Enter}');
    expect(store().openLesson?.picks).toEqual({ 1: 2 });

    expect(status()).not.toHaveTextContent('Done');
    sweepDone();
    expect(status()).toHaveTextContent('Done');
    expect(screen.getByText(/You predicted right: About 1.5 s/)).toBeInTheDocument();
    // The reveal draws the answer on the same chart.
    expect(document.querySelector('.lesson-chart-bet__truth')).not.toBeNull();
    expect(document.querySelector('.lesson-chart-bet__measured')?.getAttribute('points')?.split(' ')).toHaveLength(7);
    expect(screen.getByText(/105\/s → 1,500 ms/)).toBeInTheDocument();
  });

  it('takes a pointer drag to the nearest height', async () => {
    await atSweepStep();
    const svg = document.querySelector('.lesson-chart-bet__svg') as SVGSVGElement;
    svg.getBoundingClientRect = () => ({ top: 0, left: 0, width: 260, height: 160, bottom: 160, right: 260, x: 0, y: 0, toJSON: () => ({}) });
    fireEvent.pointerDown(svg, { clientY: 12, pointerId: 1 });
    expect(screen.getByRole('slider')).toHaveAttribute('aria-valuetext', 'Over 15 s');
    fireEvent.pointerMove(svg, { clientY: 150, pointerId: 1 });
    fireEvent.pointerUp(svg, { pointerId: 1 });
    expect(screen.getByRole('slider')).toHaveAttribute('aria-valuetext', 'About 100 ms: a little above the rest');
  });
});

describe('the end of a lesson', () => {
  it('recaps what it showed, and how the learner’s bets went', async () => {
    await startLesson('retry-storms');
    fireEvent.click(screen.getByRole('radio', { name: /recovers within seconds/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Lock in my prediction' }));
    act(() => {
      for (let i = 0; i < 3; i++) store().markLessonStepDone(i);
      store().showLesson({ ...store().openLesson!, step: 3 });
    });
    expect(screen.getByText('Lesson complete')).toBeInTheDocument();
    const recap = screen.getByRole('heading', { name: 'Recap' }).parentElement!;
    expect(within(recap).getAllByRole('listitem')).toHaveLength(3);
    expect(recap).toHaveTextContent('Retries multiply the load exactly when a system is weakest');
    expect(recap).toHaveTextContent('Your predictions: 0 of 1 right — the surprises are what the lesson was for.');
  });
});
