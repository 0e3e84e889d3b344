/**
 * Keyboard shortcuts perform the same registered actions as the buttons,
 * and never fire while the user is typing in a field.
 */
import { act, fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { actions, actionForKey } from '../../src/actions';
import { isMac } from '../../src/actions/keys';
import { installShortcuts } from '../../src/actions/shortcuts';
import { node, store, useFreshStore } from './helpers';

useFreshStore();

let uninstall: () => void;
beforeEach(() => {
  uninstall = installShortcuts(window);
});
afterEach(() => uninstall());

const mod = isMac ? { metaKey: true } : { ctrlKey: true };
const press = (key: string, init: KeyboardEventInit = {}, target: Element = document.body) =>
  act(() => {
    fireEvent.keyDown(target, { key, code: /^[a-z]$/i.test(key) ? `Key${key.toUpperCase()}` : key, ...init });
  });

describe('keyboard shortcuts', () => {
  it('each shortcut resolves to its registered action', () => {
    const key = (k: string, init: KeyboardEventInit = {}) =>
      actionForKey(new KeyboardEvent('keydown', { key: k, code: `Key${k.toUpperCase()}`, ...init }))?.name;
    expect(key('z', mod)).toBe(actions.undo.name);
    expect(key('z', { ...mod, shiftKey: true })).toBe(actions.redo.name);
    expect(key('y', { ctrlKey: true })).toBe(actions.redo.name);
    expect(key('c', mod)).toBe(actions.copySelection.name);
    expect(key('v', mod)).toBe(actions.paste.name);
    expect(key('d', mod)).toBe(actions.duplicateSelection.name);
    expect(key('a', mod)).toBe(actions.selectAll.name);
    expect(key('f')).toBe(actions.fitView.name);
    expect(actionForKey(new KeyboardEvent('keydown', { key: 'Delete' }))?.name).toBe(actions.deleteSelection.name);
    expect(actionForKey(new KeyboardEvent('keydown', { key: 'Backspace' }))?.name).toBe(actions.deleteSelection.name);
  });

  it('Delete removes the selected component and its edges; Ctrl/Cmd+Z brings them back', () => {
    act(() => store().select(['cache']));
    press('Delete');
    expect(store().scenario.nodes.some((n) => n.id === 'cache')).toBe(false);
    expect(store().scenario.edges.some((e) => e.source === 'cache' || e.target === 'cache')).toBe(false);
    press('z', mod);
    expect(node('cache')).toBeDefined();
    expect(store().scenario.edges.map((e) => e.id)).toContain('cache-db');
    press('z', { ...mod, shiftKey: true });
    expect(store().scenario.nodes.some((n) => n.id === 'cache')).toBe(false);
  });

  it('Backspace in a text field edits the text and deletes nothing', async () => {
    render(<input aria-label="Label" defaultValue="API" />);
    act(() => store().select(['api']));
    const field = screen.getByRole('textbox', { name: 'Label' });
    await userEvent.type(field, '{Backspace}');
    press('Backspace', {}, field);
    press('a', mod, field);
    expect(node('api')).toBeDefined();
    expect(store().selectedNodeIds).toEqual(['api']);
  });

  it('Ctrl/Cmd+C then Ctrl/Cmd+V pastes copies with fresh ids, shifted, and selects them', () => {
    act(() => store().select(['api', 'cache']));
    press('c', mod);
    press('v', mod);
    const copies = store().selectedNodeIds;
    expect(copies).toEqual(['api-2', 'cache-2']);
    expect(node('api-2').position!.x).toBeGreaterThan(node('api').position!.x);
    expect(store().scenario.edges.some((e) => e.source === 'api-2' && e.target === 'cache-2')).toBe(true);
    press('v', mod);
    expect(store().selectedNodeIds).toEqual(['api-3', 'cache-3']);
  });

  it('Ctrl/Cmd+D duplicates the selection in one undo step', () => {
    act(() => store().select(['db']));
    press('d', mod);
    expect(store().selectedNodeIds).toEqual(['db-2']);
    press('z', mod);
    expect(store().scenario.nodes.some((n) => n.id === 'db-2')).toBe(false);
  });

  it('Ctrl/Cmd+A selects every component and edge; Escape clears the selection', () => {
    press('a', mod);
    expect(store().selectedNodeIds).toHaveLength(store().scenario.nodes.length);
    expect(store().selectedEdgeIds).toHaveLength(store().scenario.edges.length);
    press('Escape');
    expect(store().selectedNodeIds).toEqual([]);
  });
});
