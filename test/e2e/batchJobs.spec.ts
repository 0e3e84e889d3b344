/**
 * Batch jobs as a user meets them: open MapReduce's stragglers with backup
 * tasks from Presets, let it run, and read the last job as a Gantt chart —
 * workers × time, stragglers and backups marked — then every job's time.
 */
import { expect, test } from '@playwright/test';

test('the backup-tasks preset draws its last job as a Gantt chart and every job over the run', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('./');
  await page.getByRole('button', { name: 'Presets' }).click();
  await page.getByRole('button', { name: /MapReduce stragglers, with backup tasks/ }).click();
  await page.getByLabel('Speed').selectOption('max');
  const card = page.getByRole('figure', { name: 'Batch jobs' });
  await expect(card).toBeVisible();
  await expect(card.getByRole('img', { name: /task copies on 1,800 workers/ })).toBeVisible({ timeout: 45_000 });
  await expect(card).toContainText(/last job: 1 G records in 15,000 tasks on 1,800 workers/);
  // Backup copies raced the stragglers: both are counted in the legend.
  await expect(card.locator('.chart-legend')).toContainText(/straggler\s*[1-9]/);
  await expect(card.locator('.chart-legend')).toContainText(/backup copy\s*[1-9]/);
  // The canvas has bars: some pixels are not blank.
  const painted = await card.locator('canvas').evaluate((c: HTMLCanvasElement) => {
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
    return n / (d.length / 4);
  });
  expect(painted).toBeGreaterThan(0.2);
  await page.screenshot({ path: 'test-results/screens/batch-gantt.png' });
  await card.getByRole('button', { name: 'All jobs' }).click();
  await expect(card.getByRole('img', { name: /jobs; the longest took/ })).toBeVisible();
});
