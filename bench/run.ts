/**
 * `npm run bench`: simulated requests per wall-clock second, the median of 5
 * runs with a fixed seed, and the peak memory of each benchmark (each runs in
 * its own process, so its peak RSS is its own).
 *
 *   mm1           M/M/1 at ρ = 0.8, 5 million requests, against a minimal hand-tuned loop
 *                 (handLoop.ts) timed in the same process: the ratio is the engine's overhead
 *   ten-node      10 nodes: load balancer, cache, database, a fan-out of 20, a queue and its workers
 *   ddia-hybrid   Twitter's hybrid timeline at DDIA's 2012 rates, 10 simulated seconds
 *   ddia-heavy    the same with a heavier follower power law (α = 1.2, at least 13 followers): about
 *                 16 celebrity posts merged per timeline read, ~63 million events; prints wall and CPU
 *                 seconds per 10 simulated seconds (the bar for running DDIA's scale in real time)
 *   overload      an M/M/1 at ρ = 2 until the in-flight cap stops it: the memory that cap allows
 *   log-retained  a log of 1,000 partitions whose stalled consumer group leaves a million records retained
 *   ten-million-keys  10 million Zipf keys written to a database and kept in a cache (no capacity bound:
 *                 an entry per key) and a search index through CDC: the memory of the data plane at its limit
 *   resilient,    the ten-node case with timeouts and retries, and the same with faults on every tier:
 *   fault-heavy   the events per second of the second against the first (bar: at least half)
 *   histogram     the cost of recording one latency: the engine's histogram against hdr-histogram-js
 *   event-list    one pop and push of the future-event list at 400, 4,500 and 45,000 events pending
 *
 * `npm run bench -- mm1` runs one of them.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { decodeScenario, decodeScenarioJson } from '../src/scenario/decode';
import type { Scenario } from '../src/scenario/schema';
import { runScenario } from '../src/sim/run';
import { handTunedMM1 } from './handLoop';

const RUNS = 5;

interface Case {
  name: string;
  what: string;
  scenario: () => Scenario;
  /** Runs to take the median of (default RUNS). */
  runs?: number;
}

function decoded(doc: unknown): Scenario {
  const r = decodeScenario(doc);
  if (!r.ok) throw new Error(r.error.message);
  return r.scenario;
}

const CASES: Case[] = [
  {
    name: 'mm1',
    what: 'M/M/1 at ρ = 0.8, 5,000,000 requests',
    scenario: () =>
      decoded({
        version: 1,
        name: 'M/M/1 bench',
        seed: 1,
        durationSec: 62.5,
        nodes: [
          { id: 'clients', kind: 'client', params: { op: 'request', arrival: { type: 'poisson', ratePerSec: 80_000 } } },
          { id: 'server', kind: 'service', params: { servers: 1, serviceTimeMs: { type: 'exponential', meanMs: 0.01 } } },
        ],
        edges: [{ id: 'e', source: 'clients', target: 'server' }],
      }),
  },
  {
    name: 'ten-node',
    what: '10 nodes: load balancer, cache, database, fan-out of 20, queue, 1,000,000 requests',
    scenario: () =>
      decoded({
        version: 1,
        name: 'Ten-node bench',
        seed: 1,
        durationSec: 100,
        nodes: [
          { id: 'readers', kind: 'client', params: { op: 'read', arrival: { ratePerSec: 9000 } } },
          { id: 'writers', kind: 'client', params: { op: 'write', arrival: { ratePerSec: 1000 } } },
          { id: 'lb', kind: 'loadBalancer', params: { policy: 'leastOutstanding' } },
          { id: 'api-1', kind: 'service', params: { servers: 16, serviceTimeMs: { type: 'exponential', meanMs: 1 } } },
          { id: 'api-2', kind: 'service', params: { servers: 16, serviceTimeMs: { type: 'exponential', meanMs: 1 } } },
          { id: 'cache', kind: 'cache', params: { hitRatio: 0.9, servers: 64, hitTimeMs: { type: 'constant', valueMs: 0.5 } } },
          { id: 'db', kind: 'database', params: { servers: 32, serviceTimeMs: { type: 'lognormal', medianMs: 2, p99Ms: 20 } } },
          { id: 'shards', kind: 'service', params: { servers: 256, serviceTimeMs: { type: 'exponential', meanMs: 0.5 } } },
          { id: 'queue', kind: 'queue', params: { consumers: 8 } },
          { id: 'workers', kind: 'service', params: { servers: 8, serviceTimeMs: { type: 'exponential', meanMs: 2 } } },
        ],
        edges: [
          { id: 'r-lb', source: 'readers', target: 'lb' },
          { id: 'w-lb', source: 'writers', target: 'lb' },
          { id: 'lb-1', source: 'lb', target: 'api-1' },
          { id: 'lb-2', source: 'lb', target: 'api-2' },
          { id: '1-cache', source: 'api-1', target: 'cache', ops: ['read'] },
          { id: '2-cache', source: 'api-2', target: 'cache', ops: ['read'] },
          { id: 'cache-db', source: 'cache', target: 'db' },
          { id: '1-shards', source: 'api-1', target: 'shards', ops: ['write'], fanout: { type: 'fixed', n: 20 } },
          { id: '2-shards', source: 'api-2', target: 'shards', ops: ['write'], fanout: { type: 'fixed', n: 20 } },
          { id: '1-queue', source: 'api-1', target: 'queue', ops: ['write'], mode: 'async' },
          { id: '2-queue', source: 'api-2', target: 'queue', ops: ['write'], mode: 'async' },
          { id: 'queue-workers', source: 'queue', target: 'workers' },
        ],
      }),
  },
  {
    name: 'overload',
    what: 'an overloaded M/M/1 (ρ = 2) until the cap of 1,000,000 requests in flight stops it: its peak memory',
    scenario: () =>
      decoded({
        version: 1,
        name: 'Overload bench',
        seed: 1,
        durationSec: 60,
        nodes: [
          { id: 'clients', kind: 'client', params: { op: 'request', arrival: { type: 'poisson', ratePerSec: 200_000 } } },
          { id: 'server', kind: 'service', params: { servers: 1, serviceTimeMs: { type: 'exponential', meanMs: 0.01 } } },
        ],
        edges: [{ id: 'e', source: 'clients', target: 'server' }],
      }),
  },
];

