/**
 * The budget for opening a scenario at the format's limits (200 nodes,
 * 1,000 edges; test/e2e/largeScenario.ts): no main-thread task over 300 ms.
 * Opens it five times in a fresh page of Chromium, each time reading the
 * longest task from a 'longtask' PerformanceObserver registered before the
 * app starts, and prints each and the median; exits 1 when the median
 * passes the budget.
 *
 *   npm run build && npx tsx scripts/largeopen.ts [--runs 5] [--port 4395]
 */
import { loadavg } from 'node:os';
import { chromium } from '@playwright/test';
import { numberArg, startPreview } from './preview';
import { largeScenario } from '../test/e2e/largeScenario';

const runs = numberArg('runs', 5);
const port = numberArg('port', 4395);
const BUDGET_MS = 300;


let failed = false;
let stop = () => {};
try {
  const preview = await startPreview(port);
  stop = preview.stop;
  const url = preview.url;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const json = JSON.stringify(largeScenario());
  const longest: number[] = [];
  for (let r = 0; r < runs; r++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.addInitScript((doc) => {
      localStorage.setItem('fanout-lab:scenario', doc);
      const w = window as unknown as { __longTasks: number[] };
      w.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__longTasks.push(e.duration);
      }).observe({ type: 'longtask', buffered: true });
    }, json);
    await page.goto(url);
    await page.locator('.react-flow__node').first().waitFor({ timeout: 30_000 });
    await page.waitForTimeout(3000);
    const tasks = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
    longest.push(Math.max(0, ...tasks));
    console.log(`open ${r + 1}: longest task ${Math.round(longest[r])} ms (${tasks.length} over 50 ms)`);
    await context.close();
  }
  await browser.close();
  const median = [...longest].sort((a, b) => a - b)[Math.floor(longest.length / 2)];
  const [one] = loadavg();
  console.log(`median of ${runs}: ${Math.round(median)} ms (budget ${BUDGET_MS} ms) · load average ${one.toFixed(2)} on this machine`);
  failed = median > BUDGET_MS;
} finally {
  stop();
}
process.exit(failed ? 1 : 0);
