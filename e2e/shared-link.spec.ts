// A shared link: the setup chosen in one page opens in another (a fresh
// browser, so nothing kept in storage helps), "Copy link" copies it, and a
// hostile address is refused field by field with a notice and a working page.
import { expect, test, type Page } from '@playwright/test';
import { fillField, openPlayground, screenshot } from './helpers.ts';

async function openKorean(page: Page, address: string): Promise<void> {
  await page.goto(address);
  await expect(page.getByRole('status', { name: '놀이터 상태' })).toContainText('GPU:');
}

test('a link opens the same setup, in the same language, in a new browser', async ({ page, browser }, testInfo) => {
  await openPlayground(page);
  // The setup's own fields (Compare has a Learning rate and a Momentum too).
  const setup = page.getByRole('region', { name: '1. Set up' });
  const fill = (label: string, value: string) => setup.getByLabel(label, { exact: true }).fill(value);
  await setup.getByLabel('Optimizer', { exact: true }).selectOption('sgd');
  await fill('Learning rate', '0.05');
  await fill('Momentum', '0.9');
  await setup.getByLabel('Learning-rate schedule', { exact: true }).selectOption('step');
  await fill('Every (epochs)', '2');
  await fill('Multiply by (gamma)', '0.5');
  await fill('Batch size', '64');
  await fill('Epochs', '4');
  await fill('Seed', '42');
  await setup.getByRole('button', { name: 'Remove hidden layer 2' }).click();
  await fill('Hidden layer 1 units', '128');
  await setup.getByLabel('Activation', { exact: true }).selectOption('sigmoid');
  await fill('Dropout', '0.2');
  await setup.getByLabel('Random horizontal flips', { exact: true }).check();
  await setup.getByLabel('Training images', { exact: true }).selectOption('1000');
  await setup.getByRole('button', { name: 'Add convolution block' }).click();
  await fill('Block 1 channels', '8');
  // Typing changes the address in place: no new entry in the back button's history.
  const entries = await page.evaluate(() => history.length);
  const lr = setup.getByLabel('Learning rate', { exact: true });
  await lr.press('End');
  await lr.pressSequentially('5');
  await expect(page).toHaveURL(/[?&]lr=0\.055(&|$)/);
  expect(await page.evaluate(() => history.length)).toBe(entries);
  await page.getByLabel('Language').selectOption('ko');
  await expect(page).toHaveURL(/[?&]lang=ko(&|$)/);
  const link = page.url();
  expect(link).toMatch(/hidden=128&act=sigmoid&dropout=0\.2&flip=1/);
  expect(link).toMatch(/conv=8x3p1m&lr=0\.055&momentum=0\.9&schedule=step_2_0\.5&batch=64&epochs=4&train=1000&seed=42/);

  const context = await browser.newContext({ locale: 'en-US' });
  const other = await context.newPage();
  await openKorean(other, link);
  // By accessible name: a Korean label also shows the English term, which screen readers skip.
  const form = other.getByRole('region', { name: '1. 설정' });
  await expect(form.getByRole('combobox', { name: '옵티마이저', exact: true })).toHaveValue('sgd');
  await expect(form.getByRole('textbox', { name: '학습률', exact: true })).toHaveValue('0.055');
  await expect(form.getByRole('textbox', { name: '모멘텀', exact: true })).toHaveValue('0.9');
  await expect(form.getByRole('combobox', { name: '학습률 스케줄', exact: true })).toHaveValue('step');
  await expect(form.getByRole('textbox', { name: '감소 간격(에폭)', exact: true })).toHaveValue('2');
  await expect(form.getByRole('textbox', { name: '감소 비율', exact: true })).toHaveValue('0.5');
  await expect(form.getByRole('textbox', { name: '배치 크기', exact: true })).toHaveValue('64');
  await expect(form.getByRole('textbox', { name: '에폭', exact: true })).toHaveValue('4');
  await expect(form.getByRole('textbox', { name: '시드', exact: true })).toHaveValue('42');
  await expect(form.getByRole('textbox', { name: '은닉층 1 노드 수', exact: true })).toHaveValue('128');
  await expect(form.getByRole('textbox', { name: '은닉층 2 노드 수', exact: true })).toHaveCount(0);
  await expect(form.getByRole('combobox', { name: '활성화 함수', exact: true })).toHaveValue('sigmoid');
  await expect(form.getByRole('textbox', { name: '드롭아웃', exact: true })).toHaveValue('0.2');
  await expect(form.getByRole('checkbox', { name: '무작위 좌우 뒤집기' })).toBeChecked();
  await expect(form.getByRole('combobox', { name: '학습 이미지 수', exact: true })).toHaveValue('1000');
  await expect(form.getByRole('list', { name: '합성곱 블록' }).getByRole('listitem')).toHaveCount(1);
  await expect(other.getByRole('status', { name: '링크에서 쓰지 않은 값' })).toHaveCount(0);
  // The page it opened keeps the same address, so its own link is the same one.
  expect(new URL(other.url()).search).toBe(new URL(link).search);
  await screenshot(other, testInfo, 'shared-link-ko');
  await context.close();
});

