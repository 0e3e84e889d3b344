import { expect, test } from '@playwright/test';

test('the built app loads with no console error', async ({ page }) => {
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(msg.text());
  });
  page.on('pageerror', (err) => problems.push(err.message));
  await page.goto('./');
  await expect(page.getByRole('heading', { name: 'Fanout Lab' })).toBeVisible();
  expect(problems).toEqual([]);
});
