/**
 * Guided lessons in a real browser, followed by their text alone: each
 * instruction is carried out through the UI (press Play, select a component,
 * type into the inspector) and the test waits for the step's "Done" before it
 * goes on — exactly what a learner would see. Also: a deep link opens its
 * lesson with the lesson's scenario on the canvas, and an unknown one keeps
 * the user's work.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { seedKnownScenario } from './fixtures';

const panel = (page: Page) => page.getByRole('region', { name: /./ }).filter({ has: page.locator('#lesson-panel-title') });
const node = (page: Page, label: string) => page.getByRole('group', { name: new RegExp(`^${label},`) });

/** Waits until the lesson shows step `n` and returns its instruction. */
async function atStep(page: Page, n: number, of: number): Promise<string> {
  const p = panel(page);
  await expect(p.getByRole('heading', { name: `Step ${n} of ${of}` })).toBeVisible();
  return (await p.locator('.lesson-instruction').textContent()) ?? '';
}

/** The step's check has passed: the panel says Done and shows what to notice. */
async function waitForDone(page: Page) {
  const p = panel(page);
  await expect(p.getByRole('status').filter({ hasText: /^\s*Done\s*$/ })).toBeVisible({ timeout: 30_000 });
  await expect(p.getByRole('heading', { name: 'What to notice' })).toBeVisible();
}

/** Answers the step's prediction from the keyboard: Space on the choice, Enter on "Lock in". */
async function predict(page: Page, choice: RegExp) {
  const group = panel(page).getByRole('group', { name: /Predict first/ });
  await expect(group).toBeVisible();
  const radio = group.getByRole('radio', { name: choice });
  await radio.focus();
  await page.keyboard.press('Space');
  await expect(radio).toBeChecked();
  await panel(page).getByRole('button', { name: 'Lock in my prediction' }).focus();
  await page.keyboard.press('Enter');
  await expect(group).toBeHidden();
}

/** The reveal says the prediction was right, and the run waits for the learner (paused, or at its end). */
async function revealedRight(page: Page) {
  await expect(panel(page).getByText(/^You predicted right/)).toBeVisible();
  await expect(page.getByText(/^(paused|finished)$/)).toBeVisible();
}

/** Opens a lesson by its deep link and plays its first step at Max until it is done. */
async function playFirstStep(page: Page, id: string, steps: number, says: string) {
  await page.goto(`./#lesson=${id}`);
  expect(await atStep(page, 1, steps)).toContain(says);
  await page.getByLabel('Speed').selectOption('max');
  await page.getByRole('button', { name: 'Play' }).click();
  await waitForDone(page);
}

/** Plays the run if it is paused (an edit restarts it paused or playing, as it was). */
async function playIfPaused(page: Page) {
  const play = page.getByRole('button', { name: /^Play/ });
  if (await play.isVisible()) await play.click();
}

async function next(page: Page) {
  await panel(page).getByRole('button', { name: /^(Next|Finish)$/ }).click();
}

/**
 * Presses the step's "Open Compare and run" from the keyboard: Compare opens
 * with exactly the step's variants and runs them, from a table with no other
 * comparison's results in it.
 */
async function runLessonComparison(page: Page, variants: string[]) {
  const button = panel(page).getByRole('button', { name: 'Open Compare and run' });
  await button.focus();
  await page.keyboard.press('Enter');
  const compare = page.getByRole('complementary', { name: 'Compare' });
  for (const [i, v] of variants.entries()) await expect(compare.getByRole('combobox', { name: `Variant ${i + 1}` })).toHaveValue(v);
  await expect(compare.getByRole('combobox', { name: `Variant ${variants.length + 1}` })).toHaveCount(0);
  await expect(compare.getByRole('columnheader')).toHaveCount(variants.length);
}

/** The cells of a row of the Compare table, one per variant. */
function compareRow(page: Page, metric: string) {
  const table = page.getByRole('complementary', { name: 'Compare' }).getByRole('table');
  return table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: new RegExp(`^${metric}`) }) }).getByRole('cell');
}

/** Selects a component on the canvas and types a value into an inspector field. */
async function setField(page: Page, component: string, field: string, value: string) {
  await node(page, component).click();
  const input = page.getByRole('textbox', { name: field, exact: true });
  await input.fill(value);
  await input.press('Enter');
}

