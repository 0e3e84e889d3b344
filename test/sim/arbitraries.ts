/** fast-check generators of valid scenarios: random DAGs of every node kind and edge feature. */
import fc from 'fast-check';

const dist = fc.oneof(
  fc.record({ type: fc.constant('constant'), valueMs: fc.double({ min: 0, max: 20, noNaN: true }) }),
  fc.record({ type: fc.constant('exponential'), meanMs: fc.double({ min: 0.01, max: 20, noNaN: true }) }),
  fc
    .tuple(fc.double({ min: 0, max: 10, noNaN: true }), fc.double({ min: 0, max: 10, noNaN: true }))
    .map(([a, b]) => ({ type: 'uniform', minMs: Math.min(a, b), maxMs: Math.max(a, b) })),
  fc
    .tuple(fc.double({ min: 0.1, max: 10, noNaN: true }), fc.double({ min: 1, max: 20, noNaN: true }))
    .map(([m, k]) => ({ type: 'lognormal', medianMs: m, p99Ms: m * k })),
);

export interface ScenarioArbOptions {
  /** Bounded waiting lines (queueCapacity, a queue's capacity); default true. */
  capacities?: boolean;
  /** Load-balancing policies to draw from; default all three. */
  policies?: readonly ('roundRobin' | 'random' | 'leastOutstanding')[];
}

function nonClientArb({ capacities = true, policies = ['roundRobin', 'random', 'leastOutstanding'] }: ScenarioArbOptions) {
  const capacity = capacities ? fc.option(fc.integer({ min: 0, max: 20 }), { nil: undefined }) : fc.constant(undefined);
  return fc.oneof(
  fc.record({ kind: fc.constant('service'), params: fc.record({ servers: fc.integer({ min: 1, max: 8 }), serviceTimeMs: dist, queueCapacity: capacity, calls: fc.constantFrom('parallel', 'sequential') }, { requiredKeys: ['servers', 'serviceTimeMs'] }) }),
  fc.record({ kind: fc.constant('database'), params: fc.record({ servers: fc.integer({ min: 1, max: 8 }), serviceTimeMs: dist, queueCapacity: capacity }, { requiredKeys: ['servers'] }) }),
  fc.record({ kind: fc.constant('cache'), params: fc.record({ hitRatio: fc.double({ min: 0, max: 1, noNaN: true }), hitTimeMs: dist, servers: fc.integer({ min: 1, max: 8 }), queueCapacity: capacity }, { requiredKeys: ['hitRatio'] }) }),
  fc.record({ kind: fc.constant('loadBalancer'), params: fc.record({ policy: fc.constantFrom(...policies) }) }),
  fc.record({ kind: fc.constant('queue'), params: fc.record({ enqueueTimeMs: dist, consumers: fc.integer({ min: 1, max: 4 }), capacity }, { requiredKeys: ['consumers'] }) }),
  fc.record({ kind: fc.constant('index'), params: fc.record({ servers: fc.integer({ min: 1, max: 8 }), serviceTimeMs: dist, writeOps: fc.subarray(['a', 'b']), refreshIntervalMs: fc.double({ min: 1, max: 500, noNaN: true }) }, { requiredKeys: ['writeOps'] }) }),
  );
}

const edgeExtras = fc.record(
  {
    ops: fc.subarray(['a', 'b'], { minLength: 1 }),
    fanout: fc.oneof(fc.constant({ type: 'fixed', n: 1 }), fc.integer({ min: 1, max: 6 }).map((n) => ({ type: 'fixed', n }))),
    probability: fc.double({ min: 0, max: 1, noNaN: true }),
    mode: fc.constantFrom('sync', 'async'),
  },
  { requiredKeys: [] },
);

/** A valid scenario of 1–2 clients and 1–6 other nodes; edges only go forward, so the graph is acyclic. */
export const scenarioArb = scenarioArbWith({});