/** The ten-node case with timeouts and retries on its sync edges, with or without a timeline of faults on every tier. */
function resilientTenNode(withFaults: boolean): Scenario {
  const base = CASES.find((c) => c.name === 'ten-node')!.scenario();
  const edges = base.edges.map((e) => (e.mode === 'sync' ? { ...e, timeoutMs: 200, retry: { maxAttempts: 2, on: ['timeout', 'error'] as ('timeout' | 'error')[], backoff: { type: 'exponential' as const, baseMs: 10, capMs: 1000, multiplier: 2 }, jitter: 'full' as const } } : e));
  const random = (mtbfSec: number, mttrSec: number) => ({ random: { mtbfSec, mttrSec } });
  const faults = [
    { id: 'api-crashes', target: 'api-1', type: 'crash', mode: 'refuse', ...random(10, 1) },
    { id: 'db-gc', target: 'db', type: 'pause', ...random(5, 0.2) },
    { id: 'shard-bugs', target: 'shards', type: 'errors', rate: 0.01, ...random(20, 5) },
    { id: 'cache-noisy', target: 'cache', type: 'slow', factor: 3, ...random(15, 3) },
    { id: 'lb-partition', target: 'lb-2', type: 'partition', mode: 'refuse', ...random(30, 0.5) },
    { id: 'db-network', target: 'cache-db', type: 'latency', extraMs: { type: 'exponential', meanMs: 5 }, ...random(10, 2) },
  ];
  return decoded({ ...base, version: 2, name: withFaults ? 'Fault-heavy bench' : 'Resilient bench', edges, ...(withFaults ? { faults } : {}) });
}

