/**
 * Fields answer the keyboard the way people expect: a slider moves with the
 * arrow keys and jumps with PageUp, and a number field applies a value only
 * when it is complete (Enter, leaving the field, a pause) — never "2" on the
 * way to "2.5" — while Esc puts the stored value back.
 */
import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { FollowersPanel } from '../../src/followers/FollowersPanel';
import { Inspector } from '../../src/inspector/Inspector';
import { APPLY_AFTER_PAUSE_MS } from '../../src/inspector/fields/NumberField';
import { defaultScenario } from '../../src/scenario/presets';
import { node, store, useFreshStore } from './helpers';

useFreshStore();

describe('sliders answer the keyboard', () => {
  it('ten ArrowRight presses on a Servers slider at 42 give 52; PageUp jumps ten more; ArrowLeft steps back', async () => {
    act(() => store().select(['api']));
    render(<Inspector />);
    const field = screen.getByRole('textbox', { name: 'Servers' });
    await userEvent.clear(field);
    await userEvent.type(field, '42{Enter}');
    expect(node('api').params).toMatchObject({ servers: 42 });
    const slider = screen.getByRole('slider', { name: 'Servers slider' });
    slider.focus();
    for (let i = 0; i < 10; i++) await userEvent.keyboard('{ArrowRight}');
    expect(node('api').params).toMatchObject({ servers: 52 });
    await userEvent.keyboard('{PageUp}');
    expect(node('api').params).toMatchObject({ servers: 62 });
    await userEvent.keyboard('{ArrowLeft}');
    expect(node('api').params).toMatchObject({ servers: 61 });
  });

  it('the follower exponent moves with the arrow keys', async () => {
    act(() => {
      store().resetScenario(defaultScenario());
      store().setSidePanel('followers');
    });
    render(<FollowersPanel />);
    const alpha = () => store().scenario.population!.followers as { alpha: number };
    const before = alpha().alpha;
    screen.getAllByRole('slider', { name: 'Exponent α slider' })[0].focus();
    await userEvent.keyboard('{ArrowRight}{ArrowRight}');
    expect(alpha().alpha).toBeCloseTo(before + 0.02, 6);
    await userEvent.keyboard('{PageDown}');
    expect(alpha().alpha).toBeCloseTo(before - 0.08, 6);
  });
});

describe('number fields apply a complete value', () => {
  it('typing 2.5 into Servers at 40 never applies 2, explains the integer rule, and Esc restores 40', async () => {
    act(() => store().select(['api']));
    render(<Inspector />);
    const field = screen.getByRole('textbox', { name: 'Servers' });
    await userEvent.clear(field);
    await userEvent.type(field, '40{Enter}');
    expect(node('api').params).toMatchObject({ servers: 40 });
    await userEvent.clear(field);
    await userEvent.type(field, '2.5');
    expect(node('api').params).toMatchObject({ servers: 40 });
    await userEvent.keyboard('{Enter}');
    expect(node('api').params).toMatchObject({ servers: 40 });
    expect(screen.getByText(/Expected an integer/)).toBeInTheDocument();
    await userEvent.keyboard('{Escape}');
    expect(field).toHaveValue('40');
    expect(screen.queryByText(/Expected an integer/)).not.toBeInTheDocument();
  });

  it('a valid value applies on leaving the field, and after a pause', async () => {
    act(() => store().select(['api']));
    render(<Inspector />);
    const field = screen.getByRole('textbox', { name: 'Servers' });
    await userEvent.clear(field);
    await userEvent.type(field, '12');
    expect(node('api').params).toMatchObject({ servers: 8 });
    await userEvent.tab();
    expect(node('api').params).toMatchObject({ servers: 12 });

    await userEvent.clear(field);
    await userEvent.type(field, '16');
    expect(node('api').params).toMatchObject({ servers: 12 });
    await act(() => new Promise((r) => setTimeout(r, APPLY_AFTER_PAUSE_MS + 50)));
    expect(node('api').params).toMatchObject({ servers: 16 });
  });
});