test('describing-load, followed by its text from the Lessons menu', async ({ page }) => {
  const problems: string[] = [];
  page.on('console', (msg) => msg.type() === 'error' && problems.push(msg.text()));
  page.on('pageerror', (err) => problems.push(err.message));
  await page.goto('./');
  await page.getByRole('button', { name: 'Lessons' }).click();
  await page.getByRole('dialog', { name: 'Lessons' }).getByRole('button', { name: /^Describing load/ }).click();
  await expect(panel(page).getByRole('heading', { name: 'Describing load' })).toBeVisible();
  await expect(page.getByText('paused', { exact: true })).toBeVisible();

  expect(await atStep(page, 1, 4)).toContain('Press Play');
  await page.getByRole('button', { name: 'Play' }).click();
  await waitForDone(page);
  await expect(panel(page).locator('.lesson-readout')).toContainText(/posts [\d,]+\/s, timeline reads [\d,]+\/s/);
  await next(page);

  expect(await atStep(page, 2, 4)).toContain('People reading timelines');
  // The step points at the component it names, and at the inspector.
  await expect(node(page, 'People reading timelines')).toHaveCSS('outline-style', 'solid');
  await expect(page.getByRole('complementary', { name: 'Inspector' })).toHaveCSS('outline-style', 'solid');
  await setField(page, 'People reading timelines', 'Rate', '6000');
  await waitForDone(page);
  await next(page);
  await expect(node(page, 'People reading timelines')).toHaveCSS('outline-style', 'none');
  await expect(node(page, 'People posting')).toHaveCSS('outline-style', 'solid');

  await predict(page, /roughly double/);
  expect(await atStep(page, 3, 4)).toContain('People posting');
  await setField(page, 'People posting', 'Rate', '92');
  await waitForDone(page);
  await revealedRight(page);
  await expect(panel(page).locator('.lesson-readout')).toContainText(/Timeline writes [\d,]+\/s: \d+ per post/);
  await next(page);

  expect(await atStep(page, 4, 4)).toContain('press Next');
  await next(page);
  await waitForDone(page);
  await next(page);
  await expect(panel(page).getByText('Lesson complete')).toBeVisible();

  // The menu remembers it, across a reload.
  await page.reload();
  await page.getByRole('button', { name: 'Lessons' }).click();
  await expect(page.getByRole('dialog', { name: 'Lessons' }).getByRole('button', { name: /^Describing load/ })).toContainText('Done');
  expect(problems).toEqual([]);
});

test('percentiles, followed by its text from a deep link', async ({ page }) => {
  await page.goto('./#lesson=percentiles');
  await expect(node(page, 'Database')).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Scenario name' })).toHaveValue(/^Percentiles/);

  expect(await atStep(page, 1, 3)).toContain('Press Play');
  await page.getByRole('button', { name: 'Play' }).click();
  await waitForDone(page);
  await expect(panel(page).locator('.lesson-readout')).toContainText(/Mean [\d.]+ ms, p50 [\d.]+ ms/);
  await next(page);

  expect(await atStep(page, 2, 3)).toContain('“Response time · page” chart');
  await expect(page.getByRole('figure', { name: 'Response time · page' })).toBeVisible();
  await next(page);
  await waitForDone(page);
  await next(page);

  await predict(page, /barely moves/);
  expect(await atStep(page, 3, 3)).toContain('“Database”');
  await setField(page, 'Database', 'p99', '500');
  await waitForDone(page);
  await revealedRight(page);
  await next(page);
  await expect(panel(page).getByText('Lesson complete')).toBeVisible();
  await expect(panel(page).getByRole('button', { name: /Next lesson: Tail latency amplification/ })).toBeVisible();
});

test('retry-storms, followed by its text: the storm, then no retries, then retries with a budget', async ({ page }) => {
  // The request dots are off (as under reduced motion), so a click in the middle of the edge selects it, never a dot on it.
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto('./#lesson=retry-storms');
  await predict(page, /stays down/);
  expect(await atStep(page, 1, 3)).toContain('Press Play');
  await page.getByRole('button', { name: 'Play' }).click();
  await waitForDone(page);
  await revealedRight(page);
  await expect(panel(page)).toContainText('metastable');
  await next(page);

  expect(await atStep(page, 2, 3)).toContain('Remove retries');
  await page.locator('.react-flow__edge').first().click({ force: true });
  await page.getByRole('button', { name: 'Remove retries' }).click();
  await waitForDone(page);
  await next(page);

  expect(await atStep(page, 3, 3)).toContain('retry budget');
  await page.getByRole('button', { name: 'Add retries' }).click();
  await page.getByRole('checkbox', { name: 'unlimited' }).uncheck();
  const budget = page.getByRole('textbox', { name: 'Retry budget', exact: true });
  await budget.fill('0.1');
  await budget.press('Enter');
  await waitForDone(page);
  await next(page);
  await expect(panel(page).getByText('Lesson complete')).toBeVisible();
});

