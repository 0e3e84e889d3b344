import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeScenario, decodeScenarioJson } from '../../src/scenario/decode';
import { KINDS } from '../../src/scenario/kinds';
import { FORMAT_VERSION, ScenarioSchema } from '../../src/scenario/schema';

const client = { id: 'c', kind: 'client', params: { op: 'get', arrival: { ratePerSec: 10 } } };
const doc = (over: Record<string, unknown> = {}) => ({ version: 1, nodes: [client, { id: 's', kind: 'service' }], edges: [{ id: 'e', source: 'c', target: 's' }], ...over });

function errorOf(input: unknown): string {
  const r = decodeScenario(input);
  if (r.ok) throw new Error('expected a decoding error');
  return r.error.message;
}

describe('decodeScenario: defaults', () => {
  it('fills every default of the contract', () => {
    const r = decodeScenario({ version: 1, nodes: [client, { id: 's', kind: 'service' }, { id: 'd', kind: 'database' }, { id: 'k', kind: 'cache' }, { id: 'q', kind: 'queue' }, { id: 'i', kind: 'index' }, { id: 'l', kind: 'loadBalancer' }], edges: [{ id: 'e', source: 'c', target: 's' }] });
    if (!r.ok) throw new Error(r.error.message);
    const s = r.scenario;
    expect([s.name, s.seed, s.durationSec, s.warmupSec]).toEqual(['Untitled', 1, 60, 0]);
    expect(s.edges[0]).toMatchObject({ fanout: { type: 'fixed', n: 1 }, probability: 1, mode: 'sync' });
    const params = Object.fromEntries(s.nodes.map((n) => [n.id, n.params]));
    expect(params.c).toMatchObject({ arrival: { type: 'poisson', ratePerSec: 10 }, calls: 'parallel' });
    const behaviour = { queueDiscipline: 'fifo', blocking: false, dropAbandoned: false };
    expect(params.s).toEqual({ servers: 1, serviceTimeMs: { type: 'exponential', meanMs: 10 }, ...behaviour, calls: 'parallel' });
    expect(params.d).toEqual({ servers: 8, serviceTimeMs: { type: 'lognormal', medianMs: 5, p99Ms: 50 }, ...behaviour, calls: 'parallel' });
    expect(params.k).toMatchObject({ hitRatio: 0.9, hitTimeMs: { type: 'constant', valueMs: 1 }, servers: 64 });
    expect(params.q).toEqual({ semantics: 'broker', enqueueTimeMs: { type: 'constant', valueMs: 1 }, consumers: 1, reliable: false });
    expect(params.i).toMatchObject({ servers: 4, serviceTimeMs: { type: 'lognormal', medianMs: 20, p99Ms: 200 }, writeOps: [], refreshIntervalMs: 1000 });
    expect(params.l).toEqual({ policy: 'roundRobin' });
  });

  it('takes every default from the kind metadata (one source of truth)', () => {
    for (const meta of Object.values(KINDS)) {
      if (meta.kind === 'client') continue;
      const r = ScenarioSchema.safeParse({ version: FORMAT_VERSION, nodes: [{ id: 'x', kind: meta.kind }] });
      expect(r.success).toBe(true);
      const params = r.success ? (r.data.nodes[0].params as Record<string, unknown>) : {};
      for (const [name, p] of Object.entries(meta.params)) {
        if (p.type === 'enum' && p.optional) expect(params[name], `${meta.kind}.${name} (absent: its default)`).toBeUndefined();
        else if ('default' in p && p.default !== undefined) expect(params[name], `${meta.kind}.${name}`).toEqual(p.default);
      }
    }
  });
});

