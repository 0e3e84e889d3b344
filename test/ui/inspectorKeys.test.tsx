/**
 * The scenario's keys as a user sets them: added from the scenario settings,
 * counted, made Zipf with an exponent, with a plot and a sentence saying how
 * concentrated the requests are; removed again; one Undo per change.
 */
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { Inspector } from '../../src/inspector/Inspector';
import { store, useFreshStore } from './helpers';

useFreshStore();

function settings() {
  act(() => store().select([]));
  render(<Inspector />);
}

describe('keys', () => {
  it('are absent until added, and say what that means', async () => {
    settings();
    expect(store().scenario.keys).toBeUndefined();
    expect(screen.getByText(/None: requests name no key/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Give requests keys' }));
    expect(store().scenario.keys).toEqual({ count: 1000, popularity: { type: 'uniform' } });
    const group = screen.getByRole('group', { name: 'Keys' });
    expect(group).toHaveAccessibleDescription(/hot keys make hot partitions/);
    expect(within(group).getByText('Every key gets the same share: 0.1% of requests each.')).toBeInTheDocument();
  });

  it('become Zipf with an exponent, and the plot and sentence follow', async () => {
    settings();
    await userEvent.click(screen.getByRole('button', { name: 'Give requests keys' }));
    await userEvent.click(screen.getByRole('radio', { name: 'Zipf' }));
    expect(store().scenario.keys?.popularity).toEqual({ type: 'zipf', s: 1 });
    // H(1000, 1) ≈ 7.485: the hottest key gets 13.4%; the top 10 get H(10, 1)/H(1000, 1) ≈ 39.1%.
    expect(screen.getByText(/The hottest key gets 13(\.4)?% of requests; the top 1% \(10 keys\) get 39(\.1)?%\./)).toBeInTheDocument();
    expect(screen.getByRole('img', { name: /Share of requests taken by the most popular keys/ })).toBeInTheDocument();

    const s = screen.getByRole('textbox', { name: 'Zipf exponent' });
    await userEvent.clear(s);
    await userEvent.type(s, '2{Enter}');
    expect(store().scenario.keys?.popularity).toEqual({ type: 'zipf', s: 2 });
    // 1 / H(1000, 2) ≈ 1 / 1.6439: 60.8%.
    expect(screen.getByText(/The hottest key gets 6\d(\.\d)?% of requests/)).toBeInTheDocument();

    const count = screen.getByRole('textbox', { name: 'Keys' });
    await userEvent.clear(count);
    await userEvent.type(count, '10000000{Enter}');
    expect(store().scenario.keys?.count).toBe(10_000_000);
    expect(screen.getByText(/the top 1% \(100k keys\)/)).toBeInTheDocument();
  });

  it('refuse a count beyond ten million, naming the limit, and keep the last good one', async () => {
    settings();
    await userEvent.click(screen.getByRole('button', { name: 'Give requests keys' }));
    const count = screen.getByRole('textbox', { name: 'Keys' });
    await userEvent.clear(count);
    await userEvent.type(count, '20000000{Enter}');
    expect(store().scenario.keys?.count).toBe(1000);
    expect(count).toHaveAccessibleDescription(/10,000,000/);
  });

  it('go with Remove, and Undo brings them back', async () => {
    settings();
    await userEvent.click(screen.getByRole('button', { name: 'Give requests keys' }));
    await userEvent.click(screen.getByRole('button', { name: 'Remove the keys' }));
    expect(store().scenario.keys).toBeUndefined();
    act(() => store().undo());
    expect(store().scenario.keys).toEqual({ count: 1000, popularity: { type: 'uniform' } });
  });
});
