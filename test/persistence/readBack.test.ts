/**
 * What the app writes, it reads back: a legal scenario (≤ 1,000,000
 * characters on import, defaults left out) stays readable once the app has
 * filled its defaults in — through autosave, export and the share link — and
 * a link the app would copy either opens or is not handed out.
 */
import LZString from 'lz-string';
import { describe, expect, it } from 'vitest';
import { autosaveText } from '../../src/persistence/autosave';
import { scenarioFileText } from '../../src/persistence/files';
import { decodeScenarioJson } from '../../src/scenario/decode';
import { LIMITS } from '../../src/scenario/kinds';
import { minimalScenario } from '../../src/scenario/minimal';
import { defaultScenario } from '../../src/scenario/presets';
import type { Scenario } from '../../src/scenario/schema';
import { decodeShareLink, encodeScenarioPayload, shareLinkProblem, shareUrl } from '../../src/scenario/url';

/** 200 nodes and 1,000 edges with every default left out, each edge naming many operations: just under 1 MB. */
function largeInput(opsPerEdge: number): string {
  const nodes: unknown[] = [{ id: 'c', kind: 'client', params: { op: 'op-0', arrival: { ratePerSec: 1 } } }];
  for (let i = 1; i < 200; i++) nodes.push({ id: `n${i}`, kind: i % 3 === 0 ? 'database' : 'service' });
  const ops = Array.from({ length: opsPerEdge }, (_, k) => `operation-${k}`);
  const edges: unknown[] = [];
  for (let i = 0; edges.length < 1000; i++) {
    const from = i % 199;
    const to = from + 1 + (i % 3);
    if (to >= 200) continue;
    edges.push({ id: `e${edges.length}`, source: from === 0 ? 'c' : `n${from}`, target: `n${to}`, ops });
  }
  return JSON.stringify({ version: 1, nodes, edges });
}

function decodeOk(text: string): Scenario {
  const r = decodeScenarioJson(text);
  if (!r.ok) throw new Error(r.error.message);
  return r.scenario;
}

describe('a legal scenario near the 1 MB limit', () => {
  const input = largeInput(58);
  const scenario = decodeOk(input);

  it('is legal on import, and grows past the limit once its defaults are written out', () => {
    expect(input.length).toBeLessThanOrEqual(LIMITS.maxJsonChars);
    expect(JSON.stringify(scenario).length).toBeGreaterThan(LIMITS.maxJsonChars);
  });

  it('autosaves as text the app reads back as the very same scenario', () => {
    const text = autosaveText(scenario)!;
    expect(text.length).toBeLessThanOrEqual(LIMITS.maxJsonChars);
    expect(decodeOk(text)).toEqual(scenario);
  });

  it('exports as a file the app imports as the very same scenario', () => {
    const text = scenarioFileText(scenario);
    expect(text.length).toBeLessThanOrEqual(LIMITS.maxJsonChars);
    expect(decodeOk(text)).toEqual(scenario);
  });

  it('is not handed out as a link that would not open', () => {
    const url = shareUrl(scenario, 'https://example.org/');
    const opens = decodeShareLink(url).ok;
    expect(opens || shareLinkProblem(url) !== null).toBe(true);
    if (!opens) expect(shareLinkProblem(url)).toMatch(/^its link would be [\d,]+ characters long, and a link opens up to 100,000$/);
  });
});

describe('share links', () => {
  it('fit a scenario whose full link is too long but whose defaults-free form is not', () => {
    // Many default-filled nodes and edges compress well but not enough; without defaults they fit.
    const base = decodeOk(largeInput(0));
    const fullPayload = LZString.compressToEncodedURIComponent(JSON.stringify(base));
    const payload = encodeScenarioPayload(base);
    expect(payload.length).toBeLessThanOrEqual(fullPayload.length);
    const url = shareUrl(base, 'https://example.org/');
    const back = decodeShareLink(url);
    expect(back.ok || shareLinkProblem(url) !== null).toBe(true);
    if (back.ok) expect(back.scenario).toEqual(base);
  });

  it('of ordinary scenarios carry the defaults-free form, shorter than the full JSON and opening to the same scenario', () => {
    const s = defaultScenario();
    const payload = encodeScenarioPayload(s);
    expect(payload).toBe(LZString.compressToEncodedURIComponent(JSON.stringify(minimalScenario(s))));
    expect(payload.length).toBeLessThan(LZString.compressToEncodedURIComponent(JSON.stringify(s)).length);
    const back = decodeShareLink(`#s=${payload}`);
    expect(back.ok && back.scenario).toEqual(s);
    expect(shareLinkProblem(shareUrl(s, 'https://example.org/'))).toBeNull();
  });

  it('the minimal form decodes to the same scenario for every preset-like scenario', () => {
    const s = defaultScenario();
    expect(decodeOk(JSON.stringify(minimalScenario(s)))).toEqual(s);
    expect(JSON.stringify(minimalScenario(s)).length).toBeLessThan(JSON.stringify(s).length);
  });
});
