/**
 * Screenshots of a log and a queue running (test/fixtures/logs/log-and-queue.json) at 1280×800 in
 * both themes, saved as PNGs to look at: the lanes and the stack on the canvas, the consumer-lag
 * chart in both views, and the log's inspector; and close-ups (at 2×) of the two nodes and the chart.
 *
 *   npx vite build && npx tsx scripts/logscreens.ts [outDir=/tmp/log-screens] [--port 4293] [--wait 20000]
 */
import { readFileSync, mkdirSync } from 'node:fs';
import { chromium, type Page } from '@playwright/test';
import { numberArg, startPreview } from './preview';

const outDir = process.argv[2] && !process.argv[2].startsWith('--') ? process.argv[2] : '/tmp/log-screens';
const fixture = readFileSync(new URL('../test/fixtures/logs/log-and-queue.json', import.meta.url), 'utf8');
const json = JSON.stringify(JSON.parse(fixture));

/** Opens a parameter's help (scrolled to the top of the inspector, so the tip has room below) and takes a picture. */
async function help(page: Page, name: string, path: string) {
  const button = page.getByRole('button', { name });
  await button.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await button.click();
  await page.waitForTimeout(300);
  await page.screenshot({ path });
  await button.click();
}

const preview = await startPreview(numberArg('port', 4293));
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
try {
  mkdirSync(outDir, { recursive: true });
  for (const [theme, crops] of [['light', false], ['dark', false], ['light', true], ['dark', true]] as const) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: theme, deviceScaleFactor: crops ? 2 : 1 });
    const page = await context.newPage();
    // As the autosaved work of a new visitor: no shared-link banner over the canvas.
    await page.addInitScript((doc) => localStorage.setItem('fanout-lab:scenario', doc), json);
    await page.goto(preview.url);
    await page.getByRole('group', { name: 'Simulation controls' }).waitFor();
    await page.getByLabel('Speed').selectOption('5').catch(() => undefined);
    await page.waitForTimeout(numberArg('wait', 20_000));
    if (crops) {
      await page.locator('.react-flow__node[data-id="topic"]').screenshot({ path: `${outDir}/${theme}-crop-log.png` });
      await page.locator('.react-flow__node[data-id="q"]').screenshot({ path: `${outDir}/${theme}-crop-queue.png` });
      await page.getByRole('figure', { name: 'Consumer lag' }).screenshot({ path: `${outDir}/${theme}-crop-chart.png` });
      await context.close();
      continue;
    }
    await page.screenshot({ path: `${outDir}/${theme}-1-running.png` });
    const card = page.getByRole('figure', { name: 'Consumer lag' });
    await card.getByRole('button', { name: 'Dup/lost' }).click().catch(() => undefined);
    await page.waitForTimeout(1500);
    await page.screenshot({ path: `${outDir}/${theme}-2-losses.png` });
    await page.locator('.react-flow__node[data-id="topic"]').click();
    await page.waitForTimeout(800);
    await page.screenshot({ path: `${outDir}/${theme}-3-inspector.png` });
    await help(page, 'About Retention', `${outDir}/${theme}-4-retention-help.png`);
    await help(page, 'About Commit interval', `${outDir}/${theme}-5-commit-help.png`);
    await help(page, 'About Partitions', `${outDir}/${theme}-6-partitions-help.png`);
    await context.close();
  }
} finally {
  await browser.close();
  preview.stop();
}
