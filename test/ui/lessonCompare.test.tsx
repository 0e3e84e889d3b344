/**
 * A lesson step whose idea is a comparison, as a learner meets it: its button
 * (reached from the keyboard) opens Compare with exactly the step's variants,
 * the results another comparison left there are cleared, and the step ticks
 * itself off only once every variant has its results in the table.
 */
import { readFileSync } from 'node:fs';
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setHeadlessRunner, type HeadlessRun } from '../../src/lab/headless';
import { EMPTY_SERIES } from '../../src/lab/series';
import { RightColumn } from '../../src/layout/RightColumn';
import { LessonDock } from '../../src/lessons/LessonDock';
import { startLessons } from '../../src/lessons/runner';
import type { Scenario } from '../../src/scenario/schema';
import type { Results } from '../../src/sim/results';
import { useAppStore } from '../../src/store';
import { TWITTER_VARIANTS } from '../../src/store/labSlice';
import { store, useFreshStore } from './helpers';

useFreshStore();

/** Presets come from public/scenarios, as the app fetches them. */
async function fetchFromPublic(url: string) {
  const name = String(url).replace(/^.*\/scenarios\//, '');
  const text = readFileSync(`public/scenarios/${name}`, 'utf8');
  return { ok: true, status: 200, text: async () => text, json: async () => JSON.parse(text) };
}

/** Results in which the copies that keep keys (cache, index) diverged by `diverged` keys each. */
function syncResults(s: Scenario, diverged: number): Results {
  const nodes = Object.fromEntries(s.nodes.map((n) => [n.id, n.kind === 'cache' || n.kind === 'index' ? { utilization: 0.2, divergedKeys: diverged, staleReadRatio: 0.1 } : { utilization: 0.2 }]));
  return { ops: {}, nodes, edges: {} } as unknown as Results;
}

/** A stand-in for the simulation workers: each run waits until the test finishes it. */
const pending: { scenario: Scenario; finish: () => void }[] = [];
function installRunner() {
  pending.length = 0;
  setHeadlessRunner(
    (scenario, { signal }) =>
      new Promise<HeadlessRun>((resolve, reject) => {
        const diverged = scenario.edges.some((e) => e.mode === 'cdc') ? 0 : 7;
        pending.push({ scenario, finish: () => resolve({ results: syncResults(scenario, diverged), series: EMPTY_SERIES }) });
        signal.addEventListener('abort', () => reject(new Error('cancelled')));
      }),
  );
}

/** Lets the runs that were started report to the store. */
const settle = () => act(() => new Promise((r) => setTimeout(r, 0)));

let stop: (() => void) | null = null;
beforeEach(() => {
  vi.stubGlobal('fetch', fetchFromPublic);
  window.history.replaceState(null, '', '/');
  installRunner();
});
afterEach(() => {
  stop?.();
  stop = null;
  setHeadlessRunner(null);
  vi.unstubAllGlobals();
});

/** The caches-in-sync lesson open at its comparison step, with a comparison of the fan-out lesson's still in Compare. */
function atComparisonStep() {
  act(() => {
    stop = startLessons(useAppStore, window.localStorage);
    store().setCompare({
      variants: TWITTER_VARIANTS,
      status: 'done',
      ranVariants: TWITTER_VARIANTS,
      ranSeed: 1,
      runs: TWITTER_VARIANTS.map((v) => ({ label: v.kind === 'preset' ? v.title : '', status: 'done', progress: 1, metrics: { writesPerSec: 100, errors: 0 } })),
    });
    store().showLesson({ id: 'caches-in-sync', step: 3, start: store().scenario });
  });
  render(
    <>
      <LessonDock />
      <RightColumn />
    </>,
  );
}

const lessonPanel = () => screen.getByRole('region', { name: /Caches and indexes in sync/ });
const status = () => within(lessonPanel()).getByRole('status');

describe('a comparison step', () => {
  it('opens Compare with its variants from the keyboard, clears the old results, and ticks only once the results are in', async () => {
    atComparisonStep();
    expect(within(lessonPanel()).getByRole('heading', { name: 'Step 4 of 4' })).toBeInTheDocument();
    // The fan-out comparison left in Compare is finished, but it is not this step's.
    expect(status()).toHaveTextContent('Waiting for you');
    expect(screen.queryByText('What to notice')).toBeNull();

    const button = within(lessonPanel()).getByRole('button', { name: 'Open Compare and run' });
    expect(button).toHaveAccessibleDescription('Dual writes vs Change data capture · seed 1 · 60 s each');
    button.focus();
    await userEvent.keyboard('{Enter}');

    expect(store().sidePanel).toBe('compare');
    expect(store().compare.variants.map((v) => (v.kind === 'preset' ? v.name : v.kind))).toEqual(['dual-writes', 'dual-writes-cdc']);
    expect(store().compare).toMatchObject({ seed: 1, durationSec: 60, status: 'running' });
    expect(store().compare.runs.map((r) => r.label)).toEqual(['Dual writes', 'Change data capture']);
    const compare = await screen.findByRole('complementary', { name: 'Compare' });
    expect(within(compare).queryByText('Fan-out on read')).toBeNull();
    // The table the notice will quote is ringed while the step is shown.
    const results = within(compare).getByRole('region', { name: 'Results' });
    expect(results).toHaveAttribute('data-lesson-target', 'compare.results');
    expect(document.querySelector('style[data-lesson-highlights]')?.textContent).toContain('[data-lesson-target="compare.results"]');

    await settle();
    expect(pending.map((p) => [p.scenario.name, p.scenario.seed, p.scenario.durationSec])).toEqual([
      [expect.stringMatching(/^Dual writes/), 1, 60],
      [expect.stringMatching(/^Change data capture/), 1, 60],
    ]);
    expect(status()).toHaveTextContent('Comparing');

    act(() => pending[0].finish());
    await settle();
    expect(store().compare.runs.map((r) => r.status)).toEqual(['done', 'running']);
    expect(status()).not.toHaveTextContent('Done');

    act(() => pending[1].finish());
    await settle();
    expect(status()).toHaveTextContent('Done');
    expect(screen.getByText('What to notice')).toBeInTheDocument();
    const diverged = within(compare).getByRole('rowheader', { name: /^Diverged keys/ }).closest('tr')!;
    expect(within(diverged).getAllByRole('cell').map((c) => c.textContent)).toEqual(['14', expect.stringMatching(/^0/)]);
  });

  it('runs again from a clean table when pressed again', async () => {
    atComparisonStep();
    await userEvent.click(within(lessonPanel()).getByRole('button', { name: 'Open Compare and run' }));
    await settle();
    act(() => pending.forEach((p) => p.finish()));
    await settle();
    expect(status()).toHaveTextContent('Done');

    await userEvent.click(within(lessonPanel()).getByRole('button', { name: 'Open Compare and run' }));
    expect(store().compare.status).toBe('running');
    expect(store().compare.runs.map((r) => r.status)).not.toContain('done');
    expect(store().compare.runs.every((r) => r.metrics === undefined)).toBe(true);
    await settle();
    expect(pending).toHaveLength(4);
    expect(store().compare.runs.map((r) => r.status)).toEqual(['running', 'running']);
  });
});
