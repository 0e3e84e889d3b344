/**
 * Client: an open-loop load generator. Each arrival creates a request of the
 * client's op; its response time runs from creation to completion. Arrivals
 * stop at durationSec.
 */
import { EV_CLIENT_ARRIVAL, type Simulation } from '../engine';
import { F_COUNTED, F_REQUEST } from '../jobs';
import { KIND_CLIENT } from '../model';

function interarrivalMs(sim: Simulation, client: number): number {
  const rate = sim.clientRate[client]; // per ms
  return sim.clientPoisson[client] ? sim.clientRng[client].exponential(1 / rate) : 1 / rate;
}

/** Schedules every client's first arrival. */
export function scheduleFirstArrivals(sim: Simulation): void {
  for (let i = 0; i < sim.model.nodeCount; i++) {
    if (sim.kinds[i] !== KIND_CLIENT) continue;
    // Constant arrivals start at t = 0; Poisson arrivals after one exponential gap.
    const first = sim.clientPoisson[i] ? interarrivalMs(sim, i) : 0;
    if (first < sim.durationMs) sim.schedule(first, EV_CLIENT_ARRIVAL, i);
  }
}

/** A client creates a request, issues its calls, and schedules the next arrival. */
export function clientArrival(sim: Simulation, client: number): void {
  const next = sim.now + interarrivalMs(sim, client);
  if (next < sim.durationMs) sim.schedule(next, EV_CLIENT_ARRIVAL, client);

  const jobs = sim.jobs;
  const op = sim.clientOp[client];
  const population = sim.population;
  const rng = sim.populationRng[client];
  const author = population && sim.model.opNeedsAuthor[op] ? population.sampleAuthorFollowers(rng) : -1;
  const followees = population && sim.model.opNeedsFollowees[op] ? population.sampleFollowees(rng) : -1;
  const counted = sim.now >= sim.warmupMs && sim.now < sim.durationMs;
  if (counted) {
    sim.opCount[op]++;
    sim.nArrivals[client]++;
  }
  if (sim.windows !== null) {
    sim.windows.opCreated[op]++;
    sim.windows.nodeArrivals[client]++;
  }
  const direct = sim.directEdge[client];
  if (direct >= 0) {
    // The request travels as its only call: no job at the client (F_REQUEST).
    const c = jobs.alloc();
    jobs.node[c] = sim.model.edgeTarget[direct];
    jobs.op[c] = op;
    jobs.parent[c] = -1;
    jobs.group[c] = -1;
    jobs.edge[c] = direct;
    jobs.pending[c] = 0;
    jobs.cursor[c] = 0;
    jobs.openGroup[c] = -1;
    jobs.flags[c] = F_REQUEST;
    jobs.arrival[c] = sim.now;
    jobs.service[c] = 0;
    jobs.count[c] = 1;
    jobs.callUnits[c] = 1;
    jobs.copiesLeft[c] = -1;
    jobs.author[c] = author;
    jobs.followees[c] = followees;
    if (counted) sim.edgeCalls[direct]++;
    if (sim.windows !== null) sim.windows.edgeCalls[direct]++;
    sim.arrive(c);
    return;
  }
  const j = jobs.alloc();
  jobs.node[j] = client;
  jobs.op[j] = op;
  jobs.parent[j] = -1;
  jobs.group[j] = -1;
  jobs.edge[j] = -1;
  jobs.pending[j] = 0;
  jobs.cursor[j] = 0;
  jobs.openGroup[j] = -1;
  jobs.flags[j] = counted ? F_COUNTED : 0;
  jobs.arrival[j] = sim.now;
  jobs.count[j] = 1;
  jobs.callUnits[j] = 1;
  jobs.copiesLeft[j] = -1;
  jobs.author[j] = author;
  jobs.followees[j] = followees;
  sim.issueCalls(j);
}
