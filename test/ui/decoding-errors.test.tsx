/**
 * What the user is told when a link, a file or the browser's storage holds
 * something that is not a valid scenario: the decoder's own words in a
 * role="alert", and their scenario left as it was.
 */
import { act, render, screen } from '@testing-library/react';
import LZString from 'lz-string';
import { describe, expect, it } from 'vitest';
import { actions, performAction } from '../../src/actions';
import { Banners } from '../../src/feedback/Banners';
import { AUTOSAVE_KEY } from '../../src/persistence/autosave';
import { loadStartScenario } from '../../src/persistence/share';
import { defaultScenario } from '../../src/scenario/presets';
import { knownScenario } from '../fixtures/known';
import { useAppStore } from '../../src/store';
import { store, useFreshStore } from './helpers';

useFreshStore();

function saveOwnWork(name: string) {
  localStorage.setItem(AUTOSAVE_KEY, JSON.stringify({ ...defaultScenario(), name }));
}

function hashOf(value: unknown): string {
  return `#s=${LZString.compressToEncodedURIComponent(JSON.stringify(value))}`;
}

describe('share links', () => {
  it('a truncated link says it is damaged, and the user’s autosaved work is what they see', () => {
    saveOwnWork('My own work');
    act(() => loadStartScenario(useAppStore, '#s=N4IgdghgtgpiBcIBKMDGB7AJg', localStorage));
    render(<Banners />);
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('This link could not be opened');
    expect(alert).toHaveTextContent(/damaged|truncated/);
    expect(alert).toHaveTextContent('Your own scenario is still here, unchanged.');
    expect(store().scenario.name).toBe('My own work');
  });

  it('a link with an invalid field names the field and what was expected', () => {
    saveOwnWork('My own work');
    const hostile = { ...defaultScenario(), nodes: [{ id: 'x', kind: 'service', params: { servers: -3 } }], edges: [] };
    act(() => loadStartScenario(useAppStore, hashOf(hostile), localStorage));
    render(<Banners />);
    expect(screen.getByRole('alert')).toHaveTextContent('nodes[0].params.servers: expected an integer ≥ 1, got -3');
    expect(store().scenario.name).toBe('My own work');
  });

  it('a link whose name carries markup shows it as text, never as HTML', () => {
    const scenario = { ...defaultScenario(), name: '<img src=x onerror=alert(1)>' };
    act(() => loadStartScenario(useAppStore, hashOf(scenario), localStorage));
    expect(store().scenario.name).toBe('<img src=x onerror=alert(1)>');
    expect(store().viewingSharedLink).toBe(true);
    render(<Banners />);
    expect(document.querySelector('img')).toBeNull();
    expect(screen.getByText('Opened from a shared link')).toBeInTheDocument();
  });
});

describe('local storage', () => {
  it('corrupt autosave data opens the default scenario with an explanation, and is kept aside', () => {
    localStorage.setItem(AUTOSAVE_KEY, '{"version": 1, "nodes": [');
    act(() => loadStartScenario(useAppStore, '', localStorage));
    render(<Banners />);
    expect(screen.getByRole('alert')).toHaveTextContent('Your saved scenario could not be read');
    expect(screen.getByRole('alert')).toHaveTextContent('not valid JSON');
    expect(store().scenario.nodes.length).toBeGreaterThan(0);
    expect(localStorage.getItem('fanout-lab:scenario:unreadable')).toBe('{"version": 1, "nodes": [');
  });
});

describe('imported files', () => {
  it('a file that is not JSON is refused with the reason; the scenario is unchanged', async () => {
    const before = store().scenario;
    render(<Banners />);
    await act(() => performAction(actions.importFile, new File(['PNG…not a scenario'], 'photo.png')));
    expect(screen.getByRole('alert')).toHaveTextContent('The file “photo.png” could not be opened');
    expect(screen.getByRole('alert')).toHaveTextContent('not valid JSON');
    expect(store().scenario).toBe(before);
  });

  it('a file far above the size limit is refused before it is read', async () => {
    const huge = new File([new Uint8Array(4_000_001)], 'huge.json');
    render(<Banners />);
    await act(() => performAction(actions.importFile, huge));
    expect(screen.getByRole('alert')).toHaveTextContent(/The file is 4\.0 MB; a scenario is at most 1,000,000 characters of JSON/);
  });

  it('a valid file replaces the scenario as one undoable step', async () => {
    const file = new File([JSON.stringify({ version: 1, name: 'From a file', nodes: [] })], 'plan.json');
    await act(() => performAction(actions.importFile, file));
    expect(store().scenario.name).toBe('From a file');
    act(() => store().undo());
    expect(store().scenario.name).toBe(knownScenario().name);
  });
});

describe('unknown fields', () => {
  it('a link with fields this version does not know opens, and says once which fields were ignored', () => {
    const doc = { ...defaultScenario(), name: 'From the future' } as Record<string, unknown>;
    doc.shardMap = { count: 1000 };
    act(() => loadStartScenario(useAppStore, hashOf(doc), localStorage));
    expect(store().scenario.name).toBe('From the future');
    const notices = store().toasts.filter((t) => t.message.includes('does not know'));
    expect(notices).toHaveLength(1);
    expect(notices[0].message).toContain('shardMap');
  });
});
