/**
 * Rewrites the frozen record (test/fixtures/frozen/): run it only in a commit
 * whose differences are named fixes, each with its own test.
 *   npx tsx scripts/freeze.ts            every case
 *   npx tsx scripts/freeze.ts preset-mm1 one case
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FROZEN_DIR, frozenCases, runFrozen, SEEDS } from '../test/frozen/cases';

const only = process.argv.slice(2);
mkdirSync(FROZEN_DIR, { recursive: true });
for (const c of frozenCases()) {
  if (only.length > 0 && !only.includes(c.name)) continue;
  const started = Date.now();
  const runs = SEEDS.map((seed) => runFrozen(c.scenario, seed));
  writeFileSync(join(FROZEN_DIR, `${c.name}.json`), JSON.stringify({ case: c.name, runs }, null, 1) + '\n');
  console.log(`${c.name}: ${runs.length} seeds, ${Date.now() - started} ms`);
}
