/**
 * The live charts, loaded on demand (recharts is the heaviest dependency and
 * the first screen does not need it to appear). Latency per op, throughput,
 * load per edge, utilization and queue depth per node, and the run's
 * response-time histogram.
 */
import { useAppStore } from '../store';
import { EdgeLoadChart } from './EdgeLoadChart';
import { HistogramChart } from './HistogramChart';
import { LatencyChart } from './LatencyChart';
import { QueueDepthChart, UtilizationChart } from './NodeLoadCharts';
import { ThroughputChart } from './ThroughputChart';

/** Ops beyond this many share one latency chart picked from a list: a page of 20 latency charts helps nobody. */
const MAX_LATENCY_CHARTS = 4;

export default function LiveCharts() {
  const opCount = useAppStore((s) => s.live?.meta.ops.length ?? 1);
  const latencyCharts = Array.from({ length: Math.max(1, Math.min(opCount, MAX_LATENCY_CHARTS)) }, (_, o) => o);
  return (
    <div className="live-charts">
      {latencyCharts.map((o) => (
        <LatencyChart key={o} op={o} />
      ))}
      <ThroughputChart />
      <EdgeLoadChart />
      <UtilizationChart />
      <QueueDepthChart />
      <HistogramChart />
    </div>
  );
}