CASES.push(
  {
    name: 'log-retained',
    what: 'a log of 1,000 partitions, 10,000 keyed records/s for 100 s, its one consumer group stalled: a million records retained',
    scenario: () =>
      decoded({
        version: 2,
        name: 'Retained log bench',
        seed: 1,
        durationSec: 100,
        warmupSec: 0,
        keys: { count: 100_000, popularity: { type: 'uniform' } },
        nodes: [
          { id: 'producers', kind: 'client', params: { op: 'append', arrival: { type: 'poisson', ratePerSec: 10_000 } } },
          { id: 'topic', kind: 'log', params: { partitions: 1000 } },
          // A consumer that takes a minute a record: the group stays at its first records while the log fills.
          { id: 'stalled', kind: 'service', params: { servers: 1, serviceTimeMs: { type: 'constant', valueMs: 60_000 } } },
        ],
        edges: [
          { id: 'append', source: 'producers', target: 'topic' },
          { id: 'group', source: 'topic', target: 'stalled' },
        ],
      }),
  },
  {
    name: 'ten-million-keys',
    what: '10 million keys (Zipf s = 0.8): 20,000 writes/s and 40,000 reads/s for 10 s; a database, a cache holding an entry per key, and a search index fed by CDC through a log',
    scenario: () =>
      decoded({
        version: 2,
        name: 'Ten million keys bench',
        seed: 1,
        durationSec: 10,
        warmupSec: 0,
        keys: { count: 10_000_000, popularity: { type: 'zipf', s: 0.8 } },
        nodes: [
          { id: 'writers', kind: 'client', params: { op: 'write', arrival: { type: 'poisson', ratePerSec: 20_000 } } },
          { id: 'readers', kind: 'client', params: { op: 'read', arrival: { type: 'poisson', ratePerSec: 40_000 } } },
          { id: 'db', kind: 'database', params: { servers: 64, serviceTimeMs: { type: 'exponential', meanMs: 1 }, writeOps: ['write'] } },
          { id: 'cache', kind: 'cache', params: { servers: 64, writeOps: ['write'], writePolicy: 'update' } },
          { id: 'changes', kind: 'log', params: { partitions: 16 } },
          { id: 'index', kind: 'index', params: { servers: 64, serviceTimeMs: { type: 'exponential', meanMs: 1 }, writeOps: ['write'] } },
        ],
        edges: [
          { id: 'w-db', source: 'writers', target: 'db' },
          { id: 'r-cache', source: 'readers', target: 'cache' },
          { id: 'cache-db', source: 'cache', target: 'db', ops: ['read'] },
          { id: 'db-changes', source: 'db', target: 'changes', mode: 'cdc' },
          { id: 'changes-cache', source: 'changes', target: 'cache' },
          { id: 'changes-index', source: 'changes', target: 'index' },
        ],
      }),
  },
  { name: 'resilient', what: 'the ten-node case with timeouts and retries (with backoff and jitter) on every sync edge', scenario: () => resilientTenNode(false) },
  { name: 'fault-heavy', what: 'the same with random crashes, pauses, errors, slowdowns, a partition and network delay on every tier', scenario: () => resilientTenNode(true) },
);

