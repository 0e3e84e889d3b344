/**
 * The Twitter home-timeline scenarios (DDIA ch. 1) as the UI sees them: the
 * hybrid's celebrity threshold, which lives in several edges but is one
 * idea, and "DDIA scale", which moves a scenario between the presets' 1/100
 * rates and Twitter's real 2012 rates (4.6k posts/s, 300k timeline reads/s).
 *
 * Plain scenario edits: no engine, no UI.
 */
import { nominalRatePerSec } from './arrival';
import { scaleScenario } from './scale';
import type { Scenario, ScenarioEdge } from './schema';

/** Posts per second at Twitter in 2012 (DDIA ch. 1). */
export const DDIA_POSTS_PER_SEC = 4600;
/** Home-timeline reads per second at Twitter in 2012 (DDIA ch. 1). */
export const DDIA_TIMELINE_READS_PER_SEC = 300_000;
/** The presets run at 1/100 of DDIA's rates so that a browser keeps up with real time. */
export const DDIA_FACTOR = 100;

/** The operation names the Twitter presets use. */
export const POST_OP = 'post';
export const TIMELINE_OP = 'timeline';

/** Whether an edge carries the celebrity threshold: the hybrid's write-side skip or its read-side merge. */
function carriesThreshold(e: ScenarioEdge): boolean {
  return (e.fanout.type === 'followers' && e.fanout.skipAbove !== undefined) || e.fanout.type === 'celebrityFollowees';
}

/** The edges that fan a post out to every follower's timeline (fan-out on write). */
export function followerEdges(s: Scenario): ScenarioEdge[] {
  return s.edges.filter((e) => e.fanout.type === 'followers');
}

/**
 * The scenario's celebrity threshold: the first `skipAbove` of a followers
 * fan-out, else the first `celebrityFollowees` threshold; undefined when the
 * scenario has neither (fan-out on read or on write alone).
 */
export function celebrityThreshold(s: Scenario): number | undefined {
  for (const e of s.edges) if (e.fanout.type === 'followers' && e.fanout.skipAbove !== undefined) return e.fanout.skipAbove;
  for (const e of s.edges) if (e.fanout.type === 'celebrityFollowees') return e.fanout.threshold;
  return undefined;
}

/** Whether the edges that carry a celebrity threshold disagree (the editor offers to align them). */
export function thresholdsDisagree(s: Scenario): boolean {
  const values = new Set<number>();
  for (const e of s.edges) {
    if (e.fanout.type === 'followers' && e.fanout.skipAbove !== undefined) values.add(e.fanout.skipAbove);
    if (e.fanout.type === 'celebrityFollowees') values.add(e.fanout.threshold);
  }
  return values.size > 1;
}

/**
 * Sets the celebrity threshold everywhere at once: every followers fan-out
 * that skips celebrities and every celebrity merge on read. A followers
 * fan-out without `skipAbove` (pure fan-out on write) is left alone: giving
 * it one would change the strategy, not the threshold.
 */
export function withCelebrityThreshold(s: Scenario, threshold: number): Scenario {
  if (!s.edges.some(carriesThreshold)) return s;
  return {
    ...s,
    edges: s.edges.map((e) => {
      if (e.fanout.type === 'followers' && e.fanout.skipAbove !== undefined) {
        return e.fanout.skipAbove === threshold ? e : { ...e, fanout: { ...e.fanout, skipAbove: threshold } };
      }
      if (e.fanout.type === 'celebrityFollowees') {
        return e.fanout.threshold === threshold ? e : { ...e, fanout: { ...e.fanout, threshold } };
      }
      return e;
    }),
  };
}

/** Requests per second that the scenario's clients create for `op`. */
export function clientRate(s: Scenario, op: string): number {
  let sum = 0;
  for (const n of s.nodes) if (n.kind === 'client' && n.params.op === op) sum += nominalRatePerSec(n.params.arrival);
  return sum;
}

export type DdiaScale = 'reduced' | 'ddia';

export interface DdiaScaleInfo {
  scale: DdiaScale;
  postsPerSec: number;
  timelineReadsPerSec: number;
  /** The post rate as a share of DDIA's 4.6k/s (0.01 for the presets). */
  shareOfDdia: number;
}

/**
 * Which scale a Twitter scenario is at, judged by its post rate: at or
 * above a tenth of DDIA's rate (the geometric middle between 1/100 and 1)
 * it counts as DDIA scale. Undefined for a scenario that is not a Twitter
 * timeline (no follower graph or no client creating posts).
 */
export function ddiaScaleOf(s: Scenario): DdiaScaleInfo | undefined {
  if (!s.population) return undefined;
  const postsPerSec = clientRate(s, POST_OP);
  if (postsPerSec <= 0) return undefined;
  const shareOfDdia = postsPerSec / DDIA_POSTS_PER_SEC;
  return {
    scale: shareOfDdia >= 1 / Math.sqrt(DDIA_FACTOR) ? 'ddia' : 'reduced',
    postsPerSec,
    timelineReadsPerSec: clientRate(s, TIMELINE_OP),
    shareOfDdia,
  };
}

const REDUCED_SUFFIX = `(at 1/${DDIA_FACTOR} of DDIA's rates)`;
const DDIA_SUFFIX = "(at DDIA's rates)";

/**
 * The same system at the other scale: rates and capacity × 100 (to DDIA's
 * rates) or ÷ 100 (back to the browser-friendly ones), so every node keeps
 * its utilization. A preset's name says its scale, and is kept in step.
 * Going up and back down gives exactly the scenario you started from.
 */
export function toggleDdiaScale(s: Scenario): Scenario {
  const info = ddiaScaleOf(s);
  if (!info) return s;
  const up = info.scale === 'reduced';
  const scaled = scaleScenario(s, up ? DDIA_FACTOR : 1 / DDIA_FACTOR);
  const [from, to] = up ? [REDUCED_SUFFIX, DDIA_SUFFIX] : [DDIA_SUFFIX, REDUCED_SUFFIX];
  return s.name.endsWith(from) ? { ...scaled, name: s.name.slice(0, -from.length) + to } : scaled;
}
