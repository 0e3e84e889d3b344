/**
 * Screenshots of the request dots and the trace waterfall at 1280×800 in both themes, to look at:
 *
 *   npx vite build && npx tsx scripts/traceScreens.ts [outDir=/tmp/trace-shots] [--port 4394] [--preset name]
 *
 * With --preset, the close-ups are of that preset (public/scenarios/<name>.json) instead of the default screen.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import LZString from 'lz-string';
import { chromium } from '@playwright/test';
import { numberArg, startPreview } from './preview';

const outDir = process.argv[2] && !process.argv[2].startsWith('--') ? process.argv[2] : '/tmp/trace-shots';
mkdirSync(outDir, { recursive: true });
const preview = await startPreview(numberArg('port', 4394));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  for (const theme of ['light', 'dark'] as const) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, colorScheme: theme });
    await page.goto(preview.url);
    await page.getByRole('group', { name: 'Simulation controls' }).waitFor();
    await page.keyboard.press('Escape');
    await page.waitForTimeout(3000);
    await page.screenshot({ path: `${outDir}/${theme}-1-dots.png` });
    await page.waitForTimeout(700);
    await page.screenshot({ path: `${outDir}/${theme}-2-dots.png` });
    await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('t');
    await page.getByRole('dialog', { name: /Trace of one/ }).waitFor({ timeout: 10_000 });
    await page.screenshot({ path: `${outDir}/${theme}-3-waterfall.png` });
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.screenshot({ path: `${outDir}/${theme}-4-row.png` });
    await page.close();
  }
  // A close-up of the dots, at twice the pixels.
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 2 });
  const presetArg = process.argv.indexOf('--preset');
  const preset = presetArg > 0 ? process.argv[presetArg + 1] : undefined;
  const hash = preset ? `#s=${LZString.compressToEncodedURIComponent(readFileSync(`public/scenarios/${preset}.json`, 'utf8'))}` : '';
  await page.goto(preview.url + hash);
  await page.getByRole('group', { name: 'Simulation controls' }).waitFor();
  await page.keyboard.press('Escape');
  if (preset) await page.getByRole('group', { name: 'Simulation controls' }).getByRole('combobox').selectOption('10');
  await page.waitForTimeout(preset ? 3500 : 4000);
  for (let i = 0; i < 3; i++) {
    await page.locator('.react-flow').screenshot({ path: `${outDir}/zoom-${i}.png` });
    await page.waitForTimeout(400);
  }
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('t');
  await page.getByRole('dialog', { name: /Trace of one/ }).waitFor({ timeout: 15_000 });
  await page.screenshot({ path: `${outDir}/zoom-waterfall.png` });
  await page.close();
} finally {
  await browser.close();
  preview.stop();
}
