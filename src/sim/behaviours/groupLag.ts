/**
 * A consumer group's lag — the records (a log) or messages (a Redis queue)
 * it has yet to receive — as a step function of simulated time, and its time
 * average over the measured window (warm-up to `durationSec`). Shared by the
 * log and the Redis queue, whose groups keep these fields.
 */
import type { Simulation } from '../engine';

/** The lag fields a group keeps. */
export interface LagTrack {
  /** Now. */
  lag: number;
  /** The highest inside the window. */
  lagMax: number;
  /** ∫ lag dt over the window up to `lagSince`, in records·ms. */
  lagArea: number;
  /** When `lag` last changed, ms. */
  lagSince: number;
}

/** Whether simulated time `t` is inside the measured window. */
export function inWindow(sim: Simulation, t: number): boolean {
  return t >= sim.warmupMs && t < sim.durationMs;
}

/** The group's lag changes by `d` now: its time integral over the window follows. */
export function lagChanges(sim: Simulation, g: LagTrack, d: number): void {
  const from = Math.max(g.lagSince, sim.warmupMs);
  const to = Math.min(sim.now, sim.durationMs);
  if (to > from) g.lagArea += g.lag * (to - from);
  g.lagSince = sim.now;
  g.lag += d;
  if (g.lag > g.lagMax && inWindow(sim, sim.now)) g.lagMax = g.lag;
}

/**
 * The lag's mean and maximum over the window so far. Read-only, so that results read mid-run (the
 * live page's) leave the run as it was: the stretch since the last change is added here, not folded
 * into `lagArea` (a sum split differently would differ in its last bits).
 */
export function lagSummary(sim: Simulation, g: LagTrack): { mean: number; max: number } {
  const from = Math.max(g.lagSince, sim.warmupMs);
  const to = Math.min(sim.now, sim.durationMs);
  const area = g.lagArea + (to > from ? g.lag * (to - from) : 0);
  const windowMs = Math.min(sim.now, sim.durationMs) - sim.warmupMs;
  return { mean: windowMs > 0 ? area / windowMs : 0, max: g.lagMax };
}
