/**
 * Queueing theory beside the simulation, for the topologies textbooks solve
 * exactly. The results panel shows each prediction next to the simulated
 * value and its 95% interval: agreement is the evidence that the engine can
 * be trusted where theory has no answer.
 *
 * Recognised (and nothing else — a near miss gets no prediction rather than
 * a wrong one):
 * - M/M/1 and M/M/c: one Poisson client calling one service or database
 *   with exponential service, c servers, an unbounded queue.
 * - Fork-join: one client whose request fans out to n parallel calls (itself,
 *   or through a node that takes no time) to a backend with exponential
 *   service and enough servers that calls almost never wait; the response is
 *   the slowest of n.
 * - The tail at scale: the same fan-out to leaves whose service time is a
 *   mixture with a rare, much slower part; the share of requests that wait
 *   for at least one slow leaf is 1 − (1 − q)^n.
 */
import { isOpen } from '../scenario/arrival';
import type { Scenario, ScenarioEdge, ScenarioNode } from '../scenario/schema';
import type { ConfidenceInterval, RunConfidence } from '../sim/batchMeans';
import type { LatencyBins } from '../sim/latencyBins';
import type { Results } from '../sim/results';
import { distMean, distQuantile } from '../sim/distributions';
import { erlangC, forkJoinQuantile, mm1, mmc, slowShare } from '../sim/theory';

export type TheoryUnit = 'ms' | 'fraction' | 'requests';

export interface TheoryRow {
  quantity: string;
  unit: TheoryUnit;
  simulated: number;
  /** 95% interval half-width from batch means, when available. */
  halfWidth?: number;
  theory: number;
}

export interface TheoryCheck {
  model: string;
  /** The parameters, in words: "λ = 80/s, μ = 100/s, c = 1 (ρ = 0.80)". */
  parameters: string;
  rows: TheoryRow[];
  /** Set when theory predicts no steady state (ρ ≥ 1): rows are empty. */
  unstable?: string;
}

type ServerNode = Extract<ScenarioNode, { kind: 'service' | 'database' }>;

const isServer = (n: ScenarioNode | undefined): n is ServerNode => n !== undefined && (n.kind === 'service' || n.kind === 'database');

// A network delay, a timeout or a retry is outside every model below.
const plainEdge = (e: ScenarioEdge) => e.probability === 1 && e.mode === 'sync' && e.fanout.type === 'fixed' && e.latencyMs === undefined && e.timeoutMs === undefined && e.retry === undefined;

/**
 * P(T > t) for the response time of M/M/c: with probability 1 − C no wait
 * (T ~ Exp(μ)); otherwise an Exp(cμ − λ) wait plus the service, a
 * hypoexponential sum.
 */
export function mmcResponseSurvival(lambda: number, mu: number, c: number, t: number): number {
  const C = erlangC(c, lambda / mu);
  const a = c * mu - lambda;
  const service = Math.exp(-mu * t);
  const sum = Math.abs(a - mu) < 1e-12 * mu ? (1 + mu * t) * Math.exp(-mu * t) : (a * Math.exp(-mu * t) - mu * Math.exp(-a * t)) / (a - mu);
  return (1 - C) * service + C * sum;
}

/** The q-quantile of M/M/c response time, by bisection on the survival function. */
export function mmcResponseQuantile(lambda: number, mu: number, c: number, q: number): number {
  let lo = 0;
  let hi = 1 / mu;
  while (mmcResponseSurvival(lambda, mu, c, hi) > 1 - q) hi *= 2;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (mmcResponseSurvival(lambda, mu, c, mid) > 1 - q) lo = mid;
    else hi = mid;
    if (hi - lo < 1e-12 * hi) break;
  }
  return (lo + hi) / 2;
}

function ci(x: ConfidenceInterval | null | undefined): number | undefined {
  return x ? x.halfWidth : undefined;
}

const rate = (perMs: number) => `${+(perMs * 1000).toPrecision(4)}/s`;

