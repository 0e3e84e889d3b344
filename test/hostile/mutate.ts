/**
 * Seeded mutation of scenario documents, for fuzzing (after tldraw's
 * recordStoreFuzzing: a seed fixes every choice, so a failing seed replays
 * exactly and is kept as a regression case). Mutations aim at the values that
 * break numeric code — 0, subnormals, 1e300, 2^53, huge fan-outs and rates —
 * and at the structure: fields deleted, kinds and types swapped, elements
 * duplicated, edges added.
 */
import { Rng } from '../../src/sim/random';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];

const EXTREME_NUMBERS = [
  0, -0, -1, 1, 2, 0.5, 5e-324, 1e-300, 1e-20, 1e-9, 1 - 1e-16, 0.999999, 63.50000000000025, 1000, 10_000, 10_001, 1e6, 1e9,
  1e10, 1e14, 1e20, 1e300, 1.7976931348623157e308, 2 ** 31, 2 ** 32 - 1, 2 ** 53, 3600, 3599.999, 1e-3,
];
const STRINGS = ['', 'x', 'read', '\u001b[2J\u001b[31mred', '<img src=x onerror=alert(1)>', 'a'.repeat(300), 'constant', 'followers', 'mixture', 'powerlaw', 'lognormal', 'service', 'index', 'queue', 'cache', 'async', 'sequential'];
const TYPES: Record<string, string[]> = {
  type: ['constant', 'exponential', 'uniform', 'lognormal', 'mixture', 'fixed', 'followers', 'followees', 'celebrityFollowees', 'powerlaw', 'poisson'],
  kind: ['client', 'service', 'database', 'cache', 'loadBalancer', 'queue', 'index'],
};

function leaves(value: Json, path: Path, out: { path: Path; value: Json }[]): void {
  out.push({ path, value });
  if (Array.isArray(value)) value.forEach((v, i) => leaves(v, [...path, i], out));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) leaves(v, [...path, k], out);
}

function parentOf(root: Json, path: Path): { parent: Json; key: string | number } | null {
  if (path.length === 0) return null;
  let cur: Json = root;
  for (const key of path.slice(0, -1)) cur = (cur as Record<string | number, Json>)[key];
  return { parent: cur, key: path[path.length - 1] };
}

function pick<T>(rng: Rng, xs: readonly T[]): T {
  return xs[rng.int(xs.length)];
}

/** One mutation of `doc` (in place). */
function mutateOnce(doc: Json, rng: Rng): void {
  const all: { path: Path; value: Json }[] = [];
  leaves(doc, [], all);
  const choice = rng.int(10);
  const target = pick(rng, all);
  const at = parentOf(doc, target.path);
  const set = (v: Json) => {
    if (at) (at.parent as Record<string | number, Json>)[at.key] = v;
  };
  const numbers = all.filter((l) => typeof l.value === 'number');
  if (choice < 5 && numbers.length > 0) {
    const n = pick(rng, numbers);
    const p = parentOf(doc, n.path)!;
    const v = rng.int(3) === 0 ? (n.value as number) * pick(rng, [1e-6, 0.5, 2, 1e3, 1e6]) : pick(rng, EXTREME_NUMBERS);
    (p.parent as Record<string | number, Json>)[p.key] = v;
  } else if (choice === 5) {
    const s = all.filter((l) => typeof l.value === 'string');
    if (s.length === 0) return;
    const leaf = pick(rng, s);
    const p = parentOf(doc, leaf.path)!;
    const key = String(p.key);
    (p.parent as Record<string | number, Json>)[p.key] = TYPES[key] ? pick(rng, TYPES[key]) : pick(rng, STRINGS);
  } else if (choice === 6 && at && !Array.isArray(at.parent)) {
    delete (at.parent as Record<string, Json>)[at.key as string];
  } else if (choice === 7 && at && Array.isArray(at.parent) && at.parent.length > 0) {
    at.parent.push(structuredClone(at.parent[rng.int(at.parent.length)]));
  } else if (choice === 8) {
    const d = doc as { nodes?: { id?: string }[]; edges?: Json[] };
    if (!Array.isArray(d.nodes) || !Array.isArray(d.edges) || d.nodes.length === 0) return;
    const fanouts: Json[] = [
      { type: 'fixed', n: pick(rng, [1, 100, 10_000]) },
      { type: 'followers' },
      { type: 'followees' },
      { type: 'celebrityFollowees', threshold: pick(rng, [0, 10, 1e9]) },
    ];
    d.edges.push({
      id: `fuzz-${rng.int(1e9)}`,
      source: pick(rng, d.nodes).id ?? 'x',
      target: pick(rng, d.nodes).id ?? 'x',
      fanout: pick(rng, fanouts),
      probability: pick(rng, [1, 0.5, 1e-20, 1 - 1e-16]),
      mode: pick(rng, ['sync', 'async']),
    });
  } else if (choice === 9) {
    const d = doc as { population?: Json };
    const followers = pick(rng, [
      { type: 'powerlaw', alpha: pick(rng, [5e-324, 1e-20, 0.5, 1.2, 20]), min: pick(rng, [1, 1e9]), max: pick(rng, [1, 1e6, 1e10]) },
      { type: 'lognormal', median: pick(rng, [5e-324, 1, 63.50000000000025, 1e10]), p99: pick(rng, [63.50000000000026, 1e4, 1e10]) },
      { type: 'constant', n: pick(rng, [0, 1, 1e10]) },
    ] as Json[]);
    d.population = { users: pick(rng, [1, 1000, 1e10]), followers, activityExponent: pick(rng, [-5, 0, 1, 5]) };
  } else if (target.value !== null && typeof target.value !== 'object') {
    set(pick(rng, [null, true, [], {}, '1e3', pick(rng, EXTREME_NUMBERS)] as Json[]));
  }
}

/** `base` mutated by 1–4 seeded mutations (a fresh copy; `base` is untouched). */
export function mutateScenario(base: unknown, seed: number): unknown {
  const rng = new Rng(seed, 3);
  const doc = structuredClone(base) as Json;
  const count = 1 + rng.int(4);
  for (let i = 0; i < count; i++) mutateOnce(doc, rng);
  return doc;
}
