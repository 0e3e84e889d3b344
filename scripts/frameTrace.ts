/**
 * Where the main thread's time goes on the default screen at 10×: a Chromium
 * trace (CDP Tracing, devtools.timeline) of 8 s, summed by event (script,
 * style, layout, paint, layerize, commit…), and the longest tasks broken down
 * into what ran inside them. The companion of longtasks.ts, which counts long
 * tasks against the budgets; this one says what they are made of.
 *
 *   npm run build && npx tsx scripts/frameTrace.ts [rate=1] [--no-dots] [--no-bars] [--layers] [--contain]
 *
 * `rate` throttles the CPU (4 for a slow laptop); --no-bars stops the
 * utilization bars' transitions, --layers promotes nodes, edge labels and
 * chart cards to layers of their own, --contain gives them CSS containment:
 * experiments, to see what a change would buy before making it.
 */
import { chromium } from '@playwright/test';
import { startPreview } from './preview';
const rate = Number(process.argv[2] && !process.argv[2].startsWith('--') ? process.argv[2] : 1);
const preview = await startPreview(4396);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
await page.goto(preview.url);
await page.getByRole('group', { name: 'Simulation controls' }).waitFor();
await page.keyboard.press('Escape');
if (process.argv.includes('--no-dots')) {
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('d');
}
if (process.argv.includes('--no-bars')) await page.addStyleTag({ content: '.util-bar__fill { transition: none !important; }' });
if (process.argv.includes('--layers')) await page.addStyleTag({ content: '.react-flow__edgelabel-renderer, .react-flow__node, .chart-card, .run-clock, .component-node__live { will-change: transform; }' });
if (process.argv.includes('--contain')) await page.addStyleTag({ content: '.react-flow__node { contain: layout paint style; } .chart-card { contain: layout paint style; } .edge-label { contain: layout paint style; }' });
await page.waitForTimeout(3000);
const cdp = await page.context().newCDPSession(page);
await cdp.send('Emulation.setCPUThrottlingRate', { rate });
// Trace events are loosely typed JSON.
const events: any[] = [];
cdp.on('Tracing.dataCollected', (d) => events.push(...d.value));
const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
await page.waitForTimeout(8000);
await cdp.send('Tracing.end');
await done;
const main = events.filter((e) => e.ph === 'X' && e.dur);
// The renderer main thread: the thread with the most RunTask time.
const byTid = new Map<number, number>();
for (const e of main) if (e.name === 'RunTask') byTid.set(e.tid, (byTid.get(e.tid) ?? 0) + e.dur);
const tid = [...byTid].sort((a, b) => b[1] - a[1])[0][0];
const sum = new Map<string, [number, number]>();
for (const e of main) {
  if (e.tid !== tid) continue;
  const s = sum.get(e.name) ?? [0, 0];
  s[0] += e.dur / 1000; s[1]++;
  sum.set(e.name, s);
}
const longs = main.filter((e) => e.tid === tid && e.name === 'RunTask' && e.dur > (rate === 1 ? 40_000 : 100_000));
console.log(`long tasks over the bar: ${longs.length}, longest ${(Math.max(0, ...longs.map((e) => e.dur)) / 1000).toFixed(0)} ms`);
console.log('main thread events over 8 s, ms (count):');
for (const [k, [ms, n]] of [...sum].sort((a, b) => b[1][0] - a[1][0]).slice(0, 25)) console.log(ms.toFixed(0).padStart(7), String(n).padStart(6), k);
// What the layouts touched
const layouts = main.filter((e) => e.tid === tid && e.name === 'Layout');
const dirty = layouts.map((e) => e.args?.beginData?.dirtyObjects ?? 0);
console.log('layouts', layouts.length, 'mean dirty objects', (dirty.reduce((a, b) => a + b, 0) / Math.max(1, dirty.length)).toFixed(0), 'total objects', layouts[0]?.args?.beginData?.totalObjects);
const styles = main.filter((e) => e.tid === tid && (e.name === 'UpdateLayoutTree' || e.name === 'RecalculateStyles'));
const el = styles.map((e) => e.args?.elementCount ?? e.args?.endData?.elementCount ?? 0);
console.log('style recalcs', styles.length, 'mean elements', (el.reduce((a, b) => a + b, 0) / Math.max(1, el.length)).toFixed(0));
// The biggest paints: by the area of their clip, with the layer they drew into.
if (process.argv.includes('--paints')) {
  const paints = main.filter((e) => e.tid === tid && e.name === 'Paint');
  const area = (q: number[] | undefined) => (q ? Math.abs((q[2] - q[0]) * (q[5] - q[1])) : 0);
  const byLayer = new Map<string, [number, number, number]>();
  for (const e of paints) {
    const q = e.args?.data?.clip as number[] | undefined;
    const k = `layer ${e.args?.data?.layerId} node ${e.args?.data?.nodeId} ${q ? `${Math.round(q[2] - q[0])}×${Math.round(q[5] - q[1])} at ${Math.round(q[0])},${Math.round(q[1])}` : ''}`;
    const v = byLayer.get(k) ?? [0, 0, 0];
    v[0] += e.dur / 1000;
    v[1]++;
    v[2] = area(q);
    byLayer.set(k, v);
  }
  for (const [k, [ms, n]] of [...byLayer].sort((a, b) => b[1][0] - a[1][0]).slice(0, 12)) console.log(`paint ${ms.toFixed(0).padStart(5)} ms ${String(n).padStart(4)}× ${k}`);
}
const tasks = main.filter((e) => e.tid === tid && e.name === 'RunTask').sort((a, b) => b.dur - a.dur).slice(0, 6);
for (const t of tasks) {
  const inside = main.filter((e) => e.tid === tid && e !== t && e.ts >= t.ts && e.ts + e.dur <= t.ts + t.dur);
  const by = new Map<string, number>();
  for (const e of inside) {
    const k = e.name === 'FunctionCall' ? `FunctionCall ${e.args?.data?.functionName || ''} ${String(e.args?.data?.url ?? '').split('/').pop()}:${e.args?.data?.lineNumber ?? ''}` : e.name === 'TimerFire' || e.name === 'FireAnimationFrame' || e.name === 'EventDispatch' ? `${e.name} ${e.args?.data?.type ?? ''}` : e.name;
    by.set(k, (by.get(k) ?? 0) + e.dur / 1000);
  }
  console.log(`task ${(t.dur / 1000).toFixed(0)} ms:`, [...by].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(' | '));
}
await browser.close();
preview.stop();
