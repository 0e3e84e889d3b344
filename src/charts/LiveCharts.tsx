/**
 * The live charts, loaded on demand (recharts is the heaviest dependency and
 * the first screen does not need it to appear): the ones the user chose
 * (chartChoice.ts) among latency per op, throughput, load per edge,
 * utilization and queue depth per node, and the run's response-time
 * histogram; when the run can fail, errors by cause, availability against
 * the SLO, attempts per edge and measured vs intended latency — plus any a
 * lesson step points at while it is open.
 */
import { lazy, Suspense, useMemo } from 'react';
import { lessonById } from '../lessons/lessons';
import { useAppStore } from '../store';
import { AttemptsChart } from './AttemptsChart';
import { AvailabilityChart } from './AvailabilityChart';
import { availableChartsOf, busiestOp, chartsToShow, useChartChoice } from './chartChoice';
import { BatchJobsChart } from './BatchJobsChart';
import { ConsumerLagChart } from './ConsumerLagChart';
import { EdgeLoadChart } from './EdgeLoadChart';
import { ErrorsByCauseChart } from './ErrorsByCauseChart';
import { IntendedLatencyChart } from './IntendedLatencyChart';
import { KeyTimelineChart } from './KeyTimelineChart';
import { LatencyChart } from './LatencyChart';
import { QueueDepthChart, UtilizationChart } from './NodeLoadCharts';
import { useMountTurns } from './staggered';
import { ThroughputChart } from './ThroughputChart';

const NO_OPS: string[] = [];

/** The histogram is the one live chart still drawn with recharts: it loads when it is shown. */
const HistogramChart = lazy(() => import('./HistogramChart').then((m) => ({ default: m.HistogramChart })));

/** Lesson targets → the chart ids that carry them. */
const LESSON_CHARTS: Record<string, string> = {
  'charts.latency': 'latency',
  'charts.throughput': 'throughput',
  'charts.edges': 'edges',
  'charts.nodes': 'utilization',
  'charts.histogram': 'histogram',
  'charts.batch': 'batch',
  'charts.lag': 'lag',
  'charts.key': 'key',
};

/** The charts the open lesson step points at, as a stable string (so the strip re-renders only when it changes). */
function lessonCharts(s: ReturnType<typeof useAppStore.getState>): string {
  const open = s.openLesson;
  const step = open ? lessonById(open.id)?.steps[open.step] : undefined;
  return (step?.highlight ?? [])
    .map((t) => LESSON_CHARTS[t])
    .filter(Boolean)
    .join(' ');
}

export default function LiveCharts() {
  const choice = useChartChoice();
  const ops = useAppStore((s) => s.live?.meta.ops ?? NO_OPS);
  const busiest = useAppStore((s) => busiestOp(s.live?.windows));
  const lesson = useAppStore(lessonCharts);
  const available = useAppStore(availableChartsOf);
  // Before the first run reports its ops, the strip keeps one response-time card's place.
  const shown = useMemo(
    () => chartsToShow(choice, ops.length > 0 ? ops : [''], busiest, lesson ? lesson.split(' ') : [], new Set(available.split(' '))),
    [choice, ops, busiest, lesson, available],
  );
  // Once every chart has had its turn, the strip keeps mounting new ones at once.
  const turns = useMountTurns(shown.length);
  if (shown.length === 0) return <p className="charts-panel-loading">No charts chosen: pick some under “Charts shown” above.</p>;
  return (
    <div className="live-charts">
      {shown.map((c, i) => {
        // A chart waiting for its first turn keeps its place, so nothing shifts when it arrives.
        if (i >= turns) return <div key={`waiting-${i}`} className="chart-card chart-card--waiting" aria-hidden="true" />;
        switch (c.kind) {
          case 'latency':
            return <LatencyChart key={`latency-${c.op}`} op={c.op} />;
          case 'throughput':
            return <ThroughputChart key={c.kind} />;
          case 'batch':
            return <BatchJobsChart key={c.kind} />;
          case 'lag':
            return <ConsumerLagChart key={c.kind} />;
          case 'key':
            return <KeyTimelineChart key={c.kind} />;
          case 'errors':
            return <ErrorsByCauseChart key={c.kind} />;
          case 'availability':
            return <AvailabilityChart key={c.kind} />;
          case 'intended':
            return <IntendedLatencyChart key={c.kind} />;
          case 'edges':
            return <EdgeLoadChart key={c.kind} />;
          case 'attempts':
            return <AttemptsChart key={c.kind} />;
          case 'utilization':
            return <UtilizationChart key={c.kind} />;
          case 'queue':
            return <QueueDepthChart key={c.kind} />;
          case 'histogram':
            return (
              <Suspense key={c.kind} fallback={<div className="chart-card chart-card--waiting" aria-hidden="true" />}>
                <HistogramChart />
              </Suspense>
            );
        }
      })}
    </div>
  );
}
