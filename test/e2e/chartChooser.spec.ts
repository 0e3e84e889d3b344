/**
 * The result charts at 1280×800: every chart shown is whole on screen —
 * inside the strip and the window, none cut off at the right — by default
 * and after the user chooses others with the keyboard, and the choice
 * survives a reload.
 */
import { expect, test, type Page } from '@playwright/test';

/** Every chart card lies wholly inside the charts strip's visible box and the window. */
async function chartsWhole(page: Page, count: number) {
  const cards = page.locator('.live-charts figure.chart-card');
  await expect(cards).toHaveCount(count);
  const strip = (await page.locator('.charts-panel-body').boundingBox())!;
  const vp = page.viewportSize()!;
  for (const box of await cards.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect))) {
    expect(box.width).toBeGreaterThan(200);
    expect(box.x).toBeGreaterThanOrEqual(strip.x - 0.5);
    expect(box.x + box.width).toBeLessThanOrEqual(Math.min(strip.x + strip.width, vp.width) + 0.5);
    expect(box.y).toBeGreaterThanOrEqual(strip.y - 0.5);
    expect(box.y + box.height).toBeLessThanOrEqual(Math.min(strip.y + strip.height, vp.height) + 0.5);
  }
  // Nothing hides past the strip's right edge either.
  expect(await page.locator('.charts-panel-body').evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(1);
}

test('at 1280×800 the chosen charts are whole on screen, by default and after choosing others with the keyboard; the choice survives a reload', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByRole('figure', { name: 'Response time · timeline' })).toBeVisible();
  await chartsWhole(page, 3);
  await expect(page.getByRole('figure', { name: 'Load per edge' })).toBeVisible();
  await expect(page.getByRole('figure', { name: 'Utilization per node' })).toBeVisible();

  const button = page.getByRole('button', { name: /^Charts shown · 3 of 7/ });
  await button.focus();
  await page.keyboard.press('Enter');
  const menu = page.getByRole('group', { name: 'Charts to show' });
  await expect(menu).toBeVisible();
  await menu.getByRole('checkbox', { name: 'Utilization per node' }).focus();
  await page.keyboard.press('Space');
  await menu.getByRole('checkbox', { name: 'Latency histogram' }).focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await expect(button).toBeFocused();

  await expect(page.getByRole('figure', { name: /^Latency histogram/ })).toBeVisible();
  await expect(page.getByRole('figure', { name: 'Utilization per node' })).toHaveCount(0);
  await chartsWhole(page, 3);

  await page.reload();
  await expect(page.getByRole('figure', { name: /^Latency histogram/ })).toBeVisible();
  await expect(page.getByRole('figure', { name: 'Utilization per node' })).toHaveCount(0);
  await chartsWhole(page, 3);
});
