/**
 * The fan-out writes per second the live run has simulated so far along the
 * given edges, beside the analytic expectation: from the run's results so
 * far (about once a second) or its final results. Undefined until the run
 * of the current scenario has measured at least a second after its warm-up,
 * and while an edit waits for the run to restart, so old numbers never sit
 * beside new expectations.
 */
import { useMemo } from 'react';
import { simulationKey } from '../run/controller';
import { useAppStore } from '../store';

/** The measured time a simulated rate needs before it is shown. */
export const MIN_MEASURED_SEC = 1;

export interface SimulatedWrites {
  writesPerSec: number;
  /** Simulated seconds the rate is measured over (after warm-up). */
  simulatedSec: number;
}

export function useSimulatedWrites(edgeIds: readonly string[]): SimulatedWrites | undefined {
  const key = edgeIds.join('\n');
  // Two primitives, so the panel re-renders only when they change.
  const writesPerSec = useAppStore((s) => {
    const r = s.live?.results;
    if (!r || r.simulatedSec <= 0 || key === '') return undefined;
    let sum = 0;
    for (const id of key.split('\n')) {
      if (!Object.hasOwn(r.edges, id)) return undefined;
      sum += r.edges[id].callsPerSec;
    }
    return sum;
  });
  const simulatedSec = useAppStore((s) => s.live?.results?.simulatedSec ?? 0);
  const runScenario = useAppStore((s) => s.runScenario);
  const scenario = useAppStore((s) => s.scenario);
  const current = useMemo(() => runScenario !== null && (runScenario === scenario || simulationKey(runScenario) === simulationKey(scenario)), [runScenario, scenario]);
  // Under one measured second the rate is noise (a run just past its warm-up): wait for more.
  return writesPerSec === undefined || !current || simulatedSec < MIN_MEASURED_SEC ? undefined : { writesPerSec, simulatedSec };
}
