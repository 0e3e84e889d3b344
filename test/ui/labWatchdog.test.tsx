/**
 * A hung Compare or Sweep worker as the user sees it: the variant or point
 * that hung says what happened and what to do, the others show their
 * results, and running again works.
 */
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ComparePanel } from '../../src/compare/ComparePanel';
import { setHeadlessRunner } from '../../src/lab/headless';
import { workerHeadlessRunner } from '../../src/lab/workerRunner';
import { defaultScenario } from '../../src/scenario/presets';
import type { Scenario } from '../../src/scenario/schema';
import type { Results } from '../../src/sim/results';
import { SweepPanel } from '../../src/sweep/SweepPanel';
import { ScriptedWorker } from '../store/scriptedWorker';
import { store, useFreshStore } from './helpers';

function results(s: Scenario): Results {
  const lat = { mean: 3, p50: 2, p90: 5, p95: 6, p99: 9, p999: 12, max: 20 };
  return {
    ops: { timeline: { count: 1000, errors: 0, unfinished: 0, throughputPerSec: 3000, latencyMs: lat } },
    nodes: Object.fromEntries(s.nodes.map((n) => [n.id, { utilization: 0.5 }])),
    edges: {},
  } as unknown as Results;
}

useFreshStore();
let hangs: Set<number>;
let created: number;
beforeEach(() => {
  store().resetScenario(defaultScenario());
  hangs = new Set([0]);
  created = 0;
  setHeadlessRunner(workerHeadlessRunner(() => new ScriptedWorker(results, hangs.has(created++)), { intervalMs: 20, timeoutMs: 80 }));
});
afterEach(() => setHeadlessRunner(null));

describe('a worker that hangs', () => {
  it('in Compare: its variant says the simulation stopped answering, the other shows results, and Run again runs both', async () => {
    store().setCompare({ variants: [{ kind: 'current' }, { kind: 'current' }], durationSec: 30 });
    render(<ComparePanel />);
    await userEvent.click(screen.getByRole('button', { name: 'Run the comparison' }));
    await waitFor(() => expect(store().compare.status).toBe('done'), { timeout: 10_000 });
    expect(screen.getByText(/^Current scenario: the simulation stopped answering for \d s and was stopped — .*run again$/)).toBeInTheDocument();
    hangs = new Set();
    await userEvent.click(screen.getByRole('button', { name: 'Run again' }));
    await waitFor(() => expect(store().compare.runs.map((r) => r.status)).toEqual(['done', 'done']));
    expect(screen.queryByText(/stopped answering/)).not.toBeInTheDocument();
  });

  it('in Sweep: the point that hung is named with what happened', async () => {
    render(<SweepPanel />);
    await userEvent.click(screen.getByRole('button', { name: 'Run the sweep' }));
    await waitFor(() => expect(store().sweep.status).toBe('done'), { timeout: 15_000 });
    const first = store().sweep.points[0].value.toLocaleString('en-US');
    expect(screen.getByText(new RegExp(`^At ${first}\\b.*: the simulation stopped answering for \\d s`))).toBeInTheDocument();
    expect(screen.getByRole('progressbar', { name: 'Sweep points finished' })).toHaveAttribute('aria-valuetext', `${store().sweep.points.length} of ${store().sweep.points.length} points`);
  });
});
