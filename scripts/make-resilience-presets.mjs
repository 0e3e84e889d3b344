/**
 * Writes the reliability presets into public/scenarios/ (and lists them in
 * index.json): the retry storm and its variants, hedging at scale, a
 * cascade through a blocking pool (and the breaker that stops it), and
 * random hardware faults with and without a replica. Their stories are
 * checked by test/scenario/stories.test.ts. `node scripts/make-resilience-presets.mjs`
 */
import { readFileSync, writeFileSync } from 'node:fs';

const dir = new URL('../public/scenarios/', import.meta.url);
const at = (x, y) => ({ x, y });
const exp = (meanMs) => ({ type: 'exponential', meanMs });
const constant = (valueMs) => ({ type: 'constant', valueMs });

function storm(name, title, description, { retry = { maxAttempts: 4 }, api = {}, edge = {} } = {}) {
  return {
    file: name,
    title,
    description,
    doc: {
      version: 2,
      name: title,
      seed: 1,
      durationSec: 120,
      warmupSec: 0,
      nodes: [
        { id: 'users', kind: 'client', label: 'Users', position: at(0, 80), params: { op: 'get', arrival: { type: 'poisson', ratePerSec: 800 } } },
        { id: 'api', kind: 'service', label: 'API', position: at(340, 80), params: { servers: 10, serviceTimeMs: exp(10), ...api } },
      ],
      edges: [{ id: 'users-api', source: 'users', target: 'api', timeoutMs: 200, ...(retry ? { retry } : {}), ...edge }],
      faults: [{ id: 'gc-pause', target: 'api', type: 'pause', atSec: 20, durationSec: 2 }],
    },
  };
}

function cascade(name, title, description, breaker) {
  return {
    file: name,
    title,
    description,
    doc: {
      version: 2,
      name: title,
      seed: 1,
      durationSec: 90,
      warmupSec: 0,
      nodes: [
        { id: 'home', kind: 'client', label: 'Home page views', position: at(0, 0), params: { op: 'home', arrival: { type: 'poisson', ratePerSec: 300 } } },
        { id: 'search', kind: 'client', label: 'Searches', position: at(0, 200), params: { op: 'search', arrival: { type: 'poisson', ratePerSec: 100 } } },
        { id: 'web', kind: 'service', label: 'Web tier', position: at(340, 100), params: { servers: 40, serviceTimeMs: exp(2), blocking: true } },
        { id: 'cache', kind: 'cache', label: 'Page cache', position: at(700, 0), params: { hitRatio: 1, hitTimeMs: constant(1), servers: 64 } },
        { id: 'searcher', kind: 'index', label: 'Search backend', position: at(700, 200), params: { servers: 64, serviceTimeMs: exp(20) } },
      ],
      edges: [
        { id: 'home-web', source: 'home', target: 'web', timeoutMs: 1000 },
        { id: 'search-web', source: 'search', target: 'web', timeoutMs: 1000 },
        { id: 'web-cache', source: 'web', target: 'cache', ops: ['home'] },
        { id: 'web-searcher', source: 'web', target: 'searcher', ops: ['search'], timeoutMs: 500, ...(breaker ? { breaker: { failureRatio: 0.5, minCalls: 20, windowSec: 5, openSec: 5 } } : {}) },
      ],
      faults: [{ id: 'slow-disk', target: 'searcher', type: 'slow', factor: 50, atSec: 30, durationSec: 30 }],
    },
  };
}

function replicas(name, title, description, two) {
  const random = { mtbfSec: 30, mttrSec: 5 };
  const nodes = [
    { id: 'users', kind: 'client', label: 'Users', position: at(0, 100), params: { op: 'get', arrival: { type: 'poisson', ratePerSec: 100 } } },
    { id: 'lb', kind: 'loadBalancer', label: 'Load balancer', position: at(300, 100), params: { policy: 'roundRobin' } },
    { id: 'replica-a', kind: 'service', label: 'Replica A', position: at(620, 0), params: { servers: 8, serviceTimeMs: exp(10) } },
  ];
  const edges = [
    { id: 'users-lb', source: 'users', target: 'lb', retry: { maxAttempts: 2, on: ['error'] } },
    { id: 'lb-a', source: 'lb', target: 'replica-a' },
  ];
  const faults = [{ id: 'a-fails', target: 'replica-a', type: 'crash', random }];
  if (two) {
    nodes.push({ id: 'replica-b', kind: 'service', label: 'Replica B', position: at(620, 200), params: { servers: 8, serviceTimeMs: exp(10) } });
    edges.push({ id: 'lb-b', source: 'lb', target: 'replica-b' });
    faults.push({ id: 'b-fails', target: 'replica-b', type: 'crash', random });
  } else {
    nodes[2].params.servers = 16;
  }
  return { file: name, title, description, doc: { version: 2, name: title, seed: 1, durationSec: 900, warmupSec: 0, nodes, edges, faults } };
}

