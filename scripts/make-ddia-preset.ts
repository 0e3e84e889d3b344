/**
 * Writes public/scenarios/twitter-hybrid-ddia.json: the hybrid preset at
 * DDIA's real 2012 rates (×100). `npx tsx scripts/make-ddia-preset.ts`;
 * test/scenario/scale.test.ts checks the file is up to date.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { decodeScenarioJson } from '../src/scenario/decode';
import { scaleScenario } from '../src/scenario/scale';
import { DDIA_FACTOR } from '../src/scenario/twitter';

export { DDIA_FACTOR };

export function ddiaHybrid(): string {
  const r = decodeScenarioJson(readFileSync(new URL('../public/scenarios/twitter-hybrid.json', import.meta.url), 'utf8'));
  if (!r.ok) throw new Error(r.error.message);
  const scaled = scaleScenario(r.scenario, DDIA_FACTOR);
  scaled.name = "Twitter home timeline: hybrid at DDIA's 2012 rates (4.6k posts/s, 300k reads/s)";
  scaled.durationSec = 60;
  scaled.warmupSec = 2;
  return JSON.stringify(scaled, null, 2) + '\n';
}

if (process.argv[1]?.endsWith('make-ddia-preset.ts')) {
  writeFileSync(new URL('../public/scenarios/twitter-hybrid-ddia.json', import.meta.url), ddiaHybrid());
}
