/**
 * A client's load as a user edits it: open (a rate, changed during the run
 * by a schedule) or closed (users who wait for their answers), with the
 * lessons behind each choice; invalid values named and not applied.
 */
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { Inspector } from '../../src/inspector/Inspector';
import { ARRIVAL_MODEL_META, CLOSED_ARRIVAL_META } from '../../src/scenario/kinds';
import { node, store, useFreshStore } from './helpers';

useFreshStore();

const arrival = () => (node('readers').params as { arrival: Record<string, unknown> }).arrival;

function openClient() {
  act(() => store().select(['readers']));
  render(<Inspector />);
}

describe('client load', () => {
  it('is open by default, and the choice teaches open against closed loops', () => {
    openClient();
    const model = screen.getByRole('radiogroup', { name: 'Load model' });
    expect(within(model).getByRole('radio', { name: 'Open: a rate' })).toBeChecked();
    expect(model).toHaveAccessibleDescription(ARRIVAL_MODEL_META.help);
    expect(screen.getByText(ARRIVAL_MODEL_META.valueHelp.open)).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Rate' })).toHaveValue('400');
  });

  it('switches to closed with 5 users, then to a fixed interval that teaches coordinated omission', async () => {
    openClient();
    await userEvent.click(screen.getByRole('radio', { name: 'Closed: users' }));
    expect(arrival()).toEqual({ type: 'closed', users: 10, thinkTimeMs: { type: 'exponential', meanMs: 1000 } });
    expect(screen.queryByRole('textbox', { name: 'Rate' })).toBeNull();
    const users = screen.getByRole('textbox', { name: 'Users' });
    await userEvent.clear(users);
    await userEvent.type(users, '5{Enter}');
    expect(arrival()).toMatchObject({ type: 'closed', users: 5 });
    expect(screen.getByRole('combobox', { name: 'Think time' })).toHaveValue('exponential');
    const pacing = screen.getByRole('radiogroup', { name: 'Between requests' });
    expect(pacing).toHaveAccessibleDescription(expect.stringContaining('coordinated omission'));
    await userEvent.click(within(pacing).getByRole('radio', { name: 'Fixed interval' }));
    expect(arrival()).toEqual({ type: 'closed', users: 5, intervalMs: 1000 });
    const interval = screen.getByRole('textbox', { name: 'Interval' });
    expect(interval).toHaveAccessibleDescription(CLOSED_ARRIVAL_META.intervalMs.help);
    await userEvent.clear(interval);
    await userEvent.type(interval, '0{Enter}');
    expect(screen.getByText('Interval: expected a number > 0.')).toBeInTheDocument();
    expect(arrival()).toEqual({ type: 'closed', users: 5, intervalMs: 1000 });
  });

  it('refuses zero users, naming the field', async () => {
    openClient();
    await userEvent.click(screen.getByRole('radio', { name: 'Closed: users' }));
    const users = screen.getByRole('textbox', { name: 'Users' });
    await userEvent.clear(users);
    await userEvent.type(users, '0{Enter}');
    expect(screen.getByText('Users: expected an integer ≥ 1.')).toBeInTheDocument();
    expect(arrival()).toMatchObject({ users: 10 });
  });

  it('back to open offers about the same load as the users did', async () => {
    openClient();
    await userEvent.click(screen.getByRole('radio', { name: 'Closed: users' }));
    await userEvent.click(screen.getByRole('radio', { name: 'Open: a rate' }));
    // 10 users, each thinking 1 s on average: at most 10 req/s.
    expect(arrival()).toEqual({ type: 'poisson', ratePerSec: 10 });
  });

  it('undo takes a switch to closed back', async () => {
    openClient();
    await userEvent.click(screen.getByRole('radio', { name: 'Closed: users' }));
    act(() => store().undo());
    expect(arrival()).toEqual({ type: 'poisson', ratePerSec: 400 });
  });
});

describe('rate schedule', () => {
  it('adds a spike at mid-run and its end, drawn as a step plot', async () => {
    openClient();
    expect(screen.getByText('None: the rate holds for the whole run.')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Add a change of rate' }));
    expect(arrival().rateSchedule).toEqual([{ atSec: 300, ratePerSec: 800 }]);
    await userEvent.click(screen.getByRole('button', { name: 'Add a change of rate' }));
    expect(arrival().rateSchedule).toEqual([
      { atSec: 300, ratePerSec: 800 },
      { atSec: 360, ratePerSec: 400 },
    ]);
    expect(screen.getByRole('img', { name: 'Rate over the run: 400 req/s, 800 req/s from 300 s, 400 req/s from 360 s' })).toBeInTheDocument();
  });

  it('keeps the changes in time order, refuses two at one time, and removes them', async () => {
    openClient();
    await userEvent.click(screen.getByRole('button', { name: 'Add a change of rate' }));
    await userEvent.click(screen.getByRole('button', { name: 'Add a change of rate' }));
    const schedule = screen.getByRole('list', { name: 'Rate schedule' });
    const second = within(schedule).getByRole('listitem', { name: 'Change 2' });
    const from = within(second).getByRole('textbox', { name: 'From' });
    await userEvent.clear(from);
    await userEvent.type(from, '300{Enter}');
    expect(screen.getByText('From: expected a time of its own: change 1 is already at 300 s.')).toBeInTheDocument();
    expect(arrival().rateSchedule).toEqual([
      { atSec: 300, ratePerSec: 800 },
      { atSec: 360, ratePerSec: 400 },
    ]);
    await userEvent.clear(from);
    await userEvent.type(from, '120{Enter}');
    expect(arrival().rateSchedule).toEqual([
      { atSec: 120, ratePerSec: 400 },
      { atSec: 300, ratePerSec: 800 },
    ]);
    const rate = within(within(schedule).getByRole('listitem', { name: 'Change 2' })).getByRole('textbox', { name: 'Rate' });
    await userEvent.clear(rate);
    await userEvent.type(rate, '-1{Enter}');
    expect(screen.getByText('Rate: expected a number ≥ 0.')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Remove change 1' }));
    await userEvent.click(screen.getByRole('button', { name: 'Remove change 1' }));
    expect(arrival()).not.toHaveProperty('rateSchedule');
    act(() => store().undo());
    expect(arrival().rateSchedule).toEqual([{ atSec: 300, ratePerSec: 800 }]);
  });
});
