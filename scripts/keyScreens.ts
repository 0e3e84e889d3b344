/**
 * Screenshots of "watch one key" to look at: the sync presets with the key
 * chart shown, at 1280×800 (dual writes in both themes).
 *
 *   npx vite build && npx tsx scripts/keyScreens.ts [outDir=/tmp/key-shots] [--port 4393] [--wait 6000]
 */
import { mkdirSync, readFileSync } from 'node:fs';
import LZString from 'lz-string';
import { chromium } from '@playwright/test';
import { numberArg, startPreview } from './preview';

const outDir = process.argv[2] && !process.argv[2].startsWith('--') ? process.argv[2] : '/tmp/key-shots';
mkdirSync(outDir, { recursive: true });
const preview = await startPreview(numberArg('port', 4393));
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
try {
  for (const preset of ['dual-writes', 'dual-writes-cdc', 'cache-aside-ttl']) {
    for (const theme of ['light', 'dark'] as const) {
      if (theme === 'dark' && preset !== 'dual-writes') continue;
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, colorScheme: theme });
      await page.addInitScript(() => localStorage.setItem('fanout-lab:charts', JSON.stringify(['key', 'latency'])));
      const hash = `#s=${LZString.compressToEncodedURIComponent(readFileSync(`public/scenarios/${preset}.json`, 'utf8'))}`;
      await page.goto(preview.url + hash);
      await page.getByRole('group', { name: 'Simulation controls' }).waitFor();
      await page.keyboard.press('Escape');
      await page.waitForTimeout(numberArg('wait', 6000));
      await page.screenshot({ path: `${outDir}/${preset}-${theme}.png` });
      await page.locator('figure[aria-label="One key"]').screenshot({ path: `${outDir}/${preset}-${theme}-card.png` });
      if (preset === 'dual-writes' && theme === 'light') {
        await page.getByRole('button', { name: 'Pick…' }).click();
        await page.screenshot({ path: `${outDir}/${preset}-menu.png` });
        await page.keyboard.press('Escape');
        // A key that ended diverged at the index, replayed from the start.
        await page.getByRole('button', { name: 'Pick…' }).click();
        await page.getByRole('group', { name: /Keys that differ at Search index/ }).getByRole('menuitem').first().click();
        await page.waitForTimeout(numberArg('wait', 6000) + 1000);
        await page.locator('figure[aria-label="One key"]').screenshot({ path: `${outDir}/${preset}-diverged-card.png` });
        await page.getByRole('button', { name: 'Behind' }).click();
        await page.waitForTimeout(300);
        await page.locator('figure[aria-label="One key"]').screenshot({ path: `${outDir}/${preset}-diverged-behind-card.png` });
        // A taller results area, as a reader would drag it.
        await page.setViewportSize({ width: 1280, height: 1100 });
        await page.waitForTimeout(500);
        await page.locator('figure[aria-label="One key"]').screenshot({ path: `${outDir}/${preset}-tall-card.png` });
      }
      await page.close();
    }
  }
} finally {
  await browser.close();
  preview.stop();
}
