/**
 * Writes the data-sync presets into public/scenarios/ (and lists them in
 * index.json): a cache-aside cache with a TTL (how stale, how often),
 * invalidate against update on write (the stale fill race), dual writes by
 * application code to a database, a cache and a search index (concurrent
 * writers and a failing second write leave them diverged), the same through
 * change data capture via a log (ordered, retried, nothing diverges, at the
 * price of lag), and versioned writes as the fix for the race. DDIA ch. 1:
 * "it is normally the application code's responsibility to keep those caches
 * and indexes in sync". The dual-write stories are checked by
 * test/scenario/syncStories.test.ts. `node scripts/make-sync-presets.mjs`
 */
import { readFileSync, writeFileSync } from 'node:fs';

const dir = new URL('../public/scenarios/', import.meta.url);
const at = (x, y) => ({ x, y });
const constant = (valueMs) => ({ type: 'constant', valueMs });
const exponential = (meanMs) => ({ type: 'exponential', meanMs });
const lognormal = (medianMs, p99Ms) => ({ type: 'lognormal', medianMs, p99Ms });
const poisson = (ratePerSec) => ({ type: 'poisson', ratePerSec });

/** A thousand products, the popular ones read and written far more often (Zipf, s = 1). */
const KEYS = { count: 1000, popularity: { type: 'zipf', s: 1 } };

/**
 * Cache-aside with a TTL: readers go to the cache, misses to the database;
 * writers update the database only, so an entry stays as it was filled
 * until its TTL runs out. About 1 read in 9 is stale.
 */
const cacheAsideTtl = {
  file: 'cache-aside-ttl',
  title: 'Cache-aside with a TTL: how stale, how often',
  description: 'Writes go to the database only; the cache serves what it loaded until its 10 s TTL runs out. The hot keys are read stale again and again, for seconds each time.',
  doc: {
    version: 2,
    name: 'Cache-aside with a TTL: how stale, how often',
    seed: 1,
    durationSec: 60,
    warmupSec: 10,
    keys: KEYS,
    nodes: [
      { id: 'readers', kind: 'client', label: 'Readers', position: at(0, 0), params: { op: 'read', arrival: poisson(600) } },
      { id: 'writers', kind: 'client', label: 'Writers', position: at(0, 220), params: { op: 'write', arrival: poisson(30) } },
      { id: 'cache', kind: 'cache', label: 'Cache (TTL 10 s)', position: at(340, 0), params: { hitTimeMs: constant(0.5), servers: 64, ttlSec: 10 } },
      { id: 'db', kind: 'database', label: 'Database', position: at(680, 110), params: { servers: 16, serviceTimeMs: lognormal(3, 20), writeOps: ['write'] } },
    ],
    edges: [
      { id: 'readers-cache', source: 'readers', target: 'cache' },
      { id: 'cache-db', source: 'cache', target: 'db', latencyMs: constant(0.5) },
      { id: 'writers-db', source: 'writers', target: 'db', latencyMs: constant(0.5) },
    ],
  },
};

/**
 * Invalidate against update: one writer application writes the database and
 * then, in turn, tells two caches — one deletes the key's entry, the other
 * sets it to the new version. Reads of each cache miss to the same database
 * over a slow link, so a read can load the old version, be overtaken by a
 * write and its invalidation, and fill the old version back in: the stale
 * fill race, which lasts until the entry's TTL runs out.
 */
const invalidateVsUpdate = {
  file: 'cache-invalidate-vs-update',
  title: 'Cache invalidation vs update: the stale fill race',
  description: 'Two caches of one database: writes delete the entry in one and overwrite it in the other. Invalidation leaves a stale window only when a slow miss fills the old value back in after the write — and then it lasts until the TTL.',
  doc: {
    version: 2,
    name: 'Cache invalidation vs update: the stale fill race',
    seed: 1,
    durationSec: 60,
    warmupSec: 10,
    keys: KEYS,
    nodes: [
      { id: 'readers-a', kind: 'client', label: 'Readers A', position: at(0, 0), params: { op: 'read', arrival: poisson(300) } },
      { id: 'readers-b', kind: 'client', label: 'Readers B', position: at(0, 400), params: { op: 'read', arrival: poisson(300) } },
      { id: 'writers', kind: 'client', label: 'Writers', position: at(0, 200), params: { op: 'write', arrival: poisson(40) } },
      { id: 'app', kind: 'service', label: 'Writer app', position: at(320, 200), params: { servers: 32, serviceTimeMs: exponential(1), calls: 'sequential' } },
      { id: 'invalidating', kind: 'cache', label: 'Cache: invalidate', position: at(640, 0), params: { hitTimeMs: constant(0.5), servers: 64, ttlSec: 30, writeOps: ['write'], writePolicy: 'invalidate' } },
      { id: 'updating', kind: 'cache', label: 'Cache: update', position: at(640, 400), params: { hitTimeMs: constant(0.5), servers: 64, ttlSec: 30, writeOps: ['write'], writePolicy: 'update' } },
      { id: 'db', kind: 'database', label: 'Database', position: at(960, 200), params: { servers: 16, serviceTimeMs: lognormal(3, 20), writeOps: ['write'] } },
    ],
    edges: [
      { id: 'a-cache', source: 'readers-a', target: 'invalidating' },
      { id: 'b-cache', source: 'readers-b', target: 'updating' },
      { id: 'writers-app', source: 'writers', target: 'app' },
      { id: 'app-db', source: 'app', target: 'db' },
      { id: 'app-invalidate', source: 'app', target: 'invalidating', latencyMs: constant(1) },
      { id: 'app-update', source: 'app', target: 'updating', latencyMs: constant(1) },
      // The misses' link is slow and jittery: a loaded old version can arrive after the write's invalidation.
      { id: 'invalidating-db', source: 'invalidating', target: 'db', ops: ['read'], latencyMs: exponential(10) },
      { id: 'updating-db', source: 'updating', target: 'db', ops: ['read'], latencyMs: exponential(10) },
    ],
  },
};

