/**
 * The flagship's first minute: the hybrid and fan-out on write write the same
 * until a celebrity posts, so the fan-out chart says so, and marks each
 * celebrity post with what it costs each strategy.
 */
import { act, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { EdgeLoadChart } from '../../src/charts/EdgeLoadChart';
import { useAppStore } from '../../src/store';
import type { RunMeta, SimWindow } from '../../src/worker/protocol';
import { useFreshStore } from './helpers';

useFreshStore();

const meta = {
  scenarioName: 't', seed: 1, durationSec: 600, warmupSec: 5, endSec: 1200, windowSec: 1, ops: ['post'],
  nodes: [
    { id: 'api', kind: 'service', label: 'API servers', servers: 16 },
    { id: 'timelines', kind: 'cache', label: 'Home timeline cache', servers: 1 },
  ],
  edges: [{ id: 'fanout', source: 'api', target: 'timelines' }],
} as RunMeta;

const NONE = { thresholdFollowers: 10_000, count: 0, maxFollowers: 0, totalFollowers: 0 };

const win = (i: number, writes: number, celebrityPosts?: SimWindow['celebrityPosts']): SimWindow => ({
  index: i, startSec: i, endSec: i + 1, nodes: [], edges: [{ callsPerSec: writes }],
  ops: [{ created: 46, throughputPerSec: 46, errorsPerSec: 0, latency: null }],
  ...(celebrityPosts ? { celebrityPosts } : {}),
});

function showWindows(windows: SimWindow[]) {
  act(() => useAppStore.setState({ live: { meta, windows } as never }));
}

describe('celebrity posts on the fan-out chart', () => {
  it('before any celebrity posts, the chart says the two strategies are identical so far, and marks nothing', async () => {
    showWindows(Array.from({ length: 30 }, (_, i) => win(i, 1929, NONE)));
    render(<EdgeLoadChart />);
    const chart = screen.getByRole('figure', { name: 'Load per edge' });
    const note = await within(chart).findByText('No celebrity post yet: the hybrid and fan-out on write are identical');
    expect(note).toHaveAttribute('title', 'No celebrity has posted yet — the hybrid and fan-out on write are identical until one does.');
    expect(within(chart).queryAllByRole('img', { name: /celebrity post/ })).toHaveLength(0);
  });

  it('a celebrity post is a marker whose tooltip says what each strategy writes for it', async () => {
    const windows = Array.from({ length: 30 }, (_, i) => win(i, 1929, NONE));
    windows[20] = win(20, 3_401_929, { thresholdFollowers: 10_000, count: 1, maxFollowers: 3_400_000, totalFollowers: 3_400_000 });
    showWindows(windows);
    render(<EdgeLoadChart />);
    const chart = screen.getByRole('figure', { name: 'Load per edge' });
    const label = 'celebrity post: 3.4M followers — fan-out on write makes 3.4M timeline writes; the hybrid (above 10k followers) makes none';
    const marker = await within(chart).findByRole('img', { name: label });
    expect(marker.querySelector('title')).toHaveTextContent(label);
    expect(within(chart).getByText('▼ celebrity post at 21 s: 3.4M followers')).toBeInTheDocument();
    expect(within(chart).queryByText(/No celebrity post yet/)).toBeNull();
  });

  it('a run without a population (no celebrity posts recorded) has neither the line nor markers', async () => {
    showWindows(Array.from({ length: 10 }, (_, i) => win(i, 50)));
    render(<EdgeLoadChart />);
    const chart = screen.getByRole('figure', { name: 'Load per edge' });
    await within(chart).findByText('API servers → Home timeline cache');
    expect(within(chart).queryByText(/celebrit/)).toBeNull();
  });
});
