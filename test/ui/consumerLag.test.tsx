/**
 * Seeing a log, from live data as the worker sends it: the Consumer lag
 * chart (lag per group in records; duplicates and losses per second), the
 * log node's partitions as lanes with each group's lag on them, a queue's
 * waiting messages as a stack, and the consumer groups' results table.
 */
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LogLanes } from '../../src/canvas/nodes/LogLanes';
import { QueueStack, stackCellsLit } from '../../src/canvas/nodes/QueueStack';
import { availableCharts, chartsToShow, DEFAULT_CHARTS } from '../../src/charts/chartChoice';
import { ConsumerLagChart } from '../../src/charts/ConsumerLagChart';
import { ResultsTables } from '../../src/charts/ResultsTables';
import { consumerLagSeries } from '../../src/charts/series';
import { decodeScenarioJson } from '../../src/scenario/decode';
import type { Scenario } from '../../src/scenario/schema';
import { Simulation } from '../../src/sim/engine';
import { collectResults } from '../../src/sim/results';
import { useAppStore } from '../../src/store';
import type { LogNodeLive, RunMeta, SimWindow } from '../../src/worker/protocol';
import { runMeta } from '../../src/worker/runner';
import { store, useFreshStore } from './helpers';

useFreshStore();

function fixture(): Scenario {
  const r = decodeScenarioJson(readFileSync(join(process.cwd(), 'test/fixtures/logs/log-and-queue.json'), 'utf8'));
  if (!r.ok) throw new Error(r.error.message);
  return r.scenario;
}

const meta: RunMeta = {
  scenarioName: 't',
  seed: 1,
  durationSec: 120,
  warmupSec: 0,
  endSec: 240,
  windowSec: 1,
  ops: ['order'],
  nodes: [
    { id: 'orders', kind: 'client', label: 'Orders', servers: 0 },
    { id: 'topic', kind: 'log', label: 'Orders topic', servers: 0 },
    { id: 'search', kind: 'service', label: 'Search', servers: 4 },
    { id: 'analytics', kind: 'service', label: 'Analytics', servers: 1 },
  ],
  edges: [
    { id: 'produce', source: 'orders', target: 'topic' },
    { id: 'g-search', source: 'topic', target: 'search' },
    { id: 'g-analytics', source: 'topic', target: 'analytics' },
  ],
};

const node = { utilization: 0, meanQueueLength: 0, maxQueueLength: 0, arrivalsPerSec: 0, droppedPerSec: 0, errorsPerSec: 0, completedPerSec: 0 };

/** 60 s: Search keeps up (3 behind) and redelivers 50 records in second 30; Analytics falls 20 records a second further behind and loses 10 a second from second 41. */
const windows: SimWindow[] = Array.from({ length: 60 }, (_, i) => ({
  index: i,
  startSec: i,
  endSec: i + 1,
  ops: [],
  nodes: meta.nodes.map(() => node),
  edges: meta.edges.map(() => ({ callsPerSec: 100 })),
  consumerGroups: [
    { edge: 1, lagRecords: 3, delivered: 100, duplicates: i === 30 ? 50 : 0, lost: 0 },
    { edge: 2, lagRecords: i * 20, delivered: 80, duplicates: 0, lost: i > 40 ? 10 : 0 },
  ],
}));

const legendValue = (chart: HTMLElement, label: string) =>
  within(chart)
    .getAllByRole('listitem')
    .find((li) => li.textContent!.startsWith(label))
    ?.textContent!.slice(label.length)
    .trim();

