/**
 * The phase map in a real browser: open the metastable retry storm, map
 * pause duration × retry attempts on real workers, and see both verdicts —
 * one attempt recovers after the pause, several stay down — then open a
 * cell's run in the editor.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';

test('a phase map of the retry storm shows where the pause recovers and where it stays down, and opens a cell', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('./');
  await page.getByRole('button', { name: 'Got it' }).click({ timeout: 3000 }).catch(() => {});
  await page.getByRole('button', { name: 'Presets' }).click();
  await page.getByRole('button', { name: /Retry storm: a 2 s pause/ }).click();
  await expect(page.getByText(/^Opened “Retry storm/)).toBeVisible();

  await page.getByRole('button', { name: 'Sweep' }).click();
  await page.getByRole('radio', { name: 'Two parameters (phase map)' }).check({ force: true });
  const across = page.getByRole('group', { name: 'Across (X)' });
  const up = page.getByRole('group', { name: 'Up (Y)' });
  await expect(across.getByRole('combobox', { name: 'Parameter' })).toHaveValue('fault:gc-pause:durationSec');
  await expect(up.getByRole('combobox', { name: 'Parameter' })).toHaveValue('retry.maxAttempts:users-api');
  const set = async (group: typeof across, name: string, value: string) => {
    const box = group.getByRole('textbox', { name, exact: true });
    await box.fill(value);
    await box.press('Enter');
  };
  await set(across, 'To', '4');
  await set(across, 'Values', '3');
  await set(up, 'To', '3');
  await set(up, 'Values', '3');
  await expect(page.getByText(/^3 × 3 = 9 runs of 60 s simulated/)).toBeVisible();

  await page.getByRole('button', { name: 'Run the phase map' }).click();
  await expect(page.getByRole('progressbar', { name: 'Phase map runs finished' })).toHaveAttribute('aria-valuetext', '9 of 9 runs', { timeout: 90_000 });
  const grid = page.getByRole('group', { name: /^Phase map: .* 3 recover, 6 stay down$/ });
  await expect(grid).toBeVisible();
  await expect(grid.getByRole('button', { name: /attempts 1 attempts: recovers/ })).toHaveCount(3);
  await expect(grid.getByRole('button', { name: /attempts [23] attempts: stays down/ })).toHaveCount(6);
  await page.getByRole('heading', { name: /^Phase map/ }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: test.info().outputPath('phase-map.png') });
  const axe = await new AxeBuilder({ page }).include('[aria-labelledby="phase-setup-title"]').include('[aria-labelledby="phase-results-title"]').analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`)).toEqual([]);

  // The keyboard reaches the grid; the chosen cell opens as the scenario in the editor.
  await grid.getByRole('button').first().focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.getByRole('button', { name: 'Open this run' }).click();
  await expect(page.getByText(/^Opened the run with .* \(recovers\)\. Undo brings back what you had\./)).toBeVisible();
  await expect(grid.getByRole('button', { name: /\(the current scenario\)$/ })).toHaveCount(1);
});
