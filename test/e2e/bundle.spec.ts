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
