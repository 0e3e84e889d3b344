/**
 * Breaking a call on purpose, as a user does it: select an edge, give it a
 * network delay, a timeout and retries in the inspector; the edge says so on
 * the canvas, the run restarts, and the results table counts the timeouts.
 */
import { expect, test } from '@playwright/test';
import LZString from 'lz-string';

const doc = {
  version: 2,
  name: 'Slow backend',
  durationSec: 600,
  nodes: [
    { id: 'c', kind: 'client', label: 'Clients', position: { x: 0, y: 0 }, params: { op: 'get', arrival: { ratePerSec: 200 } } },
    { id: 'api', kind: 'service', label: 'API', position: { x: 320, y: 0 }, params: { servers: 64, serviceTimeMs: { type: 'uniform', minMs: 0, maxMs: 40 } } },
  ],
  edges: [{ id: 'c-api', source: 'c', target: 'api' }],
};

// The request dots are off (as under reduced motion), so a click in the middle of an edge selects the edge, never a dot on it.
test.use({ reducedMotion: 'reduce' });

test('an edge gets a network delay, a timeout and retries from the inspector, and the canvas and results show them', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`./#s=${LZString.compressToEncodedURIComponent(JSON.stringify(doc))}`);
  await expect(page.locator('.react-flow__edge')).toHaveCount(1);
  await page.locator('.react-flow__edge').first().click({ force: true });
  await expect(page.getByRole('heading', { name: 'Clients → API' })).toBeVisible();

  await page.getByRole('button', { name: 'Add a network delay' }).click();
  await page.getByRole('checkbox', { name: 'wait for ever' }).click();
  const timeout = page.getByRole('textbox', { name: 'Timeout' });
  await timeout.fill('20');
  await timeout.press('Enter');
  await page.getByRole('button', { name: 'Add retries' }).click();

  const label = page.locator('.react-flow__edgelabel-renderer');
  await expect(label).toContainText('each way');
  await expect(label).toContainText('timeout 20 ms');
  await expect(label).toContainText('3 attempts');

  // Each attempt outlasts 20 ms with probability 1/2 (service U(0, 40) ms, the delay on top): one request in
  // eight fails all three attempts, and the operations table counts those errors once the run has restarted.
  await page.getByRole('tab', { name: 'Table' }).click();
  const row = page.getByRole('region', { name: 'Operations' }).getByRole('row', { name: /get/ });
  await expect.poll(async () => Number(((await row.getByRole('cell').nth(1).innerText()) || '0').replace(/[^\d]/g, '')), { timeout: 20_000 }).toBeGreaterThan(0);
});
