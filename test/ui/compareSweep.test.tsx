/**
 * Compare and Sweep as a user sees them, on a stand-in for the simulation
 * worker: the table marks each row's winner and says why, runs can be
 * cancelled, and a sweep runs the values it announced.
 */
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ComparePanel } from '../../src/compare/ComparePanel';
import { CompareTable } from '../../src/compare/CompareTable';
import { setHeadlessRunner, type HeadlessOptions } from '../../src/lab/headless';
import { EMPTY_SERIES } from '../../src/lab/series';
import { defaultScenario } from '../../src/scenario/presets';
import type { Scenario } from '../../src/scenario/schema';
import { withCelebrityThreshold } from '../../src/scenario/twitter';
import type { Results } from '../../src/sim/results';
import { SweepPanel } from '../../src/sweep/SweepPanel';
import { store, useFreshStore } from './helpers';

useFreshStore();
afterEach(() => setHeadlessRunner(null));

/** Results shaped by the scenario: a lower celebrity threshold makes reads slower and writes fewer. */
function fakeResults(s: Scenario): Results {
  const t = s.edges.find((e) => e.fanout.type === 'celebrityFollowees');
  const threshold = t && t.fanout.type === 'celebrityFollowees' ? t.fanout.threshold : Infinity;
  const p99 = threshold === Infinity ? 5 : 5 + 1e5 / threshold;
  const lat = { mean: p99 / 3, p50: p99 / 4, p90: p99 / 2, p95: p99 / 1.5, p99, p999: p99 * 2, max: p99 * 3 };
  return {
    ops: { timeline: { count: 1000, errors: 0, unfinished: 0, throughputPerSec: 3000, latencyMs: lat } },
    nodes: Object.fromEntries(s.nodes.map((n) => [n.id, { utilization: 0.5 }])),
    edges: { 'timeline-writes': { calls: 1, callsPerSec: threshold === Infinity ? 3400 : 1000 + threshold / 100, deliveryMs: { mean: 1, p50: 1, p99: 3, max: 9 } } },
  } as unknown as Results;
}

const seen: { scenario: Scenario; options: HeadlessOptions }[] = [];
function installFake(hold = false) {
  seen.length = 0;
  setHeadlessRunner(
    (scenario, options) =>
      new Promise((resolve, reject) => {
        seen.push({ scenario, options });
        options.onProgress(scenario.durationSec / 2);
        options.signal.addEventListener('abort', () => reject(new Error('cancelled')));
        if (!hold) setTimeout(() => resolve({ results: fakeResults(scenario), series: EMPTY_SERIES }), 0);
      }),
  );
}

