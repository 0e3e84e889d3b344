/**
 * Accessibility of the main screen: axe finds no serious or critical
 * violation, in both themes, with nothing selected and with a component and
 * an edge in the inspector.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { seedKnownScenario } from './fixtures';

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 4).join(' | ')}`);
}

test.beforeEach(async ({ page }) => seedKnownScenario(page));

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`${colorScheme} theme`, () => {
    test.use({ colorScheme });

    test('the main screen has no serious or critical axe violation', async ({ page }) => {
      await page.goto('./');
      await expect(page.getByRole('group', { name: /^API,/ })).toBeVisible();
      await expect(page.locator('html')).toHaveAttribute('data-theme', colorScheme);
      expect(await seriousViolations(page)).toEqual([]);
    });

    test('the inspector of a component and of an edge has no serious or critical axe violation', async ({ page }) => {
      await page.goto('./');
      await page.getByRole('group', { name: /^Database,/ }).click();
      await expect(page.getByRole('textbox', { name: 'Connections' })).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
      await page.locator('.edge-label').first().click();
      await expect(page.getByRole('heading', { name: /→/ })).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
    });
  });
}
