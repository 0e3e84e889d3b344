/**
 * The pieces behind the inspector's fields: slider scales over decades,
 * numbers read the way people type them, and node summaries at a glance.
 */
import { describe, expect, it } from 'vitest';
import { distGlance, edgeChips, nodeGlance } from '../../src/canvas/nodes/glance';
import { sliderToValue, SLIDER_STEPS, suggestedValue, valueToSlider } from '../../src/inspector/fields/sliderScale';
import { parseNumber } from '../../src/inspector/fields/validate';
import { convertDist } from '../../src/inspector/fields/DistEditor';
import { EDGE_META, KINDS, type NumberParamMeta } from '../../src/scenario/kinds';
import { knownScenario } from '../fixtures/known';
import { distMean } from '../../src/sim/distributions';

const servers = KINDS.service.params.servers as NumberParamMeta;
const capacity = KINDS.service.params.queueCapacity as NumberParamMeta;

describe('slider scales', () => {
  it('a log slider spends as much travel on 1–10 servers as on 50–512', () => {
    expect(sliderToValue(servers, 0)).toBe(1);
    expect(sliderToValue(servers, SLIDER_STEPS)).toBe(512);
    const tenAt = valueToSlider(servers, 10);
    expect(tenAt / SLIDER_STEPS).toBeCloseTo(Math.log(10) / Math.log(512), 2);
  });

  it('round-trips small values exactly and large ones within the slider’s resolution (the field takes exact values)', () => {
    for (const v of [1, 2, 8, 64]) expect(sliderToValue(servers, valueToSlider(servers, v))).toBe(v);
    expect(Math.abs(sliderToValue(servers, valueToSlider(servers, 300)) - 300)).toBeLessThanOrEqual(2);
    expect(sliderToValue(EDGE_META.probability, valueToSlider(EDGE_META.probability, 0.37))).toBe(0.37);
  });

  it('a slider starting at 0 on a log scale still reaches 0', () => {
    expect(sliderToValue(capacity, 0)).toBe(0);
    expect(sliderToValue(capacity, SLIDER_STEPS)).toBe(10_000);
    expect(suggestedValue(capacity)).toBe(100);
  });

  it('values beyond the comfortable range pin the slider to its end', () => {
    expect(valueToSlider(servers, 5000)).toBe(SLIDER_STEPS);
  });
});

describe('reading numbers', () => {
  it.each([
    ['1,000', 1000],
    ['1 000', 1000],
    ['2.5', 2.5],
    ['.5', 0.5],
    ['1e3', 1000],
    ['-3', -3],
  ])('reads %s as %d', (text, value) => expect(parseNumber(text)).toBe(value));

  it.each(['', 'abc', '1.2.3', '10ms', 'Infinity'])('refuses %j', (text) => expect(parseNumber(text)).toBeUndefined());
});

describe('distributions', () => {
  it('switching shape keeps the mean', () => {
    const lognormal = { type: 'lognormal' as const, medianMs: 5, p99Ms: 50 };
    const mean = distMean(lognormal);
    for (const type of ['constant', 'exponential', 'uniform'] as const) {
      expect(distMean(convertDist(lognormal, type)) / mean).toBeCloseTo(1, 1);
    }
  });

  it('a mixture starts as 99% the old shape and 1% much slower', () => {
    const mixture = convertDist({ type: 'exponential', meanMs: 10 }, 'mixture');
    expect(mixture).toMatchObject({ type: 'mixture', parts: [{ weight: 99, dist: { type: 'exponential' } }, { weight: 1 }] });
  });

  it('summarises each shape in a few characters', () => {
    expect(distGlance({ type: 'constant', valueMs: 1 })).toBe('1 ms');
    expect(distGlance({ type: 'exponential', meanMs: 2 })).toBe('2 ms mean');
    expect(distGlance({ type: 'uniform', minMs: 1, maxMs: 5 })).toBe('1–5 ms');
    expect(distGlance({ type: 'lognormal', medianMs: 5, p99Ms: 50 })).toBe('5 ms p50');
    expect(distGlance({ type: 'constant', valueMs: 1500 })).toBe('1.5 s');
  });
});

describe('summaries at a glance', () => {
  const s = knownScenario();
  it('nodes', () => {
    expect(s.nodes.map(nodeGlance)).toEqual([
      'read · 400 req/s',
      'write · 40 req/s',
      '8 servers · 2 ms mean',
      '90% hits · 1 ms',
      '8 connections · 5 ms p50',
    ]);
  });

  it('edges', () => {
    const edge = s.edges[0];
    expect(edgeChips(edge)).toEqual([]);
    expect(edgeChips({ ...edge, fanout: { type: 'fixed', n: 100 }, ops: ['read'], probability: 0.1, mode: 'async' })).toEqual([
      '×100',
      'read',
      '10% of requests',
      'async',
    ]);
    expect(edgeChips({ ...edge, fanout: { type: 'followers', skipAbove: 1_000_000 } })).toEqual(['× followers ≤ 1M']);
    expect(edgeChips({ ...edge, fanout: { type: 'celebrityFollowees', threshold: 10_000 } })).toEqual(['× celebrities > 10k']);
    expect(edgeChips({ ...edge, latencyMs: { type: 'constant', valueMs: 20 } })).toEqual(['+20 ms each way']);
    expect(edgeChips({ ...edge, timeoutMs: 250 })).toEqual(['timeout 250 ms']);
    expect(edgeChips({ ...edge, retry: { maxAttempts: 3, on: ['timeout'], backoff: { type: 'none', baseMs: 10, capMs: 10_000, multiplier: 2 }, jitter: 'none' } })).toEqual(['3 attempts']);
  });
});