describe('the Consumer lag chart', () => {
  it('is offered, and shown by default, when the scenario has a log (or a Redis-style queue), not for a broker queue alone', () => {
    const s = fixture();
    expect(availableCharts(windows, s).split(' ')).toContain('lag');
    const brokerOnly = { ...s, nodes: s.nodes.filter((n) => n.kind !== 'log') };
    expect(availableCharts(windows, brokerOnly).split(' ')).not.toContain('lag');
    const list = { ...brokerOnly, nodes: brokerOnly.nodes.map((n) => (n.kind === 'queue' ? { ...n, params: { ...n.params, semantics: 'list' } } : n)) } as Scenario;
    expect(availableCharts(windows, list).split(' ')).toContain('lag');
    expect(chartsToShow(DEFAULT_CHARTS, ['order'], 0, [], new Set(['lag']))).toContainEqual({ kind: 'lag' });
    expect(chartsToShow(DEFAULT_CHARTS, ['order'], 0, [], new Set())).not.toContainEqual({ kind: 'lag' });
  });

  it('keeps the largest lag of merged windows (a backlog never vanishes when zoomed out) and averages the rates', () => {
    const series = consumerLagSeries(windows, [{ edge: 2, source: 1, log: true }], 60, 20);
    expect(series.pointSec).toBe(3);
    expect(series.rows[series.rows.length - 1]).toMatchObject({ t: 60, l2: 59 * 20, x2: 10 });
    // Seconds 39–41: one of three lost 10 records.
    expect(series.rows[13]).toMatchObject({ t: 42, l2: 41 * 20 });
    expect(series.rows[13].x2).toBeCloseTo(10 / 3, 9);
  });

  it('draws each group’s lag in records, then what each group received twice or never', async () => {
    act(() => useAppStore.setState({ live: { meta, windows } as never, runScenario: null }));
    const { container } = render(<ConsumerLagChart />);
    const chart = screen.getByRole('figure', { name: 'Consumer lag' });
    await waitFor(() => expect(legendValue(chart, 'Search')).toBe('3 records'));
    expect(legendValue(chart, 'Analytics')).toBe('1,180 records');
    expect(chart).toHaveTextContent('records each consumer group (an edge out of a log) has yet to read');
    const series = () => [...container.querySelectorAll('path.series-line')].map((p) => p.getAttribute('data-series'));
    await waitFor(() => expect(series()).toEqual(['Search', 'Analytics']));

    await userEvent.click(within(chart).getByRole('button', { name: 'Dup/lost' }));
    expect(legendValue(chart, 'Search')).toBe('50 dup · 0 lost');
    expect(legendValue(chart, 'Analytics')).toBe('0 dup · 190 lost');
    expect(chart).toHaveTextContent('duplicates');
    expect(chart).toHaveTextContent('expired unread under retention: lost');
    await waitFor(() => expect(series()).toEqual(['Search · duplicates', 'Search · lost', 'Analytics · duplicates', 'Analytics · lost']));
  });

  it('says what to connect when no edge leaves a log', () => {
    act(() => useAppStore.setState({ live: { meta: { ...meta, edges: [meta.edges[0]] }, windows } as never, runScenario: null }));
    render(<ConsumerLagChart />);
    expect(screen.getByText(/No log or queue with consumers/)).toBeInTheDocument();
  });
});

/** The fixture's topic at 60 s: 2,398 records in 4 partitions kept 20 s; Search caught up, Analytics 19.5 s behind on partition 0. */
const topicLive: LogNodeLive = {
  node: 'topic',
  atSec: 60,
  retentionMs: 20_000,
  partitionCount: 4,
  recordsHeld: 2398,
  partitions: [0, 1, 2, 3].map((p) => ({ base: 100 * p, end: 100 * p + 600, oldestAgeMs: 19_900 })),
  groups: [
    { edge: 1, lagRecords: 0, delivered: 7000, duplicates: 118, lost: 0, consumers: 4, activeConsumers: 4, next: [600, 700, 800, 900], committed: [590, 690, 790, 890], lag: [0, 0, 0, 0], nextAgeMs: [null, null, null, null] },
    { edge: 2, lagRecords: 2390, delivered: 4600, duplicates: 0, lost: 40, consumers: 1, activeConsumers: 1, next: [2, 103, 250, 400], committed: [0, 100, 240, 390], lag: [598, 597, 450, 500], nextAgeMs: [19_500, 19_000, 15_000, 10_000] },
  ],
};

