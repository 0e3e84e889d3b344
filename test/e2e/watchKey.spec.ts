/**
 * "Watch one key" as a user meets it, in Chromium: the dual-writes preset
 * from a share link; the cache and the index say on the canvas how stale
 * they were and how many keys they ended with diverged; the key chart
 * follows one key; from the keyboard, a key that diverged at the index is
 * picked and the run replays so that its whole history shows, ending with
 * the sentence that it diverged for good; a key that is not one is refused
 * with a reason, Esc puts the watched one back.
 */
import { expect, test } from '@playwright/test';
import LZString from 'lz-string';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const preset = readFileSync(fileURLToPath(new URL('../../public/scenarios/dual-writes.json', import.meta.url)), 'utf8');
const link = `./#s=${LZString.compressToEncodedURIComponent(JSON.stringify(JSON.parse(preset)))}`;

test('one key of the dual-writes preset: stale and diverged on the nodes, its copies over time, a diverged key picked from the keyboard', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.addInitScript(() => localStorage.setItem('fanout-lab:charts', JSON.stringify(['key', 'latency'])));
  await page.goto(link);
  const card = page.getByRole('figure', { name: 'One key' });
  await expect(card).toBeVisible();
  // The default key: a typical busy one (Zipf s = 1 over 1,000 keys).
  const field = card.getByRole('textbox', { name: 'Key to watch' });
  await expect(field).toHaveValue('66');
  await expect(card.locator('.chart-legend')).toContainText(/Database\s*v\d+/, { timeout: 15_000 });

  // The run ends (60 s at 10×): the copies' final figures, as the CLI gives them for seed 1.
  await expect(page.getByText('finished')).toBeVisible({ timeout: 60_000 });
  const cache = page.getByRole('group', { name: /^Cache,/ });
  const index = page.getByRole('group', { name: /^Search index,/ });
  await expect(cache.locator('.component-node__data')).toHaveText('13% stale · 2 diverged');
  await expect(index.locator('.component-node__data')).toHaveText('51% stale · 12 diverged');
  await expect(index.locator('.component-node__data')).toHaveAttribute('data-state', 'diverged');

  // From the keyboard: Pick… opens the menu on its first item; a key that differs at the index replays the run.
  await card.getByRole('button', { name: 'Pick…' }).focus();
  await page.keyboard.press('Enter');
  const menu = page.getByRole('menu', { name: 'Keys to watch' });
  await expect(menu.getByRole('menuitem').first()).toBeFocused();
  const differ = menu.getByRole('group', { name: 'Keys that differ at Search index' }).getByRole('menuitem').first();
  const label = (await differ.textContent()) ?? '';
  const key = label.match(/Key (\d+)/)![1];
  await differ.focus();
  await page.keyboard.press('Enter');
  await expect(menu).toBeHidden();
  await expect(field).toHaveValue(key);
  // The same run again, this key watched from its start: at its end the index still holds an older version.
  await expect(card.locator('.chart-card-note')).toContainText(/The run is over and Search index still serves v\d+ while the database holds v\d+: key \d+ diverged for good\./, { timeout: 60_000 });
  await expect(card.locator('.chart-card-note')).toContainText(`key ${key} diverged for good`);
  await expect(card.getByRole('img', { name: /^Search index stale, up to \d+ behind$/ }).first()).toBeAttached();
  await expect(index.locator('.component-node__data')).toHaveText('51% stale · 12 diverged');

  // A key that is not one is refused with the reason; Esc puts the watched one back.
  await field.focus();
  await page.keyboard.press('Control+a');
  await page.keyboard.type('12x');
  await page.keyboard.press('Enter');
  await expect(card.getByRole('alert')).toHaveText('A key is a whole number from 0 to 999.');
  await page.keyboard.press('Escape');
  await expect(field).toHaveValue(key);
  await expect(card.getByRole('alert')).toBeHidden();

  // "Behind": how many versions behind the database each copy is.
  await card.getByRole('button', { name: 'Behind' }).click();
  await expect(card.getByRole('button', { name: 'Behind' })).toHaveAttribute('aria-pressed', 'true');
  await expect(card.getByText('versions behind', { exact: true })).toBeVisible();
});
