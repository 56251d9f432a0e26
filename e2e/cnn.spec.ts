// A convolutional network in the page: the mnist-cnn preset trains, answers
// the drawing while it trains, saves with its Sequential's names, and shows what its convolutions see (feature
// maps per block, under "Feature maps" in "Layer activations") and what its
// first convolution has learned (under "Filters" in "First-layer weights").
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { parseSafetensors } from '../src/engine/safetensors.ts';
import { drawSeven } from './draw-helpers.ts';
import { openPlayground, screenshot } from './helpers.ts';

test('mnist-cnn trains, answers drawings and shows its layer activations and first-layer filters', async ({ page }, testInfo) => {
  // A CNN's kernels take SwiftShader several seconds each to compile when the session is set up.
  test.setTimeout(300_000);
  await openPlayground(page);
  await page.getByLabel('Preset', { exact: true }).selectOption('mnist-cnn');
  await expect(page.getByLabel('Block 2 channels', { exact: true })).toHaveValue('64');
  await expect(page.getByText(/1×28×28 → 32×28×28 → 32×14×14 → 64×14×14 → 64×7×7 → 3136 → 10/)).toBeVisible();
  // A few steps on 1,000 images, and enough epochs to still be running while we draw.
  await page.getByLabel('Training images', { exact: true }).selectOption('1000');
  await page.getByLabel('Epochs', { exact: true }).fill('500');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByText(/Answering: the model you are training now \(MNIST 784-c32-c64-10\)/)).toBeVisible({ timeout: 180_000 });

  await drawSeven(page);
  // Answers come between training steps, and a CNN's steps are slow on SwiftShader.
  await expect(page.getByRole('status', { name: 'Prediction' })).toHaveText(/^[0-9]$/, { timeout: 120_000 });
  // Each convolution block after its ReLU (layers 0–1, 3–4), each pooling (2, 5), and the output's 10 logits as bars.
  const view = page.getByRole('region', { name: 'Layer activations' });
  const maps = view.getByRole('region', { name: 'Feature maps' });
  await expect(maps.getByRole('img', { name: /^Layer 1, Conv2d\(1, 32, .*\), ReLU\(\): 32×28×28$/ })).toHaveAttribute('data-count', '32', { timeout: 120_000 });
  await expect(maps.getByRole('img', { name: /^Layer 2, MaxPool2d\(.*\): 32×14×14$/ })).toHaveAttribute('data-count', '32');
  await expect(maps.getByRole('img', { name: /^Layer 4, Conv2d\(32, 64, .*\), ReLU\(\): 64×14×14$/ })).toHaveAttribute('data-count', '64');
  await expect(maps.getByRole('img', { name: /^Layer 5, MaxPool2d\(.*\): 64×7×7$/ })).toHaveAttribute('data-count', '64');
  await expect(maps.getByRole('img')).toHaveCount(4);
  await expect(view.getByRole('img', { name: /^Layer 7: 10 units, from / })).toHaveAttribute('data-values', /^\S+( \S+){9}$/);
  const filters = page.getByRole('region', { name: 'First-layer weights' }).getByRole('region', { name: 'Filters' });
  await expect(filters.getByRole('img', { name: /: its 32 filters, weights from / })).toHaveAttribute('data-count', '32', { timeout: 120_000 });
  await screenshot(page, testInfo, 'cnn');

  // Saved while it trains: the names and shapes of the Sequential, which PyTorch's load_state_dict takes.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save model', exact: true }).click()]);
  const file = parseSafetensors(new Uint8Array(readFileSync(await download.path())), download.suggestedFilename());
  expect(Object.fromEntries([...file.tensors].map(([name, t]) => [name, t.shape]))).toEqual({
    '0.weight': [32, 1, 3, 3],
    '0.bias': [32],
    '3.weight': [64, 32, 3, 3],
    '3.bias': [64],
    '7.weight': [10, 3136],
    '7.bias': [10],
  });
  expect(file.metadata.dataset).toBe('mnist');
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
});
