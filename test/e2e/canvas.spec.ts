/**
 * The canvas in a real browser: building a system by dragging and wiring,
 * editing and undoing, sharing it as a link, and keeping the user's work.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { seedKnownScenario } from './fixtures';

/** A component on the canvas, by the name shown on it. */
function node(page: Page, label: string): Locator {
  return page.getByRole('group', { name: new RegExp(`^${label},`) });
}

/** React Flow ignores the first pixels of a drag: move in small steps. */
async function dragTo(page: Page, from: { x: number; y: number }, to: { x: number; y: number }) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  const steps = 12;
  for (let i = 1; i <= steps; i++) {
    await page.mouse.move(from.x + ((to.x - from.x) * i) / steps, from.y + ((to.y - from.y) * i) / steps);
  }
  await page.mouse.up();
}

async function centreOf(locator: Locator) {
  const box = (await locator.boundingBox())!;
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Drags a component from the palette and drops it at a point of the canvas. */
async function dragFromPalette(page: Page, kind: string, to: { x: number; y: number }) {
  await dragTo(page, await centreOf(page.getByRole('button', { name: `Add ${kind}` })), to);
}

/** Connects two components by dragging from the first one's output handle to the second one's input handle. */
async function connect(page: Page, from: string, to: string) {
  const source = node(page, from).locator('.react-flow__handle.source');
  const target = node(page, to).locator('.react-flow__handle.target');
  await dragTo(page, await centreOf(source), await centreOf(target));
}

/** A point of the canvas, relative to its top-left corner. */
async function canvasPoint(page: Page, dx: number, dy: number) {
  const box = (await page.locator('.react-flow__pane').boundingBox())!;
  return { x: box.x + dx, y: box.y + dy };
}

async function startBlank(page: Page) {
  await page.goto('./');
  await page.getByRole('button', { name: 'Presets' }).click();
  await page.getByRole('button', { name: /Blank canvas/ }).click();
  await expect(page.locator('.react-flow__node')).toHaveCount(0);
}

test.beforeEach(async ({ context, page }, testInfo) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  if (!testInfo.title.startsWith('the app opens on the default scenario')) await seedKnownScenario(page);
});

test('the app opens on the default scenario, with no console error', async ({ page }) => {
  const problems: string[] = [];
  page.on('console', (msg) => msg.type() === 'error' && problems.push(msg.text()));
  page.on('pageerror', (err) => problems.push(err.message));
  await page.goto('./');
  await expect(node(page, 'Home timeline cache')).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Scenario name' })).toHaveValue(/Twitter home timeline: hybrid/);
  expect(problems).toEqual([]);
});

test('dragging "Cache" from the palette drops a cache where the pointer is released', async ({ page }) => {
  await startBlank(page);
  const drop = await canvasPoint(page, 300, 200);
  await dragFromPalette(page, 'Cache', drop);
  const cache = node(page, 'Cache');
  await expect(cache).toBeVisible();
  const centre = await centreOf(cache);
  expect(Math.abs(centre.x - drop.x)).toBeLessThan(40);
  expect(Math.abs(centre.y - drop.y)).toBeLessThan(40);
  // The new component is selected, so the inspector shows it.
  await expect(page.getByRole('complementary', { name: 'Inspector' }).getByRole('heading', { name: 'Cache' })).toBeVisible();
});

test('a click on a palette item adds the component at the centre of the view', async ({ page }) => {
  await startBlank(page);
  await page.getByRole('button', { name: 'Add Database' }).click();
  await expect(node(page, 'Database')).toBeVisible();
  await page.getByRole('button', { name: 'Add Database' }).press('Enter');
  await expect(node(page, 'Database 2')).toBeVisible();
});

test('connecting two components by their handles draws an edge; an edge into a client is refused with the reason', async ({ page }) => {
  await startBlank(page);
  await dragFromPalette(page, 'Client', await canvasPoint(page, 160, 200));
  await dragFromPalette(page, 'Service', await canvasPoint(page, 480, 200));
  await connect(page, 'Client', 'Service');
  // (A level edge has no height, so it is "attached" rather than "visible" to Playwright.)
  await expect(page.getByRole('group', { name: 'Edge from Client to Service' })).toBeAttached();

  // Dropping a line from the service onto the client's body: the engine never lets requests into a client.
  await dragTo(page, await centreOf(node(page, 'Service').locator('.react-flow__handle.source')), await centreOf(node(page, 'Client')));
  await expect(page.getByRole('status').filter({ hasText: 'Not connected: edges never lead into a client' })).toBeVisible();
  await expect(page.locator('.react-flow__edge')).toHaveCount(1);
});

test('a parameter change shows on the node at once, and Undo takes it back', async ({ page }) => {
  await page.goto('./');
  await node(page, 'API').click();
  const servers = page.getByRole('textbox', { name: 'Servers' });
  await expect(servers).toHaveValue('8');
  await servers.fill('16');
  await servers.press('Enter');
  await expect(node(page, 'API')).toContainText('16 servers');

  // An invalid value is explained and not applied.
  await servers.fill('0');
  await servers.press('Enter');
  await expect(page.getByText('Expected an integer ≥ 1.')).toBeVisible();
  await expect(node(page, 'API')).toContainText('16 servers');

  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(node(page, 'API')).toContainText('8 servers');
  await expect(servers).toHaveValue('8');

  // The keyboard does the same, outside text fields.
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await page.keyboard.press('ControlOrMeta+Shift+Z');
  await node(page, 'API').click();
  await expect(node(page, 'API')).toContainText('16 servers');
});

