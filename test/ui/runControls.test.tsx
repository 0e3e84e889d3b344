import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ChartsPanel } from '../../src/charts/ChartsPanel';
import { handleShortcut } from '../../src/actions';
import type { RunDriver } from '../../src/run/driver';
import { RunControls } from '../../src/run/RunControls';
import { defaultScenario } from '../../src/scenario/presets';
import { useAppStore } from '../../src/store';
import type { RunMeta, WorkerEvent } from '../../src/worker/protocol';

const initial = useAppStore.getState();
let seq = 0;
const driver = {
  load: vi.fn(() => ({ runId: 1, seq: ++seq })),
  play: vi.fn(() => ++seq),
  pause: vi.fn(() => ++seq),
  step: vi.fn(() => ++seq),
  setSpeed: vi.fn(() => ++seq),
  injectFault: vi.fn(() => ++seq),
  restart: vi.fn(() => ({ runId: 1, seq: ++seq })),
} satisfies RunDriver;

const meta: RunMeta = {
  scenarioName: 'x',
  seed: 1,
  durationSec: 600,
  warmupSec: 5,
  endSec: 1200,
  windowSec: 1,
  ops: ['read'],
  nodes: [
    { id: 'c', kind: 'client', label: 'Clients', servers: 0 },
    { id: 'api', kind: 'service', label: 'API', servers: 1 },
  ],
  edges: [{ id: 'c-api', source: 'c', target: 'api' }],
};

function started() {
  useAppStore.getState().loadRun(true);
  const events: WorkerEvent[] = [
    { type: 'started', runId: 1, seq, meta },
    { type: 'snapshot', runId: 1, seq, status: 'running', simSec: 12.3, events: 100, simRate: 10, windows: [] },
  ];
  act(() => useAppStore.getState().receiveRunEvents(events));
}

beforeEach(() => {
  seq = 0;
  vi.clearAllMocks();
  useAppStore.setState({ ...initial, scenario: defaultScenario() }, true);
  useAppStore.getState().attachRunDriver(driver);
});
afterEach(() => {
  cleanup();
});

