/**
 * Queue (a broker): an asynchronous boundary. A call to it completes after
 * `enqueueTimeMs`; the message then waits for one of `consumers` slots (the
 * queue's station) and is delivered along the outgoing edges; the slot is
 * held until that delivery completes. `capacity` bounds the messages waiting
 * for a consumer, checked on arrival. `waitMs` is consumer lag; `latencyMs`
 * runs from arrival to the end of the delivery.
 *
 * That is `semantics: "broker"`, the default (v1). A Redis list or Redis
 * Pub/Sub is another kind of thing: its node keeps a state of its own, and
 * every function here hands it to redisQueue.ts.
 */
import type { ParamsOf } from '../../scenario/schema';
import { compileSampler, sample, type Sampler } from '../distributions';
import type { Simulation } from '../engine';
import { F_COUNTED, F_FAILED, INT_FIELDS, J_CALL_UNITS, J_COUNT, J_FLAGS, J_MARK, J_NODE, J_SERVICE, NUM_FIELDS } from '../jobs';
import { enqueue, enqueueSplitter, recordSpread, startNext } from '../station';
import { redisArrive, redisCompile, redisDispose, redisEdgeResult, redisJobDone, redisSetup, redisTargetCrashed, type RedisContext, type RedisQueueState } from './redisQueue';
import type { Behaviour } from './types';

interface QueueState {
  enqueueTimeMs: Sampler;
  evEnqueued: number;
  /** Messages accepted and still inside their enqueue time: they count against `capacity` already. */
  enqueuing: number;
  /** A Redis list or Pub/Sub (null: a broker). */
  redis: RedisQueueState | null;
}

function queueArrive(sim: Simulation, j: number, state: QueueState): void {
  if (state.redis !== null) {
    redisArrive(sim, j, state.redis);
    return;
  }
  const jobs = sim.jobs;
  const st = sim.stations;
  const node = jobs.ints[j * INT_FIELDS + J_NODE];
  const units = jobs.nums[j * NUM_FIELDS + J_COUNT];
  const counted = (jobs.ints[j * INT_FIELDS + J_FLAGS] & F_COUNTED) !== 0;
  if (units === 1) {
    if (st.queued[node] + state.enqueuing >= st.capacity[node]) {
      sim.meter.dropped(node, 1, counted);
      sim.completeJob(j, true, true);
      return;
    }
  } else {
    const room = st.capacity[node] - st.queued[node] - state.enqueuing;
    if (units > room) {
      const accepted = Math.max(0, Math.floor(room));
      sim.meter.dropped(node, units - accepted, counted);
      if (accepted === 0) {
        sim.completeJob(j, true, true);
        return;
      }
      jobs.nums[j * NUM_FIELDS + J_COUNT] = accepted;
      jobs.nums[j * NUM_FIELDS + J_CALL_UNITS] = accepted;
      jobs.ints[j * INT_FIELDS + J_FLAGS] |= F_FAILED; // the producer's call fails; the accepted messages still flow
      sim.notifyUp(j, true);
    }
  }
  // A bulk of messages is enqueued in one broker round trip.
  state.enqueuing += jobs.nums[j * NUM_FIELDS + J_COUNT];
  sim.scheduleJob(sim.now + sample(state.enqueueTimeMs, sim.rng), state.evEnqueued, j);
}

/** The broker acknowledged: the producer's call completes; the message waits for a consumer. */
function queueEnqueued(sim: Simulation, j: number): void {
  const jobs = sim.jobs;
  const st = sim.stations;
  const node = jobs.ints[j * INT_FIELDS + J_NODE];
  (sim.nodeState[node] as QueueState).enqueuing -= jobs.nums[j * NUM_FIELDS + J_COUNT];
  sim.notifyUp(j, false);
  jobs.ints[j * INT_FIELDS + J_FLAGS] &= ~F_FAILED; // the delivery that follows is a fresh piece of work
  jobs.nums[j * NUM_FIELDS + J_MARK] = sim.now;
  if (jobs.nums[j * NUM_FIELDS + J_COUNT] === 1) {
    if (st.idle(node)) {
      sim.meter.touch(node);
      st.busy[node]++;
      startDelivery(sim, j);
    } else {
      enqueue(sim, node, j, 1);
      startNext(sim, node);
    }
  } else {
    enqueueSplitter(sim, node, j);
  }
}

/** A message (or chunk of messages) gets a consumer: deliver it downstream. */
function startDelivery(sim: Simulation, j: number): void {
  const jobs = sim.jobs;
  const node = jobs.ints[j * INT_FIELDS + J_NODE];
  if (jobs.ints[j * INT_FIELDS + J_FLAGS] & F_COUNTED) recordSpread(sim.meter.nodeWait[node], sim.now - jobs.nums[j * NUM_FIELDS + J_MARK], 0, jobs.nums[j * NUM_FIELDS + J_COUNT]);
  jobs.nums[j * NUM_FIELDS + J_MARK] = sim.now;
  jobs.nums[j * NUM_FIELDS + J_SERVICE] = 0;
  sim.issueCalls(j);
}

export const queueBehaviour: Behaviour<QueueState, { evEnqueued: number; redis: RedisContext }> = {
  kind: 'queue',
  bulkRule:
    'a bulk of messages is enqueued in one broker round trip, then delivered in chunks by the consumers (the station rule); a Redis list or Pub/Sub takes a bulk in one round trip and delivers its messages one at a time',
  setup: (sim) => ({ evEnqueued: sim.registerEvent('enqueued', queueEnqueued, true), redis: redisSetup(sim) }),
  compile(sim, node, index, context) {
    const p = node.params as ParamsOf<'queue'>;
    if (p.semantics !== 'broker') {
      return { enqueueTimeMs: compileSampler(p.enqueueTimeMs), evEnqueued: context.evEnqueued, enqueuing: 0, redis: redisCompile(sim, { id: node.id, params: p }, index, context.redis) };
    }
    sim.stations.define(index, { servers: p.consumers, capacity: p.capacity, serviceTimeMs: null, serve: startDelivery });
    return { enqueueTimeMs: compileSampler(p.enqueueTimeMs), evEnqueued: context.evEnqueued, enqueuing: 0, redis: null };
  },
  arrive: queueArrive,
  onComplete(sim, j, state) {
    if (state.redis !== null) {
      redisJobDone(sim, j, state.redis);
      return;
    }
    // The consumer slot is held until the delivery completes (a rejected message never had one).
    const node = sim.jobs.ints[j * INT_FIELDS + J_NODE];
    sim.meter.touch(node);
    sim.stations.busy[node]--;
    startNext(sim, node);
  },
  targetCrashed(sim, _index, state, target) {
    if (state.redis !== null) redisTargetCrashed(sim, state.redis, target);
  },
  edgeResult(sim, _index, state, e, r) {
    if (state.redis !== null) redisEdgeResult(sim, state.redis, e, r);
  },
  dispose(state) {
    if (state.redis !== null) redisDispose(state.redis);
  },
};
