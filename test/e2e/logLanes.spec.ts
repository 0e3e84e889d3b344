/**
 * A log as a user meets it: open a scenario with a Kafka-style topic and two
 * consumer groups (one keeps up and restarts after a crash, one falls behind
 * toward the retention limit) and a queue, from a share link; see the topic's
 * partitions as lanes with the slow group's lag on them, the queue as a
 * stack, and the Consumer lag chart — and watch the numbers move.
 */
import { expect, test } from '@playwright/test';
import LZString from 'lz-string';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const fixture = readFileSync(fileURLToPath(new URL('../fixtures/logs/log-and-queue.json', import.meta.url)), 'utf8');
const link = `./#s=${LZString.compressToEncodedURIComponent(JSON.stringify(JSON.parse(fixture)))}`;

const number = (text: string | null) => Number((text ?? '').replace(/[^\d.]/g, '')) * (/\dk\b/.test(text ?? '') ? 1000 : 1);

test('a log draws its partitions as lanes with each group’s lag, and the Consumer lag chart follows it', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(link);
  const topic = page.getByRole('group', { name: /^Orders topic,/ });
  await expect(topic).toBeVisible();
  // Four partitions, four lanes, drawn before the first snapshot too.
  const lanes = topic.getByRole('img', { name: /^Partitions:/ });
  await expect(lanes).toBeVisible();
  await expect(topic.locator('[data-partition]')).toHaveCount(4);
  await expect(topic.locator('.log-lanes__group')).toHaveText([/^Search/, /^Analytics/]);

  // Running: records fill the lanes, and the slow group's lag is marked on them and grows.
  await expect(topic.locator('.log-lanes__held')).toHaveCount(4, { timeout: 15_000 });
  await expect(topic.locator('[data-group="g-analytics"]').first()).toBeVisible({ timeout: 15_000 });
  const analytics = topic.locator('.log-lanes__group').nth(1).locator('.log-lanes__lag');
  const lagBefore = number(await analytics.textContent());
  await expect.poll(async () => number(await analytics.textContent()), { timeout: 15_000 }).toBeGreaterThan(lagBefore);
  await expect(lanes).toHaveAttribute('aria-label', /records held in 4 partitions, kept 20 s/);

  // The queue: a stack of waiting messages.
  const queue = page.getByRole('group', { name: /^Work queue,/ });
  await expect(queue.getByRole('img', { name: /^Messages waiting: \d/ })).toBeVisible();

  // The chart is there by default for a log, in records, and its values move.
  const card = page.getByRole('figure', { name: 'Consumer lag' });
  await expect(card).toBeVisible();
  await expect(card.locator('path.series-line')).toHaveCount(2, { timeout: 15_000 });
  const legend = card.locator('.chart-legend li', { hasText: 'Analytics' });
  await expect(legend).toContainText('records');
  const first = await legend.textContent();
  await expect.poll(() => legend.textContent(), { timeout: 15_000 }).not.toBe(first);

  // Faster, past the crash of Search at 25 s: its group delivers again what it had not committed.
  await page.getByLabel('Speed').selectOption('max');
  await card.getByRole('button', { name: 'Dup/lost' }).click();
  const search = card.locator('.chart-legend li', { hasText: 'Search' });
  await expect.poll(async () => Number(((await search.textContent()) ?? '').match(/([\d,]+) dup/)?.[1].replace(/,/g, '') ?? 0), { timeout: 30_000 }).toBeGreaterThan(0);
  // …and the slow group loses what expired before it got there.
  const slow = card.locator('.chart-legend li', { hasText: 'Analytics' });
  await expect.poll(async () => Number(((await slow.textContent()) ?? '').match(/([\d,]+) lost/)?.[1].replace(/,/g, '') ?? 0), { timeout: 30_000 }).toBeGreaterThan(0);
  await page.screenshot({ path: 'test-results/screens/log-lanes.png' });
});
