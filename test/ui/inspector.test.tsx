/**
 * The inspector, as a user sees it: fields generated from the kind metadata,
 * changes applied at once, invalid values explained in the schema's words
 * and never applied.
 */
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { Inspector } from '../../src/inspector/Inspector';
import { KINDS } from '../../src/scenario/kinds';
import { node, store, useFreshStore } from './helpers';

useFreshStore();

function selectNode(id: string) {
  act(() => store().select([id]));
}

describe('node inspector', () => {
  it('shows every parameter of the kind, with its unit and its lesson as the description', () => {
    selectNode('api');
    render(<Inspector />);
    expect(screen.getByRole('heading', { name: 'Service' })).toBeInTheDocument();
    const servers = screen.getByRole('textbox', { name: 'Servers' });
    expect(servers).toHaveValue('8');
    expect(servers).toHaveAccessibleDescription(KINDS.service.params.servers.help);
    expect(screen.getByRole('combobox', { name: 'Service time' })).toHaveValue('exponential');
    expect(screen.getByRole('radiogroup', { name: 'Downstream calls' })).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: 'unbounded' })).toBeChecked();
  });

  it('applies a valid value on Enter', async () => {
    selectNode('api');
    render(<Inspector />);
    const servers = screen.getByRole('textbox', { name: 'Servers' });
    await userEvent.clear(servers);
    await userEvent.type(servers, '32{Enter}');
    expect(node('api').params).toMatchObject({ servers: 32 });
  });

  it('explains an invalid value and does not apply it', async () => {
    selectNode('api');
    render(<Inspector />);
    const servers = screen.getByRole('textbox', { name: 'Servers' });
    await userEvent.clear(servers);
    await userEvent.type(servers, '-3{Enter}');
    expect(screen.getByText('Expected an integer ≥ 1.')).toBeInTheDocument();
    expect(servers).toHaveAttribute('aria-invalid', 'true');
    expect(servers).toHaveAccessibleDescription(expect.stringContaining('Expected an integer ≥ 1.'));
    expect(node('api').params).toMatchObject({ servers: 8 });
  });

  it('refuses a lognormal whose p99 is below its median, naming both fields', async () => {
    selectNode('db');
    render(<Inspector />);
    const p99 = screen.getByRole('textbox', { name: 'p99' });
    await userEvent.clear(p99);
    await userEvent.type(p99, '2{Enter}');
    expect(screen.getByText('Expected p99 ≥ median (p50).')).toBeInTheDocument();
    expect(node('db').params).toMatchObject({ serviceTimeMs: { type: 'lognormal', medianMs: 5, p99Ms: 50 } });
  });

  it('switching the service-time shape keeps its mean, and the density plot says so', async () => {
    selectNode('api');
    render(<Inspector />);
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Service time' }), 'constant');
    expect(node('api').params).toMatchObject({ serviceTimeMs: { type: 'constant', valueMs: 2 } });
    expect(screen.getByRole('img', { name: /Density of the service time: mean 2 ms/ })).toBeInTheDocument();
  });

  it('an optional bound can be switched on and off', async () => {
    selectNode('api');
    render(<Inspector />);
    await userEvent.click(screen.getByRole('checkbox', { name: 'unbounded' }));
    expect(node('api').params).toMatchObject({ queueCapacity: 100 });
    await userEvent.click(screen.getByRole('checkbox', { name: 'unbounded' }));
    expect('queueCapacity' in node('api').params).toBe(false);
  });

  it('renaming a client’s operation keeps the edges that filter on it', async () => {
    selectNode('readers');
    render(<Inspector />);
    // A text field with suggestions (the operations already in use) is a combobox.
    const op = screen.getByRole('combobox', { name: 'Operation' });
    await userEvent.clear(op);
    expect(screen.getByText('Expected an operation name of 1–64 characters.')).toBeInTheDocument();
    await userEvent.type(op, 'lookup');
    expect(store().scenario.edges.find((e) => e.id === 'api-cache')?.ops).toEqual(['lookup']);
  });

  it('typing in a field is one undo step', async () => {
    selectNode('api');
    render(<Inspector />);
    const name = screen.getByRole('textbox', { name: 'Name' });
    await userEvent.clear(name);
    await userEvent.type(name, 'Gateway');
    expect(node('api').label).toBe('Gateway');
    act(() => store().undo());
    expect(node('api').label).toBe('API');
  });
});

