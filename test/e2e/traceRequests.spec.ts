/**
 * Requests you can see, and one request traced: on the default screen sampled
 * requests travel as dots on the canvas's overlay; "Trace the next request"
 * (T) opens a waterfall with its hops; a dot picked on the canvas opens its
 * own; D turns the dots off, and reduced motion starts them off.
 */
import { expect, test, type Page } from '@playwright/test';

/** Opaque pixels on the dots' canvas, the most seen in any frame over `ms`. */
function dotPixels(page: Page, ms = 3000): Promise<number> {
  return page.evaluate(
    (ms) =>
      new Promise<number>((resolve) => {
        const canvas = document.querySelector<HTMLCanvasElement>('canvas.request-dots');
        const ctx = canvas?.getContext('2d');
        if (!canvas || !ctx) return resolve(-1);
        let most = 0;
        const start = performance.now();
        const tick = () => {
          const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
          let n = 0;
          for (let i = 3; i < data.length; i += 16) if (data[i] > 200) n++;
          most = Math.max(most, n);
          if (performance.now() - start < ms) requestAnimationFrame(tick);
          else resolve(most);
        };
        requestAnimationFrame(tick);
      }),
    ms,
  );
}

test('the default screen shows requests travelling as dots, and T traces the next request into a waterfall of its hops', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByRole('group', { name: 'Simulation controls' })).toBeVisible();
  const canvas = page.locator('canvas.request-dots');
  await expect(canvas).toHaveAttribute('data-on', 'true');
  await expect.poll(() => dotPixels(page), { timeout: 15_000 }).toBeGreaterThan(5);

  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('t');
  const dialog = page.getByRole('dialog', { name: /^Trace of one \w+ request: [\d.,]+ ms/ });
  await expect(dialog).toBeVisible();
  const rows = dialog.getByRole('table', { name: /Waterfall/ }).getByRole('row');
  expect(await rows.count()).toBeGreaterThan(2);
  // The client's row first, then the hops it called, each with its time in ms.
  await expect(rows.nth(1)).toHaveAccessibleName(/\(the client\)/);
  await expect(rows.nth(2)).toHaveAccessibleName(/via .*: starts at [\d.]+ m?s, .*service [\d.]+ ms/);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // D: the dots go (and the canvas is cleared).
  await page.keyboard.press('d');
  await expect(canvas).toHaveAttribute('data-on', 'false');
  expect(await dotPixels(page, 800)).toBe(0);
});

test('a dot picked on the canvas opens that request’s waterfall', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByRole('group', { name: 'Simulation controls' })).toBeVisible();
  const dialog = page.getByRole('dialog', { name: /^Trace of one/ });
  // Dots move: find one and press on it in the same frame, a few times if needed.
  await expect
    .poll(
      async () => {
        await page.evaluate(
          () =>
            new Promise<void>((resolve) => {
              requestAnimationFrame(() => {
                const canvas = document.querySelector<HTMLCanvasElement>('canvas.request-dots')!;
                const ctx = canvas.getContext('2d')!;
                const { width, height } = canvas;
                const data = ctx.getImageData(0, 0, width, height).data;
                const scale = width / canvas.clientWidth;
                for (let i = 3; i < data.length; i += 4) {
                  if (data[i] < 250) continue;
                  const p = (i - 3) / 4;
                  const box = canvas.getBoundingClientRect();
                  const x = box.left + (p % width) / scale + 2;
                  const y = box.top + Math.floor(p / width) / scale + 2;
                  canvas.parentElement!.dispatchEvent(new PointerEvent('pointerdown', { clientX: x, clientY: y, bubbles: true, cancelable: true }));
                  break;
                }
                resolve();
              });
            }),
        );
        return dialog.isVisible();
      },
      { timeout: 20_000, intervals: [250] },
    )
    .toBe(true);
  expect(await dialog.getByRole('row').count()).toBeGreaterThan(2);
});

test('with reduced motion asked for, the dots start off', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto('./');
  await expect(page.getByRole('group', { name: 'Simulation controls' })).toBeVisible();
  await expect(page.locator('canvas.request-dots')).toHaveAttribute('data-on', 'false');
});
