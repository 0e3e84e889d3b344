/**
 * Compiled follower graphs, cached for the panels and the analysis. Compiling a heavy-tailed
 * population takes some 20 ms and a threshold's statistics some 10 ms:
 * cheap once, but not on every render of a panel. Scenario edits that do not
 * touch the population keep the same object, so a cache keyed by the object
 * makes them free; undo and redo bring old objects back and hit it too.
 */
import type { Population } from '../scenario/schema';
import { compilePopulation, type PopulationModel, type ThresholdStats } from '../sim/population';

const models = new WeakMap<Population, PopulationModel>();
const thresholds = new WeakMap<PopulationModel, Map<number, ThresholdStats>>();

/** The compiled population (exact statistics, distributions), computed once per population object. */
export function populationModel(population: Population): PopulationModel {
  let m = models.get(population);
  if (!m) {
    m = compilePopulation(population);
    models.set(population, m);
  }
  return m;
}

/** `model.thresholdStats(threshold)`, computed once per model and threshold. */
export function thresholdStatsOf(model: PopulationModel, threshold: number): ThresholdStats {
  let byThreshold = thresholds.get(model);
  if (!byThreshold) {
    byThreshold = new Map();
    thresholds.set(model, byThreshold);
  }
  let t = byThreshold.get(threshold);
  if (!t) {
    // A slider visits many thresholds: keep the last few dozen.
    if (byThreshold.size > 64) byThreshold.delete(byThreshold.keys().next().value!);
    t = model.thresholdStats(threshold);
    byThreshold.set(threshold, t);
  }
  return t;
}
