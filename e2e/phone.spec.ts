// A phone, 390×844 with touch: a tap trains a step, a finger draws on the pad
// without scrolling the page, and the model's answer shows. Every control is
// a 44×44 target and nothing is wider than the screen.
import { expect, test, type Page } from '@playwright/test';
import { openPlayground } from './helpers.ts';

test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 });

/** A finger stroke through real touch input (Chromium turns it into touch pointer events, and scrolls unless touch-action says no). */
async function touchDrag(page: Page, points: readonly (readonly [number, number])[]): Promise<void> {
  const client = await page.context().newCDPSession(page);
  const [first, ...rest] = points;
  await client.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: first![0], y: first![1] }] });
  for (const [x, y] of rest) await client.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y }] });
  await client.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await client.detach();
}

/** Controls smaller than 44×44 CSS pixels (a checkbox counts by its label, a visually hidden input not at all). */
async function smallControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const small: string[] = [];
    for (const element of document.querySelectorAll<HTMLElement>('button, select, input, summary, textarea, .app__nav a')) {
      const target = (element as HTMLInputElement).type === 'checkbox' || (element as HTMLInputElement).type === 'radio' ? element.closest('label') ?? element : element;
      const box = target.getBoundingClientRect();
      if (box.width <= 2 || box.height <= 2 || getComputedStyle(target).visibility === 'hidden') continue;
      if (box.width < 44 || box.height < 44) small.push(`${element.tagName} “${(element.getAttribute('aria-label') ?? element.textContent ?? '').trim().slice(0, 30)}” ${Math.round(box.width)}×${Math.round(box.height)}`);
    }
    return small;
  });
}

test('on a phone a tap trains, a finger draws without scrolling, and the model answers', async ({ page }, testInfo) => {
  await openPlayground(page);
  expect(await page.evaluate(() => matchMedia('(pointer: coarse)').matches)).toBe(true);
  expect(await smallControls(page)).toEqual([]);

  // A short run: a linear model on 1,000 images, one step per tap.
  await page.getByLabel('Training images', { exact: true }).selectOption('1000');
  await page.getByRole('button', { name: 'Remove hidden layer 2' }).tap();
  await page.getByRole('button', { name: 'Remove hidden layer 1' }).tap();
  const step = page.getByRole('button', { name: 'Step', exact: true });
  await step.tap();
  await expect(page.getByRole('status', { name: 'Training status' })).toContainText('Paused after step 1');
  await step.tap();
  await expect(page.getByRole('status', { name: 'Training status' })).toContainText('Paused after step 2');
  await expect(page.getByRole('img', { name: 'Loss chart' })).toHaveAttribute('data-points', /^[1-9]/);
  await page.screenshot({ path: testInfo.outputPath('phone-trained.png') });

  // Draw a 7 with a finger: the page stays where it is, and the pad takes the stroke.
  const pad = page.getByRole('img', { name: 'Drawing pad' });
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  const at = (x: number, y: number) => [box.x + x * box.width, box.y + y * box.height] as const;
  const scrollBefore = await page.evaluate(() => window.scrollY);
  const stroke: (readonly [number, number])[] = [];
  for (let i = 0; i <= 8; i++) stroke.push(at(0.3 + (0.4 * i) / 8, 0.2));
  for (let i = 1; i <= 12; i++) stroke.push(at(0.7 - (0.25 * i) / 12, 0.2 + (0.65 * i) / 12));
  await touchDrag(page, stroke);
  expect(await page.evaluate(() => window.scrollY)).toBe(scrollBefore);
  await expect(page.getByText('Draw a digit here')).toBeHidden();
  await expect(page.getByRole('status', { name: 'Prediction' })).toHaveText(/^[0-9]$/);
  await page.screenshot({ path: testInfo.outputPath('phone-drawn.png') });

  // Charts and every section fit the width: no sideways scrolling anywhere.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  expect(await smallControls(page)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('phone-full.png'), fullPage: true });
});

test('on a phone the Korean page fits the width and keeps its targets large', async ({ page }, testInfo) => {
  await page.goto('/?lang=ko');
  await expect(page.getByRole('status', { name: '놀이터 상태' })).toContainText('GPU:');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  expect(await smallControls(page)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('phone-ko.png') });
  await page.screenshot({ path: testInfo.outputPath('phone-ko-full.png'), fullPage: true });
});
