/**
 * The follower distribution editor as a user sees it: its numbers are the
 * exact statistics, they follow the fields, and the celebrity threshold
 * moves both halves of the hybrid in one undo step.
 */
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { FollowersPanel } from '../../src/followers/FollowersPanel';
import { defaultScenario } from '../../src/scenario/presets';
import type { Population } from '../../src/scenario/schema';
import { compilePopulation } from '../../src/sim/population';
import { useAppStore } from '../../src/store';
import { formatCount, formatNumber, formatPercent } from '../../src/ui/format';
import { store, useFreshStore } from './helpers';

useFreshStore();

function openHybrid() {
  act(() => {
    store().resetScenario(defaultScenario());
    store().setSidePanel('followers');
  });
  return render(<FollowersPanel />);
}

/** The value in the statistics table's row whose heading starts with `name`. */
function statistic(name: string): string {
  const table = screen.getByRole('table', { name: 'Exact statistics of the follower graph' });
  const row = within(table)
    .getAllByRole('row')
    .find((r) => within(r).getByRole('rowheader').textContent!.startsWith(name));
  if (!row) throw new Error(`no row ${name}`);
  return within(row).getByRole('cell').textContent!;
}

function expectStatisticsOf(population: Population, threshold: number) {
  const m = compilePopulation(population);
  const t = m.thresholdStats(threshold);
  expect(statistic('Mean followers')).toBe(formatNumber(m.stats.meanFollowers));
  expect(statistic('p99 followers')).toBe(formatCount(m.stats.p99Followers));
  expect(statistic('Largest account')).toBe(formatCount(m.stats.maxFollowers));
  expect(statistic('Followers per post')).toBe(formatNumber(m.stats.meanPostFanout));
  expect(statistic('Accounts followed')).toBe(formatNumber(m.stats.meanFollowees));
  expect(statistic('Posts by accounts above')).toBe(formatPercent(t.postShareAbove));
  expect(statistic('Fan-out writes from them')).toBe(formatPercent(t.writeShareAbove));
  expect(statistic('Writes per post, celebrities skipped')).toBe(formatNumber(t.hybridWritesPerPost));
  expect(statistic('Celebrity fetches per read')).toBe(formatNumber(t.celebrityFetchesPerRead));
  return { m, t };
}

const expectedWrites = () => screen.getByRole('status', { name: 'Expected fan-out writes per second' });
const edgeFanout = (id: string) => store().scenario.edges.find((e) => e.id === id)!.fanout;