const TWITTER_DDIA = fileURLToPath(new URL('../public/scenarios/twitter-hybrid-ddia.json', import.meta.url));
try {
  readFileSync(TWITTER_DDIA);
  CASES.push({
    name: 'ddia-hybrid',
    what: "Twitter's hybrid timeline at DDIA scale (4.6k posts/s, 300k timeline reads/s), 10 simulated seconds",
    scenario: () => {
      const r = decodeScenarioJson(readFileSync(TWITTER_DDIA, 'utf8'));
      if (!r.ok) throw new Error(r.error.message);
      return { ...r.scenario, durationSec: 10, warmupSec: 0 };
    },
  });
  CASES.push({
    name: 'ddia-heavy',
    what: "Twitter's hybrid timeline at DDIA scale with followers ~ power law α = 1.2 from 13 to 30 million, 10 simulated seconds",
    runs: 3,
    scenario: () => {
      const r = decodeScenarioJson(readFileSync(TWITTER_DDIA, 'utf8'));
      if (!r.ok) throw new Error(r.error.message);
      const s = r.scenario;
      return { ...s, durationSec: 10, warmupSec: 0, population: { ...s.population!, followers: { type: 'powerlaw', alpha: 1.2, min: 13, max: 30_000_000 } } };
    },
  });
} catch {
  // The DDIA-scale preset is optional for the benchmark.
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Runs one case RUNS times in this process and prints a JSON line. */
function runCase(name: string): void {
  const c = CASES.find((x) => x.name === name);
  if (!c) throw new Error(`no benchmark named ${name}`);
  const scenario = c.scenario();
  const requestsPerSec: number[] = [];
  const eventsPerSec: number[] = [];
  const wallMs: number[] = [];
  const cpuRequestsPerSec: number[] = [];
  const cpuMs: number[] = [];
  let requests = 0;
  let events = 0;
  const handRequestsPerSec: number[] = [];
  const runs = c.runs ?? RUNS;
  for (let i = 0; i < runs; i++) {
    if (name === 'mm1') {
      // Interleaved with the engine's runs, so that both see the same machine.
      const t0 = performance.now();
      const h = handTunedMM1(80_000, 0.01, 62.5);
      handRequestsPerSec.push(h.requests / ((performance.now() - t0) / 1000));
    }
    const cpu = process.cpuUsage();
    const r = runScenario(scenario);
    const used = process.cpuUsage(cpu);
    requests = Object.values(r.ops).reduce((s, o) => s + o.count, 0);
    events = r.events;
    requestsPerSec.push(requests / (r.wallMs / 1000));
    eventsPerSec.push(r.events / (r.wallMs / 1000));
    wallMs.push(r.wallMs);
    cpuRequestsPerSec.push(requests / ((used.user + used.system) / 1e6));
    cpuMs.push((used.user + used.system) / 1000);
  }
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  console.log(JSON.stringify({ name, requests, events, requestsPerSec: median(requestsPerSec), eventsPerSec: median(eventsPerSec), wallMs: median(wallMs), cpuRequestsPerSec: median(cpuRequestsPerSec), cpuMs: median(cpuMs), simSec: scenario.durationSec, runs, maxRssMb, handRequestsPerSec: handRequestsPerSec.length ? median(handRequestsPerSec) : null }));
}

async function main(): Promise<void> {
  const only = process.argv[2];
  if (process.argv[3] === '--child') {
    runCase(only);
    return;
  }
  const eventsPerSecByCase = new Map<string, number>();
  const cpu = cpus();
  console.log(`Fanout Lab engine benchmark — median of ${RUNS} runs (ddia-heavy: 3), seed 1`);
  console.log(`machine: ${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; Node ${process.version}\n`);
  for (const c of CASES) {
    if (only && c.name !== only) continue;
    const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), c.name, '--child'], { encoding: 'utf8' });
    if (child.status !== 0) {
      console.log(`${c.name}: failed\n${child.stderr}`);
      process.exitCode = 1;
      continue;
    }
    const r = JSON.parse(child.stdout.trim().split('\n').pop()!);
    eventsPerSecByCase.set(c.name, r.eventsPerSec);
    console.log(`${c.name.padEnd(12)} ${c.what}`);
    console.log(
      `${''.padEnd(12)} ${(r.requestsPerSec / 1e6).toFixed(2)} M simulated requests/s · ${(r.eventsPerSec / 1e6).toFixed(2)} M events/s · ` +
        `${(r.wallMs / 1000).toFixed(2)} s per run (${r.requests.toLocaleString('en-US')} requests, ${r.events.toLocaleString('en-US')} events) · peak RSS ${r.maxRssMb.toFixed(0)} MB\n` +
        `${''.padEnd(12)} (per CPU-second: ${(r.cpuRequestsPerSec / 1e6).toFixed(2)} M requests/s — the wall-clock figure drops when other work shares the cores)` +
        (c.name === 'ddia-heavy'
          ? `\n${''.padEnd(12)} per 10 simulated seconds: ${((r.wallMs / 1000) * (10 / r.simSec)).toFixed(1)} s wall, ${((r.cpuMs / 1000) * (10 / r.simSec)).toFixed(1)} s CPU (real time: at most 10 s wall)`
          : '') +
        (r.handRequestsPerSec
          ? `\n${''.padEnd(12)} hand-tuned M/M/1 loop (bench/handLoop.ts), same runs: ${(r.handRequestsPerSec / 1e6).toFixed(2)} M requests/s — the engine takes ${(r.handRequestsPerSec / r.requestsPerSec).toFixed(2)}× as long`
          : '') +
        '\n',
    );
  }
  const calm = eventsPerSecByCase.get('resilient');
  const stormy = eventsPerSecByCase.get('fault-heavy');
  if (calm && stormy) console.log(`${'faults'.padEnd(12)} the fault-heavy case runs at ${((stormy / calm) * 100).toFixed(0)}% of the events per second of the same scenario without faults (bar: at least 50%)\n`);
  if (!only || only === 'histogram') {
    console.log(`${'histogram'.padEnd(12)} one latency recorded, ns (median of 5 passes over 2,000,000 values)`);
    // Loaded only here: in the engine's benchmark processes hdr-histogram-js alone slows the engine by a quarter.
    const { histogramBench } = await import('./histogram');
    for (const h of await histogramBench()) console.log(`${''.padEnd(12)} ${h.nsPerValue.toFixed(1).padStart(6)} ns  ${h.name}`);
  }
  if (!only || only === 'event-list') {
    console.log(`\n${'event-list'.padEnd(12)} one pop and one push of the future-event list with n events pending (the hold model), ns (median of 5 passes over 2,000,000)`);
    const { eventListBench } = await import('./eventList');
    for (const r of eventListBench()) console.log(`${''.padEnd(12)} ${r.nsPerHold.toFixed(1).padStart(6)} ns  ${r.pending.toLocaleString('en-US')} pending${r.pending < 512 ? ' (the 4-ary heap alone)' : ' (a calendar queue in front of it)'}`);
  }
}

void main();
