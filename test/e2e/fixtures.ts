/**
 * A known starting scenario for end-to-end tests that look at specific
 * components: cache-aside, seeded as the autosaved work of a new tab (once per
 * tab, so a reload still finds what the test saved), independent of the
 * app's default scenario.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';

const known = readFileSync(fileURLToPath(new URL('../../public/scenarios/cache-aside.json', import.meta.url)), 'utf8');

export async function seedKnownScenario(page: Page): Promise<void> {
  await page.addInitScript((json) => {
    if (sessionStorage.getItem('e2e:seeded')) return;
    sessionStorage.setItem('e2e:seeded', '1');
    localStorage.setItem('fanout-lab:scenario', json);
  }, JSON.stringify(JSON.parse(known)));
}
