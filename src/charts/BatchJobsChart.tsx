/**
 * Batch jobs (DDIA ch. 1: in batch processing "we usually care about
 * throughput … or the total time it takes to run a job"): the last job of a
 * batch node drawn as a Gantt chart — workers down, time across, each task
 * copy a bar; stragglers, backup copies and the copies a backup beat marked —
 * and, switched to, every job of the run: how long each took and its
 * records per second.
 *
 * Drawn on a canvas: a sort of 15,000 tasks on 1,800 workers is 15,000 bars,
 * which as SVG elements would cost the page far more than the pixels do.
 */
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { formatCount, formatMs } from '../run/format';
import { useAppStore } from '../store';
import type { BatchJobSummary, BatchJobTrace, BatchLive } from '../worker/protocol';
import { ChartCard } from './ChartCard';

/** A copy counts as a straggler when it ran this many times the job's median winning copy or longer. */
export const STRAGGLER_FACTOR = 2;

export const GANTT_COLORS = { task: '#8b5e34', straggler: '#d97706', backup: '#7c3aed', beaten: '#9ca3af' } as const;

export interface GanttSummary {
  copies: number;
  stragglers: number;
  backups: number;
  /** Copies cancelled because their other copy finished first (stragglers beaten by their backup not included). */
  beaten: number;
  medianMs: number;
  slowestMs: number;
}

/** What the Gantt chart marks, counted from the trace: the same rule the drawing uses. */
export function ganttSummary(job: BatchJobTrace): GanttSummary {
  const won = job.copies.filter((c) => c.won).map((c) => c.endMs - c.startMs).sort((a, b) => a - b);
  const medianMs = won.length > 0 ? won[Math.floor((won.length - 1) / 2)] : 0;
  let stragglers = 0;
  let backups = 0;
  let beaten = 0;
  for (const c of job.copies) {
    const kind = copyKind(c, medianMs);
    if (c.backup) backups++;
    if (kind === 'straggler') stragglers++;
    else if (kind === 'beaten') beaten++;
  }
  return { copies: job.copies.length, stragglers, backups, beaten, medianMs, slowestMs: won.length > 0 ? won[won.length - 1] : 0 };
}

/**
 * How a copy is drawn: an original that ran twice the median or longer is a straggler, whether it
 * finished or its backup beat it (then it ran until the backup won); a backup copy that won is a
 * backup; any other cancelled copy is beaten.
 */
function copyKind(c: BatchJobTrace['copies'][number], medianMs: number): keyof typeof GANTT_COLORS {
  if (!c.backup && c.endMs - c.startMs >= STRAGGLER_FACTOR * medianMs) return 'straggler';
  if (!c.won) return 'beaten';
  return c.backup ? 'backup' : 'task';
}

function colorOf(c: BatchJobTrace['copies'][number], medianMs: number): string {
  return GANTT_COLORS[copyKind(c, medianMs)];
}

function useCanvasSize(ref: React.RefObject<HTMLElement | null>): { width: number; height: number } {
  const [size, setSize] = useState({ width: 0, height: 0 });
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(([entry]) => {
      const { width, height } = entry.contentRect;
      setSize((s) => (s.width === Math.round(width) && s.height === Math.round(height) ? s : { width: Math.round(width), height: Math.round(height) }));
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref]);
  return size;
}

/** The last job: workers × time. */
function Gantt({ job }: { job: BatchJobTrace }) {
  const box = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const { width, height } = useCanvasSize(box);
  const summary = useMemo(() => ganttSummary(job), [job]);
  useEffect(() => {
    const el = canvas.current;
    const ctx = el?.getContext?.('2d');
    if (!el || !ctx || width === 0 || height === 0) return;
    const dpr = window.devicePixelRatio || 1;
    el.width = width * dpr;
    el.height = height * dpr;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, width, height);
    const span = Math.max(1e-9, job.endMs - job.startMs);
    const rowH = height / Math.max(1, job.workers);
    const barH = Math.max(1, rowH * 0.8);
    // Ordinary tasks first, so the marked ones are drawn over them where a pixel row holds several workers.
    const order = [...job.copies].sort((a, b) => Number(colorOf(a, summary.medianMs) !== GANTT_COLORS.task) - Number(colorOf(b, summary.medianMs) !== GANTT_COLORS.task));
    for (const c of order) {
      const x = ((c.startMs - job.startMs) / span) * width;
      const w = Math.max(1, ((c.endMs - c.startMs) / span) * width);
      ctx.fillStyle = colorOf(c, summary.medianMs);
      ctx.fillRect(x, c.worker * rowH, w, barH);
    }
  }, [job, width, height, summary.medianMs]);
  return (
    <div className="gantt">
      <div className="gantt__plot" ref={box}>
        <canvas
          ref={canvas}
          role="img"
          aria-label={`The last job's ${formatCount(job.copies.length)} task copies on ${formatCount(job.workers)} workers over ${formatMs(job.endMs - job.startMs)}: ${summary.stragglers} stragglers, ${summary.backups} backup copies`}
          style={{ width: '100%', height: '100%' }}
        />
      </div>
      <div className="gantt__axis" aria-hidden="true">
        <span>{formatMs(0)}</span>
        <span>workers × time</span>
        <span>{formatMs(job.endMs - job.startMs)}</span>
      </div>
    </div>
  );
}

