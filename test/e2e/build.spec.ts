/**
 * The first-minute journey: on a blank canvas, build client → load balancer →
 * two services → database with the palette and the handles alone, then tune
 * it in the inspector.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';

const node = (page: Page, label: string) => page.getByRole('group', { name: new RegExp(`^${label},`) });

async function centreOf(locator: Locator) {
  const box = (await locator.boundingBox())!;
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

async function dragTo(page: Page, from: { x: number; y: number }, to: { x: number; y: number }) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) await page.mouse.move(from.x + ((to.x - from.x) * i) / 10, from.y + ((to.y - from.y) * i) / 10);
  await page.mouse.up();
}

test('build client → load balancer → two services → database, then tune the database', async ({ page }, testInfo) => {
  const started = Date.now();
  await page.goto('./');
  await page.getByRole('button', { name: 'Presets' }).click();
  await page.getByRole('button', { name: /Blank canvas/ }).click();

  const pane = (await page.locator('.react-flow__pane').boundingBox())!;
  const at = (dx: number, dy: number) => ({ x: pane.x + dx, y: pane.y + dy });
  const place = async (kind: string, dx: number, dy: number) =>
    dragTo(page, await centreOf(page.getByRole('button', { name: `Add ${kind}` })), at(dx, dy));

  const column = (i: number) => (pane.width * (i + 0.6)) / 4.4;
  await place('Client', column(0), 190);
  await place('Load balancer', column(1), 190);
  await place('Service', column(2), 100);
  await place('Service', column(2), 280);
  await place('Database', column(3), 190);

  const wire = async (from: string, to: string) =>
    dragTo(
      page,
      await centreOf(node(page, from).locator('.react-flow__handle.source')),
      await centreOf(node(page, to).locator('.react-flow__handle.target')),
    );
  await wire('Client', 'Load balancer');
  await wire('Load balancer', 'Service');
  await wire('Load balancer', 'Service 2');
  await wire('Service', 'Database');
  // Releasing on a component's body (not exactly on its handle) connects too.
  await dragTo(page, await centreOf(node(page, 'Service 2').locator('.react-flow__handle.source')), await centreOf(node(page, 'Database')));

  await expect(page.locator('.react-flow__edge')).toHaveCount(5);
  await node(page, 'Database').click();
  await page.getByRole('textbox', { name: 'Connections' }).fill('16');
  await page.getByRole('textbox', { name: 'Connections' }).press('Enter');
  await expect(node(page, 'Database')).toContainText('16 connections');
  await page.getByRole('button', { name: 'Fit view' }).click();
  await page.screenshot({ path: testInfo.outputPath('built.png') });
  expect(Date.now() - started).toBeLessThan(60_000);
});
