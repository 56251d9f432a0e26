// A run saved as a checkpoint file while paused, then resumed from the file in
// a fresh page: the settings come back into the form and the run waits paused
// at the saved step, then trains on. The file is the CLI's --checkpoint format.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { decodeRunCheckpoint } from '../src/train/run-checkpoint.ts';
import { chooseShortBlobsRun, fillField, openPlayground } from './helpers.ts';

test('a paused run saved as a checkpoint goes on from it in a fresh page', async ({ page }) => {
  await openPlayground(page);
  await chooseShortBlobsRun(page, 3000);
  await fillField(page, 'Learning rate', '0.05');
  const status = page.getByRole('status', { name: 'Training status' });
  const save = page.getByRole('button', { name: 'Save run checkpoint', exact: true });
  await expect(save).toBeDisabled();
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(status).toContainText('Training…');
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(status).toContainText(/Paused after step \d+/);
  const step = Number(/Paused after step (\d+)/.exec((await status.textContent()) ?? '')![1]);

  const [download] = await Promise.all([page.waitForEvent('download'), save.click()]);
  expect(download.suggestedFilename()).toBe(`blobs-run-step${step}.safetensors`);
  await expect(status).toContainText(`Saved blobs-run-step${step}.safetensors: the run after step ${step}.`);
  const file = await download.path();
  const checkpoint = decodeRunCheckpoint(new Uint8Array(readFileSync(file)), 'checkpoint');
  expect(checkpoint.state.steps).toBe(step);
  expect(JSON.parse(checkpoint.config)).toMatchObject({ dataset: 'blobs', epochs: 3000, optimizer: { lr: 0.05 } });

  // A fresh page, back on the defaults.
  await page.evaluate(() => localStorage.clear());
  await openPlayground(page);
  await page.getByLabel('Dataset', { exact: true }).selectOption('mnist');
  await page.getByLabel('Resume from checkpoint', { exact: true }).setInputFiles({ name: 'run.safetensors', mimeType: 'application/octet-stream', buffer: readFileSync(file) });
  await expect(status).toContainText(`Resumed run.safetensors: `);
  await expect(status).toContainText(`steps were done, and the curves start here. Paused after step ${step}.`);
  await expect(page.getByLabel('Dataset', { exact: true })).toHaveValue('blobs');
  await expect(page.getByLabel('Learning rate', { exact: true })).toHaveValue('0.05');
  await expect(page.getByLabel('Epochs', { exact: true })).toHaveValue('3000');
  const progress = page.getByRole('progressbar', { name: 'Training progress' });
  await expect(progress).toHaveAttribute('value', String(step));

  await page.getByRole('button', { name: 'Resume', exact: true }).click();
  await expect.poll(async () => Number(await progress.getAttribute('value'))).toBeGreaterThan(step + 10);
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
});

test('a weights file chosen as a run checkpoint is refused, naming what it is', async ({ page }) => {
  await openPlayground(page);
  await page.getByLabel('Resume from checkpoint', { exact: true }).setInputFiles('test/fixtures/torch/mnist-linear-sgd.init.safetensors');
  await expect(page.getByRole('status', { name: 'Training status' })).toContainText(
    'mnist-linear-sgd.init.safetensors holds a model’s weights, not a run: Load model, in Save and load, reads it.',
  );
});
