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
import type { Simulation } from '../engine';
import { F_ISSUED_ALL, F_ISSUING } from '../jobs';

export const LB_ROUND_ROBIN = 0;
export const LB_RANDOM = 1;
export const LB_LEAST_OUTSTANDING = 2;

export function loadBalancerPolicy(policy: 'roundRobin' | 'random' | 'leastOutstanding'): number {
  return policy === 'random' ? LB_RANDOM : policy === 'leastOutstanding' ? LB_LEAST_OUTSTANDING : LB_ROUND_ROBIN;
}

export function loadBalancerArrive(sim: Simulation, j: number): void {
  const jobs = sim.jobs;
  const node = jobs.node[j];
  const nOps = sim.model.ops.length;
  const slot = node * nOps + jobs.op[j];
  const list = sim.model.outEdges[slot];
  if (list.length === 0) {
    sim.completeJob(j, true);
    return;
  }
  jobs.flags[j] |= F_ISSUING;
  const units = jobs.count[j];
  const policy = sim.lbPolicy[node];
  if (units === 1) {
    let pick: number;
    if (policy === LB_RANDOM) {
      pick = sim.rng.int(list.length);
    } else if (policy === LB_LEAST_OUTSTANDING) {
      // Fewest calls in flight; ties broken in turn, so idle backends share the load.
      const start = sim.rrNext[slot];
      pick = start % list.length;
      for (let k = 1; k < list.length; k++) {
        const i = (start + k) % list.length;
        if (sim.outstanding[list[i]] < sim.outstanding[list[pick]]) pick = i;
      }
      sim.rrNext[slot] = (pick + 1) % list.length;
    } else {
      pick = sim.rrNext[slot] % list.length;
      sim.rrNext[slot] = (pick + 1) % list.length;
    }
    jobs.cursor[j] = list[pick];
    sim.issueAlong(j, list[pick], 1);
  } else {
    splitBulk(sim, j, list, slot, units, policy);
  }
  jobs.flags[j] = (jobs.flags[j] | F_ISSUED_ALL) & ~F_ISSUING;
  sim.settle(j);
}

function splitBulk(sim: Simulation, j: number, list: Int32Array, slot: number, units: number, policy: number): void {
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
    const load = Array.from(list, (e) => sim.outstanding[e]);
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
    const start = sim.rrNext[slot] % n;
    for (let k = 0; k < n; k++) {
      const i = (start + k) % n;
      shares[i] = each + (extra > 0 ? 1 : 0);
      if (extra > 0) extra--;
    }
    sim.rrNext[slot] = (start + (units % n)) % n;
  }
  for (let i = 0; i < n; i++) if (shares[i] > 0) sim.issueAlong(j, list[i], shares[i]);
}
