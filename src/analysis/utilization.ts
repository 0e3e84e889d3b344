/**
 * Expected utilization and where it reaches 1: utilization = arrivals ×
 * mean busy time per request / servers, over the expected load
 * (expectedLoad.ts). The sweep starts its rate range from the saturating
 * rate.
 */
import { isOpen } from '../scenario/arrival';
import { specOf } from '../kinds';
import type { Scenario, TimeDist } from '../scenario/schema';
import { distMean } from '../sim/distributions';
import { expectedLoad } from './expectedLoad';
import { populationModel } from './populationCache';

/** Expected utilization of every node with servers (queues left out: their consumers' holding time depends on what lies behind them). */
export function expectedUtilization(s: Scenario): Map<string, number> {
  const load = expectedLoad(s, s.population ? populationModel(s.population) : undefined);
  const out = new Map<string, number>();
  for (const n of s.nodes) {
    const station = specOf(n).station;
    if (!station?.serviceTimeField) continue;
    const params = n.params as unknown as Record<string, TimeDist | number>;
    const busyPerRequestMs = distMean(params[station.serviceTimeField] as TimeDist);
    const servers = params[station.field] as number;
    out.set(n.id, (load.nodeArrivalsPerSec[n.id] * busyPerRequestMs) / 1000 / servers);
  }
  return out;
}

/**
 * The rate of one client at which the first node saturates (utilization
 * 1), the others staying as they are: every node's utilization grows in
 * proportion to the client's rate, so two evaluations give the line.
 * Undefined when no node's load depends on this client.
 */
export function saturationRate(s: Scenario, clientId: string): number | undefined {
  const client = s.nodes.find((n) => n.id === clientId);
  if (!client || client.kind !== 'client' || !isOpen(client.params.arrival)) return undefined;
  const r0 = client.params.arrival.ratePerSec;
  const setRate = (r: number) => ({
    ...s,
    nodes: s.nodes.map((n) => (n.id === clientId && n.kind === 'client' && isOpen(n.params.arrival) ? { ...n, params: { ...n.params, arrival: { ...n.params.arrival, ratePerSec: r } } } : n)),
  });
  const u0 = expectedUtilization(s);
  const u1 = expectedUtilization(setRate(2 * r0));
  let best: number | undefined;
  for (const [id, a] of u0) {
    const slope = ((u1.get(id) ?? a) - a) / r0;
    if (slope <= 1e-15) continue;
    const r = r0 + (1 - a) / slope;
    if (best === undefined || r < best) best = r;
  }
  return best;
}