/** `scenarioArb` with some features left out. */
export function scenarioArbWith(options: ScenarioArbOptions) {
  const nonClient = nonClientArb(options);
  return fc
  .record({
    seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
    clients: fc.array(fc.record({ op: fc.constantFrom('a', 'b'), rate: fc.double({ min: 1, max: 400, noNaN: true }), type: fc.constantFrom('poisson', 'constant'), calls: fc.constantFrom('parallel', 'sequential') }), { minLength: 1, maxLength: 2 }),
    others: fc.array(nonClient, { minLength: 1, maxLength: 6 }),
    links: fc.array(fc.tuple(fc.nat(), fc.nat(), edgeExtras), { minLength: 1, maxLength: 14 }),
    durationSec: fc.double({ min: 0.5, max: 4, noNaN: true }),
    warmupFraction: fc.double({ min: 0, max: 0.5, noNaN: true }),
  })
  .map(({ seed, clients, others, links, durationSec, warmupFraction }) => {
    const nodes: Record<string, unknown>[] = [
      ...clients.map((c, i) => ({ id: `c${i}`, kind: 'client', params: { op: c.op, arrival: { type: c.type, ratePerSec: c.rate }, calls: c.calls } })),
      ...others.map((o, i) => ({ id: `n${i}`, ...o })),
    ];
    const seen = new Set<string>();
    const edges: Record<string, unknown>[] = [];
    // Every client calls the first node so that work flows; other links go forward only.
    clients.forEach((_, i) => {
      edges.push({ id: `e-c${i}`, source: `c${i}`, target: 'n0' });
      seen.add(`c${i}>n0`);
    });
    links.forEach(([a, b, extra], k) => {
      const total = clients.length + others.length;
      let s = a % total;
      let t = b % others.length;
      // Targets are non-clients n_t; a source must come earlier in the order clients, n0, n1, …
      const tIndex = clients.length + t;
      if (s >= tIndex) s = s % Math.max(1, tIndex);
      if (s === tIndex) return;
      const source = s < clients.length ? `c${s}` : `n${s - clients.length}`;
      const target = `n${t}`;
      if (seen.has(`${source}>${target}`)) return;
      seen.add(`${source}>${target}`);
      edges.push({ id: `e${k}`, source, target, ...extra });
    });
    return { version: 1, seed, durationSec, warmupSec: durationSec * warmupFraction, nodes, edges };
  });
}

/**
 * A scenario whose every node but the last calls one to three later nodes:
 * richer routing than `scenarioArb` (load balancers and caches with several
 * edges behind them, chains of fan-outs), still acyclic.
 */
export function routedScenarioArb(options: ScenarioArbOptions) {
  const nonClient = nonClientArb(options);
  const link = fc.tuple(fc.nat(), edgeExtras, fc.integer({ min: 1, max: 10 }));
  return fc
    .record({
      seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
      clients: fc.array(fc.record({ op: fc.constantFrom('a', 'b'), rate: fc.double({ min: 20, max: 400, noNaN: true }), type: fc.constantFrom('poisson', 'constant'), calls: fc.constantFrom('parallel', 'sequential') }), { minLength: 1, maxLength: 2 }),
      others: fc.array(fc.tuple(nonClient, fc.array(link, { minLength: 1, maxLength: 3 }), fc.integer({ min: 0, max: 10 })), { minLength: 2, maxLength: 7 }),
    })
    .map(({ seed, clients, others }) => {
      const nodes: Record<string, unknown>[] = [
        ...clients.map((c, i) => ({ id: `c${i}`, kind: 'client', params: { op: c.op, arrival: { type: c.type, ratePerSec: c.rate }, calls: c.calls } })),
        // Hit ratios in tenths: fast-check's doubles favour 0, 1 and the tiniest values.
        ...others.map(([o, , tenths], i) => ({ id: `n${i}`, ...o, ...(o.kind === 'cache' ? { params: { ...o.params, hitRatio: tenths / 10 } } : {}) })),
      ];
      const edges: Record<string, unknown>[] = clients.map((_, i) => ({ id: `e-c${i}`, source: `c${i}`, target: 'n0' }));
      const seen = new Set<string>();
      others.forEach(([, links], i) => {
        const later = others.length - 1 - i;
        if (later === 0) return;
        for (const [pick, extra, tenths] of links) {
          const t = i + 1 + (pick % later);
          if (seen.has(`${i}>${t}`)) continue;
          seen.add(`${i}>${t}`);
          const fanout = extra.fanout && extra.fanout.n > 3 ? { type: 'fixed', n: 1 + (extra.fanout.n % 3) } : extra.fanout;
          // Probabilities in tenths too.
          const probability = extra.probability === undefined ? undefined : tenths / 10;
          edges.push({ id: `e${i}-${t}`, source: `n${i}`, target: `n${t}`, ...extra, ...(fanout ? { fanout } : {}), ...(probability === undefined ? {} : { probability }) });
        }
      });
      return { version: 1, seed, durationSec: 1, warmupSec: 0, nodes, edges };
    });
}