describe('Compare', () => {
  it('runs every variant on one seed and duration, and marks the winner of each row with why', async () => {
    installFake();
    act(() => {
      store().resetScenario(defaultScenario());
      store().saveVariant({ ...withCelebrityThreshold(defaultScenario(), 100), name: 'Low threshold' });
    });
    const savedId = store().savedVariants[0].id;
    act(() => store().setCompare({ variants: [{ kind: 'current' }, { kind: 'saved', id: savedId }], seed: 42, durationSec: 30 }));
    render(<ComparePanel />);
    await userEvent.click(screen.getByRole('button', { name: 'Run the comparison' }));
    await waitFor(() => expect(store().compare.status).toBe('done'));
    expect(seen.map((x) => [x.scenario.seed, x.scenario.durationSec])).toEqual([
      [42, 30],
      [42, 30],
    ]);
    const table = screen.getByRole('table');
    const row = (name: string) => within(table).getAllByRole('rowheader').find((th) => th.firstChild?.textContent === name)!.closest('tr')!;
    expect(within(row('timeline p99')).getAllByRole('cell')[0]).toHaveTextContent('(best)');
    expect(within(row('timeline p99')).getAllByRole('cell')[1]).not.toHaveTextContent('(best)');
    expect(within(row('Timeline writes/s')).getAllByRole('cell')[1]).toHaveTextContent('(best)');
    expect(row('timeline p99')).toHaveTextContent('lower is better');
    // Equal utilization: a tie, so no winner.
    expect(within(row('Busiest node')).queryByText('(best)')).not.toBeInTheDocument();
  });

  it('can be cancelled: runs in flight stop, and say so', async () => {
    installFake(true);
    act(() => store().resetScenario(defaultScenario()));
    act(() => store().setCompare({ variants: [{ kind: 'current' }, { kind: 'current' }] }));
    render(<ComparePanel />);
    await userEvent.click(screen.getByRole('button', { name: 'Run the comparison' }));
    await waitFor(() => expect(seen).toHaveLength(2));
    expect(store().compare.runs.map((r) => r.label)).toEqual(['Current scenario', 'Current scenario (2)']);
    expect(screen.getAllByRole('progressbar')).toHaveLength(2);
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(store().compare.status).toBe('cancelled');
    expect(seen.every((x) => x.options.signal.aborted)).toBe(true);
    expect(store().compare.runs.map((r) => r.status)).toEqual(['cancelled', 'cancelled']);
    expect(screen.getByRole('button', { name: 'Run again' })).toBeInTheDocument();
  });

  it('each variant carries its faults as bands for the overlaid charts, at the run’s seed', async () => {
    installFake();
    const withPause = { ...defaultScenario(), faults: [{ id: 'gc', target: 'api', type: 'pause' as const, atSec: 12, durationSec: 2 }] };
    act(() => store().resetScenario(withPause));
    act(() => store().setCompare({ variants: [{ kind: 'current' }, { kind: 'current' }], durationSec: 30 }));
    render(<ComparePanel />);
    await userEvent.click(screen.getByRole('button', { name: 'Run the comparison' }));
    await waitFor(() => expect(store().compare.status).toBe('done'));
    expect(store().compare.runs.map((r) => r.bands?.map((b) => [b.label, b.startSec, b.endSec]))).toEqual([
      [['pause · API servers', 12, 14]],
      [['pause · API servers', 12, 14]],
    ]);
  });

  it('keeps between two and three variants', async () => {
    render(<ComparePanel />);
    expect(screen.getAllByRole('combobox', { name: /Variant \d/ })).toHaveLength(3);
    expect(screen.getByRole('button', { name: 'Add a variant' })).toBeDisabled();
    await userEvent.click(screen.getByRole('button', { name: 'Remove variant 1' }));
    expect(screen.getAllByRole('combobox', { name: /Variant \d/ })).toHaveLength(2);
    expect(screen.getByRole('button', { name: 'Remove variant 1' })).toBeDisabled();
  });
});

describe('Compare: data kept in sync', () => {
  it('adds rows for diverged keys, stale reads, copy lag and delivery when a run has them, marking the winner and naming the stalest copy', () => {
    const base = { writesPerSec: 0, errors: 0, p50: 1, p99: 2, p999: 3 };
    const runs = [
      { label: 'Dual writes', status: 'done' as const, progress: 1, metrics: { ...base, divergedKeys: 37, staleReadRatio: 0.04, stalestCopy: 'Search index', copyLagMs: 21 } },
      { label: 'Through CDC', status: 'done' as const, progress: 1, metrics: { ...base, divergedKeys: 0, staleReadRatio: 0.01, stalestCopy: 'Cache', copyLagMs: 140, duplicates: 0, lost: 0, outOfOrder: 0 } },
    ];
    render(<CompareTable runs={runs} op="read" />);
    const row = (name: RegExp) => screen.getByRole('rowheader', { name }).closest('tr')!;
    expect(within(row(/^Diverged keys/)).getAllByRole('cell').map((c) => c.textContent)).toEqual(['37', '0 ✓ (best)']);
    expect(within(row(/^Stale reads/)).getAllByRole('cell')[0].textContent).toContain('Search index');
    expect(within(row(/^Copy lag/)).getAllByRole('cell')[0].textContent).toMatch(/21 ms ✓/);
    expect(within(row(/^Lost records/)).getAllByRole('cell').map((c) => c.textContent)).toEqual(['–', '0']);
  });
});

