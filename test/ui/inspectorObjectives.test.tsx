/**
 * Service level objectives in the scenario settings: added per operation,
 * with the error budget the target leaves explained, refused when the
 * target leaves no budget, removed, and undone.
 */
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { Inspector } from '../../src/inspector/Inspector';
import { budgetPerDay } from '../../src/inspector/ObjectivesFields';
import { SLO_META } from '../../src/scenario/kinds';
import { store, useFreshStore } from './helpers';

useFreshStore();

describe('objectives', () => {
  it('an error budget is said in time: 0.999 leaves 86 s a day, 0.99 about 14 min', () => {
    expect(budgetPerDay(0.999)).toBe('86 s');
    expect(budgetPerDay(0.99)).toBe('14 min');
    expect(budgetPerDay(0.5)).toBe('12 h');
  });

  it('are added for an operation the clients create, with the budget the target leaves', async () => {
    render(<Inspector />);
    const section = screen.getByRole('group', { name: 'Objectives' });
    expect(within(section).getByText(/None: every successful request counts/)).toBeInTheDocument();
    await userEvent.click(within(section).getByRole('button', { name: 'Add an objective' }));
    expect(store().scenario.slos).toEqual([{ op: 'read', latencyMs: SLO_META.latencyMs.default, target: SLO_META.target.default }]);
    const row = within(section).getByRole('group', { name: 'Objective 1: read' });
    await userEvent.selectOptions(within(row).getByRole('combobox', { name: 'Operation' }), 'write');
    const target = within(section).getByRole('textbox', { name: 'Target' });
    expect(target).toHaveAccessibleDescription(SLO_META.target.help);
    await userEvent.clear(target);
    await userEvent.type(target, '0.999{Enter}');
    expect(store().scenario.slos).toEqual([{ op: 'write', latencyMs: 200, target: 0.999 }]);
    expect(within(section).getByText('Target 0.999 leaves 0.1% of requests to fail or be slow: 86 s a day of full outage.')).toBeInTheDocument();
    // A second objective takes the operation that has none yet.
    await userEvent.click(within(section).getByRole('button', { name: 'Add an objective' }));
    expect(store().scenario.slos?.map((s) => s.op)).toEqual(['write', 'read']);
    // An operation has one objective: the other's is not offered, and with every operation covered nothing more is added.
    const second = within(section).getByRole('group', { name: 'Objective 2: read' });
    expect(within(second).getByRole('option', { name: 'write (has an objective)' })).toBeDisabled();
    expect(within(section).queryByRole('button', { name: 'Add an objective' })).toBeNull();
    expect(within(section).getByText('Every operation has its objective.')).toBeInTheDocument();
  });

  it('refuse a target of 1 and a latency of 0, naming the field', async () => {
    render(<Inspector />);
    await userEvent.click(screen.getByRole('button', { name: 'Add an objective' }));
    const target = screen.getByRole('textbox', { name: 'Target' });
    await userEvent.clear(target);
    await userEvent.type(target, '1{Enter}');
    expect(screen.getByText('Target: expected a number < 1 (a target of 1 leaves no error budget at all).')).toBeInTheDocument();
    const latency = screen.getByRole('textbox', { name: 'Good within' });
    await userEvent.clear(latency);
    await userEvent.type(latency, '0{Enter}');
    expect(screen.getByText('Good within: expected a number > 0.')).toBeInTheDocument();
    expect(store().scenario.slos).toEqual([{ op: 'read', latencyMs: 200, target: 0.99 }]);
  });

  it('are removed, and undo brings them back', async () => {
    render(<Inspector />);
    await userEvent.click(screen.getByRole('button', { name: 'Add an objective' }));
    await userEvent.click(screen.getByRole('button', { name: 'Remove objective 1' }));
    expect(store().scenario).not.toHaveProperty('slos');
    act(() => store().undo());
    expect(store().scenario.slos).toHaveLength(1);
    expect(await screen.findByRole('group', { name: 'Objective 1: read' })).toBeInTheDocument();
  });
});

describe('objectives and renamed operations', () => {
  it('follow a client whose operation is renamed, so the scenario stays valid', async () => {
    render(<Inspector />);
    await userEvent.click(screen.getByRole('button', { name: 'Add an objective' }));
    expect(store().scenario.slos?.[0].op).toBe('read');
    act(() => store().select(['readers']));
    const op = await screen.findByRole('combobox', { name: 'Operation' });
    await userEvent.clear(op);
    await userEvent.type(op, 'lookup');
    expect(store().scenario.slos).toEqual([{ op: 'lookup', latencyMs: 200, target: 0.99 }]);
  });
});