/** The theory check for this scenario and its results, or null when its topology has no textbook answer. */
export function theoryCheck(
  scenario: Scenario,
  results: Results,
  confidence: RunConfidence | null,
  histogram?: readonly (LatencyBins | null)[] | null,
): TheoryCheck | null {
  const clients = scenario.nodes.filter((n) => n.kind === 'client');
  if (clients.length !== 1) return null;
  const client = clients[0];
  if (client.kind !== 'client') return null;
  const op = client.params.op;
  const opResult = Object.hasOwn(results.ops, op) ? results.ops[op] : undefined;
  if (!opResult) return null;
  const opCi = confidence?.ops[op];
  // Queueing theory here is of open arrivals; closed users are not a Poisson stream.
  if (!isOpen(client.params.arrival)) return null;
  const lambda = client.params.arrival.ratePerSec / 1000;
  const byId = new Map(scenario.nodes.map((n) => [n.id, n]));
  const out = (id: string) => scenario.edges.filter((e) => e.source === id);
  const takes = (e: ScenarioEdge) => e.ops === undefined || e.ops.includes(op);

  const first = out(client.id);
  if (first.length !== 1 || !plainEdge(first[0]) || !takes(first[0]) || client.params.arrival.type !== 'poisson') return null;
  const firstEdge = first[0];
  const firstTarget = byId.get(firstEdge.target);
  if (!isServer(firstTarget) || firstTarget.params.queueCapacity !== undefined) return null;
  const fixedN = (e: ScenarioEdge) => (e.fanout.type === 'fixed' ? e.fanout.n : 0);

  // M/M/1 and M/M/c.
  if (scenario.nodes.length === 2 && scenario.edges.length === 1 && fixedN(firstEdge) === 1) {
    const server = firstTarget;
    const dist = server.params.serviceTimeMs;
    if (dist.type !== 'exponential') return null;
    const mu = 1 / dist.meanMs;
    const c = server.params.servers;
    const model = c === 1 ? 'M/M/1' : `M/M/${c}`;
    const rho = lambda / (c * mu);
    const parameters = `λ = ${rate(lambda)}, μ = ${rate(mu)} per server, c = ${c} (ρ = ${rho.toFixed(2)})`;
    if (rho >= 1) {
      return { model, parameters, rows: [], unstable: `ρ = ${rho.toFixed(2)} ≥ 1: arrivals outpace service, so there is no steady state — the queue grows without bound` };
    }
    const node = Object.hasOwn(results.nodes, server.id) ? results.nodes[server.id] : undefined;
    if (!node) return null;
    const nodeCi = confidence?.nodes[server.id];
    const q = c === 1 ? mm1(lambda, mu) : mmc(lambda, mu, c);
    const quantile = (p: number) => (c === 1 ? mm1(lambda, mu).responseQuantile(p) : mmcResponseQuantile(lambda, mu, c, p));
    const lat = opResult.latencyMs;
    return {
      model,
      parameters,
      rows: [
        { quantity: 'Utilization ρ', unit: 'fraction', simulated: node.utilization, halfWidth: ci(nodeCi?.utilization), theory: q.utilization },
        { quantity: 'Mean response time', unit: 'ms', simulated: lat.mean, halfWidth: ci(opCi?.meanMs), theory: q.meanResponse },
        { quantity: 'p50 response time', unit: 'ms', simulated: lat.p50, theory: quantile(0.5) },
        { quantity: 'p99 response time', unit: 'ms', simulated: lat.p99, halfWidth: ci(opCi?.p99Ms), theory: quantile(0.99) },
        { quantity: 'p99.9 response time', unit: 'ms', simulated: lat.p999, theory: quantile(0.999) },
        { quantity: 'Mean wait in queue', unit: 'ms', simulated: node.waitMs.mean, theory: q.meanWait },
        { quantity: 'Mean queue length Lq', unit: 'requests', simulated: node.meanQueueLength, halfWidth: ci(nodeCi?.meanQueueLength), theory: q.meanQueueLength },
      ],
    };
  }

  // Fork-join: client → (zero-time node →)? backend, one fan-out edge of n ≥ 2.
  let fanEdge: ScenarioEdge;
  let backend: ScenarioNode | undefined;
  if (scenario.nodes.length === 2 && scenario.edges.length === 1) {
    fanEdge = firstEdge;
    backend = firstTarget;
  } else if (scenario.nodes.length === 3 && scenario.edges.length === 2) {
    const root = firstTarget;
    const rootDist = root.params.serviceTimeMs;
    if (fixedN(firstEdge) !== 1 || root.params.calls !== 'parallel') return null;
    const second = out(root.id);
    if (second.length !== 1 || !plainEdge(second[0]) || !takes(second[0])) return null;
    fanEdge = second[0];
    backend = byId.get(fanEdge.target);
    const zeroTime = rootDist.type === 'constant' && rootDist.valueMs === 0;
    if (!zeroTime && !isTailAtScale(backend)) return null;
    if (!zeroTime) return tailAtScale(backend as ServerNode, fixedN(fanEdge), lambda, histogram?.[0] ?? null, opResult.count);
  } else {
    return null;
  }
  const n = fixedN(fanEdge);
  if (n < 2 || !isServer(backend) || backend.params.queueCapacity !== undefined) return null;
  if (out(backend.id).length > 0) return null;
  const dist = backend.params.serviceTimeMs;
  if (dist.type !== 'exponential') return null;
  const mu = 1 / dist.meanMs;
  const c = backend.params.servers;
  const offered = (lambda * n) / mu;
  // "No queueing" is the model's premise: with a fair chance of waiting the formula would not apply.
  if (offered >= c || erlangC(c, offered) > 0.01) return null;
  let harmonic = 0;
  for (let k = 1; k <= n; k++) harmonic += 1 / k;
  const lat = opResult.latencyMs;
  return {
    model: `Fork-join of ${n}`,
    parameters: `n = ${n} parallel calls, each exponential with mean ${+(1 / mu).toPrecision(4)} ms; ${c} servers (P(wait) = ${(erlangC(c, offered) * 100).toPrecision(2)}%)`,
    rows: [
      { quantity: 'Mean response time (H_n/μ)', unit: 'ms', simulated: lat.mean, halfWidth: ci(opCi?.meanMs), theory: harmonic / mu },
      { quantity: 'p50 response time', unit: 'ms', simulated: lat.p50, theory: forkJoinQuantile(n, mu, 0.5) },
      { quantity: 'p99 response time', unit: 'ms', simulated: lat.p99, halfWidth: ci(opCi?.p99Ms), theory: forkJoinQuantile(n, mu, 0.99) },
      { quantity: 'p99.9 response time', unit: 'ms', simulated: lat.p999, theory: forkJoinQuantile(n, mu, 0.999) },
    ],
  };
}

