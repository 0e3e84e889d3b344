/**
 * Faults as bands on the time charts: each at its interval — scheduled ones
 * as written, random ones exactly where the engine's plan puts them at the
 * run's seed, injected ones too — labelled with type and target; and the
 * reliability charts are offered only to runs that have their data.
 *
 * Geometry: in jsdom a chart frame measures 200 × 80 px (test/ui/setup.ts),
 * so the plot spans x 62…188 px: 2.1 px a second over the 60 s shown.
 */
import { act, render, screen, waitFor, within } from '@testing-library/react';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { availableCharts, chartOptions, chartsToShow, resetChartChoiceForTests, setChartChoice, toggledChoice } from '../../src/charts/chartChoice';
import { faultBands } from '../../src/charts/faultBands';
import { bandsWithin, type TimeBand } from '../../src/charts/TimeChart';
import LiveCharts from '../../src/charts/LiveCharts';
import { ThroughputChart } from '../../src/charts/ThroughputChart';
import { decodeScenario } from '../../src/scenario/decode';
import type { Scenario, ScenarioFault } from '../../src/scenario/schema';
import { Simulation } from '../../src/sim/engine';
import { faultPlan } from '../../src/sim/faults';
import type { SimWindow as EngineWindow } from '../../src/sim/windows';
import { useAppStore } from '../../src/store';
import type { RunMeta, SimWindow } from '../../src/worker/protocol';
import { useFreshStore } from './helpers';

useFreshStore();
beforeEach(() => resetChartChoiceForTests());

function preset(name: string): Scenario {
  const text = readFileSync(join(__dirname, `../../public/scenarios/${name}.json`), 'utf8');
  const d = decodeScenario(JSON.parse(text));
  if (!d.ok) throw new Error(d.error.message);
  return d.scenario;
}

const latency = { mean: 3, p50: 2, p95: 6, p99: 9, p999: 16, max: 40 };
const NO_CAUSES = { rejected: 0, timeout: 0, error: 0, down: 0, breakerOpen: 0 };
const meta = { scenarioName: 't', seed: 1, durationSec: 120, warmupSec: 0, endSec: 240, windowSec: 1, ops: ['get'], nodes: [], edges: [] } as RunMeta;
const windows = (n: number, extra: Partial<SimWindow['ops'][number]> = {}): SimWindow[] =>
  Array.from({ length: n }, (_, i) => ({
    index: i, startSec: i, endSec: i + 1, nodes: [], edges: [],
    ops: [{ created: 800, throughputPerSec: 800, errorsPerSec: 0, latency, ...extra }],
  }));

async function bandRect(name: string): Promise<{ x: number; width: number }> {
  const band = await screen.findByRole('img', { name });
  await waitFor(() => expect(band.querySelector('rect')).not.toBeNull());
  const rect = band.querySelector('rect')!;
  return { x: Number(rect.getAttribute('x')), width: Number(rect.getAttribute('width')) };
}

