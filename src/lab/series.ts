/**
 * What Compare overlays: per simulated second of one run, the response time
 * of the compared op and the fan-out writes per second, thinned so a long
 * run stays a few hundred points.
 */
export interface LabSeries {
  /** End of each window, simulated seconds. */
  sec: number[];
  p50: (number | null)[];
  p99: (number | null)[];
  writesPerSec: number[];
}

export const EMPTY_SERIES: LabSeries = { sec: [], p50: [], p99: [], writesPerSec: [] };