describe('decodeScenario: errors name the field path, what was expected and what was found', () => {
  it.each([
    [{ nodes: [client, { id: 's', kind: 'service' }, { id: 'd', kind: 'database', params: { servers: -3 } }] }, 'nodes[2].params.servers: expected an integer ≥ 1, got -3'],
    [{ nodes: [client, { id: 's', kind: 'service', params: { servers: 1.5 } }] }, 'nodes[1].params.servers: expected an integer, got 1.5'],
    [{ nodes: [client, { id: 's', kind: 'mainframe' }] }, 'nodes[1].kind: expected an object whose "kind" is one of'],
    [{ nodes: [{ id: 'c', kind: 'client', params: { arrival: { ratePerSec: 5 } } }] }, 'nodes[0].params.op: expected an operation name of 1–64 characters, got nothing (the field is missing)'],
    [{ durationSec: 0 }, 'durationSec: expected a number > 0, got 0'],
    [{ durationSec: 7200 }, 'durationSec: expected a number ≤ 3600, got 7200'],
    [{ seed: -1 }, 'seed: expected an integer ≥ 0, got -1'],
    [{ name: 'x'.repeat(121) }, 'name: expected a string of at most 120 characters'],
    [{ nodes: [client, { id: 'bad id!', kind: 'service' }] }, 'nodes[1].id: expected an id of 1–64 letters'],
    [{ edges: [{ id: 'e', source: 'c', target: 's', probability: 2 }] }, 'edges[0].probability: expected a number ≤ 1, got 2'],
    [{ edges: [{ id: 'e', source: 'c', target: 's', fanout: { type: 'fixed', n: 20000 } }] }, 'edges[0].fanout.n: expected an integer ≤ 10,000, got 20000'],
    [{ nodes: [client, { id: 's', kind: 'service', params: { serviceTimeMs: { type: 'lognormal', medianMs: 10, p99Ms: 5 } } }] }, 'nodes[1].params.serviceTimeMs.p99Ms: expected p99Ms ≥ medianMs'],
  ])('%j → %s', (over, message) => {
    expect(errorOf(doc(over as Record<string, unknown>))).toContain(message);
  });

  it('counts the other problems', () => {
    expect(errorOf(doc({ seed: -1, durationSec: 0 }))).toMatch(/\(and 1 more problem\)$/);
  });

  it.each([
    [{ nodes: [client, { id: 'c', kind: 'service' }] }, 'nodes[1].id: duplicate node id "c" (also nodes[0])'],
    [{ edges: [{ id: 'e', source: 'c', target: 'nope' }] }, 'edges[0].target: no node has the id "nope"'],
    [{ edges: [{ id: 'e', source: 's', target: 'c' }] }, 'edges[0]: edges never lead into a client ("c")'],
    [{ edges: [{ id: 'e', source: 's', target: 's' }] }, 'edges[0]: a node cannot call itself ("s")'],
    [{ edges: [{ id: 'e', source: 'c', target: 's' }, { id: 'e', source: 'c', target: 's' }] }, 'edges[1].id: duplicate edge id "e"'],
    [{ warmupSec: 60 }, 'warmupSec: expected a warm-up shorter than durationSec (60 s), got 60'],
    [{ edges: [{ id: 'e', source: 'c', target: 's', fanout: { type: 'followers' } }] }, 'edges[0].fanout: a "followers" fan-out needs a population'],
  ])('graph check %j → %s', (over, message) => {
    expect(errorOf(doc(over as Record<string, unknown>))).toContain(message);
  });

  it('rejects a cycle and names it', () => {
    const message = errorOf({
      version: 1,
      nodes: [client, { id: 'a', kind: 'service' }, { id: 'b', kind: 'service' }, { id: 'd', kind: 'service' }],
      edges: [
        { id: 'e0', source: 'c', target: 'a' },
        { id: 'e1', source: 'a', target: 'b' },
        { id: 'e2', source: 'b', target: 'd' },
        { id: 'e3', source: 'd', target: 'a', mode: 'async' },
      ],
    });
    expect(message).toContain('edges: the edges form a cycle (a → b → d → a)');
  });

  it('reports a newer or missing version as a version problem', () => {
    expect(errorOf({ nodes: [] })).toBe('version: expected a format version (an integer ≥ 1), got nothing (the field is missing)');
    expect(errorOf(null)).toBe('expected a scenario object, got null');
    expect(errorOf([])).toBe('expected a scenario object, got a list of 0');
  });

  it('enforces the size limits: 200 nodes, 1,000 edges, 1 MB of JSON', () => {
    const many = Array.from({ length: 201 }, (_, i) => ({ id: `s${i}`, kind: 'service' }));
    expect(errorOf({ version: 1, nodes: many })).toContain('nodes: expected at most 200 nodes');
    const edges = Array.from({ length: 1001 }, (_, i) => ({ id: `e${i}`, source: 'c', target: 's' }));
    expect(errorOf(doc({ edges }))).toContain('edges: expected at most 1,000 edges');
    const big = decodeScenarioJson(' '.repeat(1_000_001));
    expect(big.ok ? '' : big.error.message).toContain('the limit is 1,000,000');
  });

  it('renders hostile strings as short quoted text', () => {
    const message = errorOf(doc({ nodes: [client, { id: 's', kind: '<img src=x onerror=alert(1)>'.repeat(10) }] }));
    expect(message.length).toBeLessThan(300);
    expect(message).toContain('…');
  });
});

