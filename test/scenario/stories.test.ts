/**
 * The reliability presets tell their stories (issue: "Presets that tell the
 * stories"), each at two seeds: a retry storm that outlives its trigger and
 * the mitigations that end it, hedging at scale, a cascade through a
 * blocking pool and the breaker that stops it, and redundancy against
 * random crashes. Presets are written by scripts/make-resilience-presets.mjs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeScenarioJson } from '../../src/scenario/decode';
import type { Scenario } from '../../src/scenario/schema';
import { runScenario } from '../../src/sim/run';

const dir = join(__dirname, '../../public/scenarios');
function preset(name: string, patch: Partial<Scenario> = {}): Scenario {
  const d = decodeScenarioJson(readFileSync(join(dir, `${name}.json`), 'utf8'));
  if (!d.ok) throw new Error(`${name}: ${d.error.message}`);
  return { ...d.scenario, ...patch };
}

/** Successful requests per second over the last 30 s of the storm (the pause was at 20–22 s). */
function lateThroughput(name: string, seed: number): number {
  return runScenario(preset(name, { seed, warmupSec: 90 })).ops.get.throughputPerSec;
}

describe('retry storm', () => {
  for (const seed of [1, 2]) {
    it(`seed ${seed}: a 2 s pause leaves the API down 70 s later; no retries, a budget, LIFO or a breaker bring it back; backoff alone does not`, () => {
      expect(lateThroughput('retry-storm', seed)).toBeLessThan(40);
      for (const fix of ['retry-storm-no-retries', 'retry-storm-budget', 'retry-storm-lifo', 'retry-storm-breaker']) {
        expect(lateThroughput(fix, seed), fix).toBeGreaterThan(760);
      }
      // Backoff spreads the retries out, but each request still makes its four attempts: 3,200/s against 1,000/s of capacity.
      expect(lateThroughput('retry-storm-backoff', seed)).toBeLessThan(40);
      // Dropping abandoned requests wastes no service on them, but in FIFO order what is served is the oldest live
      // request, which has all but timed out: most answers still come too late.
      expect(lateThroughput('retry-storm-drop', seed)).toBeLessThan(100);
    });
  }

  it('before the pause every variant serves its 800 requests/s without an error', () => {
    for (const name of ['retry-storm', 'retry-storm-backoff', 'retry-storm-lifo']) {
      const r = runScenario(preset(name, { durationSec: 19 }));
      expect(r.ops.get.errors, name).toBe(0);
    }
  });
});

describe('the other stories', () => {
  for (const seed of [1, 2]) {
    it(`seed ${seed}: coordinated omission — the closed-loop tester's measured p99 hides the 2 s pause; from the intended send time it shows, as the open-loop users see it`, () => {
      const r = runScenario(preset('coordinated-omission', { seed }));
      expect(r.ops.tester.latencyMs.p99).toBeLessThan(50);
      expect(r.ops.users.latencyMs.p99).toBeGreaterThan(1000);
      expect(r.ops.tester.intendedLatencyMs!.p99).toBeGreaterThan(1000);
      expect(r.ops.tester.intendedLatencyMs!.p99 / r.ops.users.latencyMs.p99).toBeGreaterThan(0.7);
      expect(r.ops.tester.intendedLatencyMs!.p99 / r.ops.users.latencyMs.p99).toBeLessThan(1.4);
    });

    it(`seed ${seed}: hedging cuts the tail at scale's p99 from a second to under 100 ms for about 1% more calls`, () => {
      const bare = runScenario(preset('tail-at-scale', { seed, durationSec: 120 }));
      const hedged = runScenario(preset('tail-at-scale-hedged', { seed, durationSec: 120 }));
      expect(bare.ops.search.latencyMs.p99).toBeGreaterThan(900);
      expect(hedged.ops.search.latencyMs.p99).toBeLessThan(100);
      const e = hedged.edges['root-leaves'];
      expect(e.hedges! / e.calls).toBeLessThan(0.02);
    });

    it(`seed ${seed}: a slow search backend takes the home page down through the blocking pool; a breaker keeps it up`, () => {
      const cascade = runScenario(preset('cascade-blocking', { seed }));
      const guarded = runScenario(preset('cascade-breaker', { seed }));
      expect(cascade.ops.home.errors / cascade.ops.home.count).toBeGreaterThan(0.1);
      expect(guarded.ops.home.errors / guarded.ops.home.count).toBeLessThan(0.005);
      expect(guarded.ops.search.errorsByCause!.breakerOpen).toBeGreaterThan(1000);
    });

    it(`seed ${seed}: random crashes (MTBF 30 s, MTTR 5 s) fail about 1/7 of requests on one server, and about 1/50 with two replicas and a retry`, () => {
      const one = runScenario(preset('random-faults-one', { seed }));
      const two = runScenario(preset('random-faults-replicas', { seed }));
      const share = (r: typeof one) => r.ops.get.errors / r.ops.get.count;
      expect(share(one)).toBeGreaterThan(0.07);
      expect(share(one)).toBeLessThan(0.25);
      expect(share(two)).toBeLessThan(0.05);
      expect(share(two)).toBeLessThan(share(one) / 4);
    });
  }
});
