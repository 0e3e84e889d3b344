/**
 * The data-sync presets tell their stories (issue 12) at two seeds: dual
 * writes by application code leave the cache and the search index diverged
 * from the database (two writers overtaking each other; a failed index
 * write never made good), while the same writes through change data
 * capture via a log leave nothing diverged, at the price of lag; versioned
 * writes fix the race; invalidation's stale reads come from the fill race
 * and last much longer than an update's; a TTL bounds how stale a read can
 * be. Presets are written by scripts/make-sync-presets.mjs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeScenarioJson } from '../../src/scenario/decode';
import type { Scenario } from '../../src/scenario/schema';
import { runScenario } from '../../src/sim/run';

const dir = join(__dirname, '../../public/scenarios');
function preset(name: string, seed: number): Scenario {
  const d = decodeScenarioJson(readFileSync(join(dir, `${name}.json`), 'utf8'));
  if (!d.ok) throw new Error(`${name}: ${d.error.message}`);
  return { ...d.scenario, seed };
}

describe('dual writes against change data capture', () => {
  for (const seed of [1, 2]) {
    it(`seed ${seed}: dual writes diverge (the cache by the race alone, the index by the race and its failed writes); through CDC nothing diverges, and the CDC cache lags`, () => {
      const dual = runScenario(preset('dual-writes', seed));
      const cdc = runScenario(preset('dual-writes-cdc', seed));
      expect(dual.nodes.cache.divergedKeys).toBeGreaterThan(0);
      expect(dual.nodes.index.divergedKeys).toBeGreaterThan(dual.nodes.cache.divergedKeys!);
      // The failing second write: the app's write fails after the database has committed it.
      expect(dual.ops.write.errors).toBeGreaterThan(100);
      expect(cdc.nodes.cache.divergedKeys).toBe(0);
      expect(cdc.nodes.index.divergedKeys).toBe(0);
      expect(cdc.ops.write.errors).toBe(0);
      // The same faults hit the index's deliveries, which the log retries.
      expect(cdc.edges['log-index'].failures).toBeGreaterThan(100);
      expect(cdc.edges['log-index'].outOfOrder).toBe(0);
      // Ordered and retried, at the price of lag: every committed write reaches the cache after it committed.
      expect(cdc.nodes.cache.lagMs!.mean).toBeGreaterThan(1);
      expect(cdc.nodes.cache.staleReadRatio!).toBeLessThan(dual.nodes.cache.staleReadRatio!);
    });

    it(`seed ${seed}: versioned writes (applyIf newer) leave nothing diverged, and no stale read lasts as long as the dual writes' worst`, () => {
      const dual = runScenario(preset('dual-writes', seed));
      const versioned = runScenario(preset('versioned-writes', seed));
      expect(versioned.nodes.cache.divergedKeys).toBe(0);
      expect(versioned.nodes.index.divergedKeys).toBe(0);
      expect(versioned.nodes.cache.stalenessMs!.max).toBeLessThan(dual.nodes.cache.stalenessMs!.max);
    });
  }
});

describe('invalidate vs update, and a TTL', () => {
  for (const seed of [1, 2]) {
    it(`seed ${seed}: an invalidated cache serves stale reads ten times as long as an updated one (the fill race), both bounded by the TTL`, () => {
      const r = runScenario(preset('cache-invalidate-vs-update', seed));
      const inv = r.nodes.invalidating;
      const upd = r.nodes.updating;
      expect(inv.staleReads).toBeGreaterThan(50);
      expect(inv.stalenessMs!.mean).toBeGreaterThan(10 * upd.stalenessMs!.mean);
      expect(inv.stalenessMs!.max).toBeLessThan(30_000);
      expect(inv.hitRatio!).toBeLessThan(upd.hitRatio!);
    });

    it(`seed ${seed}: a 10 s TTL cache that writes never touch serves about half its reads stale, never staler than 10 s`, () => {
      const cache = runScenario(preset('cache-aside-ttl', seed)).nodes.cache;
      expect(cache.staleReadRatio!).toBeGreaterThan(0.3);
      expect(cache.stalenessMs!.max).toBeLessThan(10_000);
      expect(cache.hitRatio!).toBeGreaterThan(0.8);
    });
  }
});
