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

const simulatedWrites = (page: Page) => page.getByRole('status', { name: 'Simulated fan-out writes per second' });
const edgeLoadLine = (page: Page) => page.locator('figure[aria-label="Load per edge"] .series-line').first();
const simClock = (page: Page) => page.getByLabel('Simulated time').locator('.run-clock-time').textContent();

test('changing the exponent moves the expected writes/s and the live run: the chart restarts with the new graph', async ({ page }) => {
  await page.addInitScript(() => {
    const w = window as unknown as { __longTasks: number[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push(e.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto('./');
  await page.getByRole('button', { name: 'Followers' }).click();
  await expect(page.getByRole('heading', { name: 'Follower graph' })).toBeFocused();
  await expect(expectedWrites(page)).toHaveText('2,000');
  // The live run's own count appears beside the expectation once it is past its warm-up.
  await expect(simulatedWrites(page)).toHaveText(/^[\d,]+$/, { timeout: 15_000 });
  await page.locator('figure[aria-label="Load per edge"]').scrollIntoViewIfNeeded();
  await expect(edgeLoadLine(page)).toBeVisible();
  await page.waitForTimeout(1500);
  const clockBefore = Number.parseFloat((await simClock(page))!);
  const lineBefore = await edgeLoadLine(page).getAttribute('d');

  await page.evaluate(() => ((window as unknown as { __longTasks: number[] }).__longTasks = []));
  await page.getByRole('textbox', { name: 'Exponent α' }).fill('1.1');
  await page.getByRole('textbox', { name: 'Exponent α' }).press('Enter');
  await expect(expectedWrites(page)).not.toHaveText('2,000');
  const heavier = Number((await expectedWrites(page).textContent())!.replace(/,/g, ''));
  expect(heavier).toBeGreaterThan(2000);
  // The run restarted from 0 s with the new follower graph, and its chart redraws from there.
  await expect.poll(async () => Number.parseFloat((await simClock(page))!)).toBeLessThan(clockBefore);
  await expect.poll(() => edgeLoadLine(page).getAttribute('d')).not.toBe(lineBefore);
  await expect(simulatedWrites(page)).toHaveText(/^[\d,]+$/, { timeout: 15_000 });
  const tasks = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
  expect(Math.max(0, ...tasks), 'longest main-thread task while the editor recomputes').toBeLessThan(200);

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
  // A label with no room between its nodes folds into a dot that opens on hover; either way it carries the text.
  await expect(page.locator('.edge-label', { hasText: `× celebrities > ${shown}` })).toHaveCount(1);
  await expect(page.locator('.edge-label', { hasText: `× followers ≤ ${shown}` })).toHaveCount(1);
});

test('DDIA scale switches to the real rates and back', async ({ page }) => {
  await page.goto('./');
  const button = page.getByRole('button', { name: 'DDIA scale' });
  await expect(button).toHaveAttribute('aria-pressed', 'false');
  await button.click();
  await expect(button).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('status').getByText(/DDIA's real rates: 4,600 posts\/s, 300k timeline reads\/s/)).toBeVisible();
  await expect(page.getByText('timeline · 300k req/s')).toBeVisible();
  await button.click();
  await expect(button).toHaveAttribute('aria-pressed', 'false');
  await expect(page.getByText('timeline · 3,000 req/s')).toBeVisible();
});

/** A value in the comparison table, in ms or per second, by row and column. */
async function cell(page: Page, row: string, column: number): Promise<number> {
  const table = page.getByRole('table', { name: /Comparison of the variants/ });
  const tr = table.locator('tbody tr').filter({ has: page.getByRole('rowheader').filter({ hasText: new RegExp(`^${row}`) }) });
  const text = (await tr.getByRole('cell').nth(column).textContent())!;
  const m = text.match(/([\d.,]+)\s*(µs|ms|s|\/s)/);
  if (!m) throw new Error(`no value in “${text}” (${row}, column ${column})`);
  const n = Number(m[1].replace(/,/g, ''));
  return m[2] === 's' ? n * 1000 : m[2] === 'µs' ? n / 1000 : n;
}

test('Compare runs the three strategies on one seed: timeline p99 read > hybrid ≥ write, writes write > hybrid > read', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('./');
  await page.keyboard.press('Shift+C');
  await expect(page.getByRole('combobox', { name: 'Variant 1' })).toHaveValue('preset:twitter-fanout-read');
  await expect(page.getByRole('combobox', { name: 'Variant 2' })).toHaveValue('preset:twitter-hybrid');
  await expect(page.getByRole('combobox', { name: 'Variant 3' })).toHaveValue('preset:twitter-fanout-write');
  await page.getByRole('button', { name: 'Run the comparison' }).click();
  // The page stays responsive while the workers run: the canvas still answers.
  await expect(page.getByRole('progressbar').first()).toBeVisible();
  await page.getByRole('button', { name: 'Zoom in' }).click();
  await expect(page.getByText('Done. The best value of each row is marked ✓.')).toBeVisible({ timeout: 90_000 });

  const [readP99, hybridP99, writeP99] = [await cell(page, 'timeline p99lower', 0), await cell(page, 'timeline p99lower', 1), await cell(page, 'timeline p99lower', 2)];
  expect(readP99).toBeGreaterThan(hybridP99);
  expect(hybridP99).toBeGreaterThanOrEqual(writeP99);
  const [readW, hybridW, writeW] = [await cell(page, 'Timeline writes', 0), await cell(page, 'Timeline writes', 1), await cell(page, 'Timeline writes', 2)];
  expect(writeW).toBeGreaterThan(hybridW);
  expect(hybridW).toBeGreaterThan(readW);
  expect(readW).toBe(0);
  await expect(page.getByRole('figure', { name: 'timeline p99 over time' }).locator('.series-line')).toHaveCount(3);
});

test('Compare can be cancelled', async ({ page }) => {
  await page.goto('./');
  await page.getByRole('button', { name: 'Compare' }).click();
  await page.getByRole('button', { name: 'Run the comparison' }).click();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByText('Cancelled.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Run again' })).toBeVisible();
});

test('Sweep plots the hockey stick of response time against load, with progress', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('./');
  await page.getByRole('button', { name: 'Sweep' }).click();
  await expect(page.getByRole('combobox', { name: 'Parameter' })).toHaveValue('rate:readers');
  await page.getByRole('textbox', { name: 'Points', exact: true }).fill('5');
  await page.getByRole('textbox', { name: 'Points', exact: true }).press('Enter');
  await page.getByRole('button', { name: 'Run the sweep' }).click();
  await expect(page.getByRole('progressbar', { name: 'Sweep points finished' })).toHaveAttribute('aria-valuetext', '5 of 5 points', { timeout: 90_000 });
  await expect(page.getByRole('img', { name: /timeline response time and throughput at 5 values/ })).toBeVisible();
  await expect(page.getByText(/the busiest node was saturated/)).toBeVisible();
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