describe('fault bands', () => {
  it('the retry storm’s 2 s pause of the API at 20 s is a band from 20 s to 22 s, labelled with type and target', async () => {
    const scenario = preset('retry-storm');
    act(() => useAppStore.setState({ live: { meta, windows: windows(60) } as never, runScenario: scenario }));
    render(<ThroughputChart />);
    const { x, width } = await bandRect('pause · API');
    expect(x).toBeCloseTo(62 + 20 * 2.1, 1);
    expect(width).toBeCloseTo(2 * 2.1, 1);
  });

  it('a band slides with the window: at 90 s the last 60 s start at 30 s, and the pause has left the chart', async () => {
    act(() => useAppStore.setState({ live: { meta, windows: windows(90) } as never, runScenario: preset('retry-storm') }));
    render(<ThroughputChart />);
    await within(screen.getByRole('figure', { name: 'Throughput' })).findByText('get ok');
    await waitFor(() => expect(document.querySelector('.series-line')).not.toBeNull());
    expect(screen.queryByRole('img', { name: 'pause · API' })).toBeNull();
  });

  it('a fault broken during the run (it joins the run’s scenario) gets its band too', async () => {
    const injected: ScenarioFault[] = [{ id: 'now', target: 'api', type: 'crash', mode: 'refuse', atSec: 40, durationSec: 5 } as ScenarioFault];
    const run = preset('retry-storm');
    act(() => useAppStore.setState({ live: { meta, windows: windows(60) } as never, runScenario: { ...run, faults: [...run.faults!, ...injected] } }));
    render(<ThroughputChart />);
    const { x, width } = await bandRect('crash · API');
    expect(x).toBeCloseTo(62 + 40 * 2.1, 1);
    expect(width).toBeCloseTo(5 * 2.1, 1);
    expect(await screen.findByRole('img', { name: 'pause · API' })).toBeInTheDocument();
  });

  it('random crashes by MTBF/MTTR are banded exactly where the engine’s plan puts them at the run’s seed', () => {
    const scenario = preset('random-faults-replicas');
    for (const seed of [1, 7]) {
      const plan = faultPlan(scenario, seed);
      const bands = faultBands(scenario, seed);
      expect(plan.length).toBeGreaterThan(2);
      expect(bands.map((b) => [b.startSec, b.endSec])).toEqual(plan.map((p) => [p.startMs / 1000, p.endMs / 1000]));
      expect(new Set(bands.map((b) => b.label))).toEqual(new Set(['crash · Replica A', 'crash · Replica B'].filter((l) => bands.some((b) => b.label === l))));
    }
    // Another seed, other faults.
    expect(faultBands(scenario, 1)[0].startSec).not.toBe(faultBands(scenario, 7)[0].startSec);
  });

  it('of thousands of random faults, the chart draws only those overlapping the time shown, long ones included', () => {
    const band = (startSec: number, endSec: number): TimeBand => ({ key: `${startSec}`, startSec, endSec, label: 'x', fill: '', text: '' });
    const crashes = Array.from({ length: 5000 }, (_, i) => band(1 + i, 1.5 + i));
    const bands = [band(0, 500), ...crashes, band(4000.2, Infinity)].sort((a, b) => a.startSec - b.startSec);
    expect(bandsWithin(bands, Infinity, 100, 102).map((b) => b.startSec)).toEqual([0, 100, 101]);
    expect(bandsWithin(bands, Infinity, 4500, 4501).map((b) => b.startSec)).toEqual([4000.2, 4500]);
    expect(bandsWithin(crashes, 0.5, 100, 102).map((b) => b.startSec)).toEqual([100, 101]);
  });

  it('a scenario without faults has no bands, and a fault on a target that is gone has none rather than an error', () => {
    expect(faultBands(preset('mm1'), 1)).toEqual([]);
    const scenario = preset('retry-storm');
    const ghost = { id: 'g', target: 'nowhere', type: 'pause', atSec: 1, durationSec: 1 } as ScenarioFault;
    expect(faultBands(scenario, 1, [ghost]).map((b) => b.label)).toEqual(['pause · API']);
  });
});