/** Leaves whose service is a two-part mixture with a rare part (≤ 20%) entirely slower than 10× the other part's p99.9. */
function slowPart(node: ScenarioNode | undefined): { q: number; slowMs: number } | null {
  if (!isServer(node)) return null;
  const d = node.params.serviceTimeMs;
  if (d.type !== 'mixture' || d.parts.length !== 2) return null;
  const total = d.parts[0].weight + d.parts[1].weight;
  const [a, b] = d.parts.map((p) => ({ weight: p.weight / total, low: distQuantile(p.dist, 0.001), high: distQuantile(p.dist, 0.999) }));
  const [fast, slow] = a.high <= b.high ? [a, b] : [b, a];
  if (slow.weight > 0.2 || slow.low < 10 * fast.high) return null;
  // Leaves must (almost) never queue, or waiting would slow requests too.
  if (node.params.servers < 4) return null;
  return { q: slow.weight, slowMs: slow.low };
}

function isTailAtScale(node: ScenarioNode | undefined): boolean {
  return slowPart(node) !== null;
}

function tailAtScale(
  leaves: ServerNode,
  n: number,
  lambda: number,
  bins: LatencyBins | null,
  requests: number,
): TheoryCheck | null {
  const slow = slowPart(leaves);
  if (!slow || n < 2 || !bins || requests === 0) return null;
  if (leaves.params.queueCapacity !== undefined) return null;
  const offered = lambda * n * distMean(leaves.params.serviceTimeMs);
  if (offered >= leaves.params.servers || erlangC(leaves.params.servers, offered) > 0.01) return null;
  // A request is slow when it waited for a slow leaf. The fast part ends below a tenth of the slow
  // part's start, so a cut halfway (on a log axis: well clear of both) separates them.
  const cutMs = slow.slowMs / 2;
  let slowCount = 0;
  for (let i = 0; i < bins.counts.length; i++) if (bins.highMs[i] > cutMs) slowCount += bins.counts[i];
  return {
    model: `The tail at scale: fan-out to ${n} leaves`,
    parameters: `each of ${n} leaves is slow (≥ ${+slow.slowMs.toPrecision(3)} ms) with probability q = ${+(slow.q * 100).toPrecision(3)}%, so 1 − (1 − q)^${n} of requests wait for a slow one`,
    rows: [
      {
        quantity: `Requests slowed by at least one of ${n} leaves`,
        unit: 'fraction',
        simulated: slowCount / bins.total,
        theory: slowShare(n, slow.q),
      },
    ],
  };
}
