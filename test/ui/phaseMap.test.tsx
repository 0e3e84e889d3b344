/**
 * The phase map as a user drives it, on a stand-in for the simulation
 * worker that answers like the retry storm (one attempt recovers, more stay
 * down): choose the two axes and their ranges, run, watch the grid fill in,
 * move between cells with the arrow keys, and open one cell's run.
 */
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { setHeadlessRunner, type HeadlessOptions } from '../../src/lab/headless';
import { emptySeries } from '../../src/lab/series';
import type { Scenario } from '../../src/scenario/schema';
import type { Results } from '../../src/sim/results';
import { SweepPanel } from '../../src/sweep/SweepPanel';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeScenarioJson } from '../../src/scenario/decode';
import { store, useFreshStore } from './helpers';

useFreshStore();

function preset(name: string): Scenario {
  const r = decodeScenarioJson(readFileSync(join(__dirname, `../../public/scenarios/${name}.json`), 'utf8'));
  if (!r.ok) throw new Error(r.error.message);
  return r.scenario;
}
afterEach(() => setHeadlessRunner(null));

/** A run of the storm: all succeed until the pause; afterwards they succeed again only with a single attempt. */
function stormSeries(s: Scenario) {
  const attempts = s.edges[0].retry?.maxAttempts ?? 1;
  const pause = s.faults![0];
  const series = emptySeries();
  for (let t = 1; t <= s.durationSec; t++) {
    const down = t > pause.atSec! && (attempts > 1 || t <= pause.atSec! + (pause.durationSec ?? 0) + 5);
    series.sec.push(t);
    series.p50.push(null);
    series.p99.push(null);
    series.writesPerSec.push(0);
    series.offeredPerSec.push(800);
    series.okPerSec.push(down ? 8 : 798);
    series.errorsPerSec.push(down ? 792 : 2);
  }
  return series;
}

const seen: { scenario: Scenario; options: HeadlessOptions }[] = [];
function installFake(hold = false) {
  seen.length = 0;
  setHeadlessRunner(
    (scenario, options) =>
      new Promise((resolve, reject) => {
        seen.push({ scenario, options });
        options.signal.addEventListener('abort', () => reject(new Error('cancelled')));
        if (!hold) setTimeout(() => resolve({ results: { ops: {}, nodes: {}, edges: {} } as unknown as Results, series: stormSeries(scenario) }), 0);
      }),
  );
}