test('batch-throughput, followed by its text: the stragglers, then backup tasks, then the Gantt chart', async ({ page }) => {
  await page.goto('./#lesson=batch-throughput');
  expect(await atStep(page, 1, 3)).toContain('Max');
  await page.getByLabel('Speed').selectOption('max');
  await page.getByRole('button', { name: 'Play' }).click();
  await waitForDone(page);
  await expect(panel(page).locator('.lesson-readout')).toContainText(/1 job: [\d.,]+ s/);
  await next(page);

  await predict(page, /falls by more than half/);
  expect(await atStep(page, 2, 3)).toContain('Back up after');
  await node(page, 'Sort').click();
  await page.getByRole('checkbox', { name: 'no backup tasks' }).uncheck();
  const factor = page.getByRole('textbox', { name: 'Back up after', exact: true });
  await factor.fill('1.5');
  await factor.press('Enter');
  await waitForDone(page);
  // Not before the job with backups has finished: the notice is about its time.
  await expect(panel(page).locator('.lesson-readout')).toContainText(/1 job: [\d.,]+ s, [\d,k]+\/s records, \d+ backup tasks/);
  await next(page);

  expect(await atStep(page, 3, 3)).toContain('Batch jobs');
  await expect(page.getByRole('figure', { name: 'Batch jobs' })).toBeVisible();
  await next(page);
  await waitForDone(page);
  await next(page);
  await expect(panel(page).getByText('Lesson complete')).toBeVisible();
});

test('faults-and-failures, followed by its text: one replica crashing at random, then two', async ({ page }) => {
  await page.goto('./#lesson=faults-and-failures');
  expect(await atStep(page, 1, 3)).toContain('Max');
  await page.getByLabel('Speed').selectOption('max');
  await page.getByRole('button', { name: 'Play' }).click();
  await waitForDone(page);
  await expect(panel(page).locator('.lesson-readout')).toContainText(/Replica A down \d+% of the time/);
  await next(page);

  await predict(page, /only when both replicas are down/);
  expect(await atStep(page, 2, 3)).toContain('two replicas and a retry');
  await page.getByRole('button', { name: 'Presets' }).click();
  await page.getByRole('button', { name: /Random crashes: two replicas and a retry/ }).click();
  await waitForDone(page);
  await revealedRight(page);
  await next(page);

  expect(await atStep(page, 3, 3)).toContain('press Next');
  await next(page);
  await waitForDone(page);
  await next(page);
  await expect(panel(page).getByText('Lesson complete')).toBeVisible();
});

test('hedged-requests, followed by its text: a hedge after 50 ms, then two copies', async ({ page }) => {
  await page.goto('./#lesson=hedged-requests');
  await atStep(page, 1, 3);
  await page.getByRole('button', { name: 'Play' }).click();
  await waitForDone(page);
  await next(page);

  await predict(page, /^About 1%/);
  expect(await atStep(page, 2, 3)).toContain('Add hedging');
  await page.locator('.edge-label[data-edge-id="root-leaves"]').click();
  await page.getByRole('button', { name: 'Add hedging' }).click();
  await waitForDone(page);
  await revealedRight(page);
  await next(page);

  expect(await atStep(page, 3, 3)).toContain('Copies');
  const copies = page.getByRole('textbox', { name: 'Copies', exact: true });
  await copies.fill('2');
  await copies.press('Enter');
  await waitForDone(page);
  await next(page);
  await expect(panel(page).getByText('Lesson complete')).toBeVisible();
});

