/**
 * The retry storm, charted: open the preset, choose "Errors by cause" in the
 * charts menu, and see the API's pause as a band at 20 s with the errors it
 * set off stacked by cause — timeouts first — over the same stretch of time.
 * And the charts of a breaker's cascade (bands, strips, stacked areas) pass axe.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';

test('the retry storm preset: errors by cause are stacked over the band of the pause that set them off', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('./');
  await page.getByRole('button', { name: 'Presets' }).click();
  await page.getByRole('button', { name: /Retry storm: a 2 s pause becomes an outage/ }).click();
  await expect(page.getByRole('textbox', { name: 'Scenario name' })).toHaveValue(/Retry storm/);

  // The run can fail, so the menu offers the reliability charts once its first windows arrive.
  const button = page.getByRole('button', { name: /^Charts shown/ });
  await button.click();
  const menu = page.getByRole('group', { name: 'Charts to show' });
  const errors = menu.getByRole('checkbox', { name: 'Errors by cause' });
  await expect(errors).toBeVisible({ timeout: 20_000 });
  await expect(menu.getByRole('checkbox', { name: 'Attempts per edge' })).toBeVisible();
  // A scenario without objectives has no availability chart to offer.
  await expect(menu.getByRole('checkbox', { name: 'Availability vs SLO' })).toHaveCount(0);
  await errors.check();
  await page.keyboard.press('Escape');

  const chart = page.getByRole('figure', { name: 'Errors by cause' });
  await expect(chart).toBeVisible();
  // The pause is a band labelled with its type and target, from the first second on (it is on the plan).
  const band = chart.getByRole('img', { name: 'pause · API' });
  await expect(band).toBeVisible({ timeout: 20_000 });
  await expect(band).toContainText('pause · API');
  // Once the run is past the pause, the timeouts it caused are a stacked area with a height.
  await expect
    .poll(async () => Number((await chart.getByRole('listitem').filter({ hasText: /^timeout/ }).innerText()).replace(/[^\d.]/g, '') || 0), { timeout: 30_000 })
    .toBeGreaterThan(0);
  const area = chart.locator('path.series-area[data-series="timeout"]');
  await expect(area).toHaveCount(1);
  const box = (await area.boundingBox())!;
  expect(box.height).toBeGreaterThan(5);
  // The band and the errors overlap in time: the errors start within the band or right after it.
  const bandBox = (await band.locator('rect').boundingBox())!;
  expect(box.x + box.width).toBeGreaterThan(bandBox.x);

  await page.screenshot({ path: testInfo.outputPath('retry-storm-errors.png') });
});

test('the reliability charts of the cascade stopped by a breaker have no serious or critical axe violation', async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem('fanout-lab:charts', JSON.stringify(['errors', 'attempts', 'throughput'])));
  await page.goto('./');
  await page.getByRole('button', { name: 'Presets' }).click();
  await page.getByRole('button', { name: /Cascade stopped by a circuit breaker/ }).click();
  const attempts = page.getByRole('figure', { name: 'Attempts per edge' });
  await expect(attempts.getByRole('img', { name: /^breaker/ })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('figure', { name: 'Errors by cause' })).toBeVisible();
  const results = await new AxeBuilder({ page }).include('.live-charts').analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`);
  expect(serious).toEqual([]);
});
