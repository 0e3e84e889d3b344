import { describe, expect, it } from 'vitest';
import { decodeScenario } from '../../src/scenario/decode';
import {
  blankScenario,
  connect,
  connectionProblem,
  copyElements,
  createNode,
  addNode,
  defaultParams,
  knownOps,
  moveNodes,
  pasteElements,
  removeElements,
  setClientOp,
} from '../../src/scenario/edit';
import { EDGE_META, KIND_ORDER, KINDS, SCENARIO_META } from '../../src/scenario/kinds';
import { knownScenario } from '../fixtures/known';
import type { Scenario } from '../../src/scenario/schema';

/** Whether the decoder accepts a scenario; returns its message otherwise. */
function decodes(s: Scenario): string {
  const r = decodeScenario(JSON.parse(JSON.stringify(s)));
  return r.ok ? 'ok' : r.error.message;
}

function chain(...kinds: Parameters<typeof createNode>[1][]): Scenario {
  let s = blankScenario();
  for (const [i, kind] of kinds.entries()) s = addNode(s, createNode(s, kind, { x: i * 200, y: 0 }));
  return s;
}

describe('kind metadata', () => {
  it.each(KIND_ORDER)('a new %s built from the metadata alone is a valid scenario node', (kind) => {
    const s = addNode(blankScenario(), createNode(blankScenario(), kind, { x: 0, y: 0 }));
    expect(decodes(s)).toBe('ok');
  });

  it('the decoder fills in exactly the defaults the metadata declares', () => {
    for (const kind of KIND_ORDER) {
      const node = { id: 'n', kind, params: kind === 'client' ? { op: 'read', arrival: { ratePerSec: 100 } } : {} };
      const r = decodeScenario({ version: 1, nodes: [node] });
      expect(r.ok).toBe(true);
      if (r.ok) expect(r.scenario.nodes[0].params, kind).toEqual(defaultParams(kind));
    }
  });

  it('edge and scenario defaults come from the same metadata the inspector uses', () => {
    const r = decodeScenario({ version: 1, nodes: [], edges: [] });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.scenario.seed).toBe(SCENARIO_META.seed.default);
    expect(r.scenario.durationSec).toBe(SCENARIO_META.durationSec.default);
    expect(r.scenario.warmupSec).toBe(SCENARIO_META.warmupSec.default);
    const withEdge = decodeScenario({
      version: 1,
      nodes: [
        { id: 'a', kind: 'service', params: {} },
        { id: 'b', kind: 'service', params: {} },
      ],
      edges: [{ id: 'e', source: 'a', target: 'b' }],
    });
    expect(withEdge.ok && withEdge.scenario.edges[0]).toMatchObject({
      probability: EDGE_META.probability.default,
      mode: EDGE_META.mode.default,
      fanout: { type: 'fixed', n: EDGE_META.fanoutN.default },
    });
  });

  it('every numeric default lies within its hard range and every parameter teaches something', () => {
    for (const meta of Object.values(KINDS)) {
      for (const [name, p] of Object.entries(meta.params)) {
        expect(p.help.length, `${meta.kind}.${name}`).toBeGreaterThan(30);
        if ((p.type === 'int' || p.type === 'number') && p.default !== undefined) {
          expect(p.default).toBeGreaterThanOrEqual(p.min);
          if (p.max !== undefined) expect(p.default).toBeLessThanOrEqual(p.max);
        }
      }
    }
  });
});

describe('creating nodes', () => {
  it('gives each new node a fresh id and a readable label', () => {
    const s = chain('service', 'service', 'service');
    expect(s.nodes.map((n) => n.id)).toEqual(['service', 'service-2', 'service-3']);
    expect(s.nodes.map((n) => n.label)).toEqual(['Service', 'Service 2', 'Service 3']);
  });

  it('suggests a different operation for a second client', () => {
    const s = chain('client', 'client');
    expect(s.nodes.map((n) => n.kind === 'client' && n.params.op)).toEqual(['read', 'write']);
    expect(knownOps(s)).toEqual(['read', 'write']);
  });

  it('stores whole-pixel positions', () => {
    const s = moveNodes(chain('service'), new Map([['service', { x: 10.4, y: -3.6 }]]));
    expect(s.nodes[0].position).toEqual({ x: 10, y: -4 });
  });

  it('keeps the identity of nodes that did not move', () => {
    const s = chain('service', 'database');
    const moved = moveNodes(s, new Map([['service', { x: 50, y: 50 }]]));
    expect(moved.nodes[1]).toBe(s.nodes[1]);
    expect(moveNodes(s, new Map([['service', { x: 0, y: 0 }]]))).toBe(s);
  });
});

describe('connecting nodes', () => {
  it('adds a sync edge with one call and every operation', () => {
    const r = connect(chain('client', 'service'), 'client', 'service');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.scenario.edges).toEqual([
      { id: 'client-service', source: 'client', target: 'service', fanout: { type: 'fixed', n: 1 }, probability: 1, mode: 'sync' },
    ]);
    expect(decodes(r.scenario)).toBe('ok');
  });

  it('refuses an edge into a client, in the decoder’s words', () => {
    const s = chain('client', 'service');
    expect(connectionProblem(s, 'service', 'client')).toMatch(/edges never lead into a client/);
  });

  it('refuses a node calling itself', () => {
    expect(connectionProblem(chain('service'), 'service', 'service')).toMatch(/cannot call itself/);
  });

  it('refuses a second edge between the same two nodes', () => {
    const r = connect(chain('service', 'database'), 'service', 'database');
    expect(r.ok && connectionProblem(r.scenario, 'service', 'database')).toMatch(/already calls/);
  });

  it('refuses an edge that closes a cycle and names the cycle', () => {
    let s = chain('service', 'service', 'service');
    for (const [a, b] of [['service', 'service-2'], ['service-2', 'service-3']]) {
      const r = connect(s, a, b);
      if (r.ok) s = r.scenario;
    }
    expect(connectionProblem(s, 'service-3', 'service')).toBe(
      'the edges would form a cycle (service → service-2 → service-3 → service); requests would call each other forever, so the graph must be acyclic',
    );
  });
});

