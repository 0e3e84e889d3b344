/**
 * The edge inspector's resilience section, as a user sees it: timeout,
 * retries, hedging and a circuit breaker, each generated from its metadata
 * with the lesson behind every field; async calls have none of them.
 */
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { Inspector } from '../../src/inspector/Inspector';
import { valueAt } from '../../src/inspector/fields/OptionalGroup';
import { EDGE_META, EDGE_POLICY_META } from '../../src/scenario/kinds';
import { EdgeSchema } from '../../src/scenario/schema';
import { store, useFreshStore } from './helpers';

useFreshStore();

const edge = () => store().scenario.edges.find((e) => e.id === 'api-db')!;

function openEdge() {
  act(() => store().select([], ['api-db']));
  render(<Inspector />);
}

describe('resilience metadata', () => {
  for (const [policy, meta] of Object.entries(EDGE_POLICY_META)) {
    it(`what “${meta.addLabel}” creates is what the schema reads back, every field included`, () => {
      const r = EdgeSchema.safeParse({ id: 'e', source: 'a', target: 'b', [policy]: meta.added });
      expect(r.success).toBe(true);
      expect(r.data?.[policy as keyof typeof EDGE_POLICY_META]).toEqual(meta.added);
      for (const field of meta.fields) {
        const optional = 'absentMeans' in field.meta;
        if (!optional) expect(valueAt(meta.added, field.path), field.path).toBeDefined();
        expect(field.meta.help.length, field.path).toBeGreaterThan(20);
      }
    });
  }
});

