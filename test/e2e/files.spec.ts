/**
 * Scenario files: Export downloads the scenario as JSON, Import (the file
 * picker or a file dropped on the canvas) reads it back through the decoder,
 * and a bad file is explained without touching the canvas.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { seedKnownScenario } from './fixtures';

const node = (page: Page, label: string) => page.getByRole('group', { name: new RegExp(`^${label},`) });

/** Drops a file on the canvas, the way a file manager would. */
async function dropFile(page: Page, name: string, text: string) {
  const dataTransfer = await page.evaluateHandle(
    ([fileName, content]) => {
      const dt = new DataTransfer();
      dt.items.add(new File([content], fileName, { type: 'application/json' }));
      return dt;
    },
    [name, text] as const,
  );
  await page.dispatchEvent('.canvas', 'dragover', { dataTransfer });
  await page.dispatchEvent('.canvas', 'drop', { dataTransfer });
}

test.beforeEach(async ({ page }) => seedKnownScenario(page));

test('Export downloads the scenario; importing that file brings it back', async ({ page }) => {
  await page.goto('./');
  await node(page, 'API').click();
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Edge gateway');
  await page.getByRole('button', { name: 'Export' }).click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: /Scenario \(JSON\)/ }).click()]);
  expect(download.suggestedFilename()).toMatch(/^cache-aside.*\.json$/);
  const text = readFileSync((await download.path())!, 'utf8');
  expect(JSON.parse(text)).toMatchObject({ version: 2, nodes: expect.arrayContaining([expect.objectContaining({ id: 'api', label: 'Edge gateway' })]) });

  await page.getByRole('button', { name: 'Presets' }).click();
  await page.getByRole('button', { name: /Blank canvas/ }).click();
  await expect(page.locator('.react-flow__node')).toHaveCount(0);
  await page.locator('input[type="file"]').setInputFiles({ name: 'plan.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  await expect(node(page, 'Edge gateway')).toBeVisible();
});

test('a scenario file dropped on the canvas opens; a broken one is explained and changes nothing', async ({ page }) => {
  await page.goto('./');
  await dropFile(page, 'notes.json', '{"version": 1, "nodes": [{"id": "a", "kind": "service", "params": {"servers": 0}}]}');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('The file “notes.json” could not be opened');
  await expect(alert).toContainText('nodes[0].params.servers: expected an integer ≥ 1, got 0');
  await expect(node(page, 'Cache')).toBeVisible();

  await dropFile(page, 'single.json', JSON.stringify({ version: 1, name: 'One box', nodes: [{ id: 'solo', kind: 'database', label: 'Solo', params: {} }] }));
  await expect(node(page, 'Solo')).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.getByRole('textbox', { name: 'Scenario name' })).toHaveValue('One box');
});

test('the canvas exports as PNG and SVG images of the system', async ({ page }) => {
  await page.goto('./');
  await expect(node(page, 'API')).toBeVisible();
  for (const [item, ext, magic] of [['Canvas as PNG', 'png', '\x89PNG'], ['Canvas as SVG', 'svg', '<svg']] as const) {
    await page.getByRole('button', { name: 'Export' }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: new RegExp(item) }).click()]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^cache-aside[a-z0-9-]*\\.${ext}$`));
    const bytes = readFileSync((await download.path())!);
    expect(bytes.length).toBeGreaterThan(1000);
    expect(bytes.subarray(0, 200).toString('latin1')).toContain(magic);
    if (ext === 'svg') expect(bytes.toString('utf8')).toContain('API');
  }
});
