/**
 * A broken share link in a real browser: explained once, then out of the
 * address bar, so a reload opens the user's own work instead of the same
 * error — and no tab loses its autosaved work on the way, neither the one
 * that opened the link nor the one the work was made in.
 */
import { expect, test, type Page } from '@playwright/test';

const BROKEN = './#s=N4IgdghgtgpiBcIBKMDGB7AJg';

/** Waits until the autosave holds a scenario of this name (autosave is debounced). */
async function autosaved(page: Page, name: string) {
  await expect
    .poll(() => page.evaluate(() => JSON.parse(localStorage.getItem('fanout-lab:scenario') ?? '{}').name as string | undefined))
    .toBe(name);
}

test('a broken link is explained once: the hash leaves the address bar, a reload opens the autosave, and neither tab loses its work', async ({ page, context }) => {
  await page.goto('./');
  const name = page.getByRole('textbox', { name: 'Scenario name' });
  await name.fill('My capacity plan');
  await autosaved(page, 'My capacity plan');

  const other = await context.newPage();
  await other.goto(BROKEN);
  await expect(other.getByRole('alert')).toContainText('This link could not be opened');
  await expect(other.getByRole('textbox', { name: 'Scenario name' })).toHaveValue('My capacity plan');
  await expect(other).not.toHaveURL(/#s=/);

  await other.reload();
  await expect(other.getByRole('textbox', { name: 'Scenario name' })).toHaveValue('My capacity plan');
  await expect(other.getByRole('alert').filter({ hasText: 'This link could not be opened' })).toHaveCount(0);

  // The first tab keeps working; the tab that opened the link never wrote over it.
  await name.fill('My capacity plan, v2');
  await autosaved(page, 'My capacity plan, v2');
  await other.reload();
  await expect(other.getByRole('textbox', { name: 'Scenario name' })).toHaveValue('My capacity plan, v2');
  await other.close();
  await autosaved(page, 'My capacity plan, v2');
  await expect(name).toHaveValue('My capacity plan, v2');
});