describe('reliability charts are offered only when the run has their data', () => {
  it('a run that cannot fail offers none of them; the retry storm offers errors by cause and attempts per edge', () => {
    const plain = windows(5);
    expect(availableCharts(plain, preset('mm1'))).toBe('');
    const storm = windows(5, { errorsByCausePerSec: { ...NO_CAUSES, timeout: 3 } }).map((w) => ({
      ...w,
      edges: [{ callsPerSec: 900, retriesPerSec: 100, hedgesPerSec: 0, timeoutsPerSec: 100, failuresPerSec: 100 }],
    }));
    expect(availableCharts(storm, preset('retry-storm'))).toBe('errors attempts');
    const labels = (available: string) => chartOptions([], ['get'], 0, new Set(available.split(' '))).map((o) => o.label);
    expect(labels('')).not.toContain('Errors by cause');
    expect(labels('errors attempts')).toEqual(expect.arrayContaining(['Errors by cause', 'Attempts per edge']));
    expect(labels('errors attempts')).not.toContain('Availability vs SLO');
  });

  it('an objective offers availability; a closed-loop tester on an interval offers measured vs intended', () => {
    const withGoodput = windows(3, { goodputPerSec: 790 });
    const scenario = { ...preset('mm1'), slos: [{ op: 'get', latencyMs: 100, target: 0.99 }] };
    expect(availableCharts(withGoodput, scenario)).toBe('availability');
    // Goodput without an objective in the run's scenario (a stale run) offers nothing.
    expect(availableCharts(withGoodput, preset('mm1'))).toBe('');
    expect(availableCharts(windows(3, { intendedLatency: null }), preset('mm1'))).toBe('intended');
  });

  it('a chosen reliability chart waits for a run that has its data, and toggling another chart keeps it chosen', () => {
    expect(chartsToShow(['errors', 'throughput'], ['get'], 0)).toEqual([{ kind: 'throughput' }]);
    expect(chartsToShow(['errors', 'throughput'], ['get'], 0, [], new Set(['errors']))).toEqual([{ kind: 'throughput' }, { kind: 'errors' }]);
    expect(toggledChoice(['errors', 'throughput'], ['get'], 0, 'edges')).toEqual(['throughput', 'edges', 'errors']);
  });

  it('chosen in a run with errors, the errors chart is in the strip', async () => {
    setChartChoice(['errors']);
    const storm = windows(10, { errorsByCausePerSec: { ...NO_CAUSES, timeout: 3 } });
    act(() => useAppStore.setState({ live: { meta, windows: storm } as never, runScenario: preset('retry-storm') }));
    render(<LiveCharts />);
    expect(await screen.findByRole('figure', { name: 'Errors by cause' })).toBeInTheDocument();
  });
});

describe('intended latency in the live windows', () => {
  const run = (doc: unknown): EngineWindow[] => {
    const d = decodeScenario(doc);
    if (!d.ok) throw new Error(d.error.message);
    const sim = new Simulation(d.scenario, { windowMs: 1000 });
    sim.runToEnd();
    sim.windows!.closeUpTo(sim.durationMs);
    const out = sim.windows!.take();
    sim.dispose();
    return out;
  };
  const service = { id: 's', kind: 'service', params: { servers: 1, serviceTimeMs: { type: 'constant', valueMs: 1 } } };

  it('only the op of a closed-loop tester on an interval carries it, and a stall shows in it, not in the measured p99', () => {
    const w = run({
      version: 2, seed: 1, durationSec: 10, warmupSec: 0,
      nodes: [
        { id: 'tester', kind: 'client', params: { op: 'req', arrival: { type: 'closed', users: 1, intervalMs: 10 } } },
        { id: 'users', kind: 'client', params: { op: 'browse', arrival: { type: 'poisson', ratePerSec: 20 } } },
        service,
      ],
      edges: [{ id: 'a', source: 'tester', target: 's' }, { id: 'b', source: 'users', target: 's' }],
      faults: [{ id: 'stall', target: 's', type: 'pause', atSec: 5, durationSec: 1 }],
    });
    expect(w.length).toBeGreaterThanOrEqual(10);
    expect(w.every((x) => x.ops[0].intendedLatency !== undefined && !('intendedLatency' in x.ops[1]))).toBe(true);
    // The second after the stall: the tester's catch-up sends were meant up to a second earlier.
    const after = w[6].ops[0];
    expect(after.intendedLatency!.p99).toBeGreaterThan(100 * after.latency!.p99);
    // A calm second: both agree.
    expect(w[2].ops[0].intendedLatency!.p99).toBeCloseTo(w[2].ops[0].latency!.p99, 6);
  });

  it('a run without such a tester has no intended latency in its windows', () => {
    const w = run({
      version: 2, seed: 1, durationSec: 3, warmupSec: 0,
      nodes: [{ id: 'users', kind: 'client', params: { op: 'browse', arrival: { type: 'poisson', ratePerSec: 20 } } }, service],
      edges: [{ id: 'b', source: 'users', target: 's' }],
    });
    expect(w.some((x) => 'intendedLatency' in x.ops[0])).toBe(false);
  });
});