/** The same pause seen by a load tester that waits for each answer, the same tester corrected, and open-loop users. */
const omission = {
  file: 'coordinated-omission',
  title: 'Coordinated omission: a 2 s pause the load tester does not see',
  description: 'A load tester sending every 10 ms — but only after the previous answer — and open-loop users hit the same 2 s pause. Measured from the send, the tester’s p99 hides it; from the intended send time it shows, as the users see it.',
  doc: {
    version: 2,
    name: 'Coordinated omission: a 2 s pause the load tester does not see',
    seed: 1,
    durationSec: 60,
    warmupSec: 5,
    nodes: [
      { id: 'tester', kind: 'client', label: 'Load tester (waits for each answer)', position: at(0, 0), params: { op: 'tester', arrival: { type: 'closed', users: 1, intervalMs: 10 } } },
      { id: 'users', kind: 'client', label: 'Users (open loop)', position: at(0, 200), params: { op: 'users', arrival: { type: 'poisson', ratePerSec: 100 } } },
      { id: 'api', kind: 'service', label: 'API', position: at(340, 100), params: { servers: 4, serviceTimeMs: exp(2) } },
    ],
    edges: [
      { id: 'tester-api', source: 'tester', target: 'api' },
      { id: 'users-api', source: 'users', target: 'api' },
    ],
    faults: [{ id: 'gc-pause', target: 'api', type: 'pause', atSec: 30, durationSec: 2 }],
  },
};

const tail = JSON.parse(readFileSync(new URL('tail-at-scale.json', dir), 'utf8'));
const hedged = structuredClone(tail);
hedged.name = 'The tail at scale, hedged: a copy after 50 ms, another after 100 ms';
hedged.edges[1].hedge = { afterMs: 50, maxHedges: 2 };

const presets = [
  storm('retry-storm', 'Retry storm: a 2 s pause becomes an outage', 'A short GC pause, timeouts and 4 attempts: retries keep the API overloaded long after the pause. Compare with its fixes.'),
  storm('retry-storm-no-retries', 'Retry storm, without retries', 'The same pause with no retries: the backlog drains in seconds and the API recovers.', { retry: null }),
  storm('retry-storm-budget', 'Retry storm, with a retry budget', 'Retries capped at 10% of first attempts: the storm cannot feed itself, and the API recovers.', { retry: { maxAttempts: 4, budget: { ratio: 0.1 } } }),
  storm('retry-storm-lifo', 'Retry storm, with LIFO', 'The freshest request first: callers still waiting get answers, retries stop, and the API recovers.', { api: { queueDiscipline: 'lifo' } }),
  storm('retry-storm-breaker', 'Retry storm, with a circuit breaker', 'A breaker on the call fails attempts at once while the API drowns: the backlog drains and it closes again.', { edge: { breaker: { failureRatio: 0.5, minCalls: 20, windowSec: 5, openSec: 2 } } }),
  storm('retry-storm-drop', 'Retry storm, dropping abandoned requests', 'The API skips requests whose caller has already given up, so no work is wasted on answers nobody reads — but first come, first served, every request it does serve has nearly timed out: the API stays down. With LIFO it recovers.', { api: { dropAbandoned: true } }),
  storm('retry-storm-backoff', 'Retry storm, with backoff and jitter only', 'Exponential backoff with full jitter spreads the retries out, but every one still comes: the API stays down.', { retry: { maxAttempts: 4, backoff: { type: 'exponential', baseMs: 100, capMs: 5000 }, jitter: 'full' } }),
  omission,
  { file: 'tail-at-scale-hedged', title: 'The tail at scale, hedged', description: 'The 100-leaf fan-out with a hedged copy after 50 ms (and another after 100 ms): p99 falls from a second to tens of ms for about 1% more calls.', doc: hedged },
  cascade('cascade-blocking', 'Cascade: a slow backend exhausts the web tier', 'Search slows down 50×; blocking threads wait for it, the pool runs out, and the home page — which never calls search — fails too.', false),
  cascade('cascade-breaker', 'Cascade stopped by a circuit breaker', 'The same slow search behind a breaker: search fails fast, the threads stay free, the home page is unharmed.', true),
  replicas('random-faults-one', 'Random crashes: one server', 'One server that crashes at random (MTBF 30 s, MTTR 5 s): down about 14% of the time.', false),
  replicas('random-faults-replicas', 'Random crashes: two replicas and a retry', 'Two replicas failing independently behind a load balancer, with one retry: a request fails only when both are down.', true),
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
