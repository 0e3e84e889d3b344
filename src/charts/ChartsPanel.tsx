/**
 * The results and live-charts area. Placeholder until the live simulation
 * lands: the layout reserves its place so nothing shifts when charts arrive.
 */
export function ChartsPanel() {
  return (
    <section className="charts-panel" aria-label="Live charts">
      <p className="charts-panel-empty">Live charts of latency percentiles, throughput and load appear here while the simulation runs.</p>
    </section>
  );
}
