/**
 * The production build's initial JavaScript — the entry module and the
 * modules it preloads, everything the page must fetch and run before the
 * first paint — stays within 300 KB gzipped. The charts and the simulation
 * worker are chunks of their own, loaded right after.
 */
import { expect, test } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { buildSizes } from '../../scripts/size';

const BUDGET_KB = 300;

test(`the initial JavaScript of the build is at most ${BUDGET_KB} KB gzipped`, async ({}, testInfo) => {
  const sizes = buildSizes(fileURLToPath(new URL('../../dist/', import.meta.url)));
  expect(sizes.initial.length).toBeGreaterThan(0);
  expect(sizes.later.some((c) => c.file.includes('worker'))).toBe(true);
  testInfo.annotations.push({ type: 'initial JS', description: `${sizes.initialKB.toFixed(1)} KB gzipped` });
  expect(sizes.initialKB).toBeLessThanOrEqual(BUDGET_KB);
});

test('the first screen arrives in steps and without the charting library', async ({ page }) => {
  // The entry module imports nothing but styles: zod, the store, React, React Flow and the app
  // each arrive by a dynamic import, evaluated in a task of its own (src/main.tsx).
  const dist = fileURLToPath(new URL('../../dist/', import.meta.url));
  const sizes = buildSizes(dist);
  expect(sizes.initialKB).toBeLessThan(10);

  // The live charts draw their own frame (PlotFrame.tsx): recharts, whose mount was a long task
  // per chart, loads only for the histogram, Compare's and Sweep's charts.
  const scripts: string[] = [];
  page.on('response', async (r) => {
    if (r.url().endsWith('.js')) scripts.push(await r.text().catch(() => ''));
  });
  await page.goto('./');
  await expect(page.locator('figure[aria-label="Load per edge"] .series-line').first()).toBeVisible({ timeout: 20_000 });
  expect(scripts.length).toBeGreaterThan(5);
  expect(scripts.filter((s) => s.includes('recharts-surface'))).toHaveLength(0);
});
