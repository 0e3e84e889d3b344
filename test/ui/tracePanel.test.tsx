/**
 * The trace waterfall (src/trace/TracePanel.tsx) the way a user meets it:
 * a dialog named after the request, one row per hop nested by call with its
 * times in ms, tooltips that say what network, wait and service mean, ↑/↓
 * to walk the hops, Esc to close; "Trace the next request" (T) asks the
 * worker and shows the answer; D turns the canvas's dots off and on.
 */
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { actionForKey, actions, performAction } from '../../src/actions';
import type { RunDriver } from '../../src/run/driver';
import { useAppStore } from '../../src/store';
import { TracePanel } from '../../src/trace/TracePanel';
import { dotsEnabled, useTraceStore } from '../../src/trace/traceStore';
import { balancedTrace, chainTrace } from '../trace/fixtures';
import { store, useFreshStore } from './helpers';

useFreshStore();
const initialTrace = useTraceStore.getState();
beforeEach(() => useTraceStore.setState(initialTrace, true));
afterEach(() => useTraceStore.setState(initialTrace, true));

describe('the trace waterfall', () => {
  it('is a dialog named after the request, with one row per hop in call order and each hop’s total in ms', () => {
    render(<TracePanel />);
    act(() => useTraceStore.getState().showTrace(chainTrace()));
    const dialog = screen.getByRole('dialog', { name: 'Trace of one read request: 12.0 ms, ok' });
    const table = within(dialog).getByRole('table', { name: /Waterfall/ });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getAllByRole('cell')[0].textContent)).toEqual(['c', 'API', 'Database']);
    expect(rows.map((r) => within(r).getAllByRole('cell')[2].textContent)).toEqual(['12.0 ms', '12.0 ms', '5.0 ms']);
    // Each row says what its time was made of.
    expect(rows[1]).toHaveAccessibleName('API via e1: starts at 0 ms, network 2.0 ms, wait 0 ms, service 5.0 ms, its calls 5.0 ms — ok');
    expect(rows[2]).toHaveAccessibleName('Database via e2: starts at 6.0 ms, network 2.0 ms, wait 0 ms, service 3.0 ms — ok');
  });

  it('teaches the phases: each bar’s tooltip says what it is and how long, and the legend explains wait against service', () => {
    render(<TracePanel />);
    act(() => useTraceStore.getState().showTrace(chainTrace()));
    const row = screen.getAllByRole('row')[2];
    const titles = [...row.querySelectorAll('[title]')].map((e) => e.getAttribute('title'));
    expect(titles).toContain('service 5.0 ms (1.0 ms → 6.0 ms). Service: a server working on this request (its serviceTimeMs).');
    expect(titles).toContain('network 1.0 ms (0 ms → 1.0 ms). Network: the call crossing the edge to the next node (its latencyMs).');
    const legend = screen.getByRole('list', { name: 'What the colours mean' });
    expect(legend).toHaveTextContent('wait — queued at the node until one of its servers was free — it grows with utilization.');
  });

  it('walks the hops with ↑ and ↓ (one tab stop), spelling out the chosen one; Esc closes it', () => {
    render(<TracePanel />);
    act(() => useTraceStore.getState().showTrace(chainTrace()));
    const rows = screen.getAllByRole('row').slice(1);
    expect(rows[0]).toHaveFocus();
    expect(rows.map((r) => r.tabIndex)).toEqual([0, -1, -1]);
    fireEvent.keyDown(rows[0], { key: 'ArrowDown' });
    fireEvent.keyDown(rows[1], { key: 'ArrowDown' });
    expect(rows[2]).toHaveFocus();
    expect(rows[2]).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByText(/^Database via e2: starts at 6.0 ms/)).toBeInTheDocument();
    fireEvent.keyDown(rows[2], { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('shows a timeout and its retry: the given-up attempt says so, the retry is tagged, and the winning hedge copy is marked', () => {
    render(<TracePanel />);
    act(() => useTraceStore.getState().showTrace(balancedTrace({ timeoutMs: 20, retry: { maxAttempts: 2 } })));
    let rows = screen.getAllByRole('row').slice(1);
    expect(rows[1]).toHaveAccessibleName(/— timed out \(caller gave up at 20\.0 ms, wasted work\)$/);
    expect(within(rows[1]).getByTitle("The caller's timeout: it gave up at 20.0 ms")).toBeInTheDocument();
    const retry = rows.find((r) => within(r).queryByText('retry 2'))!;
    expect(retry).toHaveAccessibleName(/^lb via e: starts at 20\.0 ms, .* — ok \(retry, attempt 2\)$/);
    act(() => useTraceStore.getState().showTrace(balancedTrace({ hedge: { afterMs: 10 } })));
    rows = screen.getAllByRole('row').slice(1);
    expect(rows.filter((r) => within(r).queryByText('won')).map((r) => r.getAttribute('aria-label'))).toEqual([expect.stringMatching(/^lb via e: starts at 10\.0 ms.*hedge copy, won/)]);
  });
});

describe('tracing the next request', () => {
  const fakeDriver = (): RunDriver & { traceNext: ReturnType<typeof vi.fn> } =>
    ({ load: vi.fn(), play: vi.fn(), pause: vi.fn(), step: vi.fn(), setSpeed: vi.fn(), injectFault: vi.fn(), restart: vi.fn(), traceNext: vi.fn(() => 1), sampleTraces: vi.fn(() => 1) }) as never;
  const meta = { scenarioName: 'x', seed: 1, durationSec: 60, warmupSec: 0, endSec: 120, windowSec: 1, ops: ['read', 'write'], nodes: [], edges: [] };

  it('T asks the worker for the next request of the op and the panel waits for it, then shows its waterfall', () => {
    const driver = fakeDriver();
    // A run is going (its ops are known) and its worker takes commands.
    act(() => {
      store().attachRunDriver(driver);
      useAppStore.setState({ live: { runId: 1, meta } as never, runStatus: 'running' });
    });
    render(<TracePanel />);
    const action = actionForKey(new KeyboardEvent('keydown', { key: 't', code: 'KeyT' }));
    expect(action?.name).toBe(actions.traceNextRequest.name);
    act(() => void performAction(action!, undefined));
    expect(driver.traceNext).toHaveBeenCalledWith('read');
    expect(screen.getByRole('status')).toHaveTextContent('Waiting for the next “read” request to finish…');
    act(() => useTraceStore.getState().answered('read', chainTrace()));
    expect(screen.getByRole('dialog', { name: 'Trace of one read request: 12.0 ms, ok' })).toBeInTheDocument();
    // Another op, from the panel's own picker.
    fireEvent.change(screen.getByRole('combobox', { name: 'Operation' }), { target: { value: 'write' } });
    fireEvent.click(screen.getByRole('button', { name: 'Trace the next' }));
    expect(driver.traceNext).toHaveBeenLastCalledWith('write');
    act(() => useTraceStore.getState().answered('write', null, 'The run ended before a request of this op finished.'));
    expect(screen.getByRole('status')).toHaveTextContent('The run ended before a request of this op finished.');
  });

  it('D turns the dots off and on; with reduced motion asked for they start off', () => {
    expect(actionForKey(new KeyboardEvent('keydown', { key: 'd', code: 'KeyD' }))?.name).toBe(actions.toggleRequestDots.name);
    expect(dotsEnabled()).toBe(true);
    act(() => void performAction(actions.toggleRequestDots, undefined));
    expect(dotsEnabled()).toBe(false);
    act(() => void performAction(actions.toggleRequestDots, undefined));
    expect(dotsEnabled()).toBe(true);
    act(() => useTraceStore.setState({ dotsPreference: 'auto', reducedMotion: true }));
    expect(dotsEnabled()).toBe(false);
  });
});