describe('a log node drawn as partitions', () => {
  it('before a run: one empty lane per partition and each consumer group by its target, no numbers', () => {
    act(() => store().resetScenario(fixture()));
    const { container } = render(<LogLanes nodeId="topic" partitions={4} />);
    expect(container.querySelectorAll('[data-partition]')).toHaveLength(4);
    expect(container.querySelectorAll('.log-lanes__held')).toHaveLength(0);
    expect(screen.getByText('Search')).toBeInTheDocument();
    expect(screen.getByText('Analytics')).toBeInTheDocument();
    expect(screen.getAllByText('–')).toHaveLength(2);
  });

  it('running: records held from their oldest’s age, each group’s lag marked on the lanes, and the lanes a group is losing flagged', () => {
    const s = fixture();
    act(() => {
      store().resetScenario(s);
      useAppStore.setState({ live: { meta: { ...meta, edges: s.edges.map((e) => ({ id: e.id, source: e.source, target: e.target })) }, logs: { topic: topicLive } } as never });
    });
    const { container } = render(<LogLanes nodeId="topic" partitions={4} />);
    const img = screen.getByRole('img', { name: /^Partitions: 2,398 records held in 4 partitions, kept 20 s/ });
    expect(img.getAttribute('aria-label')).toContain('Analytics: 2,390 records behind, oldest unread 19.5 s old · 4,600 delivered, 0 duplicates, 40 lost');
    // Held records reach back 19.9 s of the 20 s the lane spans: from x = 178 × (1 − 19.9/20).
    const held = container.querySelectorAll('.log-lanes__held');
    expect(held).toHaveLength(4);
    expect(Number(held[0].getAttribute('x'))).toBeCloseTo(0.89, 2);
    // Search is caught up: no lag drawn. Analytics' lag starts at its oldest unread record's age.
    expect(container.querySelectorAll('[data-group="g-search"]')).toHaveLength(0);
    const lag = [...container.querySelectorAll('[data-group="g-analytics"] rect:first-child')].map((r) => Number(r.getAttribute('x')));
    expect(lag.map((x) => Math.round(x * 10) / 10)).toEqual([4.5, 8.9, 44.5, 89]);
    // Partitions 0 and 1 (≥ 95% of the retention behind) are losing records.
    expect([...container.querySelectorAll('[data-losing]')].map((r) => r.closest('[data-partition]')!.getAttribute('data-partition'))).toEqual(['0', '1']);
    const rows = container.querySelectorAll('.log-lanes__group');
    expect(rows[0]).toHaveTextContent('Search0');
    expect(rows[1]).toHaveTextContent('Analytics2.4k');
  });

  it('draws six lanes at most and counts the rest', () => {
    act(() => store().resetScenario(fixture()));
    const { container } = render(<LogLanes nodeId="topic" partitions={40} />);
    expect(container.querySelectorAll('[data-partition]')).toHaveLength(6);
    expect(screen.getByText('+34 more partitions')).toBeInTheDocument();
  });
});

describe('a queue node drawn as a stack', () => {
  it('lights one cell per half decade of waiting messages: 1, 3, 10, 30 … and 3,000 or more fills all eight', () => {
    expect([0, 0.4, 1, 2.9, 3.2, 10, 31.7, 99, 100, 3200, 1e6].map(stackCellsLit)).toEqual([0, 1, 1, 1, 2, 3, 4, 4, 5, 8, 8]);
  });

  it('fills from the bottom with the live waiting count and says who takes them', () => {
    act(() => useAppStore.setState({ live: { nodeStats: { q: { queueLength: 35, utilization: 0.9, errorsPerSec: 0, overloaded: false } } } as never }));
    const { container } = render(<QueueStack nodeId="q" consumers={2} />);
    expect(screen.getByText('35 waiting')).toBeInTheDocument();
    expect(screen.getByText('taken by 2')).toBeInTheDocument();
    const cells = [...container.querySelectorAll('.queue-stack__cell')].map((c) => c.hasAttribute('data-lit'));
    expect(cells).toEqual([false, false, false, false, true, true, true, true]);
  });
});

describe('results', () => {
  it('a finished run lists each consumer group: delivered, duplicates, lost, out of order and lag', () => {
    const s = { ...fixture(), durationSec: 40 };
    const sim = new Simulation(s, { windowMs: 1000 });
    sim.runToEnd();
    const results = collectResults(sim, 1);
    useAppStore.setState({ runId: 1, runCommandSeq: 1, runScenario: s });
    act(() =>
      store().receiveRunEvents([
        { type: 'started', runId: 1, seq: 1, meta: runMeta(s, sim) },
        { type: 'snapshot', runId: 1, seq: 1, status: 'finished', simSec: sim.now / 1000, events: sim.events, simRate: 0, windows: [], results },
      ]),
    );
    sim.dispose();
    render(<ResultsTables />);
    const table = screen.getByRole('region', { name: 'Consumer groups' });
    const rows = within(table).getAllByRole('row');
    expect(rows.map((r) => r.querySelector('th')!.textContent)).toEqual(['Edge', 'Orders topic → Search', 'Orders topic → Analytics']);
    const search = results.edges['g-search'];
    expect(search.duplicates).toBeGreaterThan(0); // the crash at 25 s
    expect(rows[1]).toHaveTextContent(`${search.delivered!.toLocaleString('en-US')}${search.duplicates!.toLocaleString('en-US')}0`);
    expect(rows[2]).toHaveTextContent('records');
  });
});
