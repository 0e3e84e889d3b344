/**
 * Queue (a broker or a log): an asynchronous boundary. A call to it completes
 * after `enqueueTimeMs`; the message then waits for one of `consumers` slots
 * and is delivered along the outgoing edges; the slot is held until that
 * delivery completes. `capacity` bounds the messages waiting for a consumer,
 * checked on arrival. `waitMs` is consumer lag; `latencyMs` runs from arrival
 * to the end of the delivery.
 */
import { EV_ENQUEUED, type Simulation } from '../engine';
import { sample } from '../distributions';
import { F_FAILED } from '../jobs';

export function queueArrive(sim: Simulation, j: number): void {
  const jobs = sim.jobs;
  const node = jobs.node[j];
  const units = jobs.count[j];
  if (units === 1) {
    if (sim.queued[node] >= sim.queueCap[node]) {
      sim.drop(node, j, 1);
      sim.completeJob(j, true, true);
      return;
    }
  } else {
    const room = sim.queueCap[node] - sim.queued[node];
    if (units > room) {
      const accepted = Math.max(0, Math.floor(room));
      sim.drop(node, j, units - accepted);
      if (accepted === 0) {
        sim.completeJob(j, true, true);
        return;
      }
      jobs.count[j] = accepted;
      jobs.callUnits[j] = accepted;
      jobs.flags[j] |= F_FAILED; // the producer's call fails; the accepted messages still flow
      sim.notifyUp(j, true);
    }
  }
  // A bulk of messages is enqueued in one broker round trip.
  sim.schedule(sim.now + sample(sim.sampler[node]!, sim.rng), EV_ENQUEUED, j);
}

/** The broker acknowledged: the producer's call completes; the message waits for a consumer. */
export function queueEnqueued(sim: Simulation, j: number): void {
  const jobs = sim.jobs;
  const node = jobs.node[j];
  sim.notifyUp(j, false);
  jobs.flags[j] &= ~F_FAILED; // the delivery that follows is a fresh piece of work
  jobs.mark[j] = sim.now;
  if (jobs.count[j] === 1) {
    if (sim.busy[node] < sim.servers[node] && sim.fifo[node]!.length === 0) {
      sim.touch(node);
      sim.busy[node]++;
      sim.startDelivery(j);
    } else {
      sim.enqueue(node, j, 1);
      sim.startNext(node);
    }
  } else {
    sim.enqueueSplitter(node, j);
  }
}
