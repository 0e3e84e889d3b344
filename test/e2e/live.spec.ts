import { expect, test, type Page } from '@playwright/test';

/** Registers a long-task observer before the app starts; read with `longTasks(page)`. */
async function observeLongTasks(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { __longTasks: { start: number; duration: number }[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
}

const longTasksSince = (page: Page, since: number) =>
  page.evaluate((t) => (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks.filter((e) => e.start >= t), since);

/** The first latency chart (whatever the scenario's first operation is called) and the throughput chart. */
const LATENCY = 'figure[aria-label^="Response time ·"]';
const THROUGHPUT = 'figure[aria-label="Throughput"]';

/** The `d` of the first line drawn in a chart: it changes exactly when the chart redraws with new data. */
const firstPath = (page: Page, chart: string) => page.locator(chart).first().locator('.series-line').first().getAttribute('d');

/** How many times per second a chart's first line changed, sampled on every animation frame for `ms`. */
async function redrawsPerSecond(page: Page, chart: string, ms: number): Promise<number> {
  const selector = `${chart} .series-line`;
  return page.evaluate(
    ({ selector, ms }) =>
      new Promise<number>((resolve) => {
        let last: string | null = null;
        let changes = 0;
        const start = performance.now();
        const tick = () => {
          const d = document.querySelector(selector)?.getAttribute('d') ?? null;
          if (d !== last) {
            if (last !== null) changes++;
            last = d;
          }
          if (performance.now() - start < ms) requestAnimationFrame(tick);
          else resolve((changes * 1000) / ms);
        };
        requestAnimationFrame(tick);
      }),
    { selector, ms },
  );
}

const simClock = (page: Page) => page.getByLabel('Simulated time').locator('.run-clock-time').textContent();

test.describe('run it live', () => {
  test('the app opens running: charts move within a second and redraw at least 5 times a second', async ({ page }) => {
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    await page.goto('./');
    await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
    await expect(page.locator(LATENCY).first().locator('.series-line').first()).toBeVisible({ timeout: 3000 });
    const before = await firstPath(page, LATENCY);
    await page.waitForTimeout(500);
    expect(await firstPath(page, LATENCY)).not.toBe(before);
    expect(await redrawsPerSecond(page, LATENCY, 3000)).toBeGreaterThanOrEqual(5);
    expect(await redrawsPerSecond(page, THROUGHPUT, 2000)).toBeGreaterThanOrEqual(5);
    expect(problems).toEqual([]);
  });

  test('no main-thread task longer than 50 ms while the default scenario runs', async ({ page }) => {
    await observeLongTasks(page);
    await page.goto('./');
    await expect(page.locator(THROUGHPUT).locator('.series-line').first()).toBeVisible();
    // Steady running: after start-up (bundle parse, first chart mount).
    await page.waitForTimeout(1500);
    const since = await page.evaluate(() => performance.now());
    await page.waitForTimeout(6000);
    const tasks = await longTasksSince(page, since);
    expect(tasks, JSON.stringify(tasks)).toEqual([]);
  });

  test('Pause freezes the charts and the clock within 200 ms; Play resumes', async ({ page }) => {
    await page.goto('./');
    await expect(page.locator(THROUGHPUT).locator('.series-line').first()).toBeVisible();
    await page.waitForTimeout(1000);
    await page.getByRole('button', { name: 'Pause' }).click();
    await page.waitForTimeout(200);
    const clock = await simClock(page);
    const path = await firstPath(page, LATENCY);
    await page.waitForTimeout(1500);
    expect(await simClock(page)).toBe(clock);
    expect(await firstPath(page, LATENCY)).toBe(path);
    await expect(page.getByText('paused', { exact: true })).toBeVisible();

    await page.getByRole('button', { name: 'Step one simulated second' }).click();
    await expect.poll(() => simClock(page)).not.toBe(clock);

    await page.getByRole('button', { name: 'Play' }).click();
    await page.waitForTimeout(600);
    expect(await firstPath(page, LATENCY)).not.toBe(path);
  });

  test('at "Max" the default scenario runs far faster than real time, and finishes with final results', async ({ page }) => {
    await page.goto('./');
    await page.getByLabel('Speed').selectOption('max');
    await expect(page.getByText(/\d+× real time/)).toBeVisible();
    const rate = Number((await page.getByText(/\d+× real time/).textContent())!.match(/([\d.]+)×/)![1]);
    expect(rate).toBeGreaterThanOrEqual(1);
    await expect(page.getByText('finished', { exact: true })).toBeVisible({ timeout: 30_000 });
    await page.getByRole('tab', { name: 'Table' }).click();
    await expect(page.getByText('Final results')).toBeVisible();
    await expect(page.getByRole('region', { name: 'Operations' }).getByRole('row').nth(1)).toContainText('±');
  });
});
