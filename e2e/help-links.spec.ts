// A setting's help ends with a link to the lesson step that shows it: the
// help of "Learning rate" opened, its link followed, and the Lessons panel
// open at "A learning rate too large" (lesson 5, step 2), in English and in Korean.
import { expect, test } from '@playwright/test';
import { openPlayground, screenshot } from './helpers.ts';

test.beforeEach(async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1440, height: 900 });
});

test('the help of Learning rate links to the lesson step that shows it', async ({ page }, testInfo) => {
  await openPlayground(page);
  await page.getByRole('button', { name: 'About Learning rate' }).click();
  const link = page.getByRole('link', { name: 'See it in a lesson: 5. Optimising the model’s parameters, step 2' });
  await expect(link).toBeVisible();
  // A real link: it names the step's address, so it also opens in a new tab.
  const href = new URL((await link.getAttribute('href'))!);
  expect(href.searchParams.get('lesson')).toBe('optimization');
  expect(href.searchParams.get('step')).toBe('2');
  await screenshot(page, testInfo, 'help-lr-en');

  await link.click();
  const panel = page.getByRole('complementary', { name: 'Lessons' });
  await expect(panel).toBeVisible();
  await expect(panel.getByRole('heading', { name: 'A learning rate too large' })).toBeVisible();
  await expect(panel.getByRole('button', { name: 'Step 2: A learning rate too large' })).toHaveAttribute('aria-current', 'step');
  // No reload: the click opened the panel, and the address follows the step.
  await expect(page).toHaveURL(/[?&]lesson=optimization/);
  await expect(page).toHaveURL(/[?&]step=2/);
  await screenshot(page, testInfo, 'help-lr-lesson-en');
});

test('a checkbox setting has its help and lesson link too: Random horizontal flips', async ({ page }) => {
  await openPlayground(page);
  const setup = page.getByRole('region', { name: '1. Set up' });
  await setup.getByRole('button', { name: 'About Random horizontal flips' }).click();
  await expect(setup.getByLabel('Random horizontal flips', { exact: true })).toHaveAccessibleDescription(/mirror/i);
  await setup.getByRole('link', { name: 'See it in a lesson: 4. A deep network for Fashion-MNIST, step 3' }).click();
  const panel = page.getByRole('complementary', { name: 'Lessons' });
  await expect(panel.getByRole('heading', { name: 'Dropout and random flips' })).toBeVisible();
});

test('in Korean, the link names the step in Korean', async ({ page }) => {
  await page.goto('/?lang=ko');
  const facts = page.getByRole('status', { name: '놀이터 상태' });
  await expect(facts).toContainText('GPU');
  await page.getByRole('region', { name: '설정' }).getByRole('button', { name: '학습률 설명', exact: true }).click();
  const link = page.getByRole('link', { name: /^학습 과정에서 보기: .+ 2단계$/ });
  await expect(link).toBeVisible();
  await link.click();
  await expect(page.getByRole('complementary', { name: '학습 과정' })).toBeVisible();
  await expect(page).toHaveURL(/[?&]lesson=optimization/);
});
