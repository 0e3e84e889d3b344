/**
 * The production build's initial JavaScript — the entry module and the
 * modules it preloads, everything the page must fetch and run before the
 * first paint — stays within 300 KB gzipped. What the first screen can
 * draw a moment later (the charts) and the simulation worker are separate,
 * lazily loaded chunks.
 */
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const dist = fileURLToPath(new URL('../../dist/', import.meta.url));
const BUDGET_KB = 300;

test(`the initial JavaScript of the build is at most ${BUDGET_KB} KB gzipped`, async ({}, testInfo) => {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const entries = [...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g), ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)].map((m) => m[1]);
  expect(entries.length).toBeGreaterThan(0);
  const sizes = entries.map((src) => ({ src, gzipKB: gzipSync(readFileSync(join(dist, src))).length / 1024 }));
  const total = sizes.reduce((sum, s) => sum + s.gzipKB, 0);
  testInfo.annotations.push({ type: 'initial JS', description: `${total.toFixed(1)} KB gzipped: ${sizes.map((s) => `${s.src} ${s.gzipKB.toFixed(1)} KB`).join(', ')}` });
  expect(total).toBeLessThanOrEqual(BUDGET_KB);
});
