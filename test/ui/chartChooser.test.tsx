/**
 * Choosing the result charts: by default the busiest operation's response
 * time, the load per edge and utilization — three cards, which fit the strip
 * at 1280×800 — and a "Charts shown" menu, worked with the keyboard, that
 * adds or removes any chart and is remembered across visits.
 */
import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { ChartChooser } from '../../src/charts/ChartChooser';
import { CHARTS_KEY, chartsToShow, DEFAULT_CHARTS, resetChartChoiceForTests, toggledChoice } from '../../src/charts/chartChoice';
import LiveCharts from '../../src/charts/LiveCharts';
import { useAppStore } from '../../src/store';
import type { RunMeta, SimWindow } from '../../src/worker/protocol';
import { useFreshStore } from './helpers';

useFreshStore();
beforeEach(() => resetChartChoiceForTests());

const meta = { scenarioName: 't', seed: 1, durationSec: 60, warmupSec: 0, endSec: 120, windowSec: 1, ops: ['post', 'timeline'], nodes: [], edges: [] } as RunMeta;
const latency = { mean: 3, p50: 2, p95: 6, p99: 9, p999: 16, max: 40 };
const win = (i: number): SimWindow => ({
  index: i, startSec: i, endSec: i + 1, nodes: [], edges: [],
  ops: [
    { created: 46, throughputPerSec: 46, errorsPerSec: 0, latency },
    { created: 3000, throughputPerSec: 3000, errorsPerSec: 0, latency },
  ],
});

function running() {
  act(() => useAppStore.setState({ live: { meta, windows: [win(0), win(1)] } as never }));
}

/** The charts on screen, by title (the histogram's names its op after a dot). */
const charts = () => screen.queryAllByRole('figure').map((f) => f.getAttribute('aria-label')!.replace(/^Latency histogram · .*/, 'Latency histogram'));

function Strip() {
  return (
    <>
      <ChartChooser />
      <LiveCharts />
    </>
  );
}

describe('the result charts', () => {
  it('by default: the busiest operation’s response time, load per edge and utilization', async () => {
    running();
    render(<Strip />);
    await waitFor(() => expect(charts()).toEqual(['Response time · timeline', 'Load per edge', 'Utilization per node']));
    expect(screen.getByRole('button', { name: 'Charts shown · 3 of 7' })).toHaveAttribute('aria-expanded', 'false');
  });

  it('are chosen from a menu with the keyboard alone, and the choice is remembered', async () => {
    running();
    const user = userEvent.setup();
    const { unmount } = render(<Strip />);
    await user.tab();
    expect(screen.getByRole('button', { name: /^Charts shown/ })).toHaveFocus();
    await user.keyboard('{Enter}');
    const menu = screen.getByRole('group', { name: 'Charts to show' });
    expect(screen.getByRole('button', { name: /^Charts shown/ })).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByRole('checkbox', { name: 'Response time · timeline' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Latency histogram' })).not.toBeChecked();
    expect(menu).toBeInTheDocument();

    // Tab through the boxes to the histogram, tick it; untick utilization.
    screen.getByRole('checkbox', { name: 'Response time · post' }).focus();
    while (document.activeElement !== screen.getByRole('checkbox', { name: 'Latency histogram' })) await user.tab();
    await user.keyboard(' ');
    await user.tab({ shift: true });
    await user.tab({ shift: true });
    expect(screen.getByRole('checkbox', { name: 'Utilization per node' })).toHaveFocus();
    await user.keyboard(' ');
    await waitFor(() => expect(charts()).toEqual(['Response time · timeline', 'Load per edge', 'Latency histogram']));
    expect(JSON.parse(localStorage.getItem(CHARTS_KEY)!)).toEqual(['latency:timeline', 'edges', 'histogram', 'key', 'batch', 'lag']);

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('group', { name: 'Charts to show' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: /^Charts shown/ })).toHaveFocus();

    // A later visit reads the choice back.
    unmount();
    resetChartChoiceForTests();
    render(<Strip />);
    await waitFor(() => expect(charts()).toEqual(['Response time · timeline', 'Load per edge', 'Latency histogram']));
  });

  it('show what a lesson step points at while it is open, whatever was chosen', async () => {
    running();
    localStorage.setItem(CHARTS_KEY, JSON.stringify(['throughput']));
    act(() => useAppStore.setState({ openLesson: { id: 'percentiles', step: 0, done: [], start: null } as never }));
    render(<Strip />);
    await waitFor(() => expect(charts()).toContain('Throughput'));
    await waitFor(() => expect(charts()).toContain('Latency histogram'));
  });

  it('fall back to the defaults when what is stored is unreadable', async () => {
    running();
    localStorage.setItem(CHARTS_KEY, '{not json');
    render(<Strip />);
    await waitFor(() => expect(charts()).toEqual(['Response time · timeline', 'Load per edge', 'Utilization per node']));
  });
});

describe('the choice, resolved against a run’s operations', () => {
  it('keeps asking for a response time when the chosen operation is not in this scenario', () => {
    expect(chartsToShow(['latency:timeline', 'throughput'], ['request'], 0)).toEqual([{ kind: 'latency', op: 0 }, { kind: 'throughput' }]);
  });
  it('can leave response time out altogether', () => {
    const next = toggledChoice(DEFAULT_CHARTS, ['post', 'timeline'], 1, 'latency:timeline');
    // The key, batch jobs and consumer-lag charts, chosen by default, stay chosen for the runs that have keys, batch jobs or a log.
    expect(next).toEqual(['edges', 'utilization', 'key', 'batch', 'lag']);
    expect(chartsToShow(next, ['post', 'timeline'], 1)).toEqual([{ kind: 'edges' }, { kind: 'utilization' }]);
  });
});
