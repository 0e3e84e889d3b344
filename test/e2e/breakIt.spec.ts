/**
 * Breaking the running flagship, as a user does it: select the home timeline
 * cache, press B, choose Crash; the node goes down on the canvas with its
 * countdown, the fault lands on the timeline and in the share link, reads
 * fail while it is down — and the system recovers when it comes back.
 */
import { expect, test } from '@playwright/test';

test('a crash injected into the running flagship takes the node down, then it recovers', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('./');
  const cache = page.getByRole('group', { name: /^Home timeline cache,/ });
  await expect(cache).toBeVisible();
  // Let the run get going, then pause so that the countdown can be read.
  await expect(cache).toContainText('busy', { timeout: 20_000 });
  await cache.click();
  await page.keyboard.press('k');
  await expect(page.getByRole('button', { name: /^Play/ })).toBeVisible();

  await page.keyboard.press('b');
  const menu = page.getByRole('menu', { name: 'Break it' });
  await expect(menu).toContainText('Starts now and lasts 10 s');
  await menu.getByRole('menuitem', { name: /^Crash/ }).click();

  // Paused, the crash is announced: it starts at the next tenth of a second.
  const flag = cache.locator('.fault-flag');
  await expect(flag).toContainText(/starts in 0\.\d s/);
  await expect(page.getByRole('status').filter({ hasText: /Broke Home timeline cache: Crash/ })).toBeVisible();
  await expect(page.getByRole('slider', { name: 'Crash of Home timeline cache' })).toBeVisible();
  // The run was not restarted (a restart would start playing from 0 s): still paused where it was.
  await page.waitForTimeout(600);
  await expect(page.getByRole('button', { name: /^Play/ })).toBeVisible();
  await expect(page.getByLabel('Simulated time')).not.toContainText(/^0 s/);

  // At real time the ten seconds of the crash can be watched.
  await page.getByLabel('Speed').selectOption('1');
  await page.keyboard.press('k');
  await expect(flag).toContainText('Down');
  await expect(flag).toContainText(/back in \d+ s/);
  await expect(cache.locator('.component-node')).toHaveAttribute('data-fault', 'crash');
  await page.screenshot({ path: 'test-results/screens/break-it-down.png' });
  // Reads of the crashed cache fail while it is down…
  await expect(cache).toContainText('errors/s', { timeout: 20_000 });
  // …and it comes back: no flag, no errors.
  await expect(flag).toHaveCount(0, { timeout: 30_000 });
  await expect(cache).not.toContainText('errors/s', { timeout: 30_000 });
});