test('measuring-latency, followed by its text: the hidden pause, the intended-time p99, an open-loop tester', async ({ page }) => {
  await page.goto('./#lesson=measuring-latency');
  await predict(page, /Only the users’/);
  await atStep(page, 1, 3);
  await page.getByRole('button', { name: 'Play' }).click();
  await waitForDone(page);
  await next(page);

  expect(await atStep(page, 2, 3)).toContain('p99 from intended send');
  await page.getByRole('tab', { name: 'Table' }).click();
  await expect(page.getByRole('region', { name: 'Failures by cause' })).toContainText('measured');
  await next(page);
  await waitForDone(page);
  await next(page);

  expect(await atStep(page, 3, 3)).toContain('Open: a rate');
  await node(page, 'Load tester \\(waits for each answer\\)').click();
  await page.getByRole('radio', { name: 'Open: a rate' }).check();
  await waitForDone(page);
  await next(page);
  await expect(panel(page).getByText('Lesson complete')).toBeVisible();
});

test('fan-out: the run pauses on each notice, so the celebrity spike is still on the chart when it is explained', async ({ page }) => {
  await page.goto('./#lesson=fan-out');
  expect(await atStep(page, 1, 6)).toContain('Press Play');
  await page.getByRole('button', { name: 'Play' }).click();
  await waitForDone(page);
  await expect(page.getByText('paused', { exact: true })).toBeVisible();
  await next(page);

  await predict(page, /falls to about 5 ms/);
  expect(await atStep(page, 2, 6)).toContain('fan-out on write');
  await page.getByRole('button', { name: 'Presets' }).click();
  await page.getByRole('button', { name: /Twitter timeline: fan-out on write/ }).click();
  await waitForDone(page);
  await revealedRight(page);
  await next(page);

  // Answering the bet plays the run: this step is done by running to two minutes.
  await predict(page, /Only the tail/);
  expect(await atStep(page, 3, 6)).toContain('two simulated minutes');
  await expect(page.getByText('running', { exact: true })).toBeVisible();
  await waitForDone(page);
  await revealedRight(page);
  await expect(page.getByText('paused', { exact: true })).toBeVisible();
  await expect(panel(page).locator('.lesson-readout')).toContainText(/over this run's \d+ s so far/);
  // Paused: the spike stays in the chart window while the learner reads about it.
  const edges = page.getByRole('figure', { name: /Load per edge/ });
  await expect(edges.getByRole('img', { name: /celebrity post/ }).first()).toBeVisible();
  await page.waitForTimeout(3000);
  await expect(edges.getByRole('img', { name: /celebrity post/ }).first()).toBeVisible();
  await panel(page).getByRole('button', { name: /Run on/ }).click();
  await expect(page.getByText('running', { exact: true })).toBeVisible();
});

test('every lesson deep link opens with its scenario on the canvas', async ({ page }) => {
  for (const [id, title, component] of [
    ['fan-out', "Fan-out: Twitter's home timeline", 'People reading timelines'],
    ['tail-amplification', 'Tail latency amplification', 'Root server'],
    ['queues', 'Queues: absorbing load asynchronously', 'Job queue'],
  ] as const) {
    await page.goto(`./#lesson=${id}`);
    await expect(panel(page).getByRole('heading', { name: title })).toBeVisible();
    await expect(node(page, component)).toBeVisible();
  }
});

test.describe('with work of their own', () => {
  test.beforeEach(async ({ page }) => seedKnownScenario(page));

  test('an unknown lesson link says so and keeps the user’s work; a lesson link is undone by Undo', async ({ page }) => {
    await page.goto('./#lesson=no-such-lesson');
    await expect(page.getByRole('alert')).toContainText('There is no lesson called “no-such-lesson”');
    await expect(page.getByRole('textbox', { name: 'Scenario name' })).toHaveValue(/Cache-aside/i);
    await expect(page.getByRole('region', { name: 'What you are looking at' })).toHaveCount(0);

    await page.goto('./#lesson=caching');
    await expect(panel(page).getByRole('heading', { name: 'Caching and the miss path' })).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'Scenario name' })).toHaveValue(/^Caching/);
    await page.keyboard.press('ControlOrMeta+Z');
    await expect(page.getByRole('textbox', { name: 'Scenario name' })).toHaveValue(/Cache-aside/i);
  });
});

