/**
 * Caches and indexes kept in sync (SCENARIO.md, "Keys, versions and derived
 * data"): the laws of TTL and LRU caches against their closed forms
 * (theory.ts), change data capture's lag, versioned writes that never
 * diverge, and the one way invalidate-on-write serves stale data: the fill
 * race.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { KeyEvent } from '../../src/sim/data';
import { cheLruHitRatio, ttlHitRatio, ttlStaleHitProbability, zipfPopularity } from '../../src/sim/theory';
import { client, edge, expectClose, run } from './helpers';

const constant = (valueMs: number) => ({ type: 'constant', valueMs });
const exponential = (meanMs: number) => ({ type: 'exponential', meanMs });

/** Readers through a cache to a database that answers at once, and writers straight to the database. */
function cacheAside(o: { keys: number; readsPerSec: number; writesPerSec: number; cache: Record<string, unknown>; zipf?: number; durationSec?: number; warmupSec?: number; seed?: number }) {
  const nodes: Record<string, unknown>[] = [
    client('readers', 'read', o.readsPerSec),
    { id: 'cache', kind: 'cache', params: { hitTimeMs: constant(0), ...o.cache } },
    { id: 'db', kind: 'database', params: { servers: 1000, serviceTimeMs: constant(0), writeOps: ['write'] } },
  ];
  const edges = [edge('r', 'readers', 'cache'), edge('miss', 'cache', 'db')];
  if (o.writesPerSec > 0) {
    nodes.push(client('writers', 'write', o.writesPerSec));
    edges.push(edge('w', 'writers', 'db'));
  }
  return {
    version: 2,
    seed: o.seed ?? 1,
    durationSec: o.durationSec ?? 400,
    warmupSec: o.warmupSec ?? 20,
    keys: { count: o.keys, popularity: o.zipf !== undefined ? { type: 'zipf', s: o.zipf } : { type: 'uniform' } },
    nodes,
    edges,
  };
}

describe('a TTL cache', () => {
  it('that writes never touch serves a stale hit with probability 1 − (1 − e^(−wT))/(wT) (w = 0.2 writes/s per key, T = 2 s: 0.176, ±5%)', () => {
    for (const seed of [1, 2]) {
      const r = run(cacheAside({ keys: 50, readsPerSec: 50, writesPerSec: 10, cache: { ttlSec: 2 }, seed }));
      const cache = r.nodes.cache;
      // Misses read through a database that answers at once: only hits can be stale.
      const staleAmongHits = cache.staleReadRatio! / cache.hitRatio!;
      expectClose(staleAmongHits, ttlStaleHitProbability(0.2 / 1000, 2000), 0.05, `stale share of hits, seed ${seed}`);
      expect(cache.staleReads).toBeGreaterThan(1000);
      expect(cache.divergedKeys).toBe(0); // every entry has expired by the end of the drain
    }
  });

  it('with r reads/s per key and no writes hits rT/(1 + rT) (r = 0.5/s, T = 3 s: 0.6; r = 2/s, T = 0.5 s: 0.5; ±2%)', () => {
    for (const [r, ttlSec] of [
      [0.5, 3],
      [2, 0.5],
    ]) {
      const res = run(cacheAside({ keys: 100, readsPerSec: 100 * r, writesPerSec: 0, cache: { ttlSec } }));
      expectClose(res.nodes.cache.hitRatio!, ttlHitRatio(r / 1000, ttlSec * 1000), 0.02, `hit ratio at r=${r}, T=${ttlSec}`);
      expect(res.nodes.cache.staleReads).toBe(0);
    }
  });

  it('without keys keeps its fixed hit ratio and adds no data fields (v1 semantics)', () => {
    const doc = cacheAside({ keys: 10, readsPerSec: 200, writesPerSec: 0, cache: { hitRatio: 0.7 }, durationSec: 60 });
    const r = run({ ...doc, keys: undefined });
    expect(r.nodes.cache.hitRatio).toBeUndefined();
    expect(r.nodes.cache.staleReads).toBeUndefined();
    expectClose(r.edges.miss.calls / r.edges.r.calls, 0.3, 0.05, 'miss share');
  });
});

