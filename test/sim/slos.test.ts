/**
 * SLOs and goodput (SCENARIO.md v2): a request is good when it succeeds
 * within its op's `latencyMs`. Against M/M/1, whose response time is
 * exponential with rate μ − λ: attainment = 1 − e^{−(μ−λ)·t}.
 */
import { describe, expect, it } from 'vitest';
import { decodeScenario } from '../../src/scenario/decode';
import { client, edge, exp, expectClose, run, service } from './helpers';

const mm1 = (extra: Record<string, unknown> = {}) => ({
  version: 2,
  seed: 21,
  durationSec: 600,
  warmupSec: 10,
  nodes: [client('c', 'req', 80), service('s', { servers: 1, serviceTimeMs: exp(10) })],
  edges: [edge('e', 'c', 's')],
  slos: [{ op: 'req', latencyMs: 100, target: 0.9 }],
  ...extra,
});

describe('SLOs and goodput', () => {
  it('M/M/1: the share good within 100 ms is 1 − e^(−(μ−λ)·100), and goodput is that share of the throughput', () => {
    const r = run(mm1());
    const expected = 1 - Math.exp(-(0.1 - 0.08) * 100);
    expectClose(r.ops.req.sloAttainment!, expected, 0.02, 'attainment');
    expectClose(r.ops.req.goodputPerSec!, r.ops.req.throughputPerSec * expected, 0.02, 'goodput');
  });

  it('an error is never good: with 10% errors the attainment falls by that share', () => {
    const r = run(mm1({ faults: [{ id: 'x', target: 's', type: 'errors', rate: 0.1, atSec: 0 }] }));
    const expected = 0.9 * (1 - Math.exp(-(0.1 - 0.08) * 100));
    expectClose(r.ops.req.sloAttainment!, expected, 0.02, 'attainment with errors');
  });

  it('absent objectives add no field; bad ones are named', () => {
    const r = run(mm1({ slos: undefined }));
    expect('goodputPerSec' in r.ops.req).toBe(false);
    const problem = (slos: unknown[]) => {
      const d = decodeScenario(mm1({ slos }));
      return d.ok ? 'ok' : d.error.message;
    };
    expect(problem([{ op: 'nope', latencyMs: 1, target: 0.9 }])).toMatch(/^slos\[0\]\.op: no client creates the operation "nope"/);
    expect(problem([{ op: 'req', latencyMs: 1, target: 1 }])).toMatch(/^slos\[0\]\.target: expected a number < 1/);
    expect(problem([{ op: 'req', latencyMs: 0, target: 0.5 }])).toMatch(/^slos\[0\]\.latencyMs: expected a number > 0/);
    expect(problem([{ op: 'req', latencyMs: 5, target: 0.5 }, { op: 'req', latencyMs: 9, target: 0.9 }])).toMatch(/already has an objective/);
  });
});
