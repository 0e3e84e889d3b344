/**
 * Screenshots of the screens a newcomer sees, at a laptop, a small laptop and
 * a tablet in portrait, in both themes, saved as PNGs to look at:
 *
 *   npm run build && npx tsx scripts/screens.ts [outDir=/tmp/fanout-screens] [--port 4394]
 */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { chromium, type Page } from '@playwright/test';

const outDir = process.argv[2] && !process.argv[2].startsWith('--') ? process.argv[2] : '/tmp/fanout-screens';
const portArg = process.argv.indexOf('--port');
const port = portArg > 0 ? Number(process.argv[portArg + 1]) : 4394;
const SIZES = [
  [1280, 800],
  [1024, 768],
  [820, 1180],
] as const;

const server = spawn('npx', ['vite', 'preview', '--strictPort', '--host', '127.0.0.1', '--port', String(port)], { stdio: 'ignore', detached: true });
const url = `http://127.0.0.1:${port}/`;

async function screens(page: Page, prefix: string) {
  const shot = (name: string) => page.screenshot({ path: `${outDir}/${prefix}-${name}.png` });
  await page.goto(url);
  await page.getByRole('group', { name: 'Simulation controls' }).waitFor();
  await page.waitForTimeout(2500);
  await shot('1-default');
  await page.getByRole('group', { name: /^Home timeline cache|^Timeline cache|^Timelines/ }).first().click({ timeout: 2000 }).catch(async () => {
    await page.locator('.react-flow__node').nth(2).click();
  });
  await page.waitForTimeout(500);
  await shot('2-inspector');
  for (const [name, button] of [['3-followers', 'Followers'], ['4-compare', 'Compare'], ['5-sweep', 'Sweep']] as const) {
    await page.getByRole('button', { name: new RegExp(`^${button}`) }).first().click();
    await page.waitForTimeout(1200);
    await shot(name);
    await page.getByRole('button', { name: new RegExp(`^${button}`) }).first().click();
  }
  await page.goto(`${url}#lesson=percentiles`);
  await page.waitForTimeout(2500);
  await shot('6-lesson');
}

try {
  mkdirSync(outDir, { recursive: true });
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) break;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  for (const theme of ['light', 'dark'] as const) {
    for (const [width, height] of SIZES) {
      // The app starts in the system's theme; the theme button toggles, so it is not pressed here.
      const context = await browser.newContext({ viewport: { width, height }, colorScheme: theme });
      const page = await context.newPage();
      await screens(page, `${width}x${height}-${theme}`).catch((e) => console.error(`${width}x${height} ${theme}: ${e.message}`));
      await context.close();
    }
  }
  await browser.close();
  console.log(`saved to ${outDir}`);
} finally {
  try {
    process.kill(-server.pid!);
  } catch {
    /* gone */
  }
}
process.exit(0);
