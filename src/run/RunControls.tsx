/** Play / pause / step / reset, speed and seed. Placeholder until the live simulation lands. */
export function RunControls() {
  return <div className="run-controls" role="group" aria-label="Simulation controls" />;
}