describe('Sweep', () => {
  it('runs the announced values on the same seed and a short duration, and shows progress', async () => {
    installFake();
    act(() => store().resetScenario(defaultScenario()));
    render(<SweepPanel />);
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Parameter' }), 'Celebrity threshold');
    expect(screen.getByText(/^Runs 100, 1,000, 10,000, 100,000, 1,000,000, 10,000,000 followers\./)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Run the sweep' }));
    await waitFor(() => expect(store().sweep.status).toBe('done'));
    const thresholds = seen.map((x) => x.scenario.edges.find((e) => e.id === 'merge-celebrities')!.fanout);
    expect(thresholds.map((f) => (f.type === 'celebrityFollowees' ? f.threshold : NaN))).toEqual([100, 1000, 10_000, 100_000, 1_000_000, 10_000_000]);
    expect(new Set(seen.map((x) => `${x.scenario.seed}/${x.scenario.durationSec}`))).toEqual(new Set(['1/20']));
    expect(screen.getByRole('progressbar', { name: 'Sweep points finished' })).toHaveAttribute('aria-valuetext', '6 of 6 points');
    expect(store().sweep.points.map((p) => p.p99)).toEqual([1005, 105, 15, 6, 5.1, 5.01]);
  });

  it('refuses a log range through zero, saying why', async () => {
    act(() => store().resetScenario(defaultScenario()));
    render(<SweepPanel />);
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Parameter' }), 'Home timeline cache: hit ratio');
    await userEvent.click(screen.getByRole('radio', { name: 'Log' }));
    const from = screen.getByRole('textbox', { name: 'From' });
    await userEvent.clear(from);
    await userEvent.type(from, '0{Enter}');
    expect(screen.getByText('A log scale needs values above 0.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Run the sweep' })).toBeDisabled();
  });
});

/** Captures downloads: the file name and the text of each. */
function captureDownloads() {
  const files: { name: string; blob: Blob }[] = [];
  let last: Blob | undefined;
  URL.createObjectURL = vi.fn((b: Blob) => {
    last = b;
    return 'blob:x';
  }) as typeof URL.createObjectURL;
  URL.revokeObjectURL = vi.fn();
  const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    files.push({ name: this.download, blob: last! });
  });
  return { files, restore: () => click.mockRestore() };
}

describe('verdicts and exports', () => {
  it('Compare ends with one line per variant on what it wins, and its table downloads as CSV', async () => {
    installFake();
    act(() => {
      store().resetScenario(defaultScenario());
      store().saveVariant({ ...withCelebrityThreshold(defaultScenario(), 100), name: 'Low threshold' });
    });
    const savedId = store().savedVariants[0].id;
    act(() => store().setCompare({ variants: [{ kind: 'current' }, { kind: 'saved', id: savedId }], seed: 42, durationSec: 30 }));
    render(<ComparePanel />);
    await userEvent.click(screen.getByRole('button', { name: 'Run the comparison' }));
    await waitFor(() => expect(store().compare.status).toBe('done'));
    const verdict = screen.getByRole('list', { name: 'Verdict' });
    const lines = within(verdict).getAllByRole('listitem').map((li) => li.textContent);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe("Current scenario wins the tail: timeline p99.9 30 ms vs 2.01 s; also best on the typical read.");
    expect(lines[1]).toMatch(/^Low threshold wins write load: Timeline writes\/s \S+ vs \S+/);

    const downloads = captureDownloads();
    await userEvent.click(screen.getByRole('button', { name: 'Download CSV' }));
    downloads.restore();
    expect(downloads.files).toHaveLength(1);
    expect(downloads.files[0].name).toMatch(/^[a-z0-9-]+-compare\.csv$|^[a-z0-9-]+\.csv$/);
    const csv = await downloads.files[0].blob.text();
    expect(csv.split('\r\n')[0]).toMatch(/^metric,unit,/);
    expect(csv).toContain('timeline p99.9,ms,');
  });

  it('Sweep draws response time on a log axis when its points span decades, and downloads as CSV', async () => {
    installFake();
    act(() => store().resetScenario(defaultScenario()));
    render(<SweepPanel />);
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Parameter' }), 'Celebrity threshold');
    await userEvent.click(screen.getByRole('button', { name: 'Run the sweep' }));
    await waitFor(() => expect(store().sweep.status).toBe('done'));
    expect(screen.getByText(/response time \(log scale: the points span decades\)/)).toBeInTheDocument();

    const downloads = captureDownloads();
    await userEvent.click(screen.getByRole('button', { name: 'Download CSV' }));
    downloads.restore();
    const csv = (await downloads.files[0].blob.text()).trim().split('\r\n');
    expect(csv).toHaveLength(7);
    expect(csv[0]).toMatch(/^Celebrity threshold \(followers\),timeline p50 \(ms\),timeline p99 \(ms\)/);
    expect(csv[1]).toMatch(/^100,[\d.]+,1005,/);
  });
});
