/** Response time (p50, p99) and throughput against the swept parameter. */
export function SweepChart() {
  return null;
}