describe('an LRU cache of C entries', () => {
  it('over N uniform keys hits C/N (C = 200, N = 1,000: 0.2, ±3%)', () => {
    const r = run(cacheAside({ keys: 1000, readsPerSec: 2000, writesPerSec: 0, cache: { capacity: 200 }, durationSec: 60, warmupSec: 10 }));
    expectClose(r.nodes.cache.hitRatio!, 0.2, 0.03, 'LRU hit ratio');
  });

  it("over Zipf keys agrees with Che's approximation (s = 0.8 and 1.2, N = 1,000, C = 50 and 200, ±3%)", () => {
    for (const [s, capacity] of [
      [0.8, 50],
      [1.2, 200],
    ]) {
      const r = run(cacheAside({ keys: 1000, readsPerSec: 2000, writesPerSec: 0, zipf: s, cache: { capacity }, durationSec: 60, warmupSec: 10 }));
      const che = cheLruHitRatio(zipfPopularity(1000, s), capacity);
      expectClose(r.nodes.cache.hitRatio!, che, 0.03, `LRU hit ratio, s=${s}, C=${capacity} (Che ${che.toFixed(3)})`);
    }
  });

  it('never holds more than C entries: an entry evicted is a miss again (a key read every other request stays cached, a cold one does not)', () => {
    // One slot: a lookup hits only when the same key was the last one read.
    const r = run(cacheAside({ keys: 2, readsPerSec: 1000, writesPerSec: 0, cache: { capacity: 1 }, durationSec: 30, warmupSec: 1 }));
    expectClose(r.nodes.cache.hitRatio!, 0.5, 0.03, 'hit ratio with one slot over two keys');
  });
});

describe('change data capture', () => {
  it('without queueing, its lag is exactly the sum of its delays (CDC edge 4 ms, append 2 ms, log → cache 5 ms, lookup 0.5 ms: 11.5 ms)', () => {
    const r = run({
      version: 2,
      seed: 3,
      durationSec: 60,
      warmupSec: 1,
      keys: { count: 10 },
      nodes: [
        { id: 'writers', kind: 'client', params: { op: 'write', arrival: { type: 'constant', ratePerSec: 2 } } },
        { id: 'db', kind: 'database', params: { serviceTimeMs: exponential(3), writeOps: ['write'] } },
        { id: 'log', kind: 'log', params: { appendTimeMs: constant(2) } },
        { id: 'cache', kind: 'cache', params: { hitTimeMs: constant(0.5), writeOps: ['write'], writePolicy: 'update' } },
      ],
      edges: [
        edge('w', 'writers', 'db'),
        edge('cdc', 'db', 'log', { mode: 'cdc', latencyMs: constant(4) }),
        edge('apply', 'log', 'cache', { latencyMs: constant(5) }),
      ],
    });
    const lag = r.nodes.cache.lagMs!;
    expect(lag.mean).toBeCloseTo(11.5, 9);
    expect(lag.max).toBeCloseTo(11.5, 9);
    expectClose(lag.p99, 11.5, 0.01, 'lag p99');
    expect(r.edges.cdc.calls).toBeGreaterThan(100);
    expect(r.nodes.cache.divergedKeys).toBe(0);
  });

  it('delivers in commit order and retries through a crash: the index ends at the database\'s versions', () => {
    const r = run({
      version: 2,
      seed: 5,
      durationSec: 30,
      keys: { count: 5 },
      faults: [{ id: 'down', target: 'index', type: 'crash', atSec: 10, durationSec: 5 }],
      nodes: [
        client('writers', 'write', 200),
        { id: 'db', kind: 'database', params: { serviceTimeMs: exponential(2), writeOps: ['write'] } },
        { id: 'index', kind: 'index', params: { serviceTimeMs: exponential(1), writeOps: ['write'], refreshIntervalMs: 100 } },
      ],
      edges: [edge('w', 'writers', 'db'), edge('cdc', 'db', 'index', { mode: 'cdc', latencyMs: exponential(3) })],
    });
    expect(r.nodes.index.divergedKeys).toBe(0);
    expect(r.edges.cdc.failures ?? 0).toBeGreaterThan(0);
  });
});

/** Two writers doing dual writes (database, then cache, then index) with random network delays that reorder them. */
function dualWrites(o: { seed: number; keys: number; ratePerSec: number; applyIf: 'always' | 'newer'; delayMs: number; durationSec: number }) {
  const writer = (id: string) => ({ id, kind: 'service', params: { servers: 64, serviceTimeMs: exponential(0.5), calls: 'sequential' } });
  return {
    version: 2,
    seed: o.seed,
    durationSec: o.durationSec,
    keys: { count: o.keys },
    nodes: [
      client('clients-a', 'write', o.ratePerSec),
      client('clients-b', 'write', o.ratePerSec),
      client('readers', 'read', o.ratePerSec),
      writer('app-a'),
      writer('app-b'),
      { id: 'db', kind: 'database', params: { servers: 16, serviceTimeMs: exponential(1), writeOps: ['write'] } },
      { id: 'cache', kind: 'cache', params: { writeOps: ['write'], writePolicy: 'update', applyIf: o.applyIf } },
      { id: 'index', kind: 'index', params: { servers: 16, serviceTimeMs: exponential(1), writeOps: ['write'], refreshIntervalMs: 50, applyIf: o.applyIf } },
    ],
    edges: [
      edge('a', 'clients-a', 'app-a'),
      edge('b', 'clients-b', 'app-b'),
      edge('a-db', 'app-a', 'db'),
      edge('a-cache', 'app-a', 'cache', { latencyMs: exponential(o.delayMs) }),
      edge('a-index', 'app-a', 'index', { latencyMs: exponential(o.delayMs) }),
      edge('b-db', 'app-b', 'db'),
      edge('b-cache', 'app-b', 'cache', { latencyMs: exponential(o.delayMs) }),
      edge('b-index', 'app-b', 'index', { latencyMs: exponential(o.delayMs) }),
      edge('r', 'readers', 'cache'),
      edge('r-db', 'cache', 'db', { ops: ['read'] }),
    ],
  };
}

