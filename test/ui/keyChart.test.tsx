/**
 * The "One key" chart and the data figures on the canvas, fed by the real
 * worker runner (the dual-writes preset, a key that ends diverged at the
 * index): legend and sentence say where each copy stands; the key field
 * applies a whole key on Enter, refuses one that is not with a reason and
 * puts the watched one back on Esc; Pick… is worked with the keyboard and a
 * key chosen there replays the run from the start.
 */
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { availableCharts } from '../../src/charts/chartChoice';
import { KeyTimelineChart } from '../../src/charts/KeyTimelineChart';
import type { RunDriver } from '../../src/run/driver';
import { useAppStore } from '../../src/store';
import type { SnapshotEvent, WorkerEvent } from '../../src/worker/protocol';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeScenarioJson } from '../../src/scenario/decode';
import type { Scenario } from '../../src/scenario/schema';
import { harness } from '../worker/harness';
import { store, useFreshStore } from './helpers';

useFreshStore();

function preset(name: string): Scenario {
  const r = decodeScenarioJson(readFileSync(join(process.cwd(), `public/scenarios/${name}.json`), 'utf8'));
  if (!r.ok) throw new Error(r.error.message);
  return r.scenario;
}

/** The preset, 20 simulated seconds, run to its end by the worker's runner watching `key`; its events folded into the store. */
function runToEnd(key: number) {
  const scenario = { ...preset('dual-writes'), durationSec: 20 };
  const h = harness('virtual');
  h.send({ type: 'watchKey', key });
  h.send({ type: 'load', runId: 1, scenario, speed: 'max', play: true });
  h.clock.advance(120_000);
  act(() => {
    useAppStore.setState({ runId: 1, runScenario: scenario, scenario, watchedKey: key, runStatus: 'running' });
    store().receiveRunEvents(h.events as WorkerEvent[]);
  });
  return h.last() as SnapshotEvent;
}

function fakeDriver() {
  const calls: string[] = [];
  let seq = 0;
  const driver: RunDriver = {
    load: () => (calls.push('load'), { runId: 2, seq: ++seq }),
    play: () => ++seq,
    pause: () => ++seq,
    step: () => ++seq,
    setSpeed: () => ++seq,
    injectFault: () => ++seq,
    watchKey: (k) => (calls.push(`watch ${k}`), ++seq),
    restart: () => ({ runId: 2, seq: ++seq }),
  };
  act(() => store().attachRunDriver(driver));
  return calls;
}

describe('the One key chart', () => {
  it('is offered for a keyed scenario with a cache or an index, and not otherwise', () => {
    const scenario = preset('dual-writes');
    const w = [{ ops: [], nodes: [], edges: [] }] as never;
    expect(availableCharts(w, scenario).split(' ')).toContain('key');
    expect(availableCharts(w, { ...scenario, keys: undefined }).split(' ')).not.toContain('key');
  });

  it('says where a diverged key stands at every copy, and that it diverged for good', () => {
    const probe = runToEnd(0);
    const key = probe.diverged!.find((d) => d.node === 'index')!.keys[0];
    const final = runToEnd(key);
    expect(store().live!.resultsFinal).toBe(true);
    render(<KeyTimelineChart />);
    const card = screen.getByRole('figure', { name: 'One key' });
    const t = store().live!.keyTimeline!;
    expect(t.key).toBe(key);
    const legend = within(card).getByRole('list');
    expect(legend).toHaveTextContent(/Database\s*v\d+/);
    const index = final.results!.nodes.index.divergedKeys!;
    expect(index).toBeGreaterThan(0);
    expect(card).toHaveTextContent(/The run is over and Search index still serves v\d+ while the database holds v\d+: key \d+ diverged for good\./);
    expect(card.querySelector('.chart-card-note')!.textContent).toContain(`key ${key} diverged for good`);
  });

  it('takes a whole key from its field on Enter, refuses one that is not, and Esc puts the watched one back', async () => {
    runToEnd(66);
    const calls = fakeDriver();
    act(() => useAppStore.setState({ runStatus: 'running' }));
    const user = userEvent.setup();
    render(<KeyTimelineChart />);
    const field = screen.getByRole('textbox', { name: 'Key to watch' });
    expect(field).toHaveValue('66');
    await user.clear(field);
    await user.type(field, '2.5{Enter}');
    expect(screen.getByRole('alert')).toHaveTextContent('A key is a whole number from 0 to 999.');
    expect(field).toHaveAttribute('aria-invalid', 'true');
    await user.keyboard('{Escape}');
    expect(field).toHaveValue('66');
    expect(screen.queryByRole('alert')).toBeNull();
    await user.clear(field);
    await user.type(field, '5{Enter}');
    expect(store().watchedKey).toBe(5);
    // Mid-run: watched from now, no restart.
    expect(calls).toEqual(['watch 5']);
  });

  it('Pick… opens on its first item from the keyboard; a diverged key there replays the run from the start', async () => {
    runToEnd(66);
    const calls = fakeDriver();
    act(() => useAppStore.setState({ runStatus: 'finished' }));
    const user = userEvent.setup();
    render(<KeyTimelineChart />);
    screen.getByRole('button', { name: 'Pick…' }).focus();
    await user.keyboard('{Enter}');
    const menu = screen.getByRole('menu', { name: 'Keys to watch' });
    const items = within(menu).getAllByRole('menuitem');
    expect(items[0]).toHaveFocus();
    expect(items[0]).toHaveTextContent('Key 0 — the most popular');
    await user.keyboard('{ArrowDown}');
    expect(items[1]).toHaveFocus();
    const differ = within(within(menu).getByRole('group', { name: 'Keys that differ at Search index' })).getAllByRole('menuitem')[0];
    const key = Number(differ.textContent!.match(/Key (\d+)/)![1]);
    differ.focus();
    await user.keyboard('{Enter}');
    expect(screen.queryByRole('menu')).toBeNull();
    expect(store().watchedKey).toBe(key);
    expect(calls).toEqual(['load']);
  });
});
