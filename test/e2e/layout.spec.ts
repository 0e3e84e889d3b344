/**
 * What fits where a newcomer looks: the shortcuts list inside the window at
 * 1280×800, a header whose every control is on screen at 1280 px whatever the
 * clock says, and a tablet held upright getting a layout of its own.
 */
import { expect, test, type Page } from '@playwright/test';

async function inView(page: Page, selector: string) {
  const box = (await page.locator(selector).first().boundingBox())!;
  const vp = page.viewportSize()!;
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.y + box.height).toBeLessThanOrEqual(vp.height + 0.5);
  expect(box.x + box.width).toBeLessThanOrEqual(vp.width + 0.5);
}

test('the shortcuts list stays inside the window at 1280×800', async ({ page }) => {
  await page.goto('./');
  await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await inView(page, '.shortcuts-popover');
});

test('the header keeps Copy link and the theme toggle on screen at 1280 px, even when the clock is behind', async ({ page }) => {
  await page.goto('./');
  await page.getByRole('group', { name: 'Simulation controls' }).getByRole('combobox').selectOption('100');
  await page.waitForTimeout(1500);
  for (const name of ['Dark theme', 'Presets']) await inView(page, `header >> role=button[name="${name}"]`);
  await inView(page, 'header >> text=Copy link');
  const overflow = await page.locator('.app-header').evaluate((el) => el.scrollWidth - el.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test.describe('a tablet in portrait (820×1180)', () => {
  test.use({ viewport: { width: 820, height: 1180 } });
  test('puts the inspector below the canvas, and every header control on screen', async ({ page }) => {
    await page.goto('./');
    const canvas = (await page.locator('.canvas-area').boundingBox())!;
    const inspector = (await page.getByRole('complementary', { name: 'Inspector' }).boundingBox())!;
    expect(inspector.y).toBeGreaterThanOrEqual(canvas.y + canvas.height - 1);
    expect(canvas.width).toBeGreaterThan(600);
    await inView(page, 'header >> role=button[name="Dark theme"]');
    const overflow = await page.locator('.app-header').evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
