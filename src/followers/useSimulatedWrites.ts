/**
 * The fan-out writes per second the live run has simulated so far along the
 * given edges, beside the analytic expectation: from the run's results so
 * far (about once a second) or its final results. Undefined until the run
 * of the current scenario has results after its warm-up — and while an
 * edit waits for the run to restart, so old numbers never sit beside new
 * expectations.
 */
import { useMemo } from 'react';
import { simulationKey } from '../run/controller';
import { useAppStore } from '../store';

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
  return writesPerSec === undefined || !current ? undefined : { writesPerSec, simulatedSec };
}
