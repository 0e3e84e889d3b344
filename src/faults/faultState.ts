/**
 * What is broken right now: the faults of the run's scenario (its plan, the
 * very intervals the worker runs — random ones included) against the live
 * clock. The canvas reads one short string per node or edge, so a node
 * re-renders only when its fault state or its countdown (whole seconds)
 * changes, not at every snapshot.
 */
import { FAULT_META, type FaultType } from '../scenario/kinds';
import type { Scenario, ScenarioFault } from '../scenario/schema';
import { useAppStore, type AppState } from '../store';
import { faultPlan, type FaultInterval } from '../sim/faultPlan';

const plans = new WeakMap<Scenario, FaultInterval[]>();

/** The scenario's fault intervals (cached per scenario object); none when it has no faults or they do not fit it. */
export function planOf(scenario: Scenario): FaultInterval[] {
  let plan = plans.get(scenario);
  if (plan === undefined) {
    try {
      plan = scenario.faults?.length ? faultPlan(scenario, scenario.seed) : [];
    } catch {
      // A fault naming a missing target: the run is refused with the reason; nothing is drawn.
      plan = [];
    }
    plans.set(scenario, plan);
  }
  return plan;
}

/** Which of a target's simultaneous faults shows: the one that hurts the most. */
const SEVERITY: Record<FaultType, number> = { crash: 6, partition: 5, pause: 4, capacity: 3, errors: 2, slow: 1, latency: 0, rewind: 0 };

export interface ActiveFault {
  fault: ScenarioFault;
  interval: FaultInterval;
  /** Seconds until it ends (Infinity: to the end of the run). */
  leftSec: number;
  /** Other faults active on the same target at the same time. */
  others: number;
}

interface TargetTrack {
  fault: number;
  /** One fault's intervals on the target, disjoint and in time order (a random fault alternates up and down). */
  intervals: FaultInterval[];
}

const tracks = new WeakMap<Scenario, Map<string, TargetTrack[]>>();

/** Per target, each fault's intervals: a lookup is then a binary search per fault, whatever the number of random intervals. */
function tracksOf(scenario: Scenario): Map<string, TargetTrack[]> {
  let byTarget = tracks.get(scenario);
  if (byTarget === undefined) {
    byTarget = new Map();
    const byFault = new Map<number, TargetTrack>();
    for (const iv of planOf(scenario)) {
      let track = byFault.get(iv.fault);
      if (track === undefined) {
        track = { fault: iv.fault, intervals: [] };
        byFault.set(iv.fault, track);
        const id = scenario.faults![iv.fault].target;
        const list = byTarget.get(id) ?? [];
        list.push(track);
        byTarget.set(id, list);
      }
      track.intervals.push(iv);
    }
    tracks.set(scenario, byTarget);
  }
  return byTarget;
}

/** The faults active on `targetId` at `simSec`, the worst first; empty when none. */
export function activeFaults(scenario: Scenario, targetId: string, simSec: number): ActiveFault[] {
  if (!scenario.faults?.length) return [];
  const list = tracksOf(scenario).get(targetId);
  if (list === undefined) return [];
  const t = simSec * 1000;
  const out: ActiveFault[] = [];
  for (const track of list) {
    // The last interval starting at or before t.
    const ivs = track.intervals;
    let lo = 0;
    let hi = ivs.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (ivs[mid].startMs <= t) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (found < 0 || ivs[found].endMs <= t) continue;
    const iv = ivs[found];
    out.push({ fault: scenario.faults[track.fault], interval: iv, leftSec: (iv.endMs - t) / 1000, others: 0 });
  }
  out.sort((a, b) => SEVERITY[b.fault.type] - SEVERITY[a.fault.type]);
  for (const a of out) a.others = out.length - 1;
  return out;
}

/** A short description of what the fault does to its target, as the canvas shows it. */
export function faultEffect(f: ScenarioFault): string {
  switch (f.type) {
    case 'crash':
      return f.mode === 'blackhole' ? 'Down (black hole)' : 'Down';
    case 'pause':
      return 'Paused';
    case 'slow':
      return `Slow ×${f.factor}`;
    case 'errors':
      return `Failing ${Math.round(f.rate * 100)}%`;
    case 'capacity':
      return `${f.servers} server${f.servers === 1 ? '' : 's'} left`;
    case 'partition':
      return f.mode === 'refuse' ? 'Partitioned (refused)' : 'Partitioned';
    case 'latency':
      return 'Network slowed';
    case 'rewind':
      return `Rewound to ${f.toSec} s`;
  }
}

/** "back in 7 s", "ends in 12 s", or "until the end". */
export function countdown(leftSec: number, type: FaultType): string {
  if (!Number.isFinite(leftSec)) return 'until the end of the run';
  const s = Math.max(1, Math.ceil(leftSec - 1e-9));
  return `${type === 'crash' || type === 'partition' ? 'back in' : 'ends in'} ${s} s`;
}

/**
 * The fault state of a target as one stable string: "" when nothing is broken, else
 * `type|effect|countdown|others`. Only shown while a run is going (or paused, or finished at its end).
 */
export function faultStateKey(s: Pick<AppState, 'runScenario' | 'live'>, targetId: string): string {
  const scenario = s.runScenario;
  const live = s.live;
  if (!scenario?.faults || !live) return '';
  const active = activeFaults(scenario, targetId, live.simSec);
  if (active.length === 0) {
    // A fault about to start (one just broken while paused starts at the next tenth of a second) is announced.
    const soon = activeFaults(scenario, targetId, live.simSec + SOON_SEC)[0];
    if (!soon) return '';
    const inSec = soon.interval.startMs / 1000 - live.simSec;
    return `${soon.fault.type}|${faultEffect(soon.fault)}|starts in ${inSec.toFixed(1)} s|0|soon`;
  }
  const a = active[0];
  return `${a.fault.type}|${faultEffect(a.fault)}|${countdown(a.leftSec, a.fault.type)}|${a.others}`;
}

/** How far ahead a fault is announced on its target, s. */
const SOON_SEC = 1;

export interface FaultBadge {
  type: FaultType;
  effect: string;
  countdown: string;
  others: number;
  /** The lesson behind the fault type (its metadata's help). */
  help: string;
  /** Not yet active: it starts within a second. */
  soon: boolean;
}

export function parseFaultState(key: string): FaultBadge | null {
  if (key === '') return null;
  const [type, effect, countdownText, others, soon] = key.split('|');
  const t = type as FaultType;
  return { type: t, effect, countdown: countdownText, others: Number(others), help: FAULT_META.type.valueHelp[t], soon: soon === 'soon' };
}

/** The fault state of a node or an edge, re-rendering only when it changes. */
export function useFaultState(targetId: string): FaultBadge | null {
  return parseFaultState(useAppStore((s) => faultStateKey(s, targetId)));
}
