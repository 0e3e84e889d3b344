/** The batch jobs chart: the last job's copies counted as the Gantt chart marks them, and every job of the run. */
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { BatchJobsChart, ganttSummary } from '../../src/charts/BatchJobsChart';
import { useAppStore } from '../../src/store';
import type { BatchJobTrace } from '../../src/worker/protocol';
import { useFreshStore } from './helpers';

useFreshStore();

const copy = (task: number, worker: number, startMs: number, endMs: number, backup = false, won = true) => ({ task, worker, startMs, endMs, backup, won });

/** Four tasks on two workers: three take 10 s; one straggles (40 s) until its backup, started at 20 s, wins at 31 s. */
const job: BatchJobTrace = {
  startMs: 60_000,
  endMs: 91_000,
  records: 40_000,
  tasks: 4,
  workers: 2,
  truncated: false,
  copies: [copy(0, 0, 60_000, 70_000), copy(1, 1, 60_000, 91_000, false, false), copy(2, 0, 70_000, 80_000), copy(3, 0, 80_000, 90_000), copy(1, 0, 80_000, 91_000, true, true)],
};

function show(batch: Record<string, unknown>) {
  act(() =>
    useAppStore.setState({
      live: { meta: { durationSec: 300, nodes: [{ id: 'sort', kind: 'batch', label: 'Sort', servers: 2 }], ops: [], edges: [] }, batch } as never,
    }),
  );
}

describe('batch jobs chart', () => {
  it('counts what the Gantt chart marks: the median task, stragglers (twice the median or more), backup copies and the copies they beat', () => {
    // Task 1's original ran 31 s (over twice the 10 s median) until its backup won: a straggler, beaten.
    expect(ganttSummary(job)).toEqual({ copies: 5, stragglers: 1, backups: 1, beaten: 0, medianMs: 10_000, slowestMs: 11_000 });
    const lostBackup = { ...job, copies: [...job.copies, copy(2, 1, 75_000, 80_000, true, false)] };
    expect(ganttSummary(lostBackup)).toMatchObject({ stragglers: 1, backups: 2, beaten: 1 });
    const slow = { ...job, copies: [...job.copies, copy(4, 1, 60_000, 95_000)] };
    expect(ganttSummary(slow).stragglers).toBe(2);
  });

  it('says what to wait for before a job has finished, then draws the last one with its figures; All jobs shows every job', async () => {
    show({});
    render(<BatchJobsChart />);
    expect(screen.getByText(/Sort: no job has finished yet/)).toBeInTheDocument();
    show({ sort: { node: 'sort', last: job, history: [{ startMs: 0, endMs: 25_000, records: 30_000, tasks: 3, backupTasks: 0 }, { startMs: 60_000, endMs: 91_000, records: 40_000, tasks: 4, backupTasks: 1 }] } });
    const card = screen.getByRole('figure', { name: 'Batch jobs' });
    expect(within(card).getByText(/Sort · last job: 40,000 records in 4 tasks on 2 workers, 31 s/)).toBeInTheDocument();
    expect(within(card).getByRole('img', { name: /5 task copies on 2 workers over 31 s: 1 stragglers, 1 backup copies/ })).toBeInTheDocument();
    expect(card).toHaveTextContent('backup copy1');
    await userEvent.click(within(card).getByRole('button', { name: 'All jobs' }));
    expect(within(card).getByRole('img', { name: '2 jobs; the longest took 31 s' })).toBeInTheDocument();
    expect(card).toHaveTextContent('mean job time28 s');
    // 70,000 records over 56 s of jobs.
    expect(card).toHaveTextContent('records/s over all jobs1,250');
  });
});
