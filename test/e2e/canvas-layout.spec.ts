/**
 * What the canvas looks like where it counts: node text that reads at the
 * default fit, edge labels that never sit on a node, edges between the same
 * two nodes drawn apart, and a minimap that never swallows a press meant for
 * a handle beneath it.
 */
import { expect, test, type Page } from '@playwright/test';

interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

const overlap = (a: Rect, b: Rect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/** The canvas's zoom, read from React Flow's viewport transform. */
function zoomOf(page: Page): Promise<number> {
  return page.evaluate(() => new DOMMatrixReadOnly(getComputedStyle(document.querySelector('.react-flow__viewport')!).transform).m22);
}

async function viewportTransform(page: Page): Promise<string> {
  return page.evaluate(() => getComputedStyle(document.querySelector('.react-flow__viewport')!).transform);
}

/** The known cache-aside scenario with a second edge from API to Database (reads only), as the autosave of a new tab. */
async function seedParallelEdges(page: Page) {
  const doc = await (await page.request.get('./scenarios/cache-aside.json')).json();
  const apiDb = doc.edges.find((e: { id: string }) => e.id === 'api-db');
  doc.edges.push({ ...apiDb, id: 'api-db-reads', ops: ['read'] });
  await page.addInitScript((json) => localStorage.setItem('fanout-lab:scenario', json), JSON.stringify(doc));
}

test.use({ viewport: { width: 1280, height: 800 } });

// A laptop and a small laptop: on the smaller one the flagship is fitted at about 56% and the canvas
// sets node text larger (FlowCanvas.tsx, LARGER_TYPE_BELOW_ZOOM).
for (const [width, height] of [
  [1280, 800],
  [1024, 768],
] as const) {
  test(`at ${width}×${height}, at the default fit, node text reads at 11 px or more, names are whole and no edge label covers a node`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await page.goto('./');
    await expect(page.getByRole('group', { name: /^Home timeline cache,/ })).toBeVisible();
    // Let the fit settle and the live numbers (which widen the labels) arrive.
    await expect(page.locator('.edge-chip--live').first()).toBeAttached({ timeout: 15_000 });
    await page.waitForTimeout(1000);
    const zoom = await zoomOf(page);
    const texts = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('.react-flow__node .component-node__label, .react-flow__node .component-node__glance, .react-flow__node .component-node__live-facts, .react-flow__node .chip')].map(
        (el) => ({ text: el.textContent ?? '', fontPx: parseFloat(getComputedStyle(el).fontSize), renderedHeightPx: el.getBoundingClientRect().height }),
      ),
    );
    expect(texts.length).toBeGreaterThan(12);
    for (const t of texts) {
      expect(t.fontPx * zoom, `“${t.text}” at ${t.fontPx} px × zoom ${zoom.toFixed(3)}`).toBeGreaterThanOrEqual(11);
      // A line of text is drawn at least as tall as its type.
      expect(t.renderedHeightPx, `“${t.text}” drawn ${t.renderedHeightPx.toFixed(1)} px tall`).toBeGreaterThanOrEqual(11);
    }
    // Larger type must not cost a name its end: no node's name is cut.
    const cutNames = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('.react-flow__node .component-node__label')].filter((el) => el.scrollHeight > el.clientHeight + 1).map((el) => el.textContent),
    );
    expect(cutNames).toEqual([]);
    console.log(`default fit at ${width}×${height}: zoom ${zoom.toFixed(3)}; smallest node text ${Math.min(...texts.map((t) => t.fontPx * zoom)).toFixed(1)} px on screen`);

    const boxes = await page.evaluate(() => ({
      nodes: [...document.querySelectorAll('.react-flow__node')].map((n) => ({ name: n.getAttribute('aria-label') ?? '', ...n.getBoundingClientRect().toJSON() })),
      labels: [...document.querySelectorAll('.edge-label')].map((l) => ({ name: l.getAttribute('data-edge-id') ?? '', ...l.getBoundingClientRect().toJSON() })),
    }));
    expect(boxes.labels.length).toBeGreaterThan(0);
    for (const label of boxes.labels) {
      for (const node of boxes.nodes) expect(overlap(label, node), `label of ${label.name} over ${node.name}`).toBe(false);
    }
  });
}

test('two edges between the same two nodes are drawn as two curves with labels apart', async ({ page }) => {
  await seedParallelEdges(page);
  await page.goto('./');
  const edges = page.getByRole('group', { name: 'Edge from API to Database' });
  await expect(edges).toHaveCount(2);
  const paths = await edges.locator('.react-flow__edge-path').evaluateAll((ps) => ps.map((p) => p.getAttribute('d')));
  expect(paths[0]).not.toBe(paths[1]);
  const labels = await Promise.all(['api-db', 'api-db-reads'].map((id) => page.locator(`.edge-label[data-edge-id="${id}"]`).boundingBox()));
  const [a, b] = labels.map((r) => ({ left: r!.x, top: r!.y, right: r!.x + r!.width, bottom: r!.y + r!.height }));
  expect(overlap(a, b)).toBe(false);
});

test('a press on a handle under the minimap starts a connection and leaves the view where it is', async ({ page }) => {
  await page.goto('./');
  await page.getByRole('button', { name: /^(Got it|Close)/ }).first().click({ timeout: 3000 }).catch(() => {});
  const handle = page.getByRole('group', { name: /^Home timeline cache,/ }).locator('.react-flow__handle.target');
  const minimap = page.locator('.canvas-minimap');
  await expect(minimap).toBeVisible();
  await page.waitForTimeout(500);

  // Pan the canvas (a drag on its empty top-left corner) until the handle sits in the minimap's middle.
  const h = (await handle.boundingBox())!;
  const m = (await minimap.boundingBox())!;
  const pane = (await page.locator('.react-flow__pane').boundingBox())!;
  const from = { x: pane.x + 6, y: pane.y + 6 };
  const by = { x: m.x + m.width / 2 - (h.x + h.width / 2), y: m.y + m.height / 2 - (h.y + h.height / 2) };
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  for (let i = 1; i <= 15; i++) await page.mouse.move(from.x + (by.x * i) / 15, from.y + (by.y * i) / 15);
  await page.mouse.up();
  const under = (await handle.boundingBox())!;
  const point = { x: under.x + under.width / 2, y: under.y + under.height / 2 };
  expect(point.x).toBeGreaterThan(m.x);
  expect(point.x).toBeLessThan(m.x + m.width);
  expect(point.y).toBeGreaterThan(m.y);
  expect(point.y).toBeLessThan(m.y + m.height);

  // A press there reaches the handle, not the minimap.
  const view = await viewportTransform(page);
  await page.mouse.move(point.x, point.y);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) await page.mouse.move(point.x - 20 * i, point.y - 12 * i);
  await expect(page.locator('.connection-line')).toBeAttached();
  expect(await viewportTransform(page)).toBe(view);
  await page.mouse.up();
  expect(await viewportTransform(page)).toBe(view);
});
