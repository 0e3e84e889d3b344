/**
 * The yardstick of `npm run bench`: a minimal hand-tuned M/M/1 loop, the
 * fastest a JavaScript discrete-event simulation of one queue reasonably gets
 * while measuring what the engine measures. It shares the engine's parts that
 * are not overhead — the seeded generator (random.ts), the future-event list
 * (heap.ts, a struct-of-arrays binary heap) and the latency histogram
 * (stats.ts) — and has none of the rest: no nodes, edges, behaviours,
 * meter, windows or job records, only a typed-array FIFO of arrival times.
 * It records the same three latencies per request as the engine does for
 * this scenario (the wait and the response time at the server, the response
 * time at the client). The engine's figure divided by this loop's, timed in
 * the same process, is the engine's overhead.
 */
import { EventHeap } from '../src/sim/heap';
import { Rng } from '../src/sim/random';
import { LatencyHistogram } from '../src/sim/stats';

const ARRIVAL = 0;
const DEPARTURE = 1;

export interface HandLoopResult {
  requests: number;
  events: number;
  p99Ms: number;
}

/** M/M/1 with arrivals at `ratePerSec` and mean service `meanMs`, for `durationSec`, then drained. */
export function handTunedMM1(ratePerSec: number, meanMs: number, durationSec: number, seed = 1): HandLoopResult {
  const arrivals = new Rng(seed, 1);
  const service = new Rng(seed, 0);
  const heap = new EventHeap(16);
  const wait = new LatencyHistogram();
  const atServer = new LatencyHistogram();
  const atClient = new LatencyHistogram();
  let fifo = new Float64Array(1024);
  let head = 0;
  let tail = 0;
  let busy = false;
  let inService = 0; // arrival time of the request in service
  const meanGap = 1000 / ratePerSec;
  const endMs = durationSec * 1000;
  let requests = 0;
  let events = 0;
  heap.push(arrivals.exponential(meanGap), ARRIVAL, 0);
  while (heap.size > 0) {
    const now = heap.peekTime();
    const kind = heap.peekKind();
    heap.pop();
    events++;
    if (kind === ARRIVAL) {
      requests++;
      const next = now + arrivals.exponential(meanGap);
      if (next < endMs) heap.push(next, ARRIVAL, 0);
      if (!busy) {
        busy = true;
        inService = now;
        wait.record(0);
        heap.push(now + service.exponential(meanMs), DEPARTURE, 0);
      } else {
        if (tail === fifo.length) {
          // Compact, then grow if still full.
          fifo.copyWithin(0, head, tail);
          tail -= head;
          head = 0;
          if (tail === fifo.length) {
            const bigger = new Float64Array(fifo.length * 2);
            bigger.set(fifo);
            fifo = bigger;
          }
        }
        fifo[tail++] = now;
      }
    } else {
      atServer.record(now - inService);
      atClient.record(now - inService);
      if (head < tail) {
        inService = fifo[head++];
        wait.record(now - inService);
        heap.push(now + service.exponential(meanMs), DEPARTURE, 0);
      } else {
        busy = false;
      }
    }
  }
  const p99Ms = atClient.percentile(99);
  wait.dispose();
  atServer.dispose();
  atClient.dispose();
  return { requests, events, p99Ms };
}
