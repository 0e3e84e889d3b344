/**
 * A scenario's JSON without the fields that hold their default value. The
 * decoder fills defaults in, so a legal file of 1 MB with defaults left out
 * can grow past the 1 MB the app reads back once they are written out; the
 * app's own autosave, export and share link fall back to this form when the
 * full one does not fit. Defaults are part of the format's contract, so the
 * minimal form decodes to the very same scenario — and `minimalScenario`
 * checks that it does, returning the full scenario otherwise.
 */
import { KIND_ORDER } from './kinds';
import { decodeScenario } from './decode';
import type { Scenario } from './schema';

type Json = Record<string, unknown>;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function defaultsOf(doc: unknown): Scenario | null {
  const r = decodeScenario(doc);
  return r.ok ? r.scenario : null;
}

let cached: { top: Json; params: Map<string, Json>; edge: Json } | null = null;

/** The defaults, read from the decoder itself (so they cannot drift from the schema). */
function defaults() {
  if (cached) return cached;
  const top = defaultsOf({ version: 1, nodes: [] }) as unknown as Json;
  const params = new Map<string, Json>();
  for (const kind of KIND_ORDER.filter((k) => k !== 'client')) {
    const s = defaultsOf({ version: 1, nodes: [{ id: 'x', kind }] });
    if (s) params.set(kind, s.nodes[0].params as unknown as Json);
  }
  const client = defaultsOf({ version: 1, nodes: [{ id: 'x', kind: 'client', params: { op: 'x', arrival: { ratePerSec: 1 } } }] });
  if (client) params.set('client', { calls: (client.nodes[0].params as Json).calls });
  const withEdge = defaultsOf({
    version: 1,
    nodes: [
      { id: 'a', kind: 'service' },
      { id: 'b', kind: 'service' },
    ],
    edges: [{ id: 'e', source: 'a', target: 'b' }],
  });
  const edge = (withEdge?.edges[0] ?? {}) as unknown as Json;
  cached = { top, params, edge };
  return cached;
}

function without(obj: Json, defaultsObj: Json | undefined, keep: readonly string[] = []): Json {
  if (!defaultsObj) return obj;
  const out: Json = {};
  for (const [k, v] of Object.entries(obj)) {
    if (!keep.includes(k) && k in defaultsObj && same(v, defaultsObj[k])) continue;
    out[k] = v;
  }
  return out;
}

/** The scenario with default-valued fields left out, or the scenario itself if that would not decode to it. */
export function minimalScenario(scenario: Scenario): unknown {
  const d = defaults();
  const doc: Json = without(scenario as unknown as Json, d.top, ['version', 'nodes']);
  doc.nodes = scenario.nodes.map((n) => ({ ...n, params: without(n.params as unknown as Json, d.params.get(n.kind)) }));
  if (scenario.edges.length > 0) doc.edges = scenario.edges.map((e) => without(e as unknown as Json, d.edge, ['id', 'source', 'target']));
  if (scenario.population) doc.population = without(scenario.population as unknown as Json, { activityExponent: 0 });
  const back = decodeScenario(doc);
  return back.ok && same(back.scenario, scenario) ? doc : scenario;
}