describe('run controls', () => {
  it('Pause and Play answer at once and drive the worker', async () => {
    started();
    render(<RunControls />);
    expect(screen.getByLabelText('Simulated time')).toHaveTextContent('12.3 s / 10 min');
    expect(screen.getByLabelText('Simulated time')).toHaveTextContent('10× real time');
    await userEvent.click(screen.getByRole('button', { name: 'Pause' }));
    expect(driver.pause).toHaveBeenCalledTimes(1);
    expect(screen.getByText('paused')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Step one simulated second' }));
    expect(driver.step).toHaveBeenCalledTimes(1);
    await userEvent.click(screen.getByRole('button', { name: 'Play' }));
    expect(driver.play).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('button', { name: 'Pause' })).toBeInTheDocument();
  });

  it('keyboard: K plays and pauses, "." steps, Shift+R resets (not while typing in a field)', () => {
    started();
    render(<RunControls />);
    act(() => void handleShortcut(new KeyboardEvent('keydown', { key: 'k', code: 'KeyK' })));
    expect(driver.pause).toHaveBeenCalledTimes(1);
    act(() => void handleShortcut(new KeyboardEvent('keydown', { key: '.' })));
    expect(driver.step).toHaveBeenCalledTimes(1);
    act(() => void handleShortcut(new KeyboardEvent('keydown', { key: 'k', code: 'KeyK' })));
    expect(driver.play).toHaveBeenCalledTimes(1);
    act(() => void handleShortcut(new KeyboardEvent('keydown', { key: 'R', code: 'KeyR', shiftKey: true })));
    expect(driver.load).toHaveBeenLastCalledWith(expect.anything(), 10, false);
    const seed = screen.getByLabelText('Seed');
    const typing = new KeyboardEvent('keydown', { key: 'k', code: 'KeyK', bubbles: true });
    seed.dispatchEvent(typing);
    expect(handleShortcut(typing)).toBe(false);
  });

  it('a late "running" snapshot does not undo a pause', async () => {
    started();
    render(<RunControls />);
    await userEvent.click(screen.getByRole('button', { name: 'Pause' }));
    act(() =>
      useAppStore.getState().receiveRunEvents([{ type: 'snapshot', runId: 1, seq: seq - 1, status: 'running', simSec: 12.4, events: 1, simRate: 10, windows: [] }]),
    );
    expect(screen.getByRole('button', { name: 'Play' })).toBeInTheDocument();
  });

  it('speed: from 0.1× to 100× and Max', async () => {
    started();
    render(<RunControls />);
    const select = screen.getByLabelText('Speed');
    expect(within(select).getAllByRole('option').map((o) => o.textContent)).toEqual(['0.1×', '0.25×', '0.5×', '1×', '2×', '5×', '10×', '25×', '50×', '100×', 'Max']);
    await userEvent.selectOptions(select, 'max');
    expect(driver.setSpeed).toHaveBeenLastCalledWith('max');
    await userEvent.selectOptions(select, '0.5');
    expect(driver.setSpeed).toHaveBeenLastCalledWith(0.5);
    expect(useAppStore.getState().runSpeed).toBe(0.5);
  });

  it("the seed field edits the scenario's seed; invalid input is refused", async () => {
    started();
    render(<RunControls />);
    const seed = screen.getByLabelText('Seed');
    await userEvent.clear(seed);
    await userEvent.type(seed, '42{Enter}');
    expect(useAppStore.getState().scenario.seed).toBe(42);
    await userEvent.clear(seed);
    await userEvent.type(seed, '-3');
    expect(seed).toHaveAttribute('aria-invalid', 'true');
    await userEvent.tab();
    expect(useAppStore.getState().scenario.seed).toBe(42);
    expect(seed).toHaveValue('42');
    expect(useAppStore.getState().toasts.at(-1)?.message).toBe('Seed not changed: “-3” is not a whole number from 0 to 4,294,967,295. It stays 42.');
    await userEvent.clear(seed);
    await userEvent.type(seed, '1.5{Enter}');
    expect(useAppStore.getState().toasts.at(-1)?.message).toMatch(/“1.5” is not a whole number/);
    expect(useAppStore.getState().scenario.seed).toBe(42);
    await userEvent.click(screen.getByRole('button', { name: 'New random seed' }));
    expect(useAppStore.getState().scenario.seed).not.toBe(42);
  });

  it('Reset restarts paused at 0 s; Play after the end runs again from the start', async () => {
    started();
    render(<RunControls />);
    await userEvent.click(screen.getByRole('button', { name: 'Reset' }));
    expect(driver.load).toHaveBeenLastCalledWith(useAppStore.getState().scenario, 10, false);
    act(() => useAppStore.getState().receiveRunEvents([{ type: 'snapshot', runId: 1, seq, status: 'finished', simSec: 600, events: 1, simRate: 0, windows: [] }]));
    expect(screen.getByText('finished')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Play' }));
    expect(driver.load).toHaveBeenLastCalledWith(useAppStore.getState().scenario, 10, true);
  });
});

describe('the charts panel', () => {
  it('a crashed worker is shown with a restart button; the scenario is untouched', async () => {
    started();
    const scenario = useAppStore.getState().scenario;
    render(<ChartsPanel />);
    act(() => useAppStore.getState().receiveRunEvents([{ type: 'error', runId: 1, seq, message: 'the simulation stopped with an error: boom' }]));
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('boom');
    expect(alert).toHaveTextContent('Your scenario is safe');
    await userEvent.click(within(alert).getByRole('button', { name: 'Restart simulation' }));
    expect(driver.restart).toHaveBeenCalledWith(scenario, 10, true);
    expect(useAppStore.getState().scenario).toBe(scenario);
  });

  it('a refused scenario says why', () => {
    started();
    render(<ChartsPanel />);
    act(() => useAppStore.getState().receiveRunEvents([{ type: 'refused', runId: 1, seq, message: 'the clients would create 3.6e15 requests' }]));
    expect(screen.getByRole('alert')).toHaveTextContent('This scenario cannot run: the clients would create 3.6e15 requests');
  });

  it('an overloaded node is named: "Overloaded — queue growing"', () => {
    started();
    render(<ChartsPanel />);
    const window = (i: number) => ({
      index: i,
      startSec: i,
      endSec: i + 1,
      ops: [{ created: 120, throughputPerSec: 100, errorsPerSec: 0, latency: null }],
      nodes: [
        { utilization: 0, meanQueueLength: 0, maxQueueLength: 0, arrivalsPerSec: 120, droppedPerSec: 0, errorsPerSec: 0, completedPerSec: 120 },
        { utilization: 1, meanQueueLength: 20 * i, maxQueueLength: 20 * i, arrivalsPerSec: 120, droppedPerSec: 0, errorsPerSec: 0, completedPerSec: 100 },
      ],
      edges: [{ callsPerSec: 120 }],
    });
    act(() =>
      useAppStore.getState().receiveRunEvents([{ type: 'snapshot', runId: 1, seq, status: 'running', simSec: 5, events: 1, simRate: 10, windows: [0, 1, 2, 3, 4].map(window) }]),
    );
    expect(screen.getByRole('status')).toHaveTextContent('Overloaded — queue growing: API');
    expect(useAppStore.getState().live!.nodeStats.api.overloaded).toBe(true);
  });

  it('tabs switch between the live charts and the results tables; the sliding window and latency axis are set here', async () => {
    started();
    render(<ChartsPanel />);
    await userEvent.click(screen.getByRole('button', { name: '5 min' }));
    expect(useAppStore.getState().chartWindowSec).toBe(300);
    await userEvent.click(screen.getByRole('button', { name: 'log' }));
    expect(useAppStore.getState().latencyScale).toBe('log');
    await userEvent.click(screen.getByRole('tab', { name: 'Table' }));
    expect(await screen.findByText(/Results are counted after the 5 s warm-up/)).toBeInTheDocument();
  });
});
