/**
 * The verdict of one cell of a phase map: did the system come back after
 * its faults ended, or did it stay down (metastability: the trigger is gone
 * but the retries, the backlog or the timeouts it caused keep the system
 * failing)? Judged from the run's per-second series alone, so that it is a
 * pure function of what the run measured.
 *
 * The rule, on the success share (requests succeeded ÷ requests offered,
 * summed over a stretch of seconds, at most 1):
 * - With scheduled faults: the *level before* is the success share from the
 *   start to the first fault; the *level after* is the success share over
 *   the final 20 % of the run, or, when the last fault ends too late for
 *   that, over what is left after it ends plus a grace period (twice the
 *   longest timeout, at least 10 s: time for the requests caught by the
 *   fault to time out and be retried). The cell **recovers** when the level
 *   after is within 5 % of the level before (after ≥ 0.95 × before), and
 *   **stays down** otherwise. When no second is left after the grace period
 *   it is **not judged**: the run is too short for the fault.
 * - Without scheduled faults (random faults count as the weather, not a
 *   trigger): the cell **holds** when the level over the final 20 % is at
 *   least 95 % of what was offered, and is **overloaded** otherwise.
 * - A run the overload guard stopped early (the work in flight grew past
 *   its limit) did not come back: it stays down (overloaded without faults),
 *   judged on its last seconds.
 */
import type { Scenario } from '../scenario/schema';
import type { LabSeries } from './series';

export type PhaseVerdictKind = 'recovers' | 'staysDown' | 'holds' | 'overloaded' | 'notJudged';

export interface PhaseVerdict {
  kind: PhaseVerdictKind;
  /** Success share over the judged stretch at the end of the run (0…1); undefined when not judged. */
  finalShare?: number;
  /** Success share before the first fault (with faults). */
  beforeShare?: number;
  /** Simulated second from which the end of the run is judged. */
  judgedFromSec?: number;
}

/** The scheduled faults of a run, as the verdict needs them. */
export interface FaultWindow {
  /** When the first fault starts and the last one ends, s; undefined without scheduled faults. */
  firstStartSec?: number;
  lastEndSec?: number;
  /** Seconds after the last fault before the end of the run is judged. */
  graceSec: number;
}

/** Share of the run judged at its end when the faults leave room for it. */
export const FINAL_SHARE_OF_RUN = 0.2;
/** How close to its level before the faults the success share must come back: within 5 %. */
export const RECOVERY_TOLERANCE = 0.05;
/** Least grace after the last fault, s. */
export const MIN_GRACE_SEC = 10;

/** The line a legend shows: the rule above, in a sentence. */
export const PHASE_RULE_TEXT =
  'Recovers: after the last fault ends (plus a grace of twice the longest timeout, at least 10 s), the share of requests that succeed over the last 20 % of the run comes back within 5 % of its level before the fault; stays down otherwise. Without a scheduled fault: holds when at least 95 % succeed at the end, overloaded otherwise.';

/** When the scenario's scheduled faults start and end, and the grace after them (twice the longest timeout, at least 10 s). */
export function faultWindow(s: Scenario): FaultWindow {
  let firstStartSec: number | undefined;
  let lastEndSec: number | undefined;
  for (const f of s.faults ?? []) {
    if (f.random || f.atSec === undefined) continue;
    const end = f.durationSec === undefined ? s.durationSec : f.atSec + f.durationSec;
    firstStartSec = firstStartSec === undefined ? f.atSec : Math.min(firstStartSec, f.atSec);
    lastEndSec = lastEndSec === undefined ? end : Math.max(lastEndSec, end);
  }
  const longestTimeoutMs = Math.max(0, ...s.edges.map((e) => e.timeoutMs ?? 0));
  return { firstStartSec, lastEndSec, graceSec: Math.max(MIN_GRACE_SEC, (2 * longestTimeoutMs) / 1000) };
}

/** Succeeded ÷ offered over the series' seconds ending in (fromSec, toSec], at most 1; undefined when nothing was offered. */
export function successShare(series: LabSeries, fromSec: number, toSec: number): number | undefined {
  let offered = 0;
  let ok = 0;
  for (let i = 0; i < series.sec.length; i++) {
    const end = series.sec[i];
    if (end <= fromSec + 1e-9 || end > toSec + 1e-9) continue;
    const width = end - (i > 0 ? series.sec[i - 1] : 0);
    offered += series.offeredPerSec[i] * width;
    ok += series.okPerSec[i] * width;
  }
  return offered > 0 ? Math.min(1, ok / offered) : undefined;
}

/** The verdict of one run of `durationSec` with the given faults, from its per-second series (rule in the file comment). */
export function phaseVerdict(series: LabSeries, durationSec: number, faults: FaultWindow, stoppedEarly = false): PhaseVerdict {
  const tailFrom = durationSec * (1 - FINAL_SHARE_OF_RUN);
  if (stoppedEarly) {
    const lastSec = series.sec.at(-1) ?? 0;
    const judgedFromSec = Math.max(0, lastSec - 5);
    return { kind: faults.lastEndSec === undefined ? 'overloaded' : 'staysDown', finalShare: successShare(series, judgedFromSec, lastSec) ?? 0, judgedFromSec };
  }
  if (faults.lastEndSec === undefined) {
    const finalShare = successShare(series, tailFrom, durationSec);
    if (finalShare === undefined) return { kind: 'notJudged', judgedFromSec: tailFrom };
    return { kind: finalShare >= 1 - RECOVERY_TOLERANCE ? 'holds' : 'overloaded', finalShare, judgedFromSec: tailFrom };
  }
  const judgedFromSec = Math.max(tailFrom, faults.lastEndSec + faults.graceSec);
  if (judgedFromSec >= durationSec - 1e-9) return { kind: 'notJudged', judgedFromSec };
  const finalShare = successShare(series, judgedFromSec, durationSec);
  if (finalShare === undefined) return { kind: 'notJudged', judgedFromSec };
  // A fault from the very start leaves no level before it: then the mark is all requests succeeding.
  const beforeShare = (faults.firstStartSec !== undefined && faults.firstStartSec >= 1 ? successShare(series, 0, faults.firstStartSec) : undefined) ?? 1;
  const kind = finalShare >= beforeShare * (1 - RECOVERY_TOLERANCE) ? 'recovers' : 'staysDown';
  return { kind, finalShare, beforeShare, judgedFromSec };
}

/** How a verdict reads in a tooltip and a legend. */
export const VERDICT_LABELS: Record<PhaseVerdictKind, string> = {
  recovers: 'Recovers',
  staysDown: 'Stays down',
  holds: 'Holds',
  overloaded: 'Overloaded',
  notJudged: 'Not judged (the run ends too soon after the fault)',
};
