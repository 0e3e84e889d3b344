/**
 * The header's way into the Twitter tools: panel buttons and their
 * shortcuts, and DDIA scale, which is one undoable click each way.
 */
import { nominalRatePerSec } from '../../src/scenario/arrival';
import { act, fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { installShortcuts } from '../../src/actions/shortcuts';
import { Header } from '../../src/header/Header';
import { defaultScenario } from '../../src/scenario/presets';
import { store, useFreshStore } from './helpers';

useFreshStore();

let uninstall: () => void;
beforeEach(() => {
  uninstall = installShortcuts(window);
});
afterEach(() => uninstall());

const rate = (id: string) => {
  const n = store().scenario.nodes.find((x) => x.id === id)!;
  return n.kind === 'client' ? nominalRatePerSec(n.params.arrival) : NaN;
};

describe('DDIA scale', () => {
  it('switches the Twitter scenario to DDIA’s rates and back, exactly, one undo step each', async () => {
    act(() => store().resetScenario(defaultScenario()));
    render(<Header />);
    const original = store().scenario;
    const button = screen.getByRole('button', { name: 'DDIA scale' });
    expect(button).toHaveAttribute('aria-pressed', 'false');
    await userEvent.click(button);
    expect(button).toHaveAttribute('aria-pressed', 'true');
    expect(rate('posters')).toBe(4600);
    expect(rate('readers')).toBe(300_000);
    expect(store().toasts.at(-1)?.message).toMatch(/slower than real time/);
    await userEvent.click(button);
    expect(button).toHaveAttribute('aria-pressed', 'false');
    expect(store().scenario).toEqual(original);
    act(() => store().undo());
    expect(rate('posters')).toBe(4600);
    act(() => store().undo());
    expect(store().scenario).toBe(original);
  });

  it('is not offered for a scenario that is not a Twitter timeline', () => {
    render(<Header />);
    expect(screen.queryByRole('button', { name: 'DDIA scale' })).not.toBeInTheDocument();
  });
});

describe('side panels', () => {
  it('open and close from the header, with the pressed state shown', async () => {
    render(<Header />);
    const followers = screen.getByRole('button', { name: 'Followers' });
    await userEvent.click(followers);
    expect(store().sidePanel).toBe('followers');
    expect(followers).toHaveAttribute('aria-pressed', 'true');
    await userEvent.click(screen.getByRole('button', { name: 'Compare' }));
    expect(store().sidePanel).toBe('compare');
    expect(followers).toHaveAttribute('aria-pressed', 'false');
    await userEvent.click(screen.getByRole('button', { name: 'Compare' }));
    expect(store().sidePanel).toBeNull();
  });

  it('toggle with Shift+F, Shift+C and Shift+S, but not while typing', () => {
    const press = (key: string, target: Element = document.body) =>
      act(() => {
        fireEvent.keyDown(target, { key: key.toUpperCase(), code: `Key${key.toUpperCase()}`, shiftKey: true });
      });
    press('f');
    expect(store().sidePanel).toBe('followers');
    press('s');
    expect(store().sidePanel).toBe('sweep');
    press('c');
    expect(store().sidePanel).toBe('compare');
    press('c');
    expect(store().sidePanel).toBeNull();
    render(<Header />);
    press('f', screen.getByRole('textbox', { name: 'Scenario name' }));
    expect(store().sidePanel).toBeNull();
  });

  it('give way to the inspector when something is selected on the canvas', () => {
    act(() => store().setSidePanel('followers'));
    act(() => store().select(['api']));
    expect(store().sidePanel).toBeNull();
  });
});