test('a copied link opens the same canvas in a new page', async ({ page, context }) => {
  await startBlank(page);
  await dragFromPalette(page, 'Client', await canvasPoint(page, 160, 160));
  await dragFromPalette(page, 'Load balancer', await canvasPoint(page, 420, 160));
  await connect(page, 'Client', 'Load balancer');
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByRole('status')).toContainText(/Link copied — [\d,]+ characters/);
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(/#s=/);

  const other = await context.newPage();
  await other.goto(link);
  for (const p of [page, other]) {
    await expect(node(p, 'Client')).toBeVisible();
    await expect(node(p, 'Load balancer')).toBeVisible();
    await expect(p.getByRole('group', { name: 'Edge from Client to Load balancer' })).toBeAttached();
  }
  const names = async (p: Page) => p.locator('.react-flow__node').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
  expect(await names(other)).toEqual(await names(page));
  await expect(other.getByText('Opened from a shared link')).toBeVisible();
});

test('a broken link shows what was wrong, and the user’s own work stays', async ({ page, context }) => {
  await page.goto('./');
  const name = page.getByRole('textbox', { name: 'Scenario name' });
  await name.fill('My capacity plan');
  await page.waitForTimeout(600); // autosave is debounced

  const other = await context.newPage();
  await other.goto('./#s=N4IgdghgtgpiBcIBKMDGB7AJg');
  const alert = other.getByRole('alert');
  await expect(alert).toContainText('This link could not be opened');
  await expect(alert).toContainText(/damaged|truncated|not JSON/);
  await expect(other.getByRole('textbox', { name: 'Scenario name' })).toHaveValue('My capacity plan');
});

test('opening a shared link does not overwrite the autosave until the user edits', async ({ page, context }) => {
  await page.goto('./');
  await page.getByRole('textbox', { name: 'Scenario name' }).fill('Mine');
  await page.waitForTimeout(600);
  await page.getByRole('button', { name: 'Presets' }).click();
  await page.getByRole('button', { name: /M\/M\/1 queue/ }).click();
  await expect(page.getByRole('textbox', { name: 'Scenario name' })).not.toHaveValue('Mine');
  await page.getByRole('button', { name: 'Copy link' }).click();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  await page.keyboard.press('ControlOrMeta+Z'); // back to "Mine", which autosave keeps
  await expect(page.getByRole('textbox', { name: 'Scenario name' })).toHaveValue('Mine');
  await page.waitForTimeout(600);

  const viewer = await context.newPage();
  await viewer.goto(link);
  await expect(viewer.getByRole('textbox', { name: 'Scenario name' })).toHaveValue(/M\/M\/1/);
  await viewer.waitForTimeout(600);
  const fresh = await context.newPage();
  await fresh.goto('./');
  await expect(fresh.getByRole('textbox', { name: 'Scenario name' })).toHaveValue('Mine');
});

test('editing a scenario opened from a link makes it the user’s own: the link leaves the address bar and a reload keeps the edit', async ({ page, context }) => {
  await page.goto('./');
  await page.getByRole('button', { name: 'Copy link' }).click();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  const other = await context.newPage();
  await other.goto(link);
  await expect(other.getByText('Opened from a shared link')).toBeVisible();
  await other.getByRole('textbox', { name: 'Scenario name' }).fill('Forked');
  await expect(other.getByText('Opened from a shared link')).toHaveCount(0);
  await expect(other).not.toHaveURL(/#s=/);
  await other.waitForTimeout(600);
  await other.reload();
  await expect(other.getByRole('textbox', { name: 'Scenario name' })).toHaveValue('Forked');
});

test('after a reload the autosaved work is back', async ({ page }) => {
  await startBlank(page);
  await dragFromPalette(page, 'Search index', await canvasPoint(page, 300, 200));
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Product search');
  await expect(node(page, 'Product search')).toBeVisible();
  await page.reload();
  await expect(node(page, 'Product search')).toBeVisible();
  await expect(page.locator('.react-flow__node')).toHaveCount(1);
});

test('dragging a node moves it, and one Undo puts it back', async ({ page }) => {
  await page.goto('./');
  const db = node(page, 'Database');
  const before = await centreOf(db);
  await dragTo(page, before, { x: before.x - 120, y: before.y + 140 });
  const after = await centreOf(db);
  expect(after.y - before.y).toBeGreaterThan(100);
  await page.keyboard.press('ControlOrMeta+Z');
  await expect.poll(async () => Math.round((await centreOf(db)).y)).toBe(Math.round(before.y));
});

test('opening a wide side panel fits the system into the narrower canvas, and closing it fits it again', async ({ page }) => {
  await page.goto('./');
  await expect(page.locator('.react-flow__node')).toHaveCount(5);
  const allInside = async () => {
    const canvas = (await page.locator('.react-flow').boundingBox())!;
    const boxes = await page.locator('.react-flow__node').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().right));
    return boxes.every((right) => right <= canvas.x + canvas.width);
  };
  await page.keyboard.press('Shift+C');
  await expect(page.getByRole('heading', { name: 'Compare' })).toBeVisible();
  await expect.poll(allInside).toBe(true);
  await page.keyboard.press('Shift+C');
  await expect(page.getByRole('heading', { name: 'Compare' })).toBeHidden();
  await expect.poll(allInside).toBe(true);
});
