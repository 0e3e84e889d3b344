/**
 * The Twitter home-timeline tools in a real browser: the follower editor's
 * numbers follow the exponent, DDIA scale switches the rates, and the side
 * panels pass axe in both themes.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 4).join(' | ')}`);
}

const expectedWrites = (page: Page) => page.getByRole('status', { name: 'Expected fan-out writes per second' });

test('changing the exponent moves the expected fan-out writes/s, and undo brings them back', async ({ page }) => {
  await page.goto('./');
  await page.getByRole('button', { name: 'Followers' }).click();
  await expect(page.getByRole('heading', { name: 'Follower graph' })).toBeFocused();
  await expect(expectedWrites(page)).toHaveText('2,000');
  const alpha = page.getByRole('textbox', { name: 'Exponent α' });
  await alpha.fill('1.1');
  await expect(expectedWrites(page)).not.toHaveText('2,000');
  const heavier = Number((await expectedWrites(page).textContent())!.replace(/,/g, ''));
  expect(heavier).toBeGreaterThan(2000);
  await page.getByRole('heading', { name: 'Follower graph' }).click();
  await page.keyboard.press('Control+z');
  await expect(expectedWrites(page)).toHaveText('2,000');
});

test('the celebrity threshold slider moves both halves of the hybrid', async ({ page }) => {
  await page.goto('./');
  await page.keyboard.press('Shift+F');
  const slider = page.getByRole('slider', { name: 'Celebrity threshold slider' });
  await slider.focus();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  const value = Number(await page.getByRole('textbox', { name: 'Celebrity threshold' }).inputValue());
  expect(value).toBeLessThan(10_000);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('heading', { name: 'Follower graph' })).toBeHidden();
  // Both edges' labels on the canvas show the new threshold ("9,910", as the canvas writes counts).
  const shown = value.toLocaleString('en-US');
  await expect(page.getByText(`× celebrities > ${shown}`)).toBeVisible();
  await expect(page.getByText(`× followers ≤ ${shown}`)).toBeVisible();
});

test('DDIA scale switches to the real rates and back', async ({ page }) => {
  await page.goto('./');
  const button = page.getByRole('button', { name: 'DDIA scale' });
  await expect(button).toHaveAttribute('aria-pressed', 'false');
  await button.click();
  await expect(button).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByText(/DDIA's real rates: 4,600 posts\/s, 300k timeline reads\/s/)).toBeVisible();
  await expect(page.getByText('timeline · 300k req/s')).toBeVisible();
  await button.click();
  await expect(button).toHaveAttribute('aria-pressed', 'false');
  await expect(page.getByText('timeline · 3,000 req/s')).toBeVisible();
});

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`${colorScheme} theme`, () => {
    test.use({ colorScheme });

    test('the follower, Compare and Sweep panels have no serious or critical axe violation', async ({ page }) => {
      await page.goto('./');
      await page.getByRole('button', { name: 'Followers' }).click();
      await expect(expectedWrites(page)).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
      await page.screenshot({ path: `test-results/screens/followers-${colorScheme}.png` });
      await page.getByRole('button', { name: 'Compare' }).click();
      await expect(page.getByRole('heading', { name: 'Compare' })).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByRole('button', { name: 'Sweep' }).click();
      await expect(page.getByRole('heading', { name: 'Sweep' })).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
    });
  });
}
