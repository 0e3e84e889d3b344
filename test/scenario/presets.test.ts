import { nominalRatePerSec } from '../../src/scenario/arrival';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeScenarioJson } from '../../src/scenario/decode';
import { DEFAULT_PRESET, defaultScenario } from '../../src/scenario/presets';
import { shareUrl } from '../../src/scenario/url';
import { runScenario } from '../../src/sim/run';

const dir = join(__dirname, '../../public/scenarios');
const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as { presets: { name: string; title: string; description: string }[] };
const files = readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'index.json');

describe('presets gallery', () => {
  it('index.json lists every preset file exactly once, each with a title and a one-line description', () => {
    expect(index.presets.map((p) => `${p.name}.json`).sort()).toEqual([...files].sort());
    for (const p of index.presets) {
      expect(p.title.length).toBeGreaterThan(2);
      expect(p.description.length).toBeGreaterThan(10);
      expect(p.description).not.toContain('\n');
    }
  });

  it.each(['mm1', 'mmc', 'cache-aside', 'tail-at-scale', 'search-index', 'twitter-fanout-read', 'twitter-fanout-write', 'twitter-hybrid'])('includes %s', (name) => {
    expect(files).toContain(`${name}.json`);
  });

  it('the default preset is one of them', () => {
    expect(files).toContain(`${DEFAULT_PRESET}.json`);
    expect(defaultScenario().nodes.length).toBeGreaterThan(0);
  });

  describe.each(files)('%s', (file) => {
    const decoded = decodeScenarioJson(readFileSync(join(dir, file), 'utf8'));

    it('is a valid scenario with positions for every node', () => {
      expect(decoded.ok ? 'ok' : decoded.error.message).toBe('ok');
      if (!decoded.ok) return;
      for (const n of decoded.scenario.nodes) expect(n.position, n.id).toBeDefined();
    });

    it('runs headless and serves its requests without saturating any node', () => {
      if (!decoded.ok) return;
      const ratePerSec = decoded.scenario.nodes.reduce((sum, n) => sum + (n.kind === 'client' ? nominalRatePerSec(n.params.arrival) : 0), 0);
      const durationSec = ratePerSec > 50_000 ? 1 : Math.min(20, decoded.scenario.durationSec);
      // A preset that breaks something on purpose tells its story instead (test/scenario/stories.test.ts).
      if (decoded.scenario.faults) return;
      const r = runScenario({ ...decoded.scenario, warmupSec: 0 }, { durationSec, maxEvents: 20_000_000 });
      for (const [op, o] of Object.entries(r.ops)) {
        expect(o.count, op).toBeGreaterThan(0);
        expect(o.errors, op).toBe(0);
      }
      for (const [id, n] of Object.entries(r.nodes)) expect(n.utilization, id).toBeLessThan(0.95);
    });

    it('has a share link of at most 2,000 characters', () => {
      if (!decoded.ok) return;
      expect(shareUrl(decoded.scenario, 'https://fanout.example/').length).toBeLessThanOrEqual(2000);
    });
  });
});