describe('removing, copying and pasting', () => {
  const s = knownScenario();

  it('removing a node removes every edge that touches it', () => {
    const out = removeElements(s, ['cache'], []);
    expect(out.nodes.map((n) => n.id)).not.toContain('cache');
    expect(out.edges.some((e) => e.source === 'cache' || e.target === 'cache')).toBe(false);
    expect(decodes(out)).toBe('ok');
  });

  it('pastes copies with fresh ids, shifted, with the edges between the copied nodes', () => {
    const clip = copyElements(s, ['api', 'cache', 'db']);
    expect(clip.edges.map((e) => e.id).sort()).toEqual(['api-cache', 'api-db', 'cache-db']);
    const r = pasteElements(s, clip, { x: 40, y: 40 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.nodeIds).toEqual(['api-2', 'cache-2', 'db-2']);
    expect([...r.edgeIds].sort()).toEqual(['api-2-cache-2', 'api-2-db-2', 'cache-2-db-2']);
    const apiCopy = r.scenario.nodes.find((n) => n.id === 'api-2');
    const api = s.nodes.find((n) => n.id === 'api')!.position!;
    expect(apiCopy?.position).toEqual({ x: api.x + 40, y: api.y + 40 });
    expect(decodes(r.scenario)).toBe('ok');
    // Pasting twice still gives fresh ids.
    const again = pasteElements(r.scenario, clip, { x: 80, y: 80 });
    expect(again.ok && again.nodeIds).toEqual(['api-3', 'cache-3', 'db-3']);
  });
});

describe('renaming a client’s operation', () => {
  it('renames it in edge filters when no other client creates it', () => {
    const s = setClientOp(knownScenario(), 'readers', 'fetch');
    expect(s.edges.find((e) => e.id === 'api-cache')?.ops).toEqual(['fetch']);
    expect(decodes(s)).toBe('ok');
  });

  it('leaves the filters alone when another client still creates the old operation', () => {
    let s = knownScenario();
    s = addNode(s, { id: 'more-readers', kind: 'client', params: { op: 'read', arrival: { type: 'poisson', ratePerSec: 1 }, calls: 'parallel' } });
    const renamed = setClientOp(s, 'readers', 'fetch');
    expect(renamed.edges.find((e) => e.id === 'api-cache')?.ops).toEqual(['read']);
  });
});

describe('faults follow what they break', () => {
  it('removing a node or an edge removes its faults; add, update and remove keep ids unique', async () => {
    const { addFault, removeElements, removeFault, updateFault } = await import('../../src/scenario/edit');
    const { decodeScenario } = await import('../../src/scenario/decode');
    const d = decodeScenario({
      version: 2,
      nodes: [
        { id: 'c', kind: 'client', params: { op: 'r', arrival: { ratePerSec: 1 } } },
        { id: 's', kind: 'service', params: {} },
        { id: 't', kind: 'service', params: {} },
      ],
      edges: [
        { id: 'cs', source: 'c', target: 's' },
        { id: 'ct', source: 'c', target: 't' },
      ],
      faults: [
        { id: 'f1', target: 's', type: 'crash', atSec: 1 },
        { id: 'f2', target: 'ct', type: 'partition', atSec: 1 },
        { id: 'f3', target: 't', type: 'slow', atSec: 1 },
      ],
    });
    if (!d.ok) throw new Error(d.error.message);
    const noT = removeElements(d.scenario, ['t'], []);
    expect(noT.faults!.map((f) => f.id)).toEqual(['f1']);
    const none = removeElements(noT, ['s'], []);
    expect('faults' in none).toBe(false);
    const added = addFault(d.scenario, { id: 'f1', target: 's', type: 'pause', atSec: 3 });
    expect(added.id).not.toBe('f1');
    const moved = updateFault(added.scenario, added.id, (f) => ({ ...f, atSec: 7 }));
    expect(moved.faults!.find((f) => f.id === added.id)!.atSec).toBe(7);
    expect(removeFault(moved, added.id).faults).toEqual(d.scenario.faults);
    expect(decodeScenario(moved).ok).toBe(true);
  });
});

describe('objectives follow their operation', () => {
  const base = () => {
    const s = knownScenario();
    return { ...s, slos: [{ op: 'read', latencyMs: 50, target: 0.99 }] };
  };
  it('deleting the only client of an operation drops its objective; renaming it moves the objective along', () => {
    const s = base();
    const reader = s.nodes.find((n) => n.kind === 'client' && n.params.op === 'read')!.id;
    expect(removeElements(s, [reader], []).slos).toBeUndefined();
    expect(setClientOp(s, reader, 'timeline').slos).toEqual([{ op: 'timeline', latencyMs: 50, target: 0.99 }]);
  });
});