/** Every job of the run: its duration as a bar at its start time. */
function JobHistory({ history, durationSec }: { history: BatchJobSummary[]; durationSec: number }) {
  const maxMs = Math.max(1, ...history.map((j) => j.endMs - j.startMs));
  const endSec = Math.max(durationSec, ...history.map((j) => j.endMs / 1000));
  return (
    <div className="job-history">
      <svg className="job-history__plot" viewBox="0 0 100 100" preserveAspectRatio="none" role="img" aria-label={`${history.length} jobs; the longest took ${formatMs(maxMs)}`}>
        {history.map((j, i) => {
          const x = (j.startMs / 1000 / endSec) * 100;
          const w = Math.max(0.4, ((j.endMs - j.startMs) / 1000 / endSec) * 100);
          const h = ((j.endMs - j.startMs) / maxMs) * 96;
          return (
            <rect key={i} x={x} y={100 - h} width={w} height={h} fill={j.backupTasks > 0 ? GANTT_COLORS.backup : GANTT_COLORS.task}>
              <title>{`job ${i + 1}: ${formatMs(j.endMs - j.startMs)}, ${formatCount(j.records)} records (${formatCount(Math.round(j.records / Math.max(1e-9, (j.endMs - j.startMs) / 1000)))} records/s), ${formatCount(j.tasks)} tasks${j.backupTasks ? `, ${j.backupTasks} backups` : ''}`}</title>
            </rect>
          );
        })}
      </svg>
      <div className="gantt__axis" aria-hidden="true">
        <span>0 s</span>
        <span>job time (bar height, longest {formatMs(maxMs)}) at each job's start</span>
        <span>{formatCount(endSec)} s</span>
      </div>
    </div>
  );
}

const NO_BATCH: Record<string, BatchLive> = {};

export const BatchJobsChart = memo(function BatchJobsChart() {
  const batch = useAppStore((s) => s.live?.batch ?? NO_BATCH);
  const nodes = useAppStore((s) => s.live?.meta.nodes);
  const durationSec = useAppStore((s) => s.live?.meta.durationSec ?? 0);
  const batchNodes = useMemo(() => (nodes ?? []).filter((n) => n.kind === 'batch'), [nodes]);
  const [chosen, setChosen] = useState<string | null>(null);
  const [view, setView] = useState<'last' | 'all'>('last');
  const nodeId = chosen && batchNodes.some((n) => n.id === chosen) ? chosen : (batchNodes.find((n) => batch[n.id]?.last)?.id ?? batchNodes[0]?.id);
  const live = nodeId ? batch[nodeId] : undefined;
  const job = live?.last ?? null;
  const summary = useMemo(() => (job ? ganttSummary(job) : null), [job]);
  const history = live?.history ?? [];
  const label = batchNodes.find((n) => n.id === nodeId)?.label ?? nodeId ?? '';
  const allMs = history.reduce((a, j) => a + (j.endMs - j.startMs), 0);
  const allRecords = history.reduce((a, j) => a + j.records, 0);
  const mean = history.length > 0 ? allMs / history.length : 0;
  const lastRate = job && job.endMs > job.startMs ? job.records / ((job.endMs - job.startMs) / 1000) : 0;
  const controls = (
    <div className="chart-card-controls">
      {batchNodes.length > 1 && (
        <select aria-label="Batch node" value={nodeId} onChange={(e) => setChosen(e.target.value)}>
          {batchNodes.map((n) => (
            <option key={n.id} value={n.id}>
              {n.label}
            </option>
          ))}
        </select>
      )}
      <div className="segmented segmented--small" role="group" aria-label="Jobs shown">
        <button type="button" aria-pressed={view === 'last'} onClick={() => setView('last')} title="The last job's tasks: workers × time">
          Last
        </button>
        <button type="button" aria-pressed={view === 'all'} onClick={() => setView('all')} title="Every job of the run: how long each took">
          All jobs
        </button>
      </div>
    </div>
  );
  const legend =
    view === 'last' && summary
      ? [
          { label: 'task', color: GANTT_COLORS.task, area: true, value: `median ${formatMs(summary.medianMs)}` },
          { label: 'straggler', color: GANTT_COLORS.straggler, area: true, value: formatCount(summary.stragglers) },
          { label: 'backup copy', color: GANTT_COLORS.backup, area: true, value: formatCount(summary.backups) },
          { label: 'beaten copy', color: GANTT_COLORS.beaten, area: true, value: formatCount(summary.beaten) },
        ]
      : [
          { label: 'jobs', color: GANTT_COLORS.task, area: true, value: formatCount(history.length) },
          { label: 'mean job time', color: GANTT_COLORS.task, value: history.length ? formatMs(mean) : '–' },
          { label: 'records/s over all jobs', color: GANTT_COLORS.task, value: history.length ? formatCount(Math.round(allRecords / Math.max(1e-9, allMs / 1000))) : '–' },
          { label: 'with backups', color: GANTT_COLORS.backup, area: true, value: formatCount(history.filter((j) => j.backupTasks > 0).length) },
        ];
  const empty = !nodes
    ? 'Starting the simulation…'
    : batchNodes.length === 0
      ? 'No batch job in this scenario.'
      : !job
        ? `${label}: no job has finished yet — a job runs every interval over the records piled up since the last.`
        : job.truncated && view === 'last'
          ? `${label}: the last job had ${formatCount(job.tasks)} tasks, too many to draw one by one.`
          : null;
  return (
    <ChartCard
      title="Batch jobs"
      target="charts.batch"
      subtitle="a job is as slow as its slowest task: one straggler holds up the whole job unless a backup copy races it"
      legend={legend}
      controls={controls}
      empty={empty}
      note={job ? `${label} · last job: ${formatCount(job.records)} records in ${formatCount(job.tasks)} tasks on ${formatCount(job.workers)} workers, ${formatMs(job.endMs - job.startMs)} (${formatCount(Math.round(lastRate))} records/s)` : null}
    >
      {job && view === 'last' && !job.truncated && <Gantt job={job} />}
      {job && view === 'all' && <JobHistory history={history} durationSec={durationSec} />}
    </ChartCard>
  );
});
