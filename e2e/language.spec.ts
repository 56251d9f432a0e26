// The page in Korean: the switch, Korean names for the same controls, the
// choice kept across a reload, ?lang=ko in the address, and a bad ?lang value
// ignored with a notice. The browser itself is English (playwright.config.ts).
import { expect, test, type Page } from '@playwright/test';
import { openPlayground, screenshot } from './helpers.ts';

// By accessible name: a Korean label's English gloss (학습률 learning rate) is left out of it.
const setup = (page: Page) => page.getByRole('region', { name: '1. 설정' });
const textbox = (page: Page, name: string) => setup(page).getByRole('textbox', { name, exact: true });
const select = (page: Page, name: string) => setup(page).getByRole('combobox', { name, exact: true });

/** Waits until the Korean page names the adapter and has its data. */
async function koreanReady(page: Page): Promise<void> {
  const facts = page.getByRole('status', { name: '놀이터 상태' });
  await expect(facts).toContainText('GPU:');
  await expect(facts).toContainText('불러왔습니다');
}

test('the switch puts the page in Korean, and a reload keeps it', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openPlayground(page);
  await screenshot(page, testInfo, 'page-en');

  await page.getByLabel('Language', { exact: true }).selectOption('ko');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('WebGPU 학습 놀이터');
  for (const title of ['1. 설정', '2. 학습', '3. 그리기', '4. 결과', '5. 옵티마이저 비교', '6. 저장과 불러오기']) {
    await expect(page.getByRole('heading', { name: title })).toBeVisible();
  }
  await expect(page.getByRole('button', { name: '학습 시작', exact: true })).toBeEnabled();
  await expect(textbox(page, '학습률')).toHaveValue('0.001');
  await expect(textbox(page, '배치 크기')).toHaveValue('1000');
  await expect(page.getByRole('status', { name: '학습 상태' })).toContainText('준비 완료');
  await expect(page.getByRole('status', { name: '놀이터 상태' })).toContainText('학습 이미지 60,000개와 테스트 이미지 10,000개를 불러왔습니다');
  await expect(page.getByText(/사전 학습된 MNIST/).first()).toBeVisible();

  // A bad value is explained beside the field, in Korean.
  await textbox(page, '학습률').fill('-0.5');
  await expect(textbox(page, '학습률')).toHaveAccessibleDescription(/학습률은 0보다 큰 유한한 수여야 합니다. 입력값: -0.5/);
  await expect(page.getByRole('button', { name: '학습 시작', exact: true })).toBeDisabled();
  await textbox(page, '학습률').fill('0.001');
  // The learning rate's explanation, on demand, tied to its field.
  await setup(page).getByRole('button', { name: '학습률 설명' }).click();
  await expect(textbox(page, '학습률')).toHaveAccessibleDescription(/한 단계에서 가중치를 얼마나 크게 움직일지 정합니다/);
  await screenshot(page, testInfo, 'page-ko');

  await page.reload();
  await koreanReady(page);
  await expect(page.getByLabel('언어', { exact: true })).toHaveValue('ko');
  await expect(page.getByRole('button', { name: '학습 시작', exact: true })).toBeVisible();

  // And back: the English names the other specs use.
  await page.getByLabel('언어', { exact: true }).selectOption('en');
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});

test('?lang=ko opens the page in Korean, and a run speaks Korean', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/?lang=ko');
  await koreanReady(page);
  await select(page, '데이터셋').selectOption('blobs');
  await expect(select(page, '프리셋')).toHaveValue('blobs-xor');
  await textbox(page, '에폭').fill('20');
  await page.getByRole('button', { name: '학습 시작', exact: true }).click();
  const status = page.getByRole('status', { name: '학습 상태' });
  await expect(status).toContainText(/완료: 20단계 학습 후 테스트 정확도 \d+\.\d%/, { timeout: 60_000 });
  await expect(page.getByRole('img', { name: '손실 그래프' })).toHaveAttribute('data-points', /^[1-9]/);
  await expect(page.getByRole('img', { name: '정확도 그래프' })).toHaveAttribute('data-points', '20');
  await expect(page.getByRole('img', { name: '손실 그래프' }).locator('.recharts-legend-item')).toHaveText(['학습 손실', '이동 평균', '테스트 손실(에폭마다)']);
  await expect(page.getByRole('img', { name: '결정 경계' })).toBeVisible();
  await screenshot(page, testInfo, 'trained-ko');
});

test('a divergence is explained in Korean, with the learning rate to try', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/?lang=ko');
  await koreanReady(page);
  await select(page, '학습 이미지 수').selectOption('1000');
  await setup(page).getByRole('button', { name: '은닉층 2 삭제' }).click();
  await setup(page).getByRole('button', { name: '은닉층 1 삭제' }).click();
  await select(page, '옵티마이저').selectOption('sgd');
  await textbox(page, '학습률').fill('100000');
  await textbox(page, '배치 크기').fill('100');
  await textbox(page, '에폭').fill('5');
  await page.getByRole('button', { name: '학습 시작', exact: true }).click();
  const alert = page.getByRole('region', { name: '2. 학습' }).getByRole('alert');
  await expect(alert).toContainText('학습이 발산했습니다.', { timeout: 60_000 });
  await expect(alert).toContainText(/\d+단계에서 손실이 (폭발했습니다|무한대나 NaN이 되었습니다)/);
  await expect(alert).toContainText('학습률을 열 배 작게(10000)');
  await expect(page.getByRole('status', { name: '학습 상태' })).toContainText('학습이 발산했습니다');
  await screenshot(page, testInfo, 'diverged-ko');
});

test('a ?lang the page does not have is ignored with a notice', async ({ page }) => {
  await page.goto('/?lang=xx');
  await expect(page.getByRole('status', { name: 'Playground status' })).toContainText('GPU:');
  await expect(page.getByText(/asks for the language “xx”/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeVisible();
});