describe('edge inspector', () => {
  it('edits the fan-out, the operations filter and the mode', async () => {
    act(() => store().select([], ['api-db']));
    render(<Inspector />);
    expect(screen.getByRole('heading', { name: 'API → Database' })).toBeInTheDocument();
    const calls = screen.getByRole('textbox', { name: 'Calls per request' });
    await userEvent.clear(calls);
    await userEvent.type(calls, '100{Enter}');
    await userEvent.click(screen.getByRole('radio', { name: 'Async' }));
    await userEvent.click(within(screen.getByRole('group', { name: 'Operations' })).getByRole('checkbox', { name: 'read' }));
    const edge = store().scenario.edges.find((e) => e.id === 'api-db');
    expect(edge).toMatchObject({ fanout: { type: 'fixed', n: 100 }, mode: 'async', ops: ['read', 'write'] });
  });

  it('a log shows its parameters, and an edge out of it (a consumer group) its consumers — only there', async () => {
    act(() =>
      store().editScenario((s) => ({
        ...s,
        nodes: [...s.nodes, { id: 'topic', kind: 'log', params: { partitions: 6, appendTimeMs: { type: 'constant', valueMs: 2 }, commitIntervalMs: 1000 } }],
        edges: [...s.edges, { id: 'topic-db', source: 'topic', target: 'db', fanout: { type: 'fixed', n: 1 }, probability: 1, mode: 'sync' }],
      })),
    );
    selectNode('topic');
    const { unmount } = render(<Inspector />);
    expect(screen.getByRole('heading', { name: KINDS.log.title })).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Partitions' })).toHaveValue('6');
    expect(screen.getByRole('textbox', { name: 'Partitions' })).toHaveAccessibleDescription(KINDS.log.params.partitions.help);
    unmount();
    act(() => store().select([], ['topic-db']));
    const second = render(<Inspector />);
    const consumers = screen.getByRole('textbox', { name: 'Consumers' });
    expect(consumers).toHaveValue('1');
    await userEvent.clear(consumers);
    await userEvent.type(consumers, '3{Enter}');
    expect(store().scenario.edges.find((e) => e.id === 'topic-db')).toMatchObject({ consumers: 3 });
    second.unmount();
    act(() => store().select([], ['api-db']));
    render(<Inspector />);
    expect(screen.queryByRole('textbox', { name: 'Consumers' })).toBeNull();
  });

  it('a fan-out per follower brings a follower graph with it, in the same undo step', async () => {
    act(() => store().select([], ['api-db']));
    render(<Inspector />);
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Fan-out' }), 'followers');
    expect(store().scenario.population).toBeDefined();
    expect(screen.getByText(/Drawn from the scenario’s follower graph/)).toBeInTheDocument();
    act(() => store().undo());
    expect(store().scenario.population).toBeUndefined();
  });

  it('a sync call can get a timeout; an async call has none, since nobody waits for it', async () => {
    act(() => store().select([], ['api-db']));
    render(<Inspector />);
    await userEvent.click(screen.getByRole('checkbox', { name: 'wait for ever' }));
    const timeout = store().scenario.edges.find((e) => e.id === 'api-db')?.timeoutMs;
    expect(timeout).toBeGreaterThan(0);
    const field = screen.getByRole('textbox', { name: 'Timeout' });
    await userEvent.clear(field);
    await userEvent.type(field, '250{Enter}');
    expect(store().scenario.edges.find((e) => e.id === 'api-db')?.timeoutMs).toBe(250);
    await userEvent.click(screen.getByRole('radio', { name: 'Async' }));
    expect(store().scenario.edges.find((e) => e.id === 'api-db')).not.toHaveProperty('timeoutMs');
    expect(screen.queryByRole('textbox', { name: 'Timeout' })).toBeNull();
  });

  it('retries are added with exponential backoff and full jitter, edited, and removed', async () => {
    act(() => store().select([], ['api-db']));
    render(<Inspector />);
    await userEvent.click(screen.getByRole('button', { name: 'Add retries' }));
    const retry = () => store().scenario.edges.find((e) => e.id === 'api-db')?.retry;
    expect(retry()).toMatchObject({ maxAttempts: 3, backoff: { type: 'exponential', baseMs: 10 }, jitter: 'full' });
    await userEvent.click(screen.getByRole('radio', { name: 'Constant' }));
    expect(retry()?.backoff.type).toBe('constant');
    expect(screen.queryByRole('textbox', { name: 'Multiplier' })).toBeNull();
    await userEvent.click(screen.getByRole('checkbox', { name: 'an error' }));
    expect(retry()?.on).toEqual(['timeout']);
    await userEvent.click(screen.getByRole('checkbox', { name: 'unlimited' }));
    expect(retry()?.budget?.ratio).toBeGreaterThan(0);
    await userEvent.click(screen.getByRole('button', { name: 'Remove retries' }));
    expect(retry()).toBeUndefined();
  });

  it('a network delay is added, shaped like any distribution, and removed again', async () => {
    act(() => store().select([], ['api-db']));
    render(<Inspector />);
    expect(screen.getByText('None: a call arrives the moment it is made.')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Add a network delay' }));
    expect(store().scenario.edges.find((e) => e.id === 'api-db')?.latencyMs).toEqual({ type: 'constant', valueMs: 0.5 });
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Network delay (each way)' }), 'exponential');
    expect(store().scenario.edges.find((e) => e.id === 'api-db')?.latencyMs).toMatchObject({ type: 'exponential' });
    await userEvent.click(screen.getByRole('button', { name: 'Remove the network delay' }));
    expect(store().scenario.edges.find((e) => e.id === 'api-db')).not.toHaveProperty('latencyMs');
  });
});

describe('scenario settings', () => {
  it('show when nothing is selected, and refuse a warm-up as long as the run', async () => {
    render(<Inspector />);
    const warmup = screen.getByRole('textbox', { name: 'Warm-up' });
    await userEvent.clear(warmup);
    await userEvent.type(warmup, '900{Enter}');
    expect(screen.getByText('Expected a warm-up shorter than the duration (600 s).')).toBeInTheDocument();
    // A value applies only when complete: neither "9" nor "90" on the way, nor the invalid "900".
    expect(store().scenario.warmupSec).toBe(5);
  });
});