test('the welcome shows on a first visit only, and comes back from the Lessons menu', async ({ page }) => {
  await page.goto('./');
  const intro = page.getByRole('region', { name: 'What you are looking at' });
  await expect(intro).toBeVisible();
  await expect(intro).toContainText('1/100');
  await intro.getByRole('button', { name: 'Got it' }).click();
  await expect(intro).toHaveCount(0);
  await page.reload();
  await expect(node(page, 'Posts database')).toBeVisible();
  await expect(intro).toHaveCount(0);
  await page.getByRole('button', { name: 'Lessons' }).click();
  await page.getByRole('button', { name: 'Show the welcome again' }).click();
  await expect(intro).toBeVisible();
  await expect(intro.getByRole('heading', { name: 'What you are looking at' })).toBeFocused();
});

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 4).join(' | ')}`);
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the welcome, the Lessons menu and the lesson panel have no serious or critical axe violation (${colorScheme})`, async ({ page }, testInfo) => {
    await page.emulateMedia({ colorScheme });
    await page.goto('./');
    await expect(page.getByRole('region', { name: 'What you are looking at' })).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath(`welcome-${colorScheme}.png`) });
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Lessons' }).click();
    await expect(page.getByRole('dialog', { name: 'Lessons' })).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath(`menu-${colorScheme}.png`) });
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('dialog', { name: 'Lessons' }).getByRole('button', { name: /^Caching/ }).click();
    await page.getByRole('button', { name: 'Play' }).click();
    await waitForDone(page);
    await page.getByRole('group', { name: /^Cache,/ }).click();
    await page.screenshot({ path: testInfo.outputPath(`lesson-${colorScheme}.png`) });
    expect(await seriousViolations(page)).toEqual([]);
  });
}

test('throughput, followed by its text: a guess dragged onto the chart, then the app’s own Sweep draws the hockey stick', async ({ page }) => {
  test.setTimeout(120_000);
  await playFirstStep(page, 'throughput', 3, 'Press Play');
  await next(page);

  // The bet is placed on a chart, from the keyboard.
  const slider = panel(page).getByRole('slider', { name: 'Your guess at 105/s' });
  await slider.focus();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect(slider).toHaveAttribute('aria-valuetext', /About 1.5 s/);
  const axe = await new AxeBuilder({ page }).include('.lesson-chart-bet').analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  await panel(page).getByRole('button', { name: 'Lock in my prediction' }).click();
  expect(await atStep(page, 2, 3)).toContain('open Sweep');
  await page.getByRole('button', { name: 'Sweep' }).click();
  await expect(page.getByRole('combobox', { name: 'Parameter' })).toHaveValue('rate:clients');
  await page.getByRole('button', { name: 'Run the sweep' }).click();
  await expect(page.getByRole('progressbar', { name: 'Sweep points finished' })).toHaveAttribute('aria-valuetext', '10 of 10 points', { timeout: 90_000 });
  await waitForDone(page);
  await revealedRight(page);
  await expect(panel(page).locator('.lesson-chart-bet__truth')).toBeVisible();
  await expect(panel(page).locator('.lesson-readout')).toContainText(/105\/s → 1,5\d\d ms/);
});

test('maintainability, followed by its text: an old link opens, a useless cache goes, a crash is seen with its cause', async ({ page }) => {
  test.setTimeout(120_000);
  await playFirstStep(page, 'maintainability', 3, 'version 1');
  await expect(panel(page).locator('.lesson-readout')).toContainText(/Page p50 1\d\.\d ms/);
  await next(page);

  await predict(page, /falls to about 12 ms/);
  expect(await atStep(page, 2, 3)).toContain('delete it');
  await node(page, 'Cache').click();
  await page.keyboard.press('Delete');
  await expect(node(page, 'Cache')).toHaveCount(0);
  await node(page, 'API').click();
  await page.getByRole('button', { name: 'Connect to…' }).click();
  await page.getByRole('menu', { name: 'Connect to' }).getByRole('menuitem', { name: 'Database' }).click();
  await page.getByLabel('Speed').selectOption('max');
  await playIfPaused(page);
  await waitForDone(page);
  await revealedRight(page);
  await next(page);

  await predict(page, /About 2,000/);
  expect(await atStep(page, 3, 3)).toContain('press B');
  await page.getByLabel('Speed').selectOption('10');
  await node(page, 'Database').click();
  await page.keyboard.press('b');
  await page.getByRole('menu', { name: 'Break it' }).getByRole('menuitem', { name: /^Crash/ }).click();
  await playIfPaused(page);
  await waitForDone(page);
  await revealedRight(page);
  await expect(panel(page).locator('.lesson-readout')).toContainText(/of them because the database was down/);
  await next(page);
  await expect(panel(page).getByText('Lesson complete')).toBeVisible();
  await expect(panel(page).getByRole('heading', { name: 'Recap' })).toBeVisible();
  await expect(panel(page).getByText(/Your predictions: 2 of 2 right/)).toBeVisible();
});

