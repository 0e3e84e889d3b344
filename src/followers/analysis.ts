/**
 * Everything the follower distribution editor shows about a scenario, exact:
 * the population's statistics, what a celebrity threshold splits off, and
 * the fan-out writes per second the scenario is expected to make.
 */
import { celebrityThreshold, followerEdges } from '../scenario/twitter';
import type { Scenario } from '../scenario/schema';
import type { PopulationStats, ThresholdStats } from '../sim/population';
import { expectedLoad } from '../analysis/expectedLoad';
import { ccdfPoints, fanoutHistogram, type CcdfPoint, type FanoutBin } from './plotData';
import { populationModel, thresholdStatsOf } from '../analysis/populationCache';

export interface ExpectedWrites {
  /** The followers fan-out edge. */
  edgeId: string;
  /** Requests (posts) per second reaching the edge. */
  postsPerSec: number;
  /** Expected writes per post along it: celebrities skipped, probability applied. */
  writesPerPost: number;
  /** postsPerSec × writesPerPost. */
  writesPerSec: number;
  /** The edge's `skipAbove`, when it skips celebrities. */
  skipAbove?: number;
}

export interface FollowerAnalysis {
  stats: PopulationStats;
  /** Whether posting is weighted by followers (authors differ from accounts). */
  activityWeighted: boolean;
  /** The threshold the shares are computed at, whether the scenario uses it, and what it splits off. */
  threshold: { value: number; inScenario: boolean; stats: ThresholdStats };
  /** One entry per followers fan-out edge (none for fan-out on read alone). */
  writes: ExpectedWrites[];
  /** Sum over the followers edges. */
  writesPerSec: number;
  /** Fetches per second of fan-out on read (followees and celebrity merges), and timeline reads per second reaching them. */
  readFanout: { fetchesPerSec: number; readsPerSec: number };
  ccdf: { followers: CcdfPoint[]; authors?: CcdfPoint[] };
  histogram: FanoutBin[];
}

/**
 * Analyses the scenario's follower graph. `whatIfThreshold` is used when the
 * scenario has no celebrity threshold of its own (pure fan-out on write or
 * on read): it changes the shares shown, not the scenario.
 */
export function analyseFollowers(s: Scenario, whatIfThreshold: number): FollowerAnalysis | undefined {
  if (!s.population) return undefined;
  const model = populationModel(s.population);
  const own = celebrityThreshold(s);
  const value = own ?? whatIfThreshold;
  const load = expectedLoad(s, model);
  const writes = followerEdges(s).map((e): ExpectedWrites => {
    const l = load.edges[e.id];
    return {
      edgeId: e.id,
      postsPerSec: l.requestsPerSec,
      writesPerPost: l.callsPerRequest * e.probability,
      writesPerSec: l.callsPerSec,
      skipAbove: e.fanout.type === 'followers' ? e.fanout.skipAbove : undefined,
    };
  });
  const readEdges = s.edges.filter((e) => e.fanout.type === 'followees' || e.fanout.type === 'celebrityFollowees');
  const readFanout = {
    fetchesPerSec: readEdges.reduce((sum, e) => sum + load.edges[e.id].callsPerSec, 0),
    readsPerSec: Math.max(0, ...readEdges.map((e) => load.edges[e.id].requestsPerSec)),
  };
  const activityWeighted = s.population.activityExponent !== 0;
  return {
    stats: model.stats,
    activityWeighted,
    threshold: { value, inScenario: own !== undefined, stats: thresholdStatsOf(model, value) },
    writes,
    writesPerSec: writes.reduce((sum, w) => sum + w.writesPerSec, 0),
    readFanout,
    ccdf: { followers: ccdfPoints(model.followers), authors: activityWeighted ? ccdfPoints(model.authors) : undefined },
    histogram: fanoutHistogram(model.authors),
  };
}
