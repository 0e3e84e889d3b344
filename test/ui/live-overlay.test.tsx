/**
 * While a simulation runs, nodes and edges show their live load through the
 * live-statistics hooks; with no run, they show none.
 */
import { act, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { App } from '../../src/App';
import { RunBanner } from '../../src/run/RunBanner';
import { useAppStore } from '../../src/store';
import { store, useFreshStore } from './helpers';

vi.mock('../../src/run/liveSelectors', () => ({
  useNodeLiveStats: (id: string) =>
    id === 'db' ? { utilization: 1.02, queueLength: 37, errorsPerSec: 2.5, overloaded: true } : undefined,
  useEdgeLiveStats: (id: string) => (id === 'cache-db' ? { callsPerSec: 40 } : undefined),
}));

useFreshStore();

describe('live overlay', () => {
  it('an overloaded node says so, with its utilization, queue and errors', async () => {
    render(<App />);
    const db = await screen.findByRole('group', { name: /^Database,/ });
    expect(db).toHaveTextContent('Overloaded — queue growing');
    expect(db).toHaveTextContent('102% busy · 37 queued · 2.5 errors/s');
    expect(screen.getByRole('group', { name: /^API,/ })).not.toHaveTextContent('busy');
  });

  it('an overloaded node with a bounded queue says it is full and turning requests away, never that it grows', async () => {
    act(() => store().updateNode('db', (n) => ({ ...n, params: { ...n.params, queueCapacity: 50 } }) as typeof n));
    render(<App />);
    const db = await screen.findByRole('group', { name: /^Database,/ });
    expect(db).toHaveTextContent('Overloaded — queue full, turning requests away');
    expect(db).not.toHaveTextContent('growing');
  });

  it('the banner says a bounded queue fills and does not grow without bound', () => {
    act(() => {
      store().updateNode('db', (n) => ({ ...n, params: { ...n.params, queueCapacity: 50 } }) as typeof n);
      useAppStore.setState({
        live: { meta: { nodes: [{ id: 'db', kind: 'database', label: 'Database', servers: 8 }] }, nodeStats: { db: { overloaded: true } }, stopped: null } as never,
      });
    });
    render(<RunBanner />);
    const banner = screen.getByRole('status');
    expect(banner).toHaveTextContent('Overloaded — queue full: Database');
    expect(banner).not.toHaveTextContent('without bound');
  });

  it('an edge shows its calls per second', async () => {
    render(<App />);
    expect(await screen.findByText('40 calls/s')).toBeInTheDocument();
  });
});
