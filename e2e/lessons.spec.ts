// The Lessons panel as a learner uses it: a lesson followed from its first
// step to a reached goal (blobs, 20 epochs: quick on SwiftShader), in English
// and in Korean; progress kept across a reload; a step opened by its link,
// and a bad link ignored with a notice.
import { expect, test, type Page } from '@playwright/test';
import { openPlayground, screenshot } from './helpers.ts';

async function openInKorean(page: Page, query: string): Promise<void> {
  await page.goto(`/?lang=ko&${query}`);
  const facts = page.getByRole('status', { name: '놀이터 상태' });
  await expect(facts).toContainText('GPU');
  await expect(facts).toContainText('불러왔습니다');
}

// SwiftShader on a busy machine: building the model alone took 40 s here at load 16, the 20 epochs another 30.
const TRAINING = 180_000;

test.beforeEach(async ({ page }) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 1440, height: 900 });
});

test('a lesson followed from its first step to its goal, and the progress kept', async ({ page }, testInfo) => {
  await openPlayground(page);
  await page.getByRole('button', { name: 'Lessons', exact: true }).click();
  const panel = page.getByRole('complementary', { name: 'Lessons' });
  await expect(panel).toBeVisible();
  await screenshot(page, testInfo, 'lessons-list-en');
  await panel.getByRole('button', { name: '3. An artificial neural network on blobs' }).click();
  await expect(panel.getByRole('heading', { name: 'The data, the network and the loss before training' })).toBeVisible();
  await expect(panel.getByRole('button', { name: 'Step 1: The data, the network and the loss before training' })).toHaveAttribute('aria-current', 'step');

  await panel.getByRole('button', { name: 'Set up this step' }).click();
  await expect(page.getByLabel('Preset', { exact: true })).toHaveValue('blobs-xor');
  await expect(page.getByLabel('Epochs', { exact: true })).toHaveValue('20');
  const goal = panel.getByRole('status', { name: 'Goal' });
  await expect(goal).toContainText('Not yet');

  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(goal).toContainText('Reached', { timeout: TRAINING });
  const table = panel.getByRole('table', { name: 'PyTorch beside your run' });
  await expect(table).toContainText('test loss 0.650');
  await expect(table).toContainText(/test loss 0\.\d{3}, after epoch 20 of 20/);
  await expect(panel.getByRole('button', { name: 'Step 1: The data, the network and the loss before training (reached)' })).toBeVisible();
  // The training stays in view beside the panel.
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeInViewport();
  await expect(page.getByRole('img', { name: 'Loss chart' })).toBeInViewport();
  await page.screenshot({ path: testInfo.outputPath('lessons-step-en.png') });

  await panel.getByRole('button', { name: 'Next step' }).click();
  await expect(panel.getByRole('heading', { name: 'Train the 2,000 epochs' })).toBeVisible();
  // The address follows the step (app/url-state.ts, with lesson-link.ts's writeLessonLink), so a reload opens it.
  await expect(page).toHaveURL(/lesson=blobs&step=2/);
  await page.reload();
  await expect(panel.getByRole('heading', { name: 'Train the 2,000 epochs' })).toBeVisible();

  // Back on a plain visit: the step kept in storage, behind the button, the reached step still marked.
  await page.goto('/');
  await expect(panel).toBeHidden();
  await page.getByRole('button', { name: 'Lessons', exact: true }).click();
  await expect(panel.getByRole('heading', { name: 'Train the 2,000 epochs' })).toBeVisible();
  await expect(panel.getByRole('button', { name: 'Step 1: The data, the network and the loss before training (reached)' })).toBeVisible();
  await panel.getByRole('button', { name: '← All lessons' }).click();
  await expect(panel.getByRole('listitem').filter({ hasText: 'blobs' })).toContainText('1 of 3 steps reached');
});

test('the same lesson in Korean, opened by its link', async ({ page }, testInfo) => {
  await openInKorean(page, 'lesson=blobs&step=1');
  const panel = page.getByRole('complementary', { name: '학습 과정' });
  await expect(panel.getByRole('heading', { name: '데이터, 신경망, 학습 전의 손실' })).toBeVisible();
  await panel.getByRole('button', { name: '이 단계 설정하기' }).click();
  await expect(panel).toContainText('설정했습니다. 이제 학습 시작을 누르세요.');
  const goal = panel.getByRole('status', { name: '목표' });
  await expect(goal).toContainText('아직입니다');
  await page.getByRole('button', { name: '학습 시작', exact: true }).click();
  await expect(goal).toContainText('달성', { timeout: TRAINING });
  await expect(panel.getByRole('table')).toContainText(/20에폭 중 20에폭 후/);
  await page.screenshot({ path: testInfo.outputPath('lessons-step-ko.png') });
  await panel.getByRole('button', { name: '← 전체 과정' }).click();
  await page.screenshot({ path: testInfo.outputPath('lessons-list-ko.png') });
});

test('a step opened by its link, and bad links ignored with a notice', async ({ page }, testInfo) => {
  await page.goto('/?lesson=optimization&step=2');
  const panel = page.getByRole('complementary', { name: 'Lessons' });
  await expect(panel.getByRole('heading', { name: 'A learning rate too large' })).toBeVisible();
  await expect(panel).toContainText('Step 2 of 5');
  await expect(panel.locator('code').first()).toContainText('torch.optim.SGD(model.parameters(), lr=100)');
  await page.screenshot({ path: testInfo.outputPath('lessons-link-en.png') });

  await page.goto('/?lesson=blobs&step=9');
  await expect(panel.getByRole('status').first()).toContainText('The link asks for step “9”');
  await expect(panel).toContainText('Step 1 of 3');

  await openInKorean(page, 'lesson=%3Cb%3Enope');
  const korean = page.getByRole('complementary', { name: '학습 과정' });
  await expect(korean).toContainText('링크가 가리키는 “<b>nope” 과정은 없습니다.');
  await expect(korean.getByRole('button', { name: '1. MNIST를 분류하는 선형 모델' })).toBeVisible();
});
