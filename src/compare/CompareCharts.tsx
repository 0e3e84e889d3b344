/** The variants' runs overlaid over simulated time, each in its colour. */
import type { VariantRun } from '../store/labSlice';

export function CompareCharts(_props: { runs: VariantRun[]; op: string }) {
  return null;
}
