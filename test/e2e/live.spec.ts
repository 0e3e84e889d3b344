import { expect, test, type Page } from '@playwright/test';
import LZString from 'lz-string';

/** A share link's hash for a scenario document (defaults are filled in when the app decodes it). */
const linkTo = (doc: Record<string, unknown>) => `./#s=${LZString.compressToEncodedURIComponent(JSON.stringify({ version: 1, ...doc }))}`;

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

// These tests read the throughput chart, which the strip does not show by default: choose it, as a user would.
test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem('fanout-lab:charts', JSON.stringify(['latency', 'throughput', 'edges'])));
});

const simClock = (page: Page) => page.getByLabel('Simulated time').locator('.run-clock-time').textContent();

test.describe('run it live', () => {
  // How often the charts redraw and how long the main thread's tasks last are budgets, not pass/fail facts on
  // a shared machine: scripts/longtasks.ts measures them with the CPU throttled. Here: they move, and keep moving.
  test('the app opens running: charts move within a second and keep redrawing', async ({ page }) => {
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    await page.goto('./');
    await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
    await expect(page.locator(LATENCY).first().locator('.series-line').first()).toBeVisible({ timeout: 3000 });
    const before = await firstPath(page, LATENCY);
    await page.waitForTimeout(500);
    expect(await firstPath(page, LATENCY)).not.toBe(before);
    expect(await redrawsPerSecond(page, LATENCY, 3000)).toBeGreaterThan(0);
    expect(await redrawsPerSecond(page, THROUGHPUT, 2000)).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });

  test('Pause freezes the clock within 200 ms and then the charts; Play resumes', async ({ page }) => {
    await page.goto('./');
    await expect(page.locator(THROUGHPUT).locator('.series-line').first()).toBeVisible();
    await page.waitForTimeout(1000);
    await page.getByRole('button', { name: 'Pause' }).click();
    await page.waitForTimeout(200);
    const clock = await simClock(page);
    // The charts draw one per animation frame, so on a busy machine the last window can land a few
    // frames after the pause: wait until they have caught up, then they must not move.
    let path = await firstPath(page, LATENCY);
    for (let i = 0; i < 10; i++) {
      await page.waitForTimeout(300);
      const now = await firstPath(page, LATENCY);
      if (now === path) break;
      path = now;
    }
    await page.waitForTimeout(1500);
    expect(await simClock(page)).toBe(clock);
    expect(await firstPath(page, LATENCY)).toBe(path);
    await expect(page.getByText('paused', { exact: true })).toBeVisible();

    // A step runs to the end of the current one-second window: paused at 15.6 s (shown "16 s") one step
    // ends at 16.0 s, still shown "16 s". Two steps always move the clock a whole second.
    await page.getByRole('button', { name: 'Step one simulated second' }).click();
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

/** The latest value in a chart's legend for a series, as a number. */
async function legendValue(page: Page, chart: string, series: string): Promise<number> {
  const text = (await page.locator(chart).locator('.chart-legend li', { hasText: series }).first().textContent()) ?? '';
  const m = text.match(/([\d,.]+)\s*(k?)\s*\/s/);
  if (!m) return NaN;
  return Number(m[1].replace(/,/g, '')) * (m[2] === 'k' ? 1000 : 1);
}

/** How long the page takes to answer: the delay before a requested animation frame runs, ms. */
const frameDelay = (page: Page) =>
  page.evaluate(() => new Promise<number>((resolve) => {
    const t0 = performance.now();
    requestAnimationFrame(() => resolve(performance.now() - t0));
  }));

test.describe('edits and overload', () => {
  test('editing a parameter in the inspector restarts the run and the charts reflect it', async ({ page }) => {
    await page.goto('./');
    await expect.poll(() => legendValue(page, THROUGHPUT, 'timeline ok'), { timeout: 10_000 }).toBeGreaterThan(2500);
    expect(await legendValue(page, THROUGHPUT, 'timeline ok')).toBeLessThan(3500);
    await page.waitForTimeout(1500);
    const before = Number((await simClock(page))!.match(/[\d.]+/)![0]);

    await page.getByRole('group', { name: /^People reading timelines,/ }).click();
    const rate = page.getByRole('textbox', { name: 'Rate' });
    await rate.fill('6000');
    await rate.press('Enter');

    // The run starts over (the clock goes back) and the throughput chart shows the doubled load.
    await expect.poll(async () => Number((await simClock(page))!.match(/[\d.]+/)![0]), { timeout: 5000 }).toBeLessThan(before);
    await expect.poll(() => legendValue(page, THROUGHPUT, 'timeline ok'), { timeout: 10_000 }).toBeGreaterThan(5500);
    expect(await legendValue(page, THROUGHPUT, 'timeline ok')).toBeLessThan(6500);
  });

  test('an overloaded server: the node says "Overloaded — queue growing", the banner explains, Pause answers within 200 ms', async ({ page }) => {
    await page.goto(
      linkTo({
        name: 'M/M/1 past saturation',
        durationSec: 600,
        nodes: [
          { id: 'clients', kind: 'client', label: 'Clients', position: { x: 0, y: 0 }, params: { op: 'request', arrival: { type: 'poisson', ratePerSec: 150 } } },
          { id: 'server', kind: 'service', label: 'Server', position: { x: 300, y: 0 }, params: { servers: 1, serviceTimeMs: { type: 'exponential', meanMs: 10 } } },
        ],
        edges: [{ id: 'clients-server', source: 'clients', target: 'server' }],
      }),
    );
    const server = page.getByRole('group', { name: /^Server,/ });
    await expect(server).toContainText('Overloaded — queue growing', { timeout: 10_000 });
    await expect(page.getByRole('status').filter({ hasText: 'Overloaded — queue growing: Server' })).toBeVisible();
    expect(await frameDelay(page)).toBeLessThan(100);

    await page.getByRole('button', { name: 'Pause' }).click();
    await page.waitForTimeout(200);
    const clock = await simClock(page);
    await page.waitForTimeout(1000);
    expect(await simClock(page)).toBe(clock);

    await page.getByRole('tab', { name: 'Table' }).click();
    await expect(page.getByRole('region', { name: 'Queueing theory' })).toContainText('ρ = 1.50 ≥ 1');
  });

  test('10 million requests a second: the page stays responsive, Pause answers within 200 ms, and the run stops with an explanation', async ({ page }) => {
    // A cache fast enough to keep up: the worker must simulate every request, far slower than real time.
    await page.goto(
      linkTo({
        name: 'Flood',
        durationSec: 60,
        nodes: [
          { id: 'flood', kind: 'client', label: 'Flood', position: { x: 0, y: 0 }, params: { op: 'get', arrival: { type: 'poisson', ratePerSec: 1e7 } } },
          { id: 'cache', kind: 'cache', label: 'Cache', position: { x: 300, y: 0 }, params: { hitRatio: 1, servers: 64, hitTimeMs: { type: 'constant', valueMs: 0.001 } } },
        ],
        edges: [{ id: 'flood-cache', source: 'flood', target: 'cache' }],
      }),
    );
    // The clock keeps its width: a short "behind" on screen, the sentence in its tooltip and for screen readers.
    // The first simulated second at 10 million requests a second takes seconds of compute on a busy machine.
    await expect(page.getByText(/× · behind/)).toBeVisible({ timeout: 30_000 });
    await expect(page.getByText(/× · behind/)).toHaveAttribute('title', /cannot keep up/);
    // Responsive, not blocked by the flood: frames keep coming (how smooth they are is scripts/longtasks.ts's budget).
    for (let i = 0; i < 5; i++) {
      expect(await frameDelay(page)).toBeLessThan(500);
      await page.waitForTimeout(400);
    }
    await page.getByRole('button', { name: 'Pause' }).click();
    await page.waitForTimeout(200);
    const clock = await simClock(page);
    await page.waitForTimeout(1000);
    expect(await simClock(page)).toBe(clock);

    // The same flood into one slow server: requests pile up until the memory bound stops the run.
    await page.goto(
      linkTo({
        name: 'Flood into one server',
        durationSec: 60,
        nodes: [
          { id: 'flood', kind: 'client', label: 'Flood', position: { x: 0, y: 0 }, params: { op: 'get', arrival: { type: 'poisson', ratePerSec: 1e7 } } },
          { id: 'server', kind: 'service', label: 'One server', position: { x: 300, y: 0 }, params: { servers: 1 } },
        ],
        edges: [{ id: 'flood-server', source: 'flood', target: 'server' }],
      }),
    );
    await expect(page.getByRole('status').filter({ hasText: 'Run stopped — overloaded' })).toContainText('calls were in the system at once', { timeout: 15_000 });
    await expect(page.getByRole('group', { name: /^One server,/ })).toContainText('Overloaded — queue growing');
    expect(await frameDelay(page)).toBeLessThan(100);
  });
});
