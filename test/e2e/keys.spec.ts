/**
 * Keys from the scenario settings, in a real browser: added from the
 * keyboard, made Zipf, with the plot and the sentence that say how
 * concentrated the requests are; Undo takes them away again.
 */
import { expect, test } from '@playwright/test';

test('keys are added from the keyboard, made Zipf, plotted, and undone', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('./');
  const gotIt = page.getByRole('button', { name: 'Got it' });
  if (await gotIt.isVisible()) await gotIt.click();

  const add = page.getByRole('button', { name: 'Give requests keys' });
  await add.focus();
  await page.keyboard.press('Enter');
  const group = page.getByRole('group', { name: 'Keys' });
  await expect(group).toContainText('Every key gets the same share: 0.1% of requests each.');

  await group.getByRole('radio', { name: 'Zipf' }).focus();
  await page.keyboard.press('Space');
  await expect(group).toContainText(/The hottest key gets 13(\.4)?% of requests; the top 1% \(10 keys\) get 39(\.1)?%\./);
  await expect(group.getByRole('img', { name: /Share of requests taken by the most popular keys/ })).toBeVisible();

  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  await expect(page.getByRole('button', { name: 'Give requests keys' })).toBeVisible();
});
