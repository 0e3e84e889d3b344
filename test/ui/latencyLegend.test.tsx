/**
 * Honest numbers: a latency legend never passes off the maximum of a small
 * sample as its p99 or p99.9 — 46 posts in a second cannot support a p99.9.
 */
import { act, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { LatencyChart } from '../../src/charts/LatencyChart';
import { useAppStore } from '../../src/store';
import type { RunMeta, SimWindow } from '../../src/worker/protocol';
import { useFreshStore } from './helpers';

useFreshStore();

const meta = {
  scenarioName: 't', seed: 1, durationSec: 60, warmupSec: 0, endSec: 120, windowSec: 1, ops: ['post', 'timeline'],
  nodes: [], edges: [],
} as RunMeta;

const win = (i: number, posts: number, reads: number): SimWindow => ({
  index: i, startSec: i, endSec: i + 1, nodes: [], edges: [],
  ops: [
    { created: posts, throughputPerSec: posts, errorsPerSec: 0, latency: { mean: 3, p50: 1.6, p95: 6, p99: 12, p999: 12, max: 12 } },
    { created: reads, throughputPerSec: reads, errorsPerSec: 0, latency: { mean: 3, p50: 2, p95: 6, p99: 9, p999: 16, max: 40 } },
  ],
});

function showWindows(windows: SimWindow[]) {
  act(() => useAppStore.setState({ live: { meta, windows } as never }));
}

const legendValue = (chart: HTMLElement, label: string) =>
  within(chart).getAllByRole('listitem').find((li) => li.textContent!.startsWith(label))!.textContent!.slice(label.length).trim();

describe('latency legend', () => {
  it('46 posts in a second: p99 and p99.9 are not shown as numbers, and the chart says why', () => {
    showWindows([win(0, 46, 3000), win(1, 46, 3000)]);
    render(<LatencyChart op={0} />);
    const chart = screen.getByRole('figure', { name: 'Response time · post' });
    expect(legendValue(chart, 'p50')).toBe('1.6 ms');
    expect(legendValue(chart, 'p99.9')).toBe('—');
    expect(legendValue(chart, 'p99')).toBe('—');
    expect(chart).toHaveTextContent('only 46 requests in the last point: too few for a p99 or p99.9');
  });

  it('3,000 reads a second support every percentile', () => {
    showWindows([win(0, 46, 3000), win(1, 46, 3000)]);
    render(<LatencyChart op={1} />);
    const chart = screen.getByRole('figure', { name: 'Response time · timeline' });
    expect(legendValue(chart, 'p99.9')).toBe('16 ms');
    expect(chart).not.toHaveTextContent('too few');
  });
});