describe('follower distribution editor', () => {
  it('shows the exact statistics of the scenario’s population and the expected writes/s', () => {
    openHybrid();
    const { t } = expectStatisticsOf(store().scenario.population!, 10_000);
    expect(expectedWrites()).toHaveTextContent(formatCount(46 * t.hybridWritesPerPost));
    expect(screen.getByRole('img', { name: /Share of accounts with more than k followers/ })).toBeInTheDocument();
    expect(screen.getByRole('img', { name: /Fan-out per post/ })).toBeInTheDocument();
  });

  it('follows a new exponent: the statistics are those of the new population', async () => {
    openHybrid();
    const before = expectedWrites().textContent;
    const alpha = screen.getByRole('textbox', { name: 'Exponent α' });
    await userEvent.clear(alpha);
    await userEvent.type(alpha, '1.1{Enter}');
    const population = store().scenario.population!;
    expect(population.followers).toMatchObject({ type: 'powerlaw', alpha: 1.1 });
    const { t } = expectStatisticsOf(population, 10_000);
    expect(expectedWrites()).toHaveTextContent(formatCount(46 * t.hybridWritesPerPost));
    expect(expectedWrites().textContent).not.toBe(before);
  });

  it('switches shape keeping the scale, and explains a p99 below the median', async () => {
    openHybrid();
    await userEvent.click(screen.getByRole('radio', { name: 'Lognormal' }));
    const f = store().scenario.population!.followers;
    expect(f).toMatchObject({ type: 'lognormal', p99: 235 });
    expectStatisticsOf(store().scenario.population!, 10_000);
    const p99 = screen.getByRole('textbox', { name: 'p99 followers' });
    await userEvent.clear(p99);
    await userEvent.type(p99, '1{Enter}');
    expect(screen.getByText(/Expected at least the median/)).toBeInTheDocument();
    expect(store().scenario.population!.followers).toEqual(f);
  });

  it('drags the celebrity threshold: skipAbove and the merge threshold move together, in one undo step', () => {
    openHybrid();
    const before = store().scenario;
    const past = useAppStore.temporal.getState().pastStates.length;
    const slider = screen.getByRole('slider', { name: 'Celebrity threshold slider' });
    // A slow drag: seconds between moves, longer than edits merge by themselves.
    let now = Date.now();
    const clock = vi.spyOn(Date, 'now').mockImplementation(() => now);
    fireEvent.pointerDown(slider);
    for (const position of ['300', '320', '340']) {
      now += 3000;
      fireEvent.change(slider, { target: { value: position } });
    }
    fireEvent.pointerUp(window);
    clock.mockRestore();
    const skip = edgeFanout('timeline-writes');
    expect(skip.type === 'followers' && skip.skipAbove).not.toBe(10_000);
    expect(edgeFanout('merge-celebrities')).toEqual({ type: 'celebrityFollowees', threshold: skip.type === 'followers' ? skip.skipAbove : NaN });
    expect(useAppStore.temporal.getState().pastStates.length).toBe(past + 1);
    act(() => store().undo());
    expect(store().scenario).toBe(before);
    expect(edgeFanout('timeline-writes')).toEqual({ type: 'followers', skipAbove: 10_000 });
    expect(edgeFanout('merge-celebrities')).toEqual({ type: 'celebrityFollowees', threshold: 10_000 });
  });

  it('typing a threshold is one undo step too, and the shares follow it', async () => {
    openHybrid();
    const past = useAppStore.temporal.getState().pastStates.length;
    const field = screen.getByRole('textbox', { name: 'Celebrity threshold' });
    await userEvent.clear(field);
    await userEvent.type(field, '2500{Enter}');
    expect(edgeFanout('timeline-writes')).toEqual({ type: 'followers', skipAbove: 2500 });
    expect(edgeFanout('merge-celebrities')).toEqual({ type: 'celebrityFollowees', threshold: 2500 });
    expect(useAppStore.temporal.getState().pastStates.length).toBe(past + 1);
    expectStatisticsOf(store().scenario.population!, 2500);
  });

  it('offers a what-if threshold on a scenario without one, leaving the scenario alone', async () => {
    act(() => {
      const s = defaultScenario();
      store().resetScenario({ ...s, edges: s.edges.filter((e) => e.id !== 'merge-celebrities').map((e) => (e.id === 'timeline-writes' ? { ...e, fanout: { type: 'followers' } } : e)) });
    });
    render(<FollowersPanel />);
    const before = store().scenario;
    expect(screen.getByText(/This scenario has no celebrity threshold/)).toBeInTheDocument();
    const field = screen.getByRole('textbox', { name: 'Celebrity threshold' });
    await userEvent.clear(field);
    await userEvent.type(field, '100000{Enter}');
    expect(store().scenario).toBe(before);
    expectStatisticsOf(before.population!, 100_000);
  });

  it('offers to add a follower graph when there is none', async () => {
    render(<FollowersPanel />);
    await userEvent.click(screen.getByRole('button', { name: 'Add a follower graph' }));
    expect(store().scenario.population).toBeDefined();
    expect(screen.getByRole('table', { name: 'Exact statistics of the follower graph' })).toBeInTheDocument();
  });

  it('closes with Escape and with its close button', async () => {
    openHybrid();
    fireEvent.keyDown(screen.getByRole('heading', { name: 'Follower graph' }), { key: 'Escape' });
    expect(store().sidePanel).toBeNull();
    act(() => store().setSidePanel('followers'));
    await userEvent.click(screen.getByRole('button', { name: 'Close follower graph' }));
    expect(store().sidePanel).toBeNull();
  });
});
