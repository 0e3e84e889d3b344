/**
 * Load balancer: no servers, no service time. Each request goes along exactly
 * one eligible outgoing edge, chosen by the policy; the edge's fan-out and
 * probability still apply. No eligible edge for the op is an error.
 *
 * A bulk job (many identical calls) is split over the eligible edges the way
 * the policy would spread that many requests: evenly in turn (round robin),
 * multinomially (random), or filling the least-loaded edges first
 * (least outstanding).
 */
import type { ParamsOf } from '../../scenario/schema';
import type { Simulation } from '../engine';
import { F_ISSUED_ALL, F_ISSUING, INT_FIELDS, J_COUNT, J_FLAGS, J_NODE, J_OP, NUM_FIELDS } from '../jobs';
import type { Behaviour } from './types';

const LB_ROUND_ROBIN = 0;
const LB_RANDOM = 1;
const LB_LEAST_OUTSTANDING = 2;

interface LoadBalancerState {
  policy: number;
  /** Round-robin position per op. */
  rrNext: Int32Array;
}

function loadBalancerArrive(sim: Simulation, j: number, state: LoadBalancerState): void {
  const jobs = sim.jobs;
  const node = jobs.ints[j * INT_FIELDS + J_NODE];
  const nOps = sim.model.ops.length;
  const slot = node * nOps + jobs.ints[j * INT_FIELDS + J_OP];
  const list = sim.model.outEdges[slot];
  if (list.length === 0) {
    sim.completeJob(j, true);
    return;
  }
  jobs.ints[j * INT_FIELDS + J_FLAGS] |= F_ISSUING;
  const units = jobs.nums[j * NUM_FIELDS + J_COUNT];
  const policy = state.policy;
  const rrNext = state.rrNext;
  const op = jobs.ints[j * INT_FIELDS + J_OP];
  if (units === 1) {
    let pick: number;
    const tried = sim.model.hasHedges ? sim.hedgeTried(j) : null;
    if (tried !== null && tried.length > 0 && list.some((e) => !tried.includes(e))) {
      pick = pickUntried(sim, list, tried, policy, rrNext, op);
    } else if (policy === LB_RANDOM) {
      pick = sim.rng.int(list.length);
    } else if (policy === LB_LEAST_OUTSTANDING) {
      // Fewest calls in flight; ties broken in turn, so idle backends share the load.
      const start = rrNext[op];
      pick = start % list.length;
      for (let k = 1; k < list.length; k++) {
        const i = (start + k) % list.length;
        if (sim.edgeOutstanding[list[i]] < sim.edgeOutstanding[list[pick]]) pick = i;
      }
      rrNext[op] = (pick + 1) % list.length;
    } else {
      pick = rrNext[op] % list.length;
      rrNext[op] = (pick + 1) % list.length;
    }
    jobs.cursor[j] = list[pick];
    if (tried !== null) tried.push(list[pick]);
    jobs.child[j] = sim.issueAlong(j, list[pick], 1);
  } else {
    splitBulk(sim, j, list, rrNext, op, units, policy);
  }
  jobs.ints[j * INT_FIELDS + J_FLAGS] = (jobs.ints[j * INT_FIELDS + J_FLAGS] | F_ISSUED_ALL) & ~F_ISSUING;
  sim.settle(j);
}

/**
 * A hedged call's copy: the policy's choice among the backends its other
 * copies have not tried (a copy sent to the same slow backend would wait
 * behind the very work it hedges).
 */
function pickUntried(sim: Simulation, list: Int32Array, tried: number[], policy: number, rrNext: Int32Array, op: number): number {
  const open: number[] = [];
  for (let i = 0; i < list.length; i++) if (!tried.includes(list[i])) open.push(i);
  if (policy === LB_RANDOM) return open[sim.rng.int(open.length)];
  if (policy === LB_LEAST_OUTSTANDING) {
    let pick = open[0];
    for (const i of open) if (sim.edgeOutstanding[list[i]] < sim.edgeOutstanding[list[pick]]) pick = i;
    return pick;
  }
  // Round robin: the next untried in turn.
  const start = rrNext[op] % list.length;
  for (let k = 0; k < list.length; k++) {
    const i = (start + k) % list.length;
    if (!tried.includes(list[i])) {
      rrNext[op] = (i + 1) % list.length;
      return i;
    }
  }
  return open[0];
}

function splitBulk(sim: Simulation, j: number, list: Int32Array, rrNext: Int32Array, op: number, units: number, policy: number): void {
  const n = list.length;
  const shares = new Float64Array(n);
  if (policy === LB_RANDOM) {
    let left = units;
    for (let i = 0; i < n - 1 && left > 0; i++) {
      const k = sim.rng.binomial(left, 1 / (n - i));
      shares[i] = k;
      left -= k;
    }
    shares[n - 1] += left;
  } else if (policy === LB_LEAST_OUTSTANDING) {
    // Water-filling: raise the least-loaded edges to a common level.
    const load = Array.from(list, (e) => sim.edgeOutstanding[e]);
    const order = [...load.keys()].sort((a, b) => load[a] - load[b] || a - b);
    let left = units;
    let k = 1;
    while (k < n && left > 0) {
      const need = (load[order[k]] - load[order[k - 1]]) * k;
      if (need > left) break;
      for (let i = 0; i < k; i++) {
        const step = load[order[k]] - load[order[i]];
        shares[order[i]] += step;
        load[order[i]] += step;
      }
      left -= need;
      k++;
    }
    const each = Math.floor(left / k);
    let extra = left - each * k;
    for (let i = 0; i < k; i++) {
      shares[order[i]] += each + (extra > 0 ? 1 : 0);
      if (extra > 0) extra--;
    }
  } else {
    const each = Math.floor(units / n);
    let extra = units - each * n;
    const start = rrNext[op] % n;
    for (let k = 0; k < n; k++) {
      const i = (start + k) % n;
      shares[i] = each + (extra > 0 ? 1 : 0);
      if (extra > 0) extra--;
    }
    rrNext[op] = (start + (units % n)) % n;
  }
  for (let i = 0; i < n; i++) if (shares[i] > 0) sim.issueAlong(j, list[i], shares[i]);
}

export const loadBalancerBehaviour: Behaviour<LoadBalancerState> = {
  kind: 'loadBalancer',
  bulkRule: 'split over the eligible edges as the policy would spread that many requests: evenly in turn, multinomially, or filling the least-loaded first',
  compile(sim, node, index) {
    const p = node.params as ParamsOf<'loadBalancer'>;
    const policy = p.policy === 'random' ? LB_RANDOM : p.policy === 'leastOutstanding' ? LB_LEAST_OUTSTANDING : LB_ROUND_ROBIN;
    if (policy === LB_LEAST_OUTSTANDING) {
      const model = sim.model;
      for (let e = 0; e < model.edgeCount; e++) if (model.edgeSource[e] === index) sim.edgeCountsOutstanding[e] = 1;
    }
    return { policy, rrNext: new Int32Array(sim.model.ops.length) };
  },
  arrive: loadBalancerArrive,
};
