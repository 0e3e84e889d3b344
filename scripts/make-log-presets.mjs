/**
 * Writes the log and queue presets into public/scenarios/ (and lists them in
 * index.json): Kafka against Redis — one keyed workload into a log and into a
 * Redis list, each with its consumer crashing (open them side by side in
 * Compare) — a consumer group stalled past the retention, a slow group beside
 * a fast one, a hot key holding up its partition, and a replay that rebuilds
 * a derived view after a bad deploy. Their stories are checked by
 * test/scenario/logStories.test.ts. `node scripts/make-log-presets.mjs`
 */
import { readFileSync, writeFileSync } from 'node:fs';

const dir = new URL('../public/scenarios/', import.meta.url);
const at = (x, y) => ({ x, y });
const exp = (meanMs) => ({ type: 'exponential', meanMs });
const constant = (valueMs) => ({ type: 'constant', valueMs });

/**
 * Orders, 400 a second over 1,000 order ids, into a broker that a pool of
 * eight workers drains (60% busy); the workers crash twice, for 5 s and 3 s.
 * The log's group goes back to its last commit (up to a second of records,
 * handled again); the list's consumers lose the messages they held. Node and
 * edge ids, and the 1 ms round trip of a produce call, are the same on both
 * sides, so Compare lines them up.
 */
function kafkaVsRedis(side) {
  const log = side === 'log';
  const title = log ? 'Kafka vs Redis: a log, consumers crash' : 'Kafka vs Redis: a Redis list, consumers crash';
  return {
    file: `kafka-vs-redis-${side}`,
    title,
    description: log
      ? 'Orders into a Kafka-style log; the workers crash twice and restart from the last committed offset: records handled twice, none lost. Compare with the Redis list.'
      : 'The same orders into a Redis list; the workers crash twice and the messages they had taken are gone: losses, no duplicates, and keys out of order. Compare with the log.',
    doc: {
      version: 2,
      name: title,
      seed: 1,
      durationSec: 60,
      warmupSec: 0,
      keys: { count: 1000, popularity: { type: 'uniform' } },
      nodes: [
        { id: 'orders', kind: 'client', label: 'Orders', position: at(0, 80), params: { op: 'order', arrival: { type: 'poisson', ratePerSec: 400 } } },
        log
          ? { id: 'broker', kind: 'log', label: 'Orders topic (Kafka)', position: at(320, 80), params: { partitions: 8, appendTimeMs: constant(1), commitIntervalMs: 1000 } }
          : { id: 'broker', kind: 'queue', label: 'Orders list (Redis)', position: at(320, 80), params: { semantics: 'list', enqueueTimeMs: constant(1), consumers: 8 } },
        { id: 'worker', kind: 'service', label: 'Order workers', position: at(660, 80), params: { servers: 8, serviceTimeMs: exp(12) } },
      ],
      edges: [
        { id: 'produce', source: 'orders', target: 'broker' },
        { id: 'consume', source: 'broker', target: 'worker', ...(log ? { consumers: 8 } : {}) },
      ],
      faults: [
        { id: 'workers-crash', target: 'worker', type: 'crash', atSec: 20, durationSec: 5, mode: 'refuse' },
        { id: 'workers-crash-again', target: 'worker', type: 'crash', atSec: 40, durationSec: 3, mode: 'refuse' },
      ],
    },
  };
}

/**
 * Clicks, 100 a second, kept for 30 s. Billing keeps up; the analytics
 * loader stops the world for a minute (a stuck process), and when it comes
 * back everything older than 30 s is gone: about 3,000 records lost.
 */
const retentionStall = {
  file: 'log-retention-stall',
  title: 'Log: a stalled consumer group against retention',
  description: 'Records live 30 s; the analytics group stalls for 60 s and comes back to find 30 s of records expired unread. Billing, reading the same log, loses nothing.',
  doc: {
    version: 2,
    name: 'Log: a stalled consumer group against retention',
    seed: 1,
    durationSec: 120,
    warmupSec: 0,
    keys: { count: 10_000, popularity: { type: 'uniform' } },
    nodes: [
      { id: 'clicks', kind: 'client', label: 'Clicks', position: at(0, 160), params: { op: 'click', arrival: { type: 'poisson', ratePerSec: 100 } } },
      { id: 'topic', kind: 'log', label: 'Clicks topic, 30 s retention', position: at(320, 160), params: { partitions: 4, appendTimeMs: constant(2), retentionSec: 30, commitIntervalMs: 1000 } },
      { id: 'billing', kind: 'service', label: 'Billing', position: at(680, 40), params: { servers: 4, serviceTimeMs: exp(5) } },
      { id: 'analytics', kind: 'service', label: 'Analytics loader', position: at(680, 280), params: { servers: 4, serviceTimeMs: exp(5) } },
    ],
    edges: [
      { id: 'clicks-topic', source: 'clicks', target: 'topic' },
      { id: 'billing-group', source: 'topic', target: 'billing', consumers: 4 },
      { id: 'analytics-group', source: 'topic', target: 'analytics', consumers: 4 },
    ],
    faults: [{ id: 'analytics-stuck', target: 'analytics', type: 'pause', atSec: 30, durationSec: 60 }],
  },
};

/**
 * One log, two consumer groups: a search indexer that keeps up easily and a
 * warehouse loader, two-thirds busy, that falls some 2,000 records behind
 * when it runs 4× slower for 15 s. The indexer's numbers do not
 * move: each group has its own positions.
 */
