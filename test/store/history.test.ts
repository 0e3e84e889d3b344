import type { NodeChange } from '@xyflow/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { blankScenario } from '../../src/scenario/edit';
import { knownScenario } from '../fixtures/known';
import { createAppStore, type AppStore } from '../../src/store';
import { MERGE_WINDOW_MS } from '../../src/store/scenarioSlice';

let store: AppStore;
const state = () => store.getState();
const past = () => store.temporal.getState().pastStates.length;
const position = (id: string) => state().scenario.nodes.find((n) => n.id === id)?.position;

function drag(id: string, path: { x: number; y: number }[]): void {
  path.forEach((p, i) => {
    const last = i === path.length - 1;
    const change: NodeChange = { type: 'position', id, position: p, dragging: !last };
    state().onNodesChange([change]);
  });
}

beforeEach(() => {
  store = createAppStore();
  state().resetScenario(blankScenario());
});

afterEach(() => vi.useRealTimers());

describe('undo and redo', () => {
  it('undoes and redoes adding a node', () => {
    const id = state().addNodeAt('service', { x: 0, y: 0 });
    expect(state().scenario.nodes.map((n) => n.id)).toEqual([id]);
    state().undo();
    expect(state().scenario.nodes).toEqual([]);
    state().redo();
    expect(state().scenario.nodes.map((n) => n.id)).toEqual([id]);
  });

  it('selects a new node, and forgets the selection when undo removes it', () => {
    const id = state().addNodeAt('database', { x: 0, y: 0 })!;
    expect(state().selectedNodeIds).toEqual([id]);
    state().undo();
    expect(state().selectedNodeIds).toEqual([]);
  });

  it('a whole drag is one undo step, however many frames it lasts', () => {
    state().addNodeAt('service', { x: 0, y: 0 });
    const before = past();
    drag('service', [
      { x: 10, y: 0 },
      { x: 50, y: 20 },
      { x: 120, y: 40 },
      { x: 160, y: 80 },
    ]);
    expect(position('service')).toEqual({ x: 160, y: 80 });
    expect(past()).toBe(before + 1);
    state().undo();
    expect(position('service')).toEqual({ x: 0, y: 0 });
    state().redo();
    expect(position('service')).toEqual({ x: 160, y: 80 });
  });

  it('an edit made in the middle of a drag stays inside the drag’s single step', () => {
    state().addNodeAt('service', { x: 0, y: 0 });
    const before = past();
    state().onNodesChange([{ type: 'position', id: 'service', position: { x: 20, y: 0 }, dragging: true }]);
    state().beginGesture();
    state().updateNode('service', (n) => ({ ...n, label: 'Renamed mid-drag' }));
    state().endGesture();
    state().onNodesChange([{ type: 'position', id: 'service', position: { x: 40, y: 0 }, dragging: true }]);
    state().onNodesChange([{ type: 'position', id: 'service', position: { x: 60, y: 0 }, dragging: false }]);
    expect(past()).toBe(before + 1);
    state().undo();
    expect(position('service')).toEqual({ x: 0, y: 0 });
    expect(state().scenario.nodes[0].label).toBe('Service');
  });

  it('a click without movement leaves no undo step', () => {
    state().addNodeAt('service', { x: 0, y: 0 });
    const before = past();
    drag('service', [{ x: 0, y: 0 }]);
    expect(past()).toBe(before);
  });

  it('keystrokes in the same field merge into one step; a pause starts a new one', () => {
    vi.useFakeTimers();
    const id = state().addNodeAt('service', { x: 0, y: 0 })!;
    const setLabel = (label: string) =>
      state().updateNode(id, (n) => ({ ...n, label }), { mergeKey: `label:${id}` });
    const before = past();
    setLabel('A');
    vi.advanceTimersByTime(200);
    setLabel('AP');
    vi.advanceTimersByTime(200);
    setLabel('API');
    expect(past()).toBe(before + 1);
    vi.advanceTimersByTime(MERGE_WINDOW_MS + 1);
    setLabel('API 2');
    expect(past()).toBe(before + 2);
    state().undo();
    expect(state().scenario.nodes[0].label).toBe('API');
    state().undo();
    expect(state().scenario.nodes[0].label).toBe('Service');
  });

  it('an edit after an undo never merges into the undone step (redo history is dropped, the edit is kept)', () => {
    const id = state().addNodeAt('service', { x: 0, y: 0 })!;
    const setLabel = (label: string) =>
      state().updateNode(id, (n) => ({ ...n, label }), { mergeKey: `label:${id}` });
    setLabel('A');
    state().undo();
    setLabel('B');
    expect(store.temporal.getState().futureStates).toEqual([]);
    state().undo();
    expect(state().scenario.nodes[0].label).toBe('Service');
  });

  it('selection changes and node measurements are not undo steps', () => {
    state().addNodeAt('service', { x: 0, y: 0 });
    const before = past();
    state().onNodesChange([
      { type: 'select', id: 'service', selected: false },
      { type: 'dimensions', id: 'service', dimensions: { width: 200, height: 70 } },
    ]);
    expect(state().selectedNodeIds).toEqual([]);
    expect(state().nodeSizes.service).toEqual({ width: 200, height: 70 });
    expect(past()).toBe(before);
  });

  it('loading a preset is undoable; start-up loading is not', () => {
    state().replaceScenario(knownScenario());
    expect(state().scenario.nodes.length).toBeGreaterThan(0);
    state().undo();
    expect(state().scenario.nodes).toEqual([]);
    state().resetScenario(knownScenario());
    expect(past()).toBe(0);
  });
});

describe('connecting and deleting', () => {
  it('refuses an edge into a client and leaves the scenario unchanged', () => {
    state().addNodeAt('client', { x: 0, y: 0 });
    state().addNodeAt('service', { x: 200, y: 0 });
    const before = state().scenario;
    const r = state().connectNodes('service', 'client');
    expect(r.ok).toBe(false);
    expect(state().scenario).toBe(before);
  });

  it('deleting a node deletes its edges, in one undo step', () => {
    state().addNodeAt('client', { x: 0, y: 0 });
    state().addNodeAt('service', { x: 200, y: 0 });
    expect(state().connectNodes('client', 'service').ok).toBe(true);
    state().deleteElements(['service'], []);
    expect(state().scenario.edges).toEqual([]);
    state().undo();
    expect(state().scenario.edges.map((e) => e.id)).toEqual(['client-service']);
  });
});

describe('shared links and autosave', () => {
  it('a scenario opened from a link is marked until the first edit', () => {
    state().resetScenario(knownScenario(), { viewingSharedLink: true });
    expect(state().viewingSharedLink).toBe(true);
    state().onNodesChange([{ type: 'select', id: 'api', selected: true }]);
    expect(state().viewingSharedLink).toBe(true);
    state().updateNode('api', (n) => ({ ...n, label: 'Gateway' }));
    expect(state().viewingSharedLink).toBe(false);
  });
});
