/**
 * Every registered kind of node provides every part: its metadata and
 * schema, its behaviour in the engine, its routing rule, glance text and
 * scaling (src/kinds/), its icon, node component and colour tokens. A kind
 * added to the list but missing a part fails here, naming the part.
 */
import { readFileSync } from 'node:fs';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { nodeTypes } from '../../src/canvas/nodes/nodeTypes';
import { KIND_SPECS, glanceOf, hasStation, routingOf, scaleNodeOf } from '../../src/kinds';
import { decodeScenario } from '../../src/scenario/decode';
import { KIND_ORDER, KINDS, type NodeKind } from '../../src/scenario/kinds';
import type { ScenarioNode } from '../../src/scenario/schema';
import { BEHAVIOURS } from '../../src/sim/behaviours';
import { KindIcon } from '../../src/ui/icons';

const tokens = readFileSync(new URL('../../src/styles/tokens.css', import.meta.url), 'utf8');

/** A node of the kind with every default filled in by the decoder. */
function defaultNode(kind: NodeKind): ScenarioNode {
  const params = kind === 'client' ? { op: 'read', arrival: { ratePerSec: 10 } } : {};
  const r = decodeScenario({ version: 2, nodes: [{ id: 'x', kind, params }] });
  if (!r.ok) throw new Error(`${kind}: the schema refuses a default node: ${r.error.message}`);
  return r.scenario.nodes[0];
}

describe('the kind registry', () => {
  it('lists exactly the kinds that have metadata, in palette order', () => {
    expect([...KIND_ORDER].sort()).toEqual(Object.keys(KINDS).sort());
    expect(Object.keys(KIND_SPECS).sort()).toEqual([...KIND_ORDER].sort());
  });

  for (const kind of KIND_ORDER) {
    describe(kind, () => {
      const spec = KIND_SPECS[kind];

      it('has its metadata and a schema that fills in its defaults', () => {
        expect(spec.kind).toBe(kind);
        expect(spec.meta).toBe(KINDS[kind]);
        expect(spec.meta.title.length).toBeGreaterThan(0);
        expect(spec.meta.description.length).toBeGreaterThan(0);
        expect(defaultNode(kind).kind).toBe(kind);
      });

      it('has a behaviour in the engine', () => {
        expect(BEHAVIOURS[kind]?.kind).toBe(kind);
        expect(BEHAVIOURS[kind].bulkRule.length).toBeGreaterThan(0);
      });

      it('has a routing rule, glance text and scaling', () => {
        const node = defaultNode(kind);
        const routing = routingOf(node);
        expect(routing.passOn).toBeGreaterThanOrEqual(0);
        expect(routing.passOn).toBeLessThanOrEqual(1);
        expect(['all', 'one']).toContain(routing.split);
        expect(glanceOf(node).trim().length).toBeGreaterThan(0);
        const scaled = scaleNodeOf(node, 1);
        expect(scaled).toEqual(node);
        expect(scaleNodeOf(node, 10).kind).toBe(kind);
      });

      it('names the parameters that size it, when it has servers', () => {
        const station = spec.station;
        expect(hasStation(kind)).toBe(station !== null);
        if (!station) return;
        expect(spec.meta.params[station.field]?.type).toBe('int');
        if (station.serviceTimeField) expect(spec.meta.params[station.serviceTimeField]?.type).toBe('dist');
        expect(station.noun.length).toBeGreaterThan(0);
      });

      it('has an icon, a node component on the canvas and colour tokens in both themes', () => {
        const svg = renderToStaticMarkup(createElement(KindIcon, { kind }));
        expect(svg).toMatch(/<svg[^>]*>.*<(path|rect|circle|ellipse|line|polyline)/s);
        expect((nodeTypes as Record<string, unknown>)[kind]).toBeDefined();
        const colour = new RegExp(`--kind-${kind}:\\s*#[0-9a-f]{3,8};`, 'gi');
        expect(tokens.match(colour)?.length ?? 0, `--kind-${kind} in the light and the dark theme`).toBeGreaterThanOrEqual(2);
        expect(tokens).toContain(`--kind-${kind}-soft:`);
      });
    });
  }
});
