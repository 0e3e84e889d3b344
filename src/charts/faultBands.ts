/**
 * The run's faults as bands on every time chart: the scenario's own (those
 * at a time and those drawn at random by MTBF/MTTR) — a fault broken "now"
 * joins the run's scenario (`runScenario`) the moment the worker takes it —
 * each a translucent stretch labelled with its type and target
 * ("crash · Replica A").
 *
 * The intervals are the engine's own plan (`faultIntervals` in
 * sim/faultPlan.ts, free of the engine): pure and cheap (a seeded stream per
 * random fault, a few dozen draws), so the bands land exactly where the
 * worker's run has its faults, with no message from it.
 */
import { useMemo } from 'react';
import type { Scenario, ScenarioFault } from '../scenario/schema';
import { faultTarget } from '../faults/faultParams';
import { faultIntervals } from '../sim/faultPlan';
import { useAppStore } from '../store';
import { faultBandColors } from './palette';
import type { TimeBand } from './TimeChart';

const NO_FAULTS: ScenarioFault[] = [];
const NO_BANDS: TimeBand[] = [];

/**
 * The bands of a run of `scenario` at `seed` with `injected` faults added during it (after the
 * scenario's own, as the engine numbers them). A fault the run could not place (a target that is
 * gone) has no band rather than breaking the charts.
 */
export function faultBands(scenario: Scenario | null, seed: number, injected: readonly ScenarioFault[] = NO_FAULTS): TimeBand[] {
  if (!scenario) return NO_BANDS;
  const faults = [...(scenario.faults ?? []), ...injected];
  if (faults.length === 0) return NO_BANDS;
  const all: Scenario = { ...scenario, faults };
  const out: TimeBand[] = [];
  faults.forEach((f, k) => {
    let intervals;
    try {
      intervals = faultIntervals(all, k, seed);
    } catch {
      return;
    }
    const colors = faultBandColors(f.type);
    const label = `${f.type} · ${faultTarget(scenario, f.target)?.name ?? f.target}`;
    intervals.forEach((iv, i) =>
      out.push({ key: `${k}:${f.id}:${i}`, startSec: iv.startMs / 1000, endSec: iv.endMs / 1000, label, fill: colors.fill, text: colors.text }),
    );
  });
  return out.sort((a, b) => a.startSec - b.startSec);
}

/**
 * The fault bands of the run on screen: the faults of its scenario (`runScenario`, which a fault
 * broken while it runs joins), at the run's seed.
 */
export function useFaultBands(): TimeBand[] {
  const scenario = useAppStore((s) => s.runScenario);
  const seed = useAppStore((s) => s.live?.meta.seed ?? s.runScenario?.seed ?? 0);
  return useMemo(() => faultBands(scenario, seed), [scenario, seed]);
}
