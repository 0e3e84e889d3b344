/**
 * The three endless loops an audit found in valid scenarios, each run as a
 * whole scenario in a watched worker thread: before their fixes every one of
 * them hung; now each finishes in well under a second of engine time.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { WatchedRunner } from './watchdog';

const runner = new WatchedRunner();
afterAll(() => runner.close());

const client = (op: string) => ({ id: 'c', kind: 'client', params: { op, arrival: { ratePerSec: 10 } } });
const WATCH = { timeoutMs: 10_000, maxEvents: 10_000_000 };

describe('valid scenarios that used to loop forever finish', () => {
  it('an edge with probability 1e−20 and a fan-out of 1,000 (log(1 − p) rounds to 0 in the binomial draw)', async () => {
    const v = await runner.run(
      {
        version: 1,
        durationSec: 5,
        nodes: [client('x'), { id: 's', kind: 'service', params: {} }],
        edges: [{ id: 'e', source: 'c', target: 's', probability: 1e-20, fanout: { type: 'fixed', n: 1000 } }],
      },
      WATCH,
    );
    expect(v).toMatchObject({ outcome: 'finished' });
  });

  it('a power law with α = 5e−324 (every follower probability underflows to 0 in the sampler)', async () => {
    const v = await runner.run(
      {
        version: 1,
        durationSec: 5,
        population: { users: 1000, followers: { type: 'powerlaw', alpha: 5e-324, min: 1, max: 1_000_000_000 } },
        nodes: [client('post'), { id: 's', kind: 'service', params: {} }],
        edges: [{ id: 'e', source: 'c', target: 's', fanout: { type: 'followers' } }],
      },
      WATCH,
    );
    expect(v).toMatchObject({ outcome: 'finished' });
  });

  it('an index refreshing every 1e300 ms (a visibility lag of 1e300 ms in the histogram)', async () => {
    const v = await runner.run(
      {
        version: 1,
        durationSec: 5,
        nodes: [client('w'), { id: 'i', kind: 'index', params: { writeOps: ['w'], refreshIntervalMs: 1e300 } }],
        edges: [{ id: 'e', source: 'c', target: 'i' }],
      },
      WATCH,
    );
    expect(v).toMatchObject({ outcome: 'finished' });
  });

  it('a service time of 1e20 ms and a mixture with an infinite-mean part', async () => {
    const v = await runner.run(
      {
        version: 1,
        durationSec: 5,
        nodes: [
          client('x'),
          { id: 's', kind: 'service', params: { serviceTimeMs: { type: 'mixture', parts: [{ weight: 1, dist: { type: 'constant', valueMs: 1e20 } }, { weight: 1, dist: { type: 'lognormal', medianMs: 1, p99Ms: 1e300 } }] } } },
        ],
        edges: [{ id: 'e', source: 'c', target: 's' }],
      },
      WATCH,
    );
    expect(v).toMatchObject({ outcome: 'finished' });
  });
});
