// One screen at 1440×900: the settings, the train controls, the live curves
// and the drawing pad are all in the window without scrolling, in English and
// in Korean, and they stay there with the Lessons panel open beside them.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { openPlayground, screenshot } from './helpers.ts';

test.use({ viewport: { width: 1440, height: 900 } });

const names = {
  en: { setup: '1. Set up', train: 'Train', loss: 'Loss chart', pad: 'Drawing pad', lessons: 'Lessons', results: '4. Results' },
  ko: { setup: '1. 설정', train: '학습 시작', loss: '손실 그래프', pad: '그림판', lessons: '학습 과정', results: '4. 결과' },
} as const;

async function expectInWindow(page: Page, what: Locator, label: string): Promise<void> {
  const box = await what.boundingBox();
  expect(box, label).not.toBeNull();
  const { width, height } = page.viewportSize()!;
  expect(box!.x, `${label} left`).toBeGreaterThanOrEqual(0);
  expect(box!.y, `${label} top`).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width, `${label} right`).toBeLessThanOrEqual(width);
  expect(box!.y + box!.height, `${label} bottom`).toBeLessThanOrEqual(height);
}

async function expectFirstScreen(page: Page, language: keyof typeof names): Promise<void> {
  const n = names[language];
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  await expectInWindow(page, page.getByRole('region', { name: n.setup }), 'the settings form');
  await expectInWindow(page, page.getByRole('button', { name: n.train, exact: true }), 'the Train button');
  await expectInWindow(page, page.getByRole('img', { name: n.loss }), 'the loss chart');
  await expectInWindow(page, page.getByRole('img', { name: n.pad }), 'the drawing pad');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1440);
}

for (const language of ['en', 'ko'] as const) {
  test(`at 1440×900 the setup, the train controls, the curves and the pad are on one screen (${language})`, async ({ page }, testInfo) => {
    if (language === 'ko') {
      await page.goto('/?lang=ko');
      await expect(page.getByRole('status', { name: '놀이터 상태' })).toContainText('GPU:');
    } else {
      await openPlayground(page);
    }
    await expectFirstScreen(page, language);
    // The sections that need more room follow below the first screen.
    const results = await page.getByRole('region', { name: names[language].results }).boundingBox();
    expect(results!.y).toBeGreaterThanOrEqual(900 - 24);
    await page.screenshot({ path: testInfo.outputPath(`one-screen-${language}.png`) });

    // The Lessons panel opens beside them: nothing of the first screen leaves the window.
    await page.getByRole('button', { name: names[language].lessons, exact: true }).click();
    await expect(page.getByRole('complementary')).toBeVisible();
    await expectFirstScreen(page, language);
    await page.screenshot({ path: testInfo.outputPath(`one-screen-lessons-${language}.png`) });
    await screenshot(page, testInfo, `full-page-${language}`);
  });
}
