/**
 * Bad data-plane input (SCENARIO.md, "Keys, versions and derived data") is
 * refused with one line that names the field and says what was expected —
 * never run with the mistake quietly ignored.
 */
import { describe, expect, it } from 'vitest';
import { decodeScenario } from '../../src/scenario/decode';

const base = {
  version: 2,
  keys: { count: 100 },
  nodes: [
    { id: 'c', kind: 'client', params: { op: 'write', arrival: { ratePerSec: 10 } } },
    { id: 'app', kind: 'service', params: {} },
    { id: 'db', kind: 'database', params: { writeOps: ['write'] } },
    { id: 'cache', kind: 'cache', params: { writeOps: ['write'] } },
  ],
  edges: [
    { id: 'c-app', source: 'c', target: 'app' },
    { id: 'app-db', source: 'app', target: 'db' },
  ],
};

function refusal(doc: Record<string, unknown>): string {
  const r = decodeScenario(doc);
  if (r.ok) throw new Error('expected the scenario to be refused');
  return r.error.message;
}

describe('bad data-plane input', () => {
  it('is accepted when it is right (the base of the cases below)', () => {
    expect(decodeScenario({ ...base, edges: [...base.edges, { id: 'cdc', source: 'db', target: 'cache', mode: 'cdc' }] }).ok).toBe(true);
  });

  it('keys.count above 10,000,000', () => {
    expect(refusal({ ...base, keys: { count: 10_000_001 } })).toBe('keys.count: expected an integer ≤ 10,000,000, got 10000001');
  });

  it('a Zipf exponent s ≤ 0', () => {
    expect(refusal({ ...base, keys: { count: 10, popularity: { type: 'zipf', s: 0 } } })).toMatch(/^keys\.popularity\.s: expected a number > 0, got 0/);
    expect(refusal({ ...base, keys: { count: 10, popularity: { type: 'zipf', s: -1 } } })).toMatch(/^keys\.popularity\.s: .*got -1/);
  });

  it('a writePolicy on a node that is not a cache', () => {
    const nodes = base.nodes.map((n) => (n.id === 'db' ? { ...n, params: { ...n.params, writePolicy: 'update' } } : n));
    expect(refusal({ ...base, nodes })).toBe('nodes[2].params.writePolicy: expected no writePolicy here: only a cache has a write policy (invalidate or update its entry), got "update"');
    const onService = base.nodes.map((n) => (n.id === 'app' ? { ...n, params: { writePolicy: 'invalidate' } } : n));
    expect(refusal({ ...base, nodes: onService })).toMatch(/^nodes\[1\]\.params\.writePolicy: expected no writePolicy here/);
  });

  it('a writePolicy a cache does not know', () => {
    const nodes = base.nodes.map((n) => (n.id === 'cache' ? { ...n, params: { writePolicy: 'writeBehind' } } : n));
    expect(refusal({ ...base, nodes })).toBe('nodes[3].params.writePolicy: expected one of "invalidate", "update", got "writeBehind"');
  });

  it('a CDC edge from a node that is not a database', () => {
    const edges = [...base.edges, { id: 'cdc', source: 'app', target: 'cache', mode: 'cdc' }];
    expect(refusal({ ...base, edges })).toBe('edges[2].mode: a CDC edge publishes a database\'s committed writes, and "app" is a service, not a database');
  });

  it('a CDC edge in a scenario without keys', () => {
    const edges = [...base.edges, { id: 'cdc', source: 'db', target: 'cache', mode: 'cdc' }];
    expect(refusal({ ...base, keys: undefined, edges })).toBe('edges[2].mode: a CDC edge publishes committed writes by key and version, and the scenario has no keys');
  });

  it('a CDC edge with a retry, a fan-out or a probability', () => {
    const cdc = { id: 'cdc', source: 'db', target: 'cache', mode: 'cdc' };
    expect(refusal({ ...base, edges: [...base.edges, { ...cdc, retry: { maxAttempts: 3 } }] })).toMatch(/^edges\[2\]\.mode: expected no timeoutMs, retry, hedge or breaker on a CDC edge/);
    expect(refusal({ ...base, edges: [...base.edges, { ...cdc, probability: 0.5 }] })).toMatch(/^edges\[2\]\.mode: expected a CDC edge with a fan-out of 1 and probability 1/);
  });

  it('a TTL or a capacity out of range', () => {
    const withCache = (params: Record<string, unknown>) => base.nodes.map((n) => (n.id === 'cache' ? { ...n, params } : n));
    expect(refusal({ ...base, nodes: withCache({ ttlSec: 0 }) })).toBe('nodes[3].params.ttlSec: expected a number > 0, got 0');
    expect(refusal({ ...base, nodes: withCache({ capacity: 1.5 }) })).toBe('nodes[3].params.capacity: expected an integer, got 1.5');
  });
});
