import { chromium } from '@playwright/test';
const base = 'http://127.0.0.1:4174/';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-quic','--no-first-run','--disable-background-networking','--disable-component-update','--disable-sync'] });
const logs = [];
async function open(opts = {}) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...opts });
  const page = await ctx.newPage();
  page.on('console', m => m.type() === 'error' && logs.push(m.text()));
  page.on('pageerror', e => logs.push(e.message));
  await page.goto(base);
  await page.waitForTimeout(700);
  return page;
}
const centre = async (l) => { const b = await l.boundingBox(); return { x: b.x + b.width / 2, y: b.y + b.height / 2 }; };
let page = await open();
await page.getByRole('group', { name: /^API,/ }).click();
await page.waitForTimeout(300);
await page.screenshot({ path: '/tmp/t1-node-light.png' });
// connection hint: drag from service output over a client (no input handle) -> body
const from = await centre(page.locator('.react-flow__node[data-id="api"] .react-flow__handle.source'));
const to = await centre(page.locator('.react-flow__node[data-id="cache"] .react-flow__handle.target'));
// cycle: cache-> ? ; drag from db output to api input would be a cycle
const dbOut = await centre(page.locator('.react-flow__node[data-id="db"] .react-flow__handle.source'));
const apiIn = await centre(page.locator('.react-flow__node[data-id="api"] .react-flow__handle.target'));
await page.mouse.move(dbOut.x, dbOut.y); await page.mouse.down();
for (let i = 1; i <= 12; i++) await page.mouse.move(dbOut.x + (apiIn.x - dbOut.x) * i / 12, dbOut.y + (apiIn.y - dbOut.y) * i / 12);
await page.waitForTimeout(200);
await page.screenshot({ path: '/tmp/t2-cycle-hint.png' });
await page.mouse.up();
await page.waitForTimeout(300);
await page.screenshot({ path: '/tmp/t3-cycle-toast.png' });
await page.getByRole('button', { name: 'Presets' }).click();
await page.waitForTimeout(300);
await page.screenshot({ path: '/tmp/t4-presets.png' });
await page.keyboard.press('Escape');
await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
await page.waitForTimeout(200);
await page.screenshot({ path: '/tmp/t5-shortcuts.png' });

page = await open({ colorScheme: 'dark' });
await page.locator('.edge-label').filter({ hasText: 'write' }).click();
await page.getByRole('textbox', { name: 'Calls per request' }).fill('100');
await page.getByRole('radio', { name: /Async/ }).check();
await page.waitForTimeout(300);
await page.screenshot({ path: '/tmp/t6-edge-dark.png' });
await page.getByRole('group', { name: /^Database,/ }).click();
await page.waitForTimeout(300);
await page.screenshot({ path: '/tmp/t7-db-dark.png' });

page = await open({ viewport: { width: 1024, height: 768 } });
await page.screenshot({ path: '/tmp/t8-tablet.png' });
page = await open();
await page.goto(base + '#s=garbage');
await page.reload();
await page.waitForTimeout(500);
await page.screenshot({ path: '/tmp/t9-broken.png' });
console.log(logs.join('\n'));
await browser.close();
