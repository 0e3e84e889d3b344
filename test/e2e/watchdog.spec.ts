/**
 * The worker watchdog in a real browser: the first simulation worker of the
 * session is replaced by one stuck in an endless loop (as an engine bug
 * would leave it). The page must notice within a few seconds, say so,
 * terminate it, restart with the scenario intact, and — reloaded — open the
 * scenario that hung paused instead of hanging again.
 */
import { expect, test } from '@playwright/test';
import { seedKnownScenario } from './fixtures';

test.beforeEach(async ({ page }) => {
  await seedKnownScenario(page);
  await page.addInitScript(() => {
    const RealWorker = window.Worker;
    const w = window as unknown as { __terminated: number };
    w.__terminated = 0;
    class MaybeStuckWorker extends RealWorker {
      constructor(url: string | URL, options?: WorkerOptions) {
        const hang = options?.name === 'simulation' && !sessionStorage.getItem('e2e:hung-once');
        if (hang) sessionStorage.setItem('e2e:hung-once', '1');
        super(hang ? URL.createObjectURL(new Blob(['for (;;) {}'], { type: 'text/javascript' })) : url, hang ? undefined : options);
      }
      terminate() {
        w.__terminated++;
        super.terminate();
      }
    }
    window.Worker = MaybeStuckWorker;
  });
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