test('Copy link puts the address on the clipboard, or selects it when the browser refuses', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'en-US', permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await context.newPage();
  await openPlayground(page);
  await fillField(page, 'Seed', '7');
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Link copied' })).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(page.url());
  expect(copied).toMatch(/[?&]seed=7(&|$)/);
  await context.close();

  const refusing = await browser.newContext({ locale: 'ko-KR' });
  const refused = await refusing.newPage();
  await refused.addInitScript(() => {
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: () => Promise.reject(new DOMException('denied', 'NotAllowedError')) } });
  });
  await openKorean(refused, '/');
  await refused.getByRole('button', { name: '링크 복사' }).click();
  await expect(refused.getByRole('alert').filter({ hasText: '브라우저가 복사를 허용하지 않았습니다' })).toBeVisible();
  const field = refused.getByRole('textbox', { name: '이 설정의 링크' });
  await expect(field).toHaveValue(refused.url());
  await expect(field).toBeFocused();
  expect(await field.evaluate((input: HTMLInputElement) => [input.selectionStart, input.selectionEnd, input.value.length])).toEqual([0, refused.url().length, refused.url().length]);
  await refusing.close();
});

test('a hostile link is refused field by field, with a notice, on a working page', async ({ page, browser }, testInfo) => {
  // The defaults, from a page opened without a link.
  await openPlayground(page);
  const setup = page.getByRole('region', { name: '1. Set up' });
  const defaults = {
    lr: await setup.getByLabel('Learning rate', { exact: true }).inputValue(),
    batch: await setup.getByLabel('Batch size', { exact: true }).inputValue(),
    dataset: await setup.getByLabel('Dataset', { exact: true }).inputValue(),
  };

  const context = await browser.newContext({ locale: 'en-US' });
  const hostile = await context.newPage();
  const errors: string[] = [];
  hostile.on('pageerror', (error) => errors.push(error.message));
  await hostile.goto('/?lr=abc&batch=-5&dataset=<script>alert(1)</script>&epochs=2');
  await expect(hostile.getByRole('status', { name: 'Playground status' })).toContainText('GPU:');
  const notices = hostile.getByRole('status', { name: 'Values from the link that were not used' });
  await expect(notices.getByRole('listitem')).toHaveCount(3);
  await expect(notices).toContainText('Dataset: the link’s value “<script>alert(1)</script>” was not used, so the form shows the default.');
  await expect(notices).toContainText('Learning rate: the link’s value “abc” was not used');
  await expect(notices).toContainText('Learning rate must be a positive finite number, got abc');
  await expect(notices).toContainText('Batch size: the link’s value “-5” was not used');
  const hostileSetup = hostile.getByRole('region', { name: '1. Set up' });
  await expect(hostileSetup.getByLabel('Learning rate', { exact: true })).toHaveValue(defaults.lr);
  await expect(hostileSetup.getByLabel('Batch size', { exact: true })).toHaveValue(defaults.batch);
  await expect(hostileSetup.getByLabel('Dataset', { exact: true })).toHaveValue(defaults.dataset);
  // The field the link got right is taken.
  await expect(hostileSetup.getByLabel('Epochs', { exact: true })).toHaveValue('2');
  // A working page: nothing ran from the address, the run can start, and the address now says what the page shows.
  await expect(hostile.locator('script', { hasText: 'alert(1)' })).toHaveCount(0);
  await expect(hostile.getByRole('button', { name: 'Train', exact: true })).toBeEnabled();
  await expect(hostile).toHaveURL(new RegExp(`[?&]lr=${defaults.lr.replace('.', '\\.')}&`));
  await screenshot(hostile, testInfo, 'hostile-link');
  await notices.getByRole('button', { name: 'Dismiss' }).click();
  await expect(notices).toHaveCount(0);
  expect(errors).toEqual([]);

  // In Korean, the same notices in Korean.
  const korean = await context.newPage();
  await openKorean(korean, '/?lang=ko&lr=abc&hidden=999999');
  const koNotices = korean.getByRole('status', { name: '링크에서 쓰지 않은 값' });
  await expect(koNotices).toContainText('학습률: 링크에 있던 값 “abc” 대신 기본값을 넣었습니다.');
  await expect(koNotices).toContainText('은닉층: 링크에 있던 값 “999999” 대신 기본값을 넣었습니다.');
  await expect(koNotices).toContainText('노드 수는 1부터 4096까지의 정수여야 합니다. 입력값: 999999');
  await screenshot(korean, testInfo, 'hostile-link-ko');
  await context.close();
});

test('the lesson step goes into the link beside the setup, and the link opens it', async ({ page, browser }) => {
  await openPlayground(page);
  await page.getByRole('button', { name: 'Lessons', exact: true }).click();
  const panel = page.getByRole('complementary');
  await panel.getByRole('button', { name: '2. Hidden layers and Adam' }).click();
  await panel.getByRole('button', { name: 'Next step' }).click();
  await expect(panel).toContainText('Step 2 of 3');
  await expect(page).toHaveURL(/[?&]lesson=mnist-mlp&step=2(&|$)/);
  await fillField(page, 'Seed', '5');
  // A setup change keeps the step; moving on changes it.
  await expect(page).toHaveURL(/[?&]seed=5&.*lesson=mnist-mlp&step=2/);
  const link = page.url();

  const context = await browser.newContext({ locale: 'en-US' });
  const other = await context.newPage();
  await other.goto(link);
  await expect(other.getByRole('complementary')).toContainText('Step 2 of 3');
  await expect(other.getByRole('region', { name: '1. Set up' }).getByLabel('Seed', { exact: true })).toHaveValue('5');
  await context.close();
});