const slowAndFast = {
  file: 'log-slow-and-fast-groups',
  title: 'Log: a slow consumer group beside a fast one',
  description: 'Two consumer groups read one log: the warehouse loader falls some 2,000 records behind while it runs 4× slower; the search indexer, reading the same records, does not notice.',
  doc: {
    version: 2,
    name: 'Log: a slow consumer group beside a fast one',
    seed: 1,
    durationSec: 90,
    warmupSec: 0,
    keys: { count: 10_000, popularity: { type: 'uniform' } },
    nodes: [
      { id: 'changes', kind: 'client', label: 'Product changes', position: at(0, 160), params: { op: 'change', arrival: { type: 'poisson', ratePerSec: 200 } } },
      { id: 'topic', kind: 'log', label: 'Changes topic', position: at(320, 160), params: { partitions: 6, appendTimeMs: constant(2), commitIntervalMs: 1000 } },
      { id: 'indexer', kind: 'service', label: 'Search indexer', position: at(680, 40), params: { servers: 6, serviceTimeMs: constant(2) } },
      { id: 'loader', kind: 'service', label: 'Warehouse loader', position: at(680, 280), params: { servers: 3, serviceTimeMs: exp(10) } },
    ],
    edges: [
      { id: 'changes-topic', source: 'changes', target: 'topic' },
      { id: 'index-group', source: 'topic', target: 'indexer', consumers: 6 },
      { id: 'load-group', source: 'topic', target: 'loader', consumers: 3 },
    ],
    faults: [{ id: 'warehouse-slow', target: 'loader', type: 'slow', atSec: 30, durationSec: 15, factor: 4 }],
  },
};

/**
 * Page views keyed by page, Zipf-distributed: the front page alone is 28% of
 * them. Every view of a page goes to its partition, and one consumer reads a
 * partition one record at a time — so the front page's partition falls ever
 * further behind while the other seven idle and the workers are 40% busy.
 */
const hotKey = {
  file: 'log-hot-key',
  title: 'Log: a hot key holds up its partition',
  description: 'Page views keyed by page, Zipf s = 1.3: the front page’s partition gets over a third of them and falls ever further behind, while the other partitions keep up and the workers sit 40% busy.',
  doc: {
    version: 2,
    name: 'Log: a hot key holds up its partition',
    seed: 1,
    durationSec: 60,
    warmupSec: 0,
    keys: { count: 1000, popularity: { type: 'zipf', s: 1.3 } },
    nodes: [
      { id: 'views', kind: 'client', label: 'Page views', position: at(0, 80), params: { op: 'view', arrival: { type: 'poisson', ratePerSec: 400 } } },
      { id: 'topic', kind: 'log', label: 'Views topic, by page', position: at(320, 80), params: { partitions: 8, appendTimeMs: constant(2), commitIntervalMs: 1000 } },
      { id: 'counter', kind: 'service', label: 'View counter', position: at(660, 80), params: { servers: 8, serviceTimeMs: constant(8) } },
    ],
    edges: [
      { id: 'views-topic', source: 'views', target: 'topic' },
      { id: 'count-group', source: 'topic', target: 'counter', consumers: 8 },
    ],
  },
};

/**
 * Orders into a log kept for ever; a service keeps a derived view of them.
 * A deploy at 30 s wrote the view wrong; at 60 s it is rolled back and the
 * group rewound to 30 s: the log replays the 3,000 records since, and the
 * view is rebuilt in a couple of seconds. Nothing is lost — it was all kept.
 */
const replay = {
  file: 'log-replay-rebuild',
  title: 'Log: replay to rebuild a view after a bad deploy',
  description: 'A bad deploy at 30 s wrote a derived view wrong; at 60 s the consumer group is rewound to 30 s and the log replays the 3,000 records since, rebuilding the view in seconds.',
  doc: {
    version: 2,
    name: 'Log: replay to rebuild a view after a bad deploy',
    seed: 1,
    durationSec: 90,
    warmupSec: 0,
    keys: { count: 1000, popularity: { type: 'uniform' } },
    nodes: [
      { id: 'orders', kind: 'client', label: 'Orders', position: at(0, 80), params: { op: 'order', arrival: { type: 'poisson', ratePerSec: 100 } } },
      { id: 'topic', kind: 'log', label: 'Orders topic, kept for ever', position: at(320, 80), params: { partitions: 4, appendTimeMs: constant(2), commitIntervalMs: 1000 } },
      { id: 'view', kind: 'service', label: 'Order view (derived)', position: at(660, 80), params: { servers: 4, serviceTimeMs: exp(2) } },
    ],
    edges: [
      { id: 'orders-topic', source: 'orders', target: 'topic' },
      { id: 'view-builder', source: 'topic', target: 'view', consumers: 4 },
    ],
    faults: [{ id: 'rebuild-after-rollback', target: 'view-builder', type: 'rewind', atSec: 60, toSec: 30 }],
  },
};

const presets = [kafkaVsRedis('log'), kafkaVsRedis('list'), retentionStall, slowAndFast, hotKey, replay];

const index = JSON.parse(readFileSync(new URL('index.json', dir), 'utf8'));
for (const p of presets) {
  writeFileSync(new URL(`${p.file}.json`, dir), JSON.stringify(p.doc, null, 2) + '\n');
  const entry = { name: p.file, title: p.title, description: p.description };
  const i = index.presets.findIndex((e) => e.name === p.file);
  if (i >= 0) index.presets[i] = entry;
  else index.presets.push(entry);
}
writeFileSync(new URL('index.json', dir), JSON.stringify(index, null, 2) + '\n');
