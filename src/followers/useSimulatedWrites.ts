/**
 * The fan-out writes per second the live run has simulated so far along the
 * given edges, beside the analytic expectation. Undefined until a run of the
 * current scenario has results.
 */
export interface SimulatedWrites {
  writesPerSec: number;
  /** Simulated seconds the rate is measured over (after warm-up). */
  simulatedSec: number;
}

export function useSimulatedWrites(_edgeIds: readonly string[]): SimulatedWrites | undefined {
  return undefined;
}