test('logs-vs-queues, followed by its text: the log under crashes, the Redis list under the same, then a replay, then log and list in Compare', async ({ page }) => {
  await page.goto('./#lesson=logs-vs-queues');
  await predict(page, /handled twice, none is lost/);
  expect(await atStep(page, 1, 4)).toContain('Press Play');
  await page.getByLabel('Speed').selectOption('max');
  await page.getByRole('button', { name: 'Play' }).click();
  await waitForDone(page);
  await revealedRight(page);
  await expect(panel(page).locator('.lesson-readout')).toContainText(/lost 0;/);
  await next(page);

  await predict(page, /a few orders are lost, none is handled twice/);
  expect(await atStep(page, 2, 4)).toContain('Redis list');
  await page.getByRole('button', { name: 'Presets' }).click();
  await page.getByRole('button', { name: /Kafka vs Redis: a Redis list, consumers crash/ }).click();
  await waitForDone(page);
  await revealedRight(page);
  await expect(panel(page).locator('.lesson-readout')).toContainText(/handed over twice 0;/);
  await next(page);

  expect(await atStep(page, 3, 4)).toContain('replay');
  await page.getByRole('button', { name: 'Presets' }).click();
  await page.getByRole('button', { name: /Log: replay to rebuild a view after a bad deploy/ }).click();
  await waitForDone(page);
  await next(page);

  expect(await atStep(page, 4, 4)).toContain('side by side');
  await runLessonComparison(page, ['preset:kafka-vs-redis-log', 'preset:kafka-vs-redis-list']);
  await waitForDone(page);
  // The table quotes what the notice does.
  await expect(compareRow(page, 'Handed over twice')).toHaveText(['767', /^0\b/]);
  await expect(compareRow(page, 'Lost records')).toHaveText([/^0\b/, '13']);
  await expect(compareRow(page, 'Out of order')).toHaveText([/^0\b/, '63']);
  await expect(compareRow(page, 'order p50')).toHaveText(['1 ms', '1 ms']);
  await next(page);
  await expect(panel(page).getByText('Lesson complete')).toBeVisible();
});

test('caches-in-sync, followed by its text: dual writes diverge, change data capture does not, versioned writes stop the race, then both in Compare', async ({ page }) => {
  await page.goto('./#lesson=caches-in-sync');
  await predict(page, /some keys differ from the database for good/);
  expect(await atStep(page, 1, 4)).toContain('Press Play');
  await page.getByLabel('Speed').selectOption('max');
  await page.getByRole('button', { name: 'Play' }).click();
  await waitForDone(page);
  await revealedRight(page);
  await expect(panel(page).locator('.lesson-readout')).toContainText(/Diverged keys: cache [1-9]\d*, index [1-9]/);
  await next(page);

  await predict(page, /no key diverges/);
  expect(await atStep(page, 2, 4)).toContain('Change data capture');
  await page.getByRole('button', { name: 'Presets' }).click();
  await page.getByRole('button', { name: /Change data capture: the cache and the index follow/ }).click();
  await waitForDone(page);
  await revealedRight(page);
  await expect(panel(page).locator('.lesson-readout')).toContainText('Diverged keys: cache 0, index 0');
  await next(page);

  expect(await atStep(page, 3, 4)).toContain('Versioned writes');
  await page.getByRole('button', { name: 'Presets' }).click();
  await page.getByRole('button', { name: /Versioned writes: dual writes that ignore an older version/ }).click();
  await waitForDone(page);
  await next(page);

  expect(await atStep(page, 4, 4)).toContain('side by side');
  await runLessonComparison(page, ['preset:dual-writes', 'preset:dual-writes-cdc']);
  await waitForDone(page);
  // The table quotes what the notice does.
  await expect(compareRow(page, 'Diverged keys')).toHaveText(['14', /^0\b/]);
  await expect(compareRow(page, 'write p50')).toHaveText(['89 ms', /^6\.2 ms/]);
  await expect(compareRow(page, 'Stale reads')).toHaveText([/^51%/, /^47%/]);
  await expect(compareRow(page, 'Copy lag')).toHaveText([/^572 ms/, '587 ms']);
  await next(page);
  await expect(panel(page).getByText('Lesson complete')).toBeVisible();
});
