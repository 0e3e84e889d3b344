import { act, cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ResultsTables } from '../../src/charts/ResultsTables';
import { decodeScenario } from '../../src/scenario/decode';
import type { Scenario } from '../../src/scenario/schema';
import { BatchMeans } from '../../src/sim/batchMeans';
import { Simulation } from '../../src/sim/engine';
import { opLatencyBins } from '../../src/sim/latencyBins';
import { collectResults } from '../../src/sim/results';
import { useAppStore } from '../../src/store';
import { runMeta } from '../../src/worker/runner';

const initial = useAppStore.getState();

function mm1(): Scenario {
  const r = decodeScenario({
    version: 1,
    name: 'M/M/1',
    durationSec: 300,
    warmupSec: 10,
    nodes: [
      { id: 'clients', kind: 'client', label: 'Clients', params: { op: 'request', arrival: { type: 'poisson', ratePerSec: 80 } } },
      { id: 'server', kind: 'service', label: 'Server', params: { servers: 1, serviceTimeMs: { type: 'exponential', meanMs: 10 } } },
    ],
    edges: [{ id: 'clients-server', source: 'clients', target: 'server' }],
  });
  if (!r.ok) throw new Error(r.error.message);
  return r.scenario;
}

/** Runs the scenario in-process and puts its final snapshot in the store, as the worker would. */
function finishedRun(scenario: Scenario) {
  const sim = new Simulation(scenario, { windowMs: 1000 });
  const bm = new BatchMeans(sim);
  sim.runToEnd();
  const histogram = opLatencyBins(sim);
  const results = collectResults(sim, 123);
  useAppStore.setState({ runId: 1, runCommandSeq: 1, runScenario: scenario });
  act(() =>
    useAppStore.getState().receiveRunEvents([
      { type: 'started', runId: 1, seq: 1, meta: runMeta(scenario, sim) },
      { type: 'snapshot', runId: 1, seq: 1, status: 'finished', simSec: sim.now / 1000, events: sim.events, simRate: 0, windows: [], histogram, results, confidence: bm.result() },
    ]),
  );
  return results;
}

beforeEach(() => useAppStore.setState({ ...initial }, true));
afterEach(cleanup);

describe('results tables', () => {
  it('shows the results as tables with units and 95% intervals, and the M/M/1 theory beside the simulation', () => {
    const results = finishedRun(mm1());
    render(<ResultsTables />);
    expect(screen.getByText('Final results')).toBeInTheDocument();
    expect(document.querySelector('.results-summary')).toHaveTextContent('± is the half-width of a 95% confidence interval from 10 batch means of 29 s');

    const theory = screen.getByRole('region', { name: 'Queueing theory' });
    expect(within(theory).getByRole('heading')).toHaveTextContent('Theory check · M/M/1');
    expect(within(theory).getByText(/λ = 80\/s, μ = 100\/s per server, c = 1 \(ρ = 0.80\)/)).toBeInTheDocument();
    const mean = within(theory).getByRole('row', { name: /Mean response time/ });
    expect(mean).toHaveTextContent('50 ms'); // theory: 1/(μ − λ)
    expect(mean).toHaveTextContent('±');

    const ops = screen.getByRole('region', { name: 'Operations' });
    const row = within(ops).getByRole('row', { name: /request/ });
    expect(row).toHaveTextContent(`${results.ops.request.count.toLocaleString('en-US')}`);
    expect(row).toHaveTextContent(/\/s ± /);
    expect(row).toHaveTextContent(/ms ± /);

    const nodes = screen.getByRole('region', { name: 'Nodes' });
    expect(within(nodes).getByRole('row', { name: /Server/ })).toHaveTextContent(/\d+(\.\d)?% ± /);
    expect(within(nodes).getByRole('row', { name: /Clients/ })).toHaveTextContent('–');
    expect(within(screen.getByRole('region', { name: 'Edges' })).getByRole('row', { name: /Clients → Server/ })).toHaveTextContent('calls/s');
  });

  it('explains an unstable queue instead of predicting it', () => {
    const s = mm1();
    const overloaded = { ...s, durationSec: 30, nodes: s.nodes.map((n) => (n.kind === 'client' ? { ...n, params: { ...n.params, arrival: { type: 'poisson' as const, ratePerSec: 150 } } } : n)) };
    finishedRun(overloaded);
    render(<ResultsTables />);
    expect(screen.getByRole('region', { name: 'Queueing theory' })).toHaveTextContent('ρ = 1.50 ≥ 1: arrivals outpace service, so there is no steady state — the queue grows without bound');
  });

  it('before the warm-up is over it says when results will come', () => {
    useAppStore.setState({ runId: 1 });
    act(() =>
      useAppStore.getState().receiveRunEvents([
        { type: 'started', runId: 1, seq: 0, meta: { scenarioName: 'x', seed: 1, durationSec: 60, warmupSec: 10, endSec: 120, windowSec: 1, ops: [], nodes: [], edges: [] } },
      ]),
    );
    render(<ResultsTables />);
    expect(screen.getByText(/after the 10 s warm-up/)).toBeInTheDocument();
  });
});

describe('failure tables', () => {
  it('a run that can fail shows errors by cause, goodput against the objective, attempts per edge and time down — each the results’ own number', () => {
    const s = mm1();
    const failing: Scenario = {
      ...s,
      durationSec: 60,
      warmupSec: 0,
      edges: [{ ...s.edges[0], timeoutMs: 100, retry: { maxAttempts: 2, on: ['timeout', 'error'], backoff: { type: 'none' }, jitter: 'none' } } as Scenario['edges'][number]],
      faults: [{ id: 'c', target: 'server', type: 'crash', mode: 'refuse', atSec: 20, durationSec: 5 }],
      slos: [{ op: 'request', latencyMs: 50, target: 0.99 }],
    };
    const results = finishedRun(failing);
    render(<ResultsTables />);
    const causes = screen.getByRole('region', { name: 'Failures by cause' });
    const row = within(causes).getByRole('row', { name: /request/ });
    const cells = within(row).getAllByRole('cell').map((c) => c.textContent);
    const r = results.ops.request;
    expect(r.errorsByCause!.down).toBeGreaterThan(100);
    expect(cells[2]).toBe(r.errorsByCause!.down.toLocaleString('en-US'));
    expect(cells[6]).toMatch(/ of 99% ✗$/);
    const edge = within(screen.getByRole('region', { name: 'Resilience' })).getByRole('row', { name: /Clients → Server/ });
    const e = results.edges['clients-server'];
    expect(within(edge).getAllByRole('cell')[0]).toHaveTextContent(e.attempts!.toLocaleString('en-US'));
    expect(within(edge).getAllByRole('cell')[1]).toHaveTextContent(e.retries!.toLocaleString('en-US'));
    const down = within(screen.getByRole('region', { name: 'Faults and waste' })).getByRole('row', { name: /Server/ });
    expect(within(down).getAllByRole('cell')[0]).toHaveTextContent('5.0 s');
  });

  it('a run that cannot fail has none of them', () => {
    finishedRun(mm1());
    render(<ResultsTables />);
    expect(screen.queryByRole('region', { name: 'Failures by cause' })).toBeNull();
    expect(screen.queryByRole('region', { name: 'Resilience' })).toBeNull();
  });
});