describe('resilience section of a sync edge', () => {
  it('lists timeout, retries, hedging and a breaker, each absent until added and saying what that means', () => {
    openEdge();
    const section = screen.getByRole('group', { name: 'Resilience' });
    expect(within(section).getByRole('checkbox', { name: 'wait for ever' })).toBeChecked();
    for (const policy of Object.values(EDGE_POLICY_META)) {
      expect(within(section).getByText(`None: ${policy.absentMeans}`)).toBeInTheDocument();
      expect(within(section).getByRole('button', { name: policy.addLabel })).toBeInTheDocument();
    }
  });

  it('adds a hedge, sets when it fires, and the scenario follows', async () => {
    openEdge();
    await userEvent.click(screen.getByRole('button', { name: 'Add hedging' }));
    expect(edge().hedge).toEqual({ afterMs: 50, maxHedges: 1 });
    const hedging = screen.getByRole('group', { name: 'Hedging' });
    // The callee's tail is what a hedge's delay is set against.
    expect(within(hedging).getByText(/Database’s service time: p95 25 ms, p99 50 ms/)).toBeInTheDocument();
    const after = within(hedging).getByRole('textbox', { name: 'Hedge after' });
    expect(after).toHaveAccessibleDescription(EDGE_META.hedgeAfterMs.help);
    await userEvent.clear(after);
    await userEvent.type(after, '30{Enter}');
    expect(edge().hedge).toEqual({ afterMs: 30, maxHedges: 1 });
    const copies = within(hedging).getByRole('textbox', { name: 'Copies' });
    await userEvent.clear(copies);
    await userEvent.type(copies, '4{Enter}');
    expect(screen.getByText('Copies: expected an integer ≤ 3.')).toBeInTheDocument();
    expect(copies).toHaveAttribute('aria-invalid', 'true');
    expect(edge().hedge?.maxHedges).toBe(1);
    await userEvent.click(screen.getByRole('button', { name: 'Remove hedging' }));
    expect(edge()).not.toHaveProperty('hedge');
  });

  it('adds a circuit breaker with every field and its lesson, and refuses a failure share above 1', async () => {
    openEdge();
    await userEvent.click(screen.getByRole('button', { name: 'Add a circuit breaker' }));
    expect(edge().breaker).toEqual({ failureRatio: 0.5, minCalls: 20, windowSec: 10, openSec: 5 });
    const breaker = screen.getByRole('group', { name: 'Circuit breaker' });
    for (const meta of [EDGE_META.breakerFailureRatio, EDGE_META.breakerMinCalls, EDGE_META.breakerWindowSec, EDGE_META.breakerOpenSec]) {
      expect(within(breaker).getByRole('textbox', { name: meta.label })).toHaveAccessibleDescription(meta.help);
    }
    const share = within(breaker).getByRole('textbox', { name: 'Opens at failure share' });
    await userEvent.clear(share);
    await userEvent.type(share, '1.5{Enter}');
    expect(share).toHaveAccessibleDescription(expect.stringContaining('Opens at failure share: expected a number ≤ 1.'));
    expect(edge().breaker?.failureRatio).toBe(0.5);
    const open = within(breaker).getByRole('textbox', { name: 'Stays open' });
    await userEvent.clear(open);
    await userEvent.type(open, '2{Enter}');
    expect(edge().breaker?.openSec).toBe(2);
  });

  it('retries keep their cause checkboxes and the fields that depend on the backoff', async () => {
    openEdge();
    await userEvent.click(screen.getByRole('button', { name: 'Add retries' }));
    const retries = screen.getByRole('group', { name: 'Retries' });
    expect(within(retries).getByRole('textbox', { name: 'Multiplier' })).toBeInTheDocument();
    await userEvent.click(within(retries).getByRole('radio', { name: 'None: at once' }));
    expect(edge().retry?.backoff.type).toBe('none');
    expect(within(retries).queryByRole('textbox', { name: 'Base delay' })).toBeNull();
    await userEvent.click(within(retries).getByRole('checkbox', { name: 'a timeout' }));
    expect(edge().retry?.on).toEqual(['error']);
    await userEvent.click(within(retries).getByRole('checkbox', { name: 'a timeout' }));
    expect(edge().retry?.on).toEqual(['timeout', 'error']);
    // A budget switched off again leaves no empty object behind.
    await userEvent.click(within(retries).getByRole('checkbox', { name: 'unlimited' }));
    expect(edge().retry?.budget?.ratio).toBeGreaterThan(0);
    await userEvent.click(within(retries).getByRole('checkbox', { name: 'unlimited' }));
    expect(edge().retry).not.toHaveProperty('budget');
  });

  it('switching to async drops timeout, retries, hedging and the breaker in one undo step', async () => {
    openEdge();
    await userEvent.click(screen.getByRole('checkbox', { name: 'wait for ever' }));
    await userEvent.click(screen.getByRole('button', { name: 'Add retries' }));
    await userEvent.click(screen.getByRole('button', { name: 'Add hedging' }));
    await userEvent.click(screen.getByRole('button', { name: 'Add a circuit breaker' }));
    expect(edge()).toMatchObject({ timeoutMs: expect.any(Number), retry: expect.any(Object), hedge: expect.any(Object), breaker: expect.any(Object) });
    await userEvent.click(screen.getByRole('radio', { name: 'Async' }));
    for (const field of ['timeoutMs', 'retry', 'hedge', 'breaker']) expect(edge()).not.toHaveProperty(field);
    expect(screen.queryByRole('group', { name: 'Resilience' })).toBeNull();
    act(() => store().undo());
    expect(edge()).toMatchObject({ mode: 'sync', timeoutMs: expect.any(Number), retry: expect.any(Object), hedge: expect.any(Object), breaker: expect.any(Object) });
  });

  it('undo takes a hedge back off', async () => {
    openEdge();
    await userEvent.click(screen.getByRole('button', { name: 'Add hedging' }));
    expect(edge().hedge).toBeDefined();
    act(() => store().undo());
    expect(edge()).not.toHaveProperty('hedge');
    expect(await screen.findByRole('button', { name: 'Add hedging' })).toBeInTheDocument();
  });

  it('says when a combination does nothing: retrying timeouts without a timeout, a hedge later than the timeout', async () => {
    openEdge();
    await userEvent.click(screen.getByRole('button', { name: 'Add retries' }));
    expect(screen.getByRole('note')).toHaveTextContent('Retries after a timeout need a timeout');
    await userEvent.click(screen.getByRole('checkbox', { name: 'wait for ever' }));
    expect(screen.queryByRole('note')).toBeNull();
    const timeout = screen.getByRole('textbox', { name: 'Timeout' });
    await userEvent.clear(timeout);
    await userEvent.type(timeout, '40{Enter}');
    await userEvent.click(screen.getByRole('button', { name: 'Add hedging' }));
    expect(screen.getByRole('note')).toHaveTextContent('The hedge fires after 50 ms but the attempt times out at 40 ms: no copy is ever sent.');
  });
});
