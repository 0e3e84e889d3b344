/**
 * Breaking things is one gesture: the Break it menu of the selected node or
 * edge, the faults written for it, edited field by field from the fault
 * metadata, and a faulty node that looks faulty on the canvas.
 */
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { App } from '../../src/App';
import { handleShortcut } from '../../src/actions';
import { FAULT_META } from '../../src/scenario/kinds';
import { Inspector } from '../../src/inspector/Inspector';
import type { RunDriver } from '../../src/run/driver';
import { useAppStore } from '../../src/store';
import { store, useFreshStore } from './helpers';

useFreshStore();

function select(nodes: string[], edges: string[] = []) {
  act(() => store().select(nodes, edges));
}

describe('Break it', () => {
  it('with no run going, a crash chosen from the menu is added to the scenario at its default time; undo takes it out', async () => {
    select(['db']);
    render(<Inspector />);
    await userEvent.click(screen.getByRole('button', { name: /Break it/ }));
    const menu = screen.getByRole('menu', { name: 'Break it' });
    expect(within(menu).getAllByRole('menuitem').map((b) => b.querySelector('.break-menu__label')!.textContent)).toEqual(['Crash', 'Pause', 'Slow down', 'Errors', 'Lose servers']);
    expect(within(menu).getByRole('menuitem', { name: /Crash/ })).toHaveTextContent(FAULT_META.type.valueHelp.crash);
    await userEvent.click(within(menu).getByRole('menuitem', { name: /Crash/ }));
    expect(store().scenario.faults).toEqual([{ id: 'crash-db', target: 'db', type: 'crash', mode: 'refuse', atSec: 30, durationSec: 10 }]);
    expect(screen.getByText('Crash · 30–40 s')).toBeInTheDocument();
    act(() => useAppStore.temporal.getState().undo());
    expect(store().scenario.faults).toBeUndefined();
  });

  it('while a run goes, the fault goes to the running run (no edit until the worker says when it starts)', async () => {
    const driver: RunDriver = {
      load: vi.fn(() => ({ runId: 1, seq: 1 })),
      play: vi.fn(() => 2),
      pause: vi.fn(() => 3),
      step: vi.fn(() => 4),
      setSpeed: vi.fn(() => 5),
      restart: vi.fn(() => ({ runId: 1, seq: 6 })),
      injectFault: vi.fn(() => 7),
    };
    act(() => {
      store().attachRunDriver(driver);
      useAppStore.setState({ runStatus: 'running', live: { simSec: 42.3, meta: { durationSec: 600 } } as never });
    });
    select(['cache']);
    render(<Inspector />);
    await userEvent.click(screen.getByRole('button', { name: /Break it now/ }));
    expect(screen.getByText(/Starts now and lasts 10 s/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('menuitem', { name: /Slow down/ }));
    expect(driver.injectFault).toHaveBeenCalledWith({ id: 'slow-cache', target: 'cache', type: 'slow', factor: 10, atSec: 0, durationSec: 10 });
    expect(store().scenario.faults).toBeUndefined();
  });

  it('"B" opens the menu of the selection; the keyboard walks it', async () => {
    select(['api']);
    render(<Inspector />);
    act(() => {
      handleShortcut(new KeyboardEvent('keydown', { key: 'b', code: 'KeyB' }));
    });
    const menu = screen.getByRole('menu', { name: 'Break it' });
    expect(within(menu).getAllByRole('menuitem')[0]).toHaveFocus();
    await userEvent.keyboard('{ArrowDown}{Enter}');
    expect(store().scenario.faults).toMatchObject([{ type: 'pause', target: 'api' }]);
  });

  it('an edge is broken by a partition or a network delay; a client has nothing to break, and says why', async () => {
    select([], ['api-cache']);
    const { unmount } = render(<Inspector />);
    await userEvent.click(screen.getByRole('button', { name: /Break it/ }));
    expect(screen.getAllByRole('menuitem').map((b) => b.querySelector('.break-menu__label')!.textContent)).toEqual(['Partition', 'Network delay']);
    unmount();
    select(['readers']);
    render(<Inspector />);
    expect(screen.getByText(/Nothing to break here: a client cannot fail/)).toBeInTheDocument();
  });

  it('a written fault opens into its fields: type, timing, its own parameters; changes apply', async () => {
    select(['db']);
    render(<Inspector />);
    await userEvent.click(screen.getByRole('button', { name: /Add a fault at a time/ }));
    expect(store().scenario.faults).toMatchObject([{ type: 'crash', target: 'db', atSec: 30, durationSec: 10 }]);
    const lasts = screen.getByRole('textbox', { name: 'Lasts' });
    await userEvent.clear(lasts);
    await userEvent.type(lasts, '25{Enter}');
    expect(store().scenario.faults![0]).toMatchObject({ durationSec: 25 });
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Fault' }), 'errors');
    expect(store().scenario.faults![0]).toEqual({ id: 'crash-db', target: 'db', type: 'errors', rate: 0.5, atSec: 30, durationSec: 25 });
    const share = screen.getByRole('textbox', { name: 'Failing share' });
    expect(share).toHaveAccessibleDescription(FAULT_META.rate.help);
    await userEvent.click(screen.getByRole('radio', { name: 'At random' }));
    expect(store().scenario.faults![0]).toEqual({ id: 'crash-db', target: 'db', type: 'errors', rate: 0.5, random: { mtbfSec: 60, mttrSec: 5 } });
    expect(screen.getByText(/Down about 7\.7% of the time/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Remove fault crash-db' }));
    expect(store().scenario.faults).toBeUndefined();
  });
});

describe('a faulty node on the canvas', () => {
  it('shows what is wrong and when it comes back while the fault is active, and nothing before or after', async () => {
    act(() => store().editScenario((s) => ({ ...s, faults: [{ id: 'c', target: 'db', type: 'crash', mode: 'refuse', atSec: 30, durationSec: 10 }] })));
    const scenario = store().scenario;
    act(() => useAppStore.setState({ runScenario: scenario, runStatus: 'paused', live: { simSec: 33.4, meta: { durationSec: 600, nodes: [], ops: [] }, nodeStats: {}, edgeStats: {}, windows: [] } as never }));
    render(<App />);
    const db = await screen.findByRole('group', { name: /^Database,/ });
    const box = db.querySelector('.component-node')!;
    expect(box).toHaveAttribute('data-fault', 'crash');
    expect(within(db).getByRole('status')).toHaveTextContent('Down');
    expect(within(db).getByRole('status')).toHaveTextContent('back in 7 s');
    act(() => useAppStore.setState({ live: { ...store().live!, simSec: 40.5 } }));
    expect(box).not.toHaveAttribute('data-fault');
    expect(within(db).queryByText(/back in/)).toBeNull();
  });
});