/** Two writer applications, a database, a cache and a search index; `mode` decides how the copies are kept in sync. */
function dualWrites(file, title, description, mode) {
  const cdc = mode === 'cdc';
  const applyIf = mode === 'versioned' ? 'newer' : 'always';
  const writer = (id, label, y) => ({ id, kind: 'service', label, position: at(320, y), params: { servers: 32, serviceTimeMs: exponential(1), calls: 'sequential' } });
  const nodes = [
    { id: 'clients-a', kind: 'client', label: 'Clients A', position: at(0, 0), params: { op: 'write', arrival: poisson(100) } },
    { id: 'clients-b', kind: 'client', label: 'Clients B', position: at(0, 200), params: { op: 'write', arrival: poisson(100) } },
    { id: 'readers', kind: 'client', label: 'Readers', position: at(0, 420), params: { op: 'read', arrival: poisson(300) } },
    { id: 'searchers', kind: 'client', label: 'Searchers', position: at(0, 600), params: { op: 'search', arrival: poisson(100) } },
    writer('app-a', 'App A', 0),
    writer('app-b', 'App B', 200),
    { id: 'db', kind: 'database', label: 'Database', position: at(660, 100), params: { servers: 16, serviceTimeMs: lognormal(3, 20), writeOps: ['write'] } },
    { id: 'cache', kind: 'cache', label: 'Cache', position: at(1320, 300), params: { hitTimeMs: constant(0.5), servers: 64, writeOps: ['write'], writePolicy: 'update', applyIf } },
    { id: 'index', kind: 'index', label: 'Search index', position: at(1320, 560), params: { servers: 8, serviceTimeMs: lognormal(5, 40), writeOps: ['write'], refreshIntervalMs: 1000, applyIf } },
  ];
  const edges = [
    { id: 'a-app', source: 'clients-a', target: 'app-a' },
    { id: 'b-app', source: 'clients-b', target: 'app-b' },
    { id: 'a-db', source: 'app-a', target: 'db', latencyMs: exponential(1) },
    { id: 'b-db', source: 'app-b', target: 'db', latencyMs: exponential(1) },
    { id: 'readers-cache', source: 'readers', target: 'cache' },
    { id: 'cache-db', source: 'cache', target: 'db', ops: ['read'], latencyMs: exponential(1) },
    { id: 'searchers-index', source: 'searchers', target: 'index' },
  ];
  if (cdc) {
    // The database's change stream goes to a log of 24 partitions (a key keeps to one: its writes stay in commit order);
    // the cache and the index are consumer groups of 24 consumers each.
    nodes.push({ id: 'log', kind: 'log', label: 'Change log', position: at(990, 420), params: { partitions: 24, appendTimeMs: constant(1) } });
    edges.push(
      { id: 'db-cdc', source: 'db', target: 'log', mode: 'cdc', ops: ['write'] },
      { id: 'log-cache', source: 'log', target: 'cache', consumers: 24, latencyMs: exponential(1) },
      { id: 'log-index', source: 'log', target: 'index', consumers: 24, latencyMs: exponential(1) },
    );
  } else {
    // Application code writes the database, then the cache, then the index — each over a network that can reorder two writers.
    for (const [app, side] of [
      ['app-a', 'a'],
      ['app-b', 'b'],
    ]) {
      edges.push(
        // A busy network: 20 ms on average, and often far more — enough for a later write to overtake an earlier one.
        { id: `${side}-cache`, source: app, target: 'cache', latencyMs: exponential(20) },
        { id: `${side}-index`, source: app, target: 'index', latencyMs: exponential(20) },
      );
    }
  }
  // The index fails one write in five for ten seconds: a dual write's second write fails, a CDC delivery is retried.
  const faults = mode === 'versioned' ? [] : [{ id: 'index-errors', target: 'index', type: 'errors', rate: 0.2, atSec: 20, durationSec: 10 }];
  return {
    file,
    title,
    description,
    doc: { version: 2, name: title, seed: 1, durationSec: 60, warmupSec: 5, keys: KEYS, faults, nodes, edges },
  };
}

const presets = [
  cacheAsideTtl,
  invalidateVsUpdate,
  dualWrites(
    'dual-writes',
    'Dual writes: a database, a cache and an index kept in sync by application code',
    'Two apps write the database, then the cache, then the search index. Concurrent writers overtake each other on the way and a failed index write is never made good: the copies end up diverged from the database for good.',
    'dual',
  ),
  dualWrites(
    'dual-writes-cdc',
    'Change data capture: the cache and the index follow the database’s log',
    'The same apps write only the database; its committed writes flow in order through a log to the cache and the index, and a failed delivery is retried. Nothing diverges — the price is lag.',
    'cdc',
  ),
  dualWrites(
    'versioned-writes',
    'Versioned writes: dual writes that ignore an older version',
    'The dual writes again, but the cache and the index apply a write only if its version is newer than the one they hold: the writers’ race no longer leaves them behind.',
    'versioned',
  ),
];

const index = JSON.parse(readFileSync(new URL('index.json', dir), 'utf8'));
for (const p of presets) {
  writeFileSync(new URL(`${p.file}.json`, dir), JSON.stringify(p.doc, null, 2) + '\n');
  const entry = { name: p.file, title: p.title, description: p.description };
  const i = index.presets.findIndex((e) => e.name === p.file);
  if (i >= 0) index.presets[i] = entry;
  else index.presets.push(entry);
}
writeFileSync(new URL('index.json', dir), JSON.stringify(index, null, 2) + '\n');
