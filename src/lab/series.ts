/**
 * What Compare overlays and the phase map judges: per simulated second of
 * one run, the response time of the compared op, the fan-out writes per
 * second, and the op's requests offered, succeeded and failed; overlays are
 * thinned so a long run stays a few hundred points.
 */
export interface LabSeries {
  /** End of each window, simulated seconds. */
  sec: number[];
  p50: (number | null)[];
  p99: (number | null)[];
  writesPerSec: number[];
  /** Requests of the op created (offered load), succeeded and failed, per second. */
  offeredPerSec: number[];
  okPerSec: number[];
  errorsPerSec: number[];
}

export const EMPTY_SERIES: LabSeries = emptySeries();

/** A fresh series to append windows to. */
export function emptySeries(): LabSeries {
  return { sec: [], p50: [], p99: [], writesPerSec: [], offeredPerSec: [], okPerSec: [], errorsPerSec: [] };
}

/** One row per point in time, one column per variant (`v0`, `v1`…), for the charts' Row shape. */
export interface OverlayRow {
  t: number;
  [variant: string]: number | null;
}

/**
 * Overlays one quantity of several runs on a common time axis, at most
 * `maxPoints` points: consecutive seconds merge by their largest value for
 * latencies (a spike never disappears) and by their mean for rates.
 */
export function overlayRows(
  runs: readonly (LabSeries | undefined)[],
  pick: (s: LabSeries) => readonly (number | null)[],
  merge: 'max' | 'mean',
  maxPoints = 120,
): OverlayRow[] {
  const length = Math.max(0, ...runs.map((s) => s?.sec.length ?? 0));
  if (length === 0) return [];
  const size = Math.max(1, Math.ceil(length / maxPoints));
  const rows: OverlayRow[] = [];
  for (let start = 0; start < length; start += size) {
    const end = Math.min(length, start + size);
    let t = 0;
    const row: OverlayRow = { t: 0 };
    runs.forEach((s, i) => {
      let acc: number | null = null;
      let n = 0;
      if (s) {
        const values = pick(s);
        for (let k = start; k < Math.min(end, values.length); k++) {
          t = Math.max(t, s.sec[k]);
          const v = values[k];
          if (v === null || !Number.isFinite(v)) continue;
          n++;
          acc = acc === null ? v : merge === 'max' ? Math.max(acc, v) : acc + v;
        }
      }
      row[`v${i}`] = acc === null ? null : merge === 'mean' ? acc / n : acc;
    });
    row.t = t;
    rows.push(row);
  }
  return rows;
}