describe('decoder fuzzing: garbage never throws', () => {
  it('random strings give an error, never an exception', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const r = decodeScenarioJson(text);
        expect(typeof r.ok).toBe('boolean');
        if (!r.ok) expect(r.error.message.length).toBeGreaterThan(0);
      }),
      { seed: 1, numRuns: 500 },
    );
  });

  it('random JSON values give an error or a valid scenario, never an exception', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        const r = decodeScenario(value);
        if (r.ok) expect(ScenarioSchema.safeParse(r.scenario).success).toBe(true);
        else expect(r.error.message).not.toMatch(/undefined|\[object Object\]/);
      }),
      { seed: 2, numRuns: 500 },
    );
  });

  it('mutations of a valid scenario give an error or a valid scenario, never an exception', () => {
    const base = doc({ nodes: [client, { id: 's', kind: 'service', params: { servers: 2 } }, { id: 'q', kind: 'queue' }], edges: [{ id: 'e', source: 'c', target: 's' }, { id: 'f', source: 's', target: 'q', fanout: { type: 'fixed', n: 3 } }] });
    const paths: (string | number)[][] = [['seed'], ['durationSec'], ['nodes', 1, 'params', 'servers'], ['nodes', 0, 'params', 'arrival'], ['nodes', 2, 'kind'], ['edges', 1, 'fanout'], ['edges', 0, 'target'], ['nodes'], ['edges', 1]];
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.jsonValue({ maxDepth: 3 }), (path, value) => {
        const copy = JSON.parse(JSON.stringify(base));
        let cur = copy;
        for (const key of path.slice(0, -1)) cur = cur[key];
        cur[path[path.length - 1]] = value;
        const r = decodeScenario(copy);
        if (!r.ok) expect(r.error.message).toMatch(/:/);
      }),
      { seed: 3, numRuns: 800 },
    );
  });

  it('deeply nested JSON is refused without a stack overflow', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    expect(decodeScenarioJson(deep).ok).toBe(false);
  });
});

describe('decodeScenario: unknown fields are warnings, never dropped in silence', () => {
  it('keeps going and names every unknown field by its path', () => {
    const r = decodeScenario(
      doc({
        tenants: { count: 1000 },
        nodes: [client, { id: 's', kind: 'service', params: { servers: 2, foo: 1, serviceTimeMs: { type: 'constant', valueMs: 1, meanMs: 3 } } }],
        edges: [{ id: 'e', source: 'c', target: 's', bulkhead: { maxConcurrent: 10 } }],
      }),
    );
    if (!r.ok) throw new Error(r.error.message);
    // In the document's own order.
    expect(r.warnings.map((w) => w.message)).toEqual([
      'nodes[1].params.foo: unknown field',
      'nodes[1].params.serviceTimeMs.meanMs: unknown field',
      'edges[0].bulkhead: unknown field',
      'tenants: unknown field',
    ]);
    expect(r.warnings[0].path).toBe('nodes[1].params.foo');
    // What is known is read as usual.
    expect(r.scenario.nodes[1]).toMatchObject({ params: { servers: 2, serviceTimeMs: { type: 'constant', valueMs: 1 } } });
  });

  it('a document with only known fields (defaults filled or not) has no warning', () => {
    const r = decodeScenario(doc());
    expect(r.ok && r.warnings).toEqual([]);
    if (!r.ok) return;
    const again = decodeScenario(r.scenario);
    expect(again.ok && again.warnings).toEqual([]);
    // An in-memory document may spell an absent optional field as undefined.
    const spelled = decodeScenario(doc({ nodes: [client, { id: 's', kind: 'service', params: { queueCapacity: undefined } }] }));
    expect(spelled.ok && spelled.warnings).toEqual([]);
  });

  it('quotes odd keys safely and counts what it does not list', () => {
    const many = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`x${i}`, i]));
    const r = decodeScenario(doc({ 'we ird<b>': 1, ...many }));
    if (!r.ok) throw new Error(r.error.message);
    expect(r.warnings[0].message).toBe('["we ird<b>"]: unknown field');
    expect(r.warnings).toHaveLength(21);
    expect(r.warnings[20].message).toBe('and 11 more unknown fields');
  });

  it('a field of a newer format inside an error-free document does not stop it from running', () => {
    const r = decodeScenario(doc({ tenants: { count: 1000, popularity: { type: 'zipf', s: 1 } } }));
    expect(r.ok && r.warnings.map((w) => w.path)).toEqual(['tenants']);
  });
});
