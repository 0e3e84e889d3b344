/**
 * The worker watchdog in a real browser: the first simulation worker of the
 * session is replaced by one stuck in an endless loop (as an engine bug
 * would leave it). The page must notice within a few seconds, say so,
 * terminate it, restart with the scenario intact, and — reloaded — open the
 * scenario that hung paused instead of hanging again. Compare's and Sweep's
 * workers have the same watchdog: a variant whose worker hangs fails saying
 * so, the others finish, and running again works.
 */
import { expect, test, type Page } from '@playwright/test';
import { seedKnownScenario } from './fixtures';

/** The first worker of the session named `name` is replaced by one stuck in an endless loop. */
async function hangFirstWorker(page: Page, name: string) {
  await page.addInitScript((workerName) => {
    const RealWorker = window.Worker;
    const w = window as unknown as { __terminated: number };
    w.__terminated = 0;
    class MaybeStuckWorker extends RealWorker {
      constructor(url: string | URL, options?: WorkerOptions) {
        const hang = options?.name === workerName && !sessionStorage.getItem('e2e:hung-once');
        if (hang) sessionStorage.setItem('e2e:hung-once', '1');
        super(hang ? URL.createObjectURL(new Blob(['for (;;) {}'], { type: 'text/javascript' })) : url, hang ? undefined : options);
      }
      terminate() {
        w.__terminated++;
        super.terminate();
      }
    }
    window.Worker = MaybeStuckWorker;
  }, name);
}

test.describe('the live run', () => {
  test.beforeEach(async ({ page }) => {
    await seedKnownScenario(page);
    await hangFirstWorker(page, 'simulation');
  });

  test('a stuck worker is noticed within seconds, terminated, and Restart runs the same scenario', async ({ page }) => {
    await page.goto('./');
    const banner = page.getByRole('alert').filter({ hasText: 'stopped answering' });
    const started = Date.now();
    await expect(banner).toBeVisible({ timeout: 8000 });
    expect(Date.now() - started).toBeLessThan(8000);
    expect(await page.evaluate(() => (window as unknown as { __terminated: number }).__terminated)).toBeGreaterThanOrEqual(1);
    await expect(page.getByLabel('Simulated time')).toContainText('not running');
    // The page itself never froze: the canvas still answers.
    await expect(page.getByText('Readers').first()).toBeVisible();
    await banner.getByRole('button', { name: 'Restart simulation' }).click();
    await expect(banner).toBeHidden();
    await expect(page.getByLabel('Simulated time')).toContainText('real time', { timeout: 10_000 });
    await expect(page.getByText('Readers').first()).toBeVisible();
  });

  test('after a hang, a reload opens the scenario paused with a word why, and Play runs it', async ({ page }) => {
    await page.goto('./');
    await expect(page.getByRole('alert').filter({ hasText: 'stopped answering' })).toBeVisible({ timeout: 8000 });
    await page.reload();
    await expect(page.getByRole('alert').filter({ hasText: 'This scenario is open, paused' })).toBeVisible();
    await page.waitForTimeout(1500);
    await expect(page.getByLabel('Simulated time')).toContainText('paused');
    await expect(page.getByLabel('Simulated time')).toContainText(/^0 s/);
    await page.getByRole('button', { name: 'Play' }).click();
    await expect(page.getByLabel('Simulated time')).toContainText('real time', { timeout: 10_000 });
  });
});

test.describe('Compare', () => {
  test.beforeEach(async ({ page }) => {
    await hangFirstWorker(page, 'lab simulation');
  });

  test('a variant whose worker hangs fails within seconds saying so, the others finish, and Run again runs all', async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto('./');
    await page.getByRole('button', { name: 'Compare' }).click();
    const duration = page.getByRole('textbox', { name: 'Simulated time' });
    await duration.fill('10');
    await duration.press('Enter');
    await page.getByRole('button', { name: 'Run the comparison' }).click();
    const problem = page.getByText(/^Fan-out on read: the simulation stopped answering for \d s and was stopped/);
    await expect(problem).toBeVisible({ timeout: 10_000 });
    expect(await page.evaluate(() => (window as unknown as { __terminated: number }).__terminated)).toBeGreaterThanOrEqual(1);
    await expect(page.getByText('Done. The best value of each row is marked ✓.')).toBeVisible({ timeout: 60_000 });
    await expect(page.locator('.compare-table__status[data-status="done"]')).toHaveCount(2);
    // The live run was never disturbed.
    await expect(page.getByRole('alert').filter({ hasText: 'stopped answering' })).toHaveCount(0);
    await page.getByRole('button', { name: 'Run again' }).click();
    await expect(page.getByText('Done. The best value of each row is marked ✓.')).toBeVisible({ timeout: 60_000 });
    await expect(page.locator('.compare-table__status[data-status="done"]')).toHaveCount(3);
    await expect(problem).toBeHidden();
  });
});
