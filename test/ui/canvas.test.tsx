/**
 * The canvas drawn from the scenario: a node per component with its key
 * parameters at a glance, edges that show what they carry, and the palette.
 */
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../../src/App';
import { store, useFreshStore } from './helpers';

useFreshStore();

describe('canvas', () => {
  it('draws every component with its key parameters at a glance', async () => {
    render(<App />);
    expect(await screen.findByRole('group', { name: 'Database, database: 8 connections · 5 ms p50' })).toBeInTheDocument();
    expect(screen.getByRole('group', { name: 'API, service: 8 servers · 2 ms mean' })).toBeInTheDocument();
    expect(screen.getByRole('group', { name: 'Cache, cache: 90% hits · 1 ms' })).toBeInTheDocument();
    expect(screen.getByRole('group', { name: 'Readers, client: read · 400 req/s' })).toBeInTheDocument();
  });

  it('edges show their fan-out, operations filter, probability and async mode', async () => {
    render(<App />);
    act(() =>
      store().updateEdge('api-db', (e) => ({ ...e, fanout: { type: 'fixed', n: 100 }, mode: 'async', probability: 0.5 })),
    );
    const label = (await screen.findByText('×100')).closest('.edge-label') as HTMLElement;
    expect(within(label).getByText('write')).toBeInTheDocument();
    expect(within(label).getByText('50% of requests')).toBeInTheDocument();
    expect(within(label).getByText('async')).toBeInTheDocument();
  });

  it('a click on a palette item adds that component and opens it in the inspector', async () => {
    render(<App />);
    await userEvent.click(screen.getByRole('button', { name: 'Add Queue' }));
    expect(store().scenario.nodes.some((n) => n.kind === 'queue')).toBe(true);
    // The inspector mounts a few tasks after the canvas (App.tsx).
    const inspector = await screen.findByRole('complementary', { name: 'Inspector' });
    expect(within(inspector).getByRole('heading', { name: 'Queue' })).toBeInTheDocument();
    expect(await screen.findByRole('group', { name: /^Queue, queue: 1 consumer · unbounded/ })).toBeInTheDocument();
  });

  it('the palette lists every kind the engine runs, each with its description', () => {
    render(<App />);
    const palette = screen.getByRole('complementary', { name: 'Components' });
    const items = within(palette).getAllByRole('button');
    expect(items.map((b) => b.getAttribute('aria-label'))).toEqual([
      'Add Client',
      'Add Load balancer',
      'Add Service',
      'Add Database',
      'Add Cache',
      'Add Queue',
      'Add Log (Kafka)',
      'Add Search index',
      'Add Batch job',
    ]);
    expect(screen.getByRole('button', { name: 'Add Cache' })).toHaveAccessibleDescription(
      'Answers hits fast; misses fall through to the nodes behind it.',
    );
  });
});
