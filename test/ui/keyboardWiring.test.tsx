/**
 * Every gesture has a keyboard path: "Connect to…" wires the selected
 * component with the same refusals and reasons as a drag, and the command
 * palette (Ctrl/⌘+K) finds and performs any registered action.
 */
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../src/App';
import { isMac } from '../../src/actions/keys';
import { installShortcuts } from '../../src/actions/shortcuts';
import { Inspector } from '../../src/inspector/Inspector';
import { store, useFreshStore } from './helpers';

useFreshStore();

let uninstall: () => void;
beforeEach(() => {
  uninstall = installShortcuts(window);
});
afterEach(() => uninstall());

const mod = isMac ? { metaKey: true } : { ctrlKey: true };
const edgesFrom = (id: string) => store().scenario.edges.filter((e) => e.source === id).map((e) => e.target);

describe('Connect to…', () => {
  it('lists every other component, refuses what a drag refuses with the same reason, and connects the rest', async () => {
    let added = '';
    act(() => {
      added = store().addNodeAt('service', { x: 900, y: 400 })!;
      store().select(['api']);
    });
    render(<Inspector />);
    await userEvent.click(screen.getByRole('button', { name: 'Connect to…' }));
    const menu = screen.getByRole('menu', { name: 'Connect to' });
    const readers = within(menu).getByRole('menuitem', { name: 'Readers' });
    expect(readers).toHaveAttribute('aria-disabled', 'true');
    expect(readers).toHaveAccessibleDescription(/client/i);
    const db = within(menu).getByRole('menuitem', { name: 'Database' });
    expect(db).toHaveAccessibleDescription('“API” already calls “Database”: select that edge to change how many calls it makes');

    // Choosing a refused target says why, in the words of a refused drag, and adds nothing.
    await userEvent.click(db);
    expect(store().toasts.at(-1)?.message).toBe('Not connected: “API” already calls “Database”: select that edge to change how many calls it makes.');
    expect(edgesFrom('api')).toEqual(['cache', 'db']);

    // The keyboard alone: open, move down to the new service, Enter.
    act(() => store().select(['api']));
    const button = screen.getByRole('button', { name: 'Connect to…' });
    button.focus();
    await userEvent.keyboard('{Enter}');
    const items = within(screen.getByRole('menu', { name: 'Connect to' })).getAllByRole('menuitem');
    const name = store().scenario.nodes.find((n) => n.id === added)!.label ?? added;
    const target = items.findIndex((i) => i.getAttribute('aria-label') === name);
    expect(target).toBeGreaterThanOrEqual(0);
    expect(items[0]).toHaveFocus();
    for (let i = 0; i < target; i++) await userEvent.keyboard('{ArrowDown}');
    await userEvent.keyboard('{Enter}');
    expect(edgesFrom('api')).toContain(added);
  });
});

describe('command palette', () => {
  it('opens with Ctrl/⌘+K, filters as you type, performs with Enter and closes with Escape', async () => {
    render(<App />);
    act(() => {
      fireEvent.keyDown(document.body, { key: 'k', code: 'KeyK', ...mod });
    });
    const dialog = screen.getByRole('dialog', { name: 'Command palette' });
    const input = within(dialog).getByRole('combobox', { name: 'Command' });
    expect(input).toHaveFocus();
    expect(within(dialog).getAllByRole('option').length).toBeGreaterThan(20);

    await userEvent.type(input, 'add queue');
    const options = within(dialog).getAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual(['Add Queue']);
    await userEvent.keyboard('{Enter}');
    expect(screen.queryByRole('dialog', { name: 'Command palette' })).not.toBeInTheDocument();
    expect(store().scenario.nodes.some((n) => n.kind === 'queue')).toBe(true);

    act(() => {
      fireEvent.keyDown(document.body, { key: 'k', code: 'KeyK', ...mod });
    });
    await userEvent.type(screen.getByRole('combobox', { name: 'Command' }), 'dark');
    expect(screen.getByRole('option', { name: /Dark theme/ })).toHaveAttribute('aria-selected', 'true');
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(store().theme).toBe('light');
  });

  it('offers "Connect … to …" for the selected component, refusals included', async () => {
    render(<App />);
    act(() => store().select(['cache']));
    act(() => {
      fireEvent.keyDown(document.body, { key: 'k', code: 'KeyK', ...mod });
    });
    await userEvent.type(screen.getByRole('combobox', { name: 'Command' }), 'connect');
    const toApi = screen.getByRole('option', { name: /Connect Cache to API/ });
    expect(toApi).toHaveAttribute('aria-disabled', 'true');
    expect(toApi).toHaveAccessibleDescription(/cycle/);
  });
});