describe('Sweep: two parameters (phase map)', () => {
  it('runs every pair of the chosen values on one seed, colours each cell by its verdict, and opens a cell’s run', async () => {
    installFake();
    const storm = preset('retry-storm');
    act(() => store().resetScenario(storm));
    render(<SweepPanel />);
    await userEvent.click(screen.getByRole('radio', { name: 'Two parameters (phase map)' }));

    const across = screen.getByRole('group', { name: 'Across (X)' });
    const up = screen.getByRole('group', { name: 'Up (Y)' });
    await userEvent.selectOptions(within(across).getByRole('combobox', { name: 'Parameter' }), 'API pause (gc-pause): lasts');
    await userEvent.selectOptions(within(up).getByRole('combobox', { name: 'Parameter' }), 'Users → API: attempts');
    const set = async (group: HTMLElement, name: string, value: string) => {
      const box = within(group).getByRole('textbox', { name });
      await userEvent.clear(box);
      await userEvent.type(box, `${value}{Enter}`);
    };
    await set(across, 'From', '1');
    await set(across, 'To', '4');
    await set(across, 'Values', '3');
    await userEvent.click(within(across).getByRole('radio', { name: 'Linear' }));
    await set(up, 'From', '1');
    await set(up, 'To', '3');
    await set(up, 'Values', '3');
    expect(screen.getByText(/^3 × 3 = 9 runs of 60 s simulated/)).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Run the phase map' }));
    await waitFor(() => expect(store().phaseMap.status).toBe('done'));
    expect(seen).toHaveLength(9);
    expect(new Set(seen.map((x) => `${x.scenario.seed}/${x.scenario.durationSec}`))).toEqual(new Set(['1/60']));
    expect(seen.every((x) => x.options.untilDuration)).toBe(true);
    expect(screen.getByRole('progressbar', { name: 'Phase map runs finished' })).toHaveAttribute('aria-valuetext', '9 of 9 runs');

    const grid = screen.getByRole('group', { name: /^Phase map: API pause \(gc-pause\): lasts across, Users → API: attempts up; 3 recover, 6 stay down$/ });
    const cells = within(grid).getAllByRole('button');
    expect(cells).toHaveLength(9);
    // Drawn top-down from the most attempts; each cell names its values, verdict and number.
    expect(cells[0]).toHaveAccessibleName(/^API pause \(gc-pause\): lasts 1 s, Users → API: attempts 3 attempts: stays down; 1% of requests succeed at the end \(99.8% before the fault\)$/);
    expect(cells[6]).toHaveAccessibleName(/^API pause \(gc-pause\): lasts 1 s, Users → API: attempts 1 attempts: recovers; 99.8% of requests succeed at the end/);
    expect(cells.filter((c) => /: recovers/.test(c.getAttribute('aria-label')!))).toHaveLength(3);
    expect(screen.getByText(/^Recovers: after the last fault ends/)).toBeInTheDocument();
    // The current scenario (a 2 s pause, 4 attempts) lies outside the attempts axis: no cell is marked.
    expect(cells.filter((c) => /the current scenario/.test(c.getAttribute('aria-label')!))).toHaveLength(0);

    // One tab stop; the arrow keys move between cells.
    expect(cells.filter((c) => c.tabIndex === 0)).toHaveLength(1);
    act(() => cells[0].focus());
    await userEvent.keyboard('{ArrowDown}{ArrowDown}{ArrowRight}');
    expect(cells[7]).toHaveFocus();
    expect(cells[7]).toHaveAttribute('aria-pressed', 'true');
    await userEvent.keyboard('{ArrowDown}');
    expect(cells[7]).toHaveFocus();

    await userEvent.click(screen.getByRole('button', { name: 'Open this run' }));
    const opened = store().scenario;
    expect(opened.faults![0].durationSec).toBe(2.5);
    expect(opened.edges[0].retry!.maxAttempts).toBe(1);
    expect(opened).toMatchObject({ seed: 1, durationSec: 60 });
    // Now the grid marks the opened run as the current scenario.
    expect(within(grid).getAllByRole('button')[7]).toHaveAccessibleName(/\(the current scenario\)$/);
    act(() => store().undo());
    expect(store().scenario.faults![0].durationSec).toBe(2);
    expect(store().scenario.edges[0].retry!.maxAttempts).toBe(4);
  });

  it('offers a 6 × 6 grid, refuses more than 12 values, saying why, and never the same parameter on both axes', async () => {
    act(() => store().resetScenario(preset('retry-storm')));
    render(<SweepPanel />);
    await userEvent.click(screen.getByRole('radio', { name: 'Two parameters (phase map)' }));
    const across = screen.getByRole('group', { name: 'Across (X)' });
    const values = within(across).getByRole('textbox', { name: 'Values' });
    await userEvent.clear(values);
    await userEvent.type(values, '13{Enter}');
    expect(within(across).getByText(/12/, { selector: '.field__problem, [role=alert], .number-field__problem' })).toBeInTheDocument();
    expect(screen.getByText(/^6 × 6 = 36 runs of 60 s simulated, \d at a time: .*, roughly\.$/)).toBeInTheDocument();
    // The other axis's parameter cannot be chosen on this one.
    const option = within(within(across).getByRole('combobox', { name: 'Parameter' })).getByRole('option', { name: 'Users → API: attempts' });
    expect(option).toBeDisabled();
  });

  it('can be cancelled: runs in flight stop, the cells not run say so, and Run starts again', async () => {
    installFake(true);
    act(() => store().resetScenario(preset('retry-storm')));
    render(<SweepPanel />);
    await userEvent.click(screen.getByRole('radio', { name: 'Two parameters (phase map)' }));
    await userEvent.click(screen.getByRole('button', { name: 'Run the phase map' }));
    await waitFor(() => expect(seen.length).toBeGreaterThanOrEqual(2));
    expect(screen.getAllByRole('button', { name: /: running/ }).length).toBe(seen.length);
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(store().phaseMap.status).toBe('cancelled');
    expect(seen.every((x) => x.options.signal.aborted)).toBe(true);
    expect(store().phaseMap.cells.every((c) => c.status === 'cancelled')).toBe(true);
    expect(screen.getByText(/^0 of 36 runs · cancelled$/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Run the phase map' })).toBeEnabled();
  });
});

describe('phase map CSV', () => {
  it('has one row per judged cell: both values with units, the verdict and the shares', async () => {
    const { phaseMapCsv } = await import('../../src/sweep/PhaseMapSection');
    const csv = phaseMapCsv({
      op: 'get',
      x: { parameterId: 'fault:gc:durationSec', label: 'API pause: lasts', unit: 's', values: [0.5, 2] },
      y: { parameterId: 'retry:users-api', label: 'Users → API: attempts', values: [1, 4] },
      cells: [
        { x: 0, y: 0, status: 'done', progress: 1, verdict: { kind: 'recovers', finalShare: 0.997, beforeShare: 1, judgedFromSec: 48 } },
        { x: 1, y: 1, status: 'done', progress: 1, verdict: { kind: 'staysDown', finalShare: 0, beforeShare: 1, judgedFromSec: 48 } },
        { x: 1, y: 0, status: 'running', progress: 0.5 },
      ],
    });
    expect(csv.split(/\r?\n/).filter(Boolean)).toEqual([
      'API pause: lasts (s),Users → API: attempts,verdict,get success share at the end (0-1),success share before the fault (0-1),judged from (s),stopped',
      '0.5,1,recovers,0.997,1,48,',
      '2,4,staysDown,0,1,48,',
    ]);
  });
});
