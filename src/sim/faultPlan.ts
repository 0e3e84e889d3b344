/**
 * The fault plan: every interval in which a fault is active, fixed before the
 * run starts — scheduled faults as written, random ones drawn from their own
 * streams. Pure and light (no engine), so the page draws the same intervals
 * the worker runs: bands on the charts, a faulty node on the canvas.
 */
import type { FaultType } from '../scenario/kinds';
import type { Scenario } from '../scenario/schema';
import { Rng } from './random';

/**
 * Above every client's streams (2k + 1 and 2k + 2 for at most LIMITS.maxNodes clients); kept small because a
 * stream is reached by jumping the generator that many times.
 */
export const FAULT_STREAM = 1000;

/** One stretch of time during which one fault is active on its target. */
export interface FaultInterval {
  /** Index of the fault in `scenario.faults`. */
  fault: number;
  id: string;
  type: FaultType;
  /** Node index (node faults) or edge index (edge faults). */
  target: number;
  onEdge: boolean;
  startMs: number;
  /** Infinity: to the end of the run. */
  endMs: number;
}

/** Every fault interval of a run, by start time: scheduled ones as written, random ones drawn from their own streams over the whole run (its drain included). */
export function faultPlan(scenario: Scenario, seed: number): FaultInterval[] {
  const faults = scenario.faults ?? [];
  const out: FaultInterval[] = [];
  for (let k = 0; k < faults.length; k++) out.push(...faultIntervals(scenario, k, seed));
  // Stable: equal starts keep document order.
  return out.sort((a, b) => a.startMs - b.startMs);
}

/** The intervals of fault `k` of the scenario, in time order. */
export function faultIntervals(scenario: Scenario, k: number, seed: number): FaultInterval[] {
  const f = scenario.faults![k];
  // A rewind is an instant's act of a log's consumer group (behaviours/log.ts), not a state of its target.
  if (f.type === 'rewind') return [];
  const horizonMs = 2 * scenario.durationSec * 1000;
  const out: FaultInterval[] = [];
  {
    const onEdge = f.type === 'partition' || f.type === 'latency';
    const target = onEdge ? scenario.edges.findIndex((e) => e.id === f.target) : scenario.nodes.findIndex((n) => n.id === f.target);
    if (target < 0) throw new Error(`faults[${k}].target: no ${onEdge ? 'edge' : 'node'} "${f.target}"`);
    const base = { fault: k, id: f.id, type: f.type, target, onEdge };
    if (f.random) {
      // Alternating exponential up and down times from t = 0 (the target starts up).
      const rng = new Rng(seed, FAULT_STREAM + k);
      const upMean = f.random.mtbfSec * 1000;
      const downMean = f.random.mttrSec * 1000;
      let t = 0;
      for (;;) {
        const start = t + rng.exponential(upMean);
        if (start >= horizonMs) break;
        const end = start + rng.exponential(downMean);
        out.push({ ...base, startMs: start, endMs: end });
        t = end;
      }
    } else {
      const startMs = (f.atSec ?? 0) * 1000;
      out.push({ ...base, startMs, endMs: f.durationSec === undefined ? Infinity : startMs + f.durationSec * 1000 });
    }
  }
  return out;
}

