/**
 * The reliability charts draw what the windows say: errors stacked by cause
 * (the top of the stack is their sum), goodput beside throughput, attempts
 * and the breaker's state per edge with resilience rules, availability
 * against every objective with the error budget left, and a closed-loop
 * tester's measured vs intended percentiles.
 *
 * Geometry: in jsdom every chart frame measures 200 × 80 px (test/ui/setup.ts),
 * so the plot spans x 62…188 px (126 px for the 60 s shown) and y 6…36 px.
 */
import { act, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { AttemptsChart } from '../../src/charts/AttemptsChart';
import { AvailabilityChart } from '../../src/charts/AvailabilityChart';
import { ErrorsByCauseChart } from '../../src/charts/ErrorsByCauseChart';
import { IntendedLatencyChart } from '../../src/charts/IntendedLatencyChart';
import { ThroughputChart } from '../../src/charts/ThroughputChart';
import type { Scenario } from '../../src/scenario/schema';
import { useAppStore } from '../../src/store';
import type { RunMeta, SimWindow } from '../../src/worker/protocol';
import { useFreshStore } from './helpers';

useFreshStore();

const NO_CAUSES = { rejected: 0, timeout: 0, error: 0, down: 0, breakerOpen: 0 };
const latency = { mean: 3, p50: 2, p95: 6, p99: 9, p999: 16, max: 40 };

const baseMeta = { scenarioName: 't', seed: 1, durationSec: 60, warmupSec: 0, endSec: 120, windowSec: 1, ops: ['get'], nodes: [], edges: [] } as RunMeta;

function show(meta: RunMeta, windows: SimWindow[], runScenario: Partial<Scenario> | null = null) {
  act(() => useAppStore.setState({ live: { meta, windows } as never, runScenario: runScenario as Scenario | null }));
}

const win = (i: number, w: Partial<SimWindow>): SimWindow => ({ index: i, startSec: i, endSec: i + 1, nodes: [], edges: [], ops: [], ...w });

const legendValue = (chart: HTMLElement, label: string) =>
  within(chart)
    .getAllByRole('listitem')
    .find((li) => li.textContent!.startsWith(label))
    ?.textContent!.slice(label.length)
    .trim();

/** The elements matching `selector` once the frame has measured itself and drawn them (asynchronously, as in a browser). */
async function drawn(container: HTMLElement, selector: string): Promise<Element[]> {
  await waitFor(() => expect(container.querySelector(selector)).not.toBeNull());
  return [...container.querySelectorAll(selector)];
}

/** The first point of a path: "M64.1,12.0…" → [64.1, 12]. */
const firstPoint = (d: string) => d.match(/^M(-?[\d.]+),(-?[\d.]+)/)!.slice(1).map(Number);

describe('errors by cause', () => {
  // Two ops: 20 + 10 timeouts a second, 10 + 0 requests to a node that is down.
  const windows = Array.from({ length: 60 }, (_, i) =>
    win(i, {
      ops: [
        { created: 100, throughputPerSec: 70, errorsPerSec: 30, latency, errorsByCausePerSec: { ...NO_CAUSES, timeout: 20, down: 10 } },
        { created: 100, throughputPerSec: 90, errorsPerSec: 10, latency, errorsByCausePerSec: { ...NO_CAUSES, timeout: 10 } },
      ],
    }),
  );
  const meta = { ...baseMeta, ops: ['get', 'put'] };

  it('sums each cause over the ops, and the legend’s total is the sum of the causes', async () => {
    show(meta, windows);
    render(<ErrorsByCauseChart />);
    const chart = screen.getByRole('figure', { name: 'Errors by cause' });
    await within(chart).findByText('total');
    expect(legendValue(chart, 'timeout')).toBe('30 errors/s');
    expect(legendValue(chart, 'down')).toBe('10 errors/s');
    // Causes that never happened stay out of the legend.
    expect(legendValue(chart, 'error')).toBeUndefined();
    expect(legendValue(chart, 'total')).toBe('40 errors/s');
    expect(chart).toHaveTextContent('a fault (shaded) is a part going wrong; a failure is users getting errors');
  });

  it('stacks the areas: “down” lies on top of the 30 timeouts, its top at the total of 40', async () => {
    show(meta, windows);
    const { container } = render(<ErrorsByCauseChart />);
    await within(screen.getByRole('figure', { name: 'Errors by cause' })).findByText('total');
    // The axis runs 0…50 errors/s over 30 px: 40 → y 12, 30 → y 18, 0 → y 36.
    await drawn(container, 'path.series-area');
    const down = container.querySelector('path.series-area[data-series="down"]')!.getAttribute('d')!;
    const timeout = container.querySelector('path.series-area[data-series="timeout"]')!.getAttribute('d')!;
    expect(firstPoint(down)[1]).toBeCloseTo(12, 1);
    expect(down).toMatch(/L[\d.]+,18\.0Z$/);
    expect(firstPoint(timeout)[1]).toBeCloseTo(18, 1);
    expect(timeout).toMatch(/L[\d.]+,36\.0Z$/);
  });
});

describe('errors by cause, when nothing fails', () => {
  it('says so instead of a legend of zeros', async () => {
    const calm = Array.from({ length: 10 }, (_, i) =>
      win(i, { ops: [{ created: 100, throughputPerSec: 100, errorsPerSec: 0, latency, errorsByCausePerSec: { ...NO_CAUSES } }] }),
    );
    show(baseMeta, calm);
    render(<ErrorsByCauseChart />);
    const chart = screen.getByRole('figure', { name: 'Errors by cause' });
    expect(await within(chart).findByText('No request failed in the time shown.')).toBeInTheDocument();
    expect(within(chart).queryAllByRole('listitem')).toHaveLength(0);
  });
});

describe('goodput beside throughput', () => {
  it('an op with an objective gets a dotted goodput line; one without does not', async () => {
    const windows = Array.from({ length: 10 }, (_, i) =>
      win(i, {
        ops: [
          { created: 100, throughputPerSec: 100, errorsPerSec: 0, latency, goodputPerSec: 80 },
          { created: 50, throughputPerSec: 50, errorsPerSec: 0, latency },
        ],
      }),
    );
    show({ ...baseMeta, ops: ['get', 'put'] }, windows);
    const { container } = render(<ThroughputChart />);
    const chart = screen.getByRole('figure', { name: 'Throughput' });
    await within(chart).findByText('get good');
    expect(legendValue(chart, 'get good')).toBe('80 /s');
    expect(within(chart).queryByText('put good')).toBeNull();
    const [good] = await drawn(container, 'path.series-line[data-series="get good"]');
    expect(good.getAttribute('stroke-dasharray')).toBe('1.5 3');
  });
});

describe('attempts per edge', () => {
  const meta = {
    ...baseMeta,
    nodes: [
      { id: 'users', kind: 'client', label: 'Users', servers: 0 },
      { id: 'api', kind: 'service', label: 'API', servers: 8 },
      { id: 'db', kind: 'service', label: 'DB', servers: 8 },
    ],
    edges: [
      { id: 'users-api', source: 'users', target: 'api' },
      { id: 'api-db', source: 'api', target: 'db' },
    ],
  } as RunMeta;
  const scenario = {
    nodes: [],
    edges: [
      { id: 'users-api', source: 'users', target: 'api', timeoutMs: 200, retry: { maxAttempts: 3 }, breaker: { failureRatio: 0.5 } },
      { id: 'api-db', source: 'api', target: 'db' },
    ],
  } as unknown as Scenario;
  const state = (i: number) => (i < 30 ? 'closed' : i < 40 ? 'open' : i < 45 ? 'halfOpen' : 'closed');
  const windows = Array.from({ length: 60 }, (_, i) =>
    win(i, {
      ops: [{ created: 800, throughputPerSec: 800, errorsPerSec: 0, latency }],
      edges: [
        { callsPerSec: 1000, retriesPerSec: 200, hedgesPerSec: 0, timeoutsPerSec: 150, failuresPerSec: 150, breaker: state(i) },
        { callsPerSec: 500, retriesPerSec: 0, hedgesPerSec: 0, timeoutsPerSec: 0, failuresPerSec: 0 },
      ],
    }),
  );

  it('draws attempts, first calls, retries and timeouts of the edge with rules (no hedges: it has none), not the plain edge', async () => {
    show(meta, windows, scenario);
    const { container } = render(<AttemptsChart />);
    const chart = screen.getByRole('figure', { name: 'Attempts · Users → API' });
    await within(chart).findByText('retries');
    // Attempts: 1,000 first calls + 200 retries.
    expect(legendValue(chart, 'attempts')).toBe('1,200 calls/s');
    expect(legendValue(chart, 'first calls')).toBe('1,000 calls/s');
    expect(legendValue(chart, 'retries')).toBe('200 calls/s');
    expect(legendValue(chart, 'timeouts')).toBe('150 calls/s');
    expect(within(chart).queryByText('hedges')).toBeNull();
    expect((await drawn(container, 'path.series-line')).map((p) => p.getAttribute('data-series'))).toEqual(['first calls', 'attempts', 'retries', 'timeouts']);
    expect(legendValue(chart, 'breaker')).toBe('closed');
  });

  it('the breaker’s strip under the plot is open from 30 s to 40 s and half-open to 45 s', async () => {
    show(meta, windows, scenario);
    const { container } = render(<AttemptsChart />);
    await within(screen.getByRole('figure', { name: /^Attempts/ })).findByText('retries');
    const segments = (await drawn(container, 'rect.series-strip-segment')).map((r) => ({
      state: r.getAttribute('data-state'),
      x: Number(r.getAttribute('x')),
      width: Number(r.getAttribute('width')),
    }));
    expect(segments.map((s) => s.state)).toEqual(['closed', 'open', 'half-open', 'closed']);
    // 126 px for 60 s: 2.1 px a second from x = 62.
    expect(segments[1].x).toBeCloseTo(62 + 30 * 2.1, 1);
    expect(segments[1].width).toBeCloseTo(10 * 2.1, 1);
    expect(segments[2].width).toBeCloseTo(5 * 2.1, 1);
  });
});

describe('attempts on several edges', () => {
  it('one legend entry per edge with its attempts, then what each line style means, and the breaker named by where it leads', async () => {
    const meta = {
      ...baseMeta,
      nodes: [
        { id: 'users', kind: 'client', label: 'Users', servers: 0 },
        { id: 'api', kind: 'service', label: 'API', servers: 8 },
        { id: 'db', kind: 'service', label: 'DB', servers: 8 },
      ],
      edges: [
        { id: 'users-api', source: 'users', target: 'api' },
        { id: 'api-db', source: 'api', target: 'db' },
      ],
    } as RunMeta;
    const scenario = {
      nodes: [],
      edges: [
        { id: 'users-api', source: 'users', target: 'api', retry: { maxAttempts: 3 } },
        { id: 'api-db', source: 'api', target: 'db', hedge: { afterMs: 10, maxHedges: 1 }, breaker: { failureRatio: 0.5 } },
      ],
    } as unknown as Scenario;
    const windows = Array.from({ length: 20 }, (_, i) =>
      win(i, {
        ops: [{ created: 800, throughputPerSec: 800, errorsPerSec: 0, latency }],
        edges: [
          { callsPerSec: 800, retriesPerSec: 100, hedgesPerSec: 0, timeoutsPerSec: 0, failuresPerSec: 0 },
          { callsPerSec: 900, retriesPerSec: 0, hedgesPerSec: 45, timeoutsPerSec: 0, failuresPerSec: 0, breaker: i < 15 ? 'closed' : 'open' },
        ],
      }),
    );
    show(meta, windows, scenario);
    const { container } = render(<AttemptsChart />);
    const chart = screen.getByRole('figure', { name: 'Attempts per edge' });
    await within(chart).findByText('Users → API');
    expect(legendValue(chart, 'Users → API')).toBe('900 calls/s');
    expect(legendValue(chart, 'API → DB')).toBe('945 calls/s');
    expect(within(chart).getByText('retries')).toBeInTheDocument();
    expect(within(chart).getByText('hedges')).toBeInTheDocument();
    expect(legendValue(chart, 'breaker → DB')).toBe('open');
    expect((await drawn(container, 'path.series-line')).map((p) => p.getAttribute('data-series'))).toEqual([
      'Users → API · attempts',
      'Users → API · retries',
      'API → DB · attempts',
      'API → DB · hedges',
    ]);
    expect(screen.getByRole('img', { name: 'breaker · API → DB' })).toHaveTextContent('breaker');
  });
});

describe('availability against the objective', () => {
  // Warm-up 2 s, when nothing is good (it must not count); then per second 1,000 requests end: 998 succeed, 995 within the time.
  const meta = { ...baseMeta, warmupSec: 2, ops: ['get', 'put', 'scan'] };
  const windows = Array.from({ length: 10 }, (_, i) =>
    win(i, {
      ops: [
        i < 2
          ? { created: 1000, throughputPerSec: 1000, errorsPerSec: 0, latency, goodputPerSec: 0 }
          : { created: 1000, throughputPerSec: 998, errorsPerSec: 2, latency, goodputPerSec: 995 },
        { created: 100, throughputPerSec: 100, errorsPerSec: 0, latency, goodputPerSec: 100 },
        { created: 10, throughputPerSec: 10, errorsPerSec: 0, latency },
      ],
    }),
  );
  const slos = [
    { op: 'get', latencyMs: 100, target: 0.99 },
    { op: 'put', latencyMs: 50, target: 0.999 },
  ];

  it('every op with an objective gets its share of good requests and its target line; the op without one gets none', async () => {
    show(meta, windows, { slos, nodes: [], edges: [] } as unknown as Scenario);
    const { container } = render(<AvailabilityChart />);
    const chart = screen.getByRole('figure', { name: 'Availability vs SLO' });
    await within(chart).findByText('get good');
    expect(legendValue(chart, 'get good')).toBe('99.50%');
    expect(legendValue(chart, 'get target')).toBe('99.00%');
    expect(legendValue(chart, 'put good')).toBe('100%');
    expect(legendValue(chart, 'put target')).toBe('99.90%');
    expect(within(chart).queryByText(/scan/)).toBeNull();
    expect((await drawn(container, 'path.series-line')).map((p) => p.getAttribute('data-series'))).toEqual(['get good', 'get target', 'put good', 'put target']);
  });

  it('the error budget left matches the hand count: 8 s × 1,000 requests at 99% allow 80 bad; 40 were bad, half is left', async () => {
    show(meta, windows, { slos, nodes: [], edges: [] } as unknown as Scenario);
    render(<AvailabilityChart />);
    const chart = screen.getByRole('figure', { name: 'Availability vs SLO' });
    await within(chart).findByText('get good');
    // get: (1 − 0.99) × 8,000 = 80 allowed; 8 × (1,000 − 995) = 40 bad → 50% left. put: nothing bad → 100% left of 0.8.
    expect(chart).toHaveTextContent('get: budget left 50% (40 of 80 allowed bad) · put: budget left 100% (0 of 1 allowed bad)');
  });

  it('an overspent budget says so', async () => {
    const bad = windows.map((w) => ({ ...w, ops: [{ ...w.ops[0], goodputPerSec: 900 }, w.ops[1], w.ops[2]] }));
    show(meta, bad, { slos: [slos[0]], nodes: [], edges: [] } as unknown as Scenario);
    render(<AvailabilityChart />);
    const chart = screen.getByRole('figure', { name: 'Availability vs SLO · get' });
    await within(chart).findByText('good');
    // 8 × 100 = 800 bad of 80 allowed: spent ten times over.
    expect(chart).toHaveTextContent('Error budget overspent 900% (800 of 80 allowed bad)');
  });
});

describe('measured vs intended latency', () => {
  it('draws the tester’s measured and intended p99 and p50 side by side', async () => {
    const windows = Array.from({ length: 10 }, (_, i) =>
      win(i, {
        ops: [
          { created: 100, throughputPerSec: 100, errorsPerSec: 0, latency: { ...latency, p50: 1, p99: 1 }, intendedLatency: { ...latency, p50: 40, p99: 500 } },
          { created: 100, throughputPerSec: 100, errorsPerSec: 0, latency },
        ],
      }),
    );
    show({ ...baseMeta, ops: ['req', 'users'] }, windows);
    const { container } = render(<IntendedLatencyChart />);
    const chart = screen.getByRole('figure', { name: 'Measured vs intended · req' });
    await within(chart).findByText('p99 intended');
    expect(legendValue(chart, 'p99 measured')).toBe('1 ms');
    expect(legendValue(chart, 'p99 intended')).toBe('500 ms');
    expect(legendValue(chart, 'p50 measured')).toBe('1 ms');
    expect(legendValue(chart, 'p50 intended')).toBe('40 ms');
    expect(await drawn(container, 'path.series-line')).toHaveLength(4);
  });
});
