/**
 * The phase map's verdict on hand-made series: a run recovers when, after
 * its last fault and a grace period, the share of requests that succeed
 * comes back within 5 % of its level before the fault; it stays down
 * otherwise; without a scheduled fault it holds or is overloaded.
 */
import { describe, expect, it } from 'vitest';
import { faultWindow, phaseVerdict, successShare } from '../../src/lab/phaseVerdict';
import { emptySeries, type LabSeries } from '../../src/lab/series';
import type { Scenario } from '../../src/scenario/schema';
import { preset } from '../worker/harness';

/** A series of 1 s windows offering 100 requests/s, of which `okShare(t)` succeed in the second ending at t. */
function series(durationSec: number, okShare: (endSec: number) => number): LabSeries {
  const s = emptySeries();
  for (let t = 1; t <= durationSec; t++) {
    s.sec.push(t);
    s.p50.push(null);
    s.p99.push(null);
    s.writesPerSec.push(0);
    s.offeredPerSec.push(100);
    s.okPerSec.push(100 * okShare(t));
    s.errorsPerSec.push(100 * (1 - okShare(t)));
  }
  return s;
}

const fault = { firstStartSec: 20, lastEndSec: 22, graceSec: 10 };

describe('phase map verdict', () => {
  it('recovers: the success share comes back to its level before the fault', () => {
    const s = series(60, (t) => (t > 20 && t <= 35 ? 0 : 0.99));
    expect(phaseVerdict(s, 60, fault)).toEqual({ kind: 'recovers', finalShare: 0.99, beforeShare: 0.99, judgedFromSec: 48 });
  });

  it('recovers within 5 % of the level before, not further', () => {
    expect(phaseVerdict(series(60, (t) => (t > 40 ? 0.95 : 1)), 60, fault).kind).toBe('recovers');
    expect(phaseVerdict(series(60, (t) => (t > 40 ? 0.94 : 1)), 60, fault).kind).toBe('staysDown');
  });

  it('stays down: the trigger ended at 22 s, the failures did not (a retry storm)', () => {
    const v = phaseVerdict(series(60, (t) => (t > 20 ? 0.02 : 1)), 60, fault);
    expect(v.kind).toBe('staysDown');
    expect(v.finalShare).toBeCloseTo(0.02, 9);
  });

  it('judges after the grace period when the last fault ends late in the run', () => {
    // Fault until 45 s + 10 s grace: only 55–60 s is judged, and a slow recovery by 55 s counts.
    const late = { firstStartSec: 20, lastEndSec: 45, graceSec: 10 };
    const v = phaseVerdict(series(60, (t) => (t > 20 && t <= 54 ? 0 : 1)), 60, late);
    expect(v).toMatchObject({ kind: 'recovers', judgedFromSec: 55 });
  });

  it('is not judged when the run ends before the grace period does', () => {
    expect(phaseVerdict(series(30, () => 1), 30, fault).kind).toBe('notJudged');
  });

  it('without a fault: holds at 95 % or more of the offered load at the end, overloaded below', () => {
    const none = { graceSec: 10 };
    expect(phaseVerdict(series(20, () => 0.97), 20, none)).toMatchObject({ kind: 'holds', finalShare: 0.97, judgedFromSec: 16 });
    expect(phaseVerdict(series(20, (t) => (t > 10 ? 0.6 : 1)), 20, none)).toMatchObject({ kind: 'overloaded', finalShare: 0.6 });
  });

  it('a run stopped early by the overload guard stays down, judged on its last seconds', () => {
    const s = series(30, (t) => (t > 20 ? 0.1 : 1));
    expect(phaseVerdict(s, 60, fault, true)).toMatchObject({ kind: 'staysDown', finalShare: 0.1 });
    expect(phaseVerdict(s, 60, { graceSec: 10 }, true).kind).toBe('overloaded');
  });

  it('success share sums seconds (a backlog served late never counts above 100 %)', () => {
    const s = series(10, (t) => (t === 5 ? 3 : 0.5));
    expect(successShare(s, 0, 4)).toBeCloseTo(0.5, 9);
    expect(successShare(s, 4, 5)).toBe(1);
    expect(successShare(emptySeries(), 0, 10)).toBeUndefined();
  });

  it('reads the faults of a scenario: the retry storm pauses at 20 s for 2 s; the grace is twice its 200 ms timeout, at least 10 s', () => {
    const storm = preset('retry-storm');
    expect(faultWindow(storm)).toEqual({ firstStartSec: 20, lastEndSec: 22, graceSec: 10 });
    const slowTimeout: Scenario = { ...storm, edges: storm.edges.map((e) => ({ ...e, timeoutMs: 8000 })) };
    expect(faultWindow(slowTimeout).graceSec).toBe(16);
    expect(faultWindow({ ...storm, faults: [] })).toEqual({ firstStartSec: undefined, lastEndSec: undefined, graceSec: 10 });
  });
});
