// The GPU device is lost (as when a driver restarts): the page says so, the
// worker opens a new device and rebuilds its models, a run in progress goes
// on from its last kept state, and the user goes on.
// The loss is caused through a dev-only test hook (window.__playgroundDebug).
import { expect, test, type Page } from '@playwright/test';
import { chooseShortBlobsRun, openPlayground } from './helpers.ts';

async function drawStroke(page: Page): Promise<void> {
  const pad = page.getByRole('img', { name: 'Drawing pad' });
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.25);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.7, box.y + box.height * 0.25, { steps: 8 });
  await page.mouse.move(box.x + box.width * 0.45, box.y + box.height * 0.8, { steps: 12 });
  await page.mouse.up();
}

test('after a lost GPU device the page recovers and trains again', async ({ page }) => {
  await openPlayground(page);
  await chooseShortBlobsRun(page, 20);
  const status = page.getByRole('status', { name: 'Training status' });
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(status).toContainText('Done', { timeout: 20_000 });

  await page.evaluate(() => (window as unknown as { __playgroundDebug: { loseDevice(): void } }).__playgroundDebug.loseDevice());
  await expect(page.getByRole('status', { name: 'GPU recovery' })).toContainText(/GPU device was lost .* and recovered/);
  await expect(page.getByRole('status', { name: 'Playground status' })).toContainText('GPU:');

  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(status).toContainText('Done', { timeout: 20_000 });

  // The blobs model takes no images: the rebuilt pretrained model answers drawings.
  await drawStroke(page);
  await expect(page.getByRole('status', { name: 'Prediction' })).toHaveText(/\d/);
});

test('a device lost mid-run goes on from the state it kept, on the new device', async ({ page }) => {
  await openPlayground(page);
  await chooseShortBlobsRun(page, 3000);
  const status = page.getByRole('status', { name: 'Training status' });
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(status).toContainText('Training…');
  // Paused, the run keeps its state at the step where it waits.
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(status).toContainText(/Paused after step \d+/);
  const step = Number(/Paused after step (\d+)/.exec((await status.textContent()) ?? '')![1]);
  expect(step).toBeGreaterThan(0);

  await page.evaluate(() => (window as unknown as { __playgroundDebug: { loseDevice(): void } }).__playgroundDebug.loseDevice());
  await expect(page.getByRole('status', { name: 'GPU recovery' })).toContainText(/lost .* and recovered/);
  await expect(status).toContainText(`the run went back to the state it kept after step ${step}, and goes on from there. Paused after step ${step}.`);
  await expect(page.getByRole('progressbar', { name: 'Training progress' })).toHaveAttribute('value', String(step));

  // And it trains on from there.
  await page.getByRole('button', { name: 'Resume', exact: true }).click();
  const progress = page.getByRole('progressbar', { name: 'Training progress' });
  await expect.poll(async () => Number(await progress.getAttribute('value'))).toBeGreaterThan(step + 10);
  await expect(status).toContainText('Training…');

  // Lost while it trains: the failed GPU work is not the run's error, and it goes on again.
  await page.evaluate(() => (window as unknown as { __playgroundDebug: { loseDevice(): void } }).__playgroundDebug.loseDevice());
  // Kept as it trained (at every epoch's end): a later step than the paused one it resumed from before.
  const resumedFrom = async () => Number(/went back to the state it kept after step (\d+), and goes on from there\. Training…/.exec((await status.textContent()) ?? '')?.[1] ?? 0);
  await expect.poll(resumedFrom).toBeGreaterThan(step);
  const resumedAt = await resumedFrom();
  await expect.poll(async () => Number(await progress.getAttribute('value'))).toBeGreaterThan(resumedAt + 10);
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await expect(status).not.toContainText('Training…');
});

test('a loaded model that answers drawings comes back on the new device', async ({ page }) => {
  await openPlayground(page);
  await page.getByLabel('Load model', { exact: true }).setInputFiles('test/fixtures/torch/mnist-linear-sgd.init.safetensors');
  const answering = page.getByText('Answering: the model loaded from mnist-linear-sgd.init.safetensors (MNIST 784-10).');
  await expect(answering).toBeVisible();

  await page.evaluate(() => (window as unknown as { __playgroundDebug: { loseDevice(): void } }).__playgroundDebug.loseDevice());
  await expect(page.getByRole('status', { name: 'GPU recovery' })).toContainText(/lost .* and recovered/);
  await expect(answering).toBeVisible();
  await drawStroke(page);
  await expect(page.getByRole('status', { name: 'Prediction' })).toHaveText(/\d/);
});
