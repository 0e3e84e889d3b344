/**
 * The inspector's v2 fields in a real browser: an edge's resilience section
 * (timeout, retries, hedging, a circuit breaker) and a client's load (a rate
 * schedule drawn as a step plot; closed-loop users). Screenshots of both go
 * to test-results/ for a person to look at; axe finds no serious violation in any.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import LZString from 'lz-string';

const doc = {
  version: 2,
  name: 'Tail at scale',
  durationSec: 120,
  nodes: [
    { id: 'c', kind: 'client', label: 'Users', position: { x: 0, y: 0 }, params: { op: 'get', arrival: { ratePerSec: 200 } } },
    { id: 'api', kind: 'service', label: 'API', position: { x: 320, y: 0 }, params: { servers: 64, serviceTimeMs: { type: 'lognormal', medianMs: 5, p99Ms: 80 } } },
  ],
  edges: [{ id: 'c-api', source: 'c', target: 'api' }],
};

/** Serious or critical axe violations in the inspector. */
async function inspectorViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).include('aside[aria-label="Inspector"]').analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`);
}

// The request dots are off (as under reduced motion), so a click in the middle of an edge selects the edge, never a dot on it.
test.use({ viewport: { width: 1280, height: 2000 }, reducedMotion: 'reduce' });

test('an edge gets hedging and a circuit breaker, a client a rate schedule and closed-loop users, all from the inspector', async ({ page }) => {
  await page.goto(`./#s=${LZString.compressToEncodedURIComponent(JSON.stringify(doc))}`);
  await expect(page.locator('.react-flow__edge')).toHaveCount(1);
  await page.locator('.react-flow__edge').first().click({ force: true });
  await expect(page.getByRole('heading', { name: 'Users → API' })).toBeVisible();

  const resilience = page.getByRole('group', { name: 'Resilience' });
  await resilience.getByRole('checkbox', { name: 'wait for ever' }).click();
  await resilience.getByRole('button', { name: 'Add retries' }).click();
  await resilience.getByRole('button', { name: 'Add hedging' }).click();
  const after = resilience.getByRole('textbox', { name: 'Hedge after' });
  await after.fill('20');
  await after.press('Enter');
  await resilience.getByRole('button', { name: 'Add a circuit breaker' }).click();
  await expect(resilience.getByRole('group', { name: 'Circuit breaker' })).toBeVisible();
  await expect(page.locator('.react-flow__edgelabel-renderer')).toContainText('3 attempts');
  await page.getByRole('complementary', { name: 'Inspector' }).screenshot({ path: 'test-results/inspector-edge-resilience.png' });
  expect(await inspectorViolations(page)).toEqual([]);

  await page.getByRole('group', { name: /^Users,/ }).click();
  await page.getByRole('button', { name: 'Add a change of rate' }).click();
  await page.getByRole('button', { name: 'Add a change of rate' }).click();
  await expect(page.getByRole('img', { name: 'Rate over the run: 200 req/s, 400 req/s from 60 s, 200 req/s from 72 s' })).toBeVisible();
  await page.getByRole('complementary', { name: 'Inspector' }).screenshot({ path: 'test-results/inspector-client-schedule.png' });
  expect(await inspectorViolations(page)).toEqual([]);

  await page.getByRole('radio', { name: 'Closed: users' }).check({ force: true });
  const users = page.getByRole('textbox', { name: 'Users' });
  await users.fill('5');
  await users.press('Enter');
  await page.getByRole('radio', { name: 'Fixed interval' }).check({ force: true });
  await expect(page.getByRole('textbox', { name: 'Interval' })).toHaveValue('1000');
  await page.getByRole('complementary', { name: 'Inspector' }).screenshot({ path: 'test-results/inspector-client-closed.png' });
  expect(await inspectorViolations(page)).toEqual([]);

  await expect(page.getByRole('group', { name: 'Load' })).toContainText('coordinated omission');

  // A server's behaviour under load, and the scenario's objectives.
  await page.getByRole('group', { name: /^API,/ }).click();
  await expect(page.getByRole('radiogroup', { name: 'Waiting line' })).toBeVisible();
  await page.getByRole('complementary', { name: 'Inspector' }).screenshot({ path: 'test-results/inspector-service-behaviour.png' });
  expect(await inspectorViolations(page)).toEqual([]);
  await page.keyboard.press('Escape');
  await page.locator('.react-flow__pane').click({ position: { x: 600, y: 600 } });
  await page.getByRole('button', { name: 'Add an objective' }).click();
  await expect(page.getByText('Target 0.99 leaves 1% of requests to fail or be slow: 14 min a day of full outage.')).toBeVisible();
  await page.getByRole('complementary', { name: 'Inspector' }).screenshot({ path: 'test-results/inspector-objectives.png' });
  expect(await inspectorViolations(page)).toEqual([]);
});