describe('versioned writes', () => {
  it('(applyIf "newer") never diverge, however the dual writes are reordered (property, 25 seeded runs)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.integer({ min: 1, max: 20 }),
        fc.double({ min: 5, max: 200, noNaN: true }),
        fc.double({ min: 0.1, max: 20, noNaN: true }),
        (seed, keys, ratePerSec, delayMs) => {
          const r = run(dualWrites({ seed, keys, ratePerSec, applyIf: 'newer', delayMs, durationSec: 3 }));
          expect(r.nodes.cache.divergedKeys).toBe(0);
          expect(r.nodes.index.divergedKeys).toBe(0);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('without versions ("always") the same dual writes diverge (the property above can fail)', () => {
    const r = run(dualWrites({ seed: 1, keys: 5, ratePerSec: 100, applyIf: 'always', delayMs: 10, durationSec: 10 }));
    expect(r.nodes.cache.divergedKeys! + r.nodes.index.divergedKeys!).toBeGreaterThan(0);
  });
});

describe('invalidate on write', () => {
  /** A read-through cache that writes invalidate at the instant they commit, with a delay on the database's answers to the cache's misses. */
  function invalidating(responseDelayMs: number | null, seed: number) {
    return {
      version: 2,
      seed,
      durationSec: 120,
      warmupSec: 5,
      keys: { count: 3 },
      nodes: [
        client('readers', 'read', 300),
        client('writers', 'write', 30),
        { id: 'app', kind: 'service', params: { servers: 64, serviceTimeMs: constant(0), calls: 'sequential' } },
        { id: 'cache', kind: 'cache', params: { hitTimeMs: constant(0), writeOps: ['write'], writePolicy: 'invalidate' } },
        { id: 'db', kind: 'database', params: { servers: 64, serviceTimeMs: exponential(2), writeOps: ['write'] } },
      ],
      edges: [
        edge('r', 'readers', 'cache'),
        edge('miss', 'cache', 'db', { ops: ['read'], ...(responseDelayMs === null ? {} : { latencyMs: exponential(responseDelayMs) }) }),
        edge('w', 'writers', 'app'),
        edge('w-db', 'app', 'db'),
        edge('w-cache', 'app', 'cache'),
      ],
    };
  }

  it('serves no stale read when a fill cannot be overtaken by a write (no delay between the database and the cache)', () => {
    for (const seed of [1, 2]) {
      const r = run(invalidating(null, seed));
      expect(r.nodes.cache.staleReads).toBe(0);
      expect(r.nodes.cache.hitRatio!).toBeGreaterThan(0.5);
    }
  });

  it('leaves a stale window only through the fill race: every stale read answers a fill that was already stale when it landed', () => {
    const r = run(invalidating(5, 1), { watchKey: 0 });
    expect(r.nodes.cache.staleReads).toBeGreaterThan(10);
    const events = r.watchedKey!.events.filter((e) => e.node === 'cache');
    let last: KeyEvent | undefined;
    let checked = 0;
    for (const e of events) {
      if (e.what === 'staleRead') {
        expect(last?.what, `stale read at ${e.atMs} ms follows a fill`).toBe('fill');
        expect(last!.version, 'the fill was stale when it landed').toBeLessThan(last!.dbVersion);
        expect(e.version).toBe(last!.version);
        checked++;
      } else if (e.what === 'fill' || e.what === 'invalidate' || e.what === 'expire' || e.what === 'evict') last = e;
    }
    expect(checked).toBeGreaterThan(3);
  });
});

describe('the watched key', () => {
  it('records commits at the database and what each copy did, bounded, in time order', () => {
    const r = run(dualWrites({ seed: 2, keys: 3, ratePerSec: 50, applyIf: 'always', delayMs: 5, durationSec: 5 }), { watchKey: 1 });
    const t = r.watchedKey!;
    expect(t.key).toBe(1);
    expect(t.nodes.map((n) => n.id)).toEqual(['db', 'cache', 'index']);
    const kinds = new Set(t.events.map((e) => e.what));
    for (const k of ['commit', 'update', 'apply']) expect(kinds.has(k as KeyEvent['what'])).toBe(true);
    for (let i = 1; i < t.events.length; i++) expect(t.events[i].atMs).toBeGreaterThanOrEqual(t.events[i - 1].atMs);
    const commits = t.events.filter((e) => e.what === 'commit').map((e) => e.version);
    expect(commits).toEqual(commits.map((_, i) => i + 1));
    expect(structuredClone(t)).toEqual(t);
  });
});
