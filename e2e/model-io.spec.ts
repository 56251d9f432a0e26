// Save the model as .safetensors (a file PyTorch loads), load PyTorch's own
// file, and find the current model again after a reload.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { parseSafetensors } from '../src/engine/safetensors.ts';
import { readTorchFile } from '../src/engine/torch-file/torch-file.ts';
import { chooseShortBlobsRun, openPlayground, screenshot } from './helpers.ts';

const torchFile = new URL('../test/fixtures/torch/mnist-linear-sgd.init.safetensors', import.meta.url).pathname;
// The Fashion tutorial's Net (fc1, fc2, fc3) as torch.save(model.state_dict(), PATH) wrote it (scripts/torch/make_pt_fixtures.py).
const tutorialNet = new URL('../test/fixtures/pt/fashion-net.pt', import.meta.url).pathname;

test('Save model downloads a safetensors file with the architecture in its metadata', async ({ page }, testInfo) => {
  await openPlayground(page);
  await chooseShortBlobsRun(page, 20);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByRole('status', { name: 'Training status' })).toContainText('Done');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save model', exact: true }).click()]);
  expect(download.suggestedFilename()).toBe('blobs-2-5-1.safetensors');
  const file = parseSafetensors(new Uint8Array(readFileSync(await download.path())), download.suggestedFilename());
  expect([...file.tensors.keys()].sort()).toEqual(['0.bias', '0.weight', '2.bias', '2.weight']);
  expect(file.tensors.get('0.weight')!.shape).toEqual([5, 2]);
  expect(file.metadata.format).toBe('webgpu-training-playground');
  expect(file.metadata.torch).toBe('nn.Sequential(Linear(2, 5), ReLU(), Linear(5, 1), Sigmoid())');
  expect(file.metadata.dataset).toBe('blobs');
  await expect(page.getByText('Saved blobs-2-5-1.safetensors')).toBeVisible();
  await screenshot(page, testInfo, 'model-saved');

  // The trained model is kept by the browser, with the settings it was trained with.
  await page.reload();
  const panel = page.getByRole('region', { name: '6. Save and load' });
  await expect(panel.getByText('your model from your last visit, kept by this browser')).toBeVisible();
  await expect(panel.getByText('nn.Sequential(Linear(2, 5), ReLU(), Linear(5, 1), Sigmoid())', { exact: true })).toBeVisible();
  await expect(page.getByLabel('Dataset', { exact: true })).toHaveValue('blobs');
});

test('Load model takes a PyTorch file, and the model survives a reload', async ({ page }, testInfo) => {
  await openPlayground(page);
  await page.getByLabel('Load model', { exact: true }).setInputFiles(torchFile);

  const panel = page.getByRole('region', { name: '6. Save and load' });
  await expect(panel.getByText('Loaded mnist-linear-sgd.init.safetensors')).toBeVisible();
  await expect(panel.getByText('nn.Sequential(Linear(784, 10))', { exact: true })).toBeVisible();
  await expect(panel.getByText(/read from its tensor names and shapes/)).toBeVisible();
  await expect(page.getByText('Answering: the model loaded from mnist-linear-sgd.init.safetensors (MNIST 784-10).')).toBeVisible();
  await screenshot(page, testInfo, 'model-loaded');

  // A file that is not safetensors is refused with a message, and the loaded model stays.
  await page.getByLabel('Load model', { exact: true }).setInputFiles({ name: '<b>notes</b>.safetensors', mimeType: 'text/plain', buffer: Buffer.from('hello') });
  await expect(panel.getByRole('alert')).toContainText('<b>notes</b>.safetensors');
  await expect(panel.getByText('nn.Sequential(Linear(784, 10))', { exact: true })).toBeVisible();

  await page.reload();
  await expect(page.getByRole('status', { name: 'Playground status' })).toContainText('GPU:');
  await expect(panel.getByText('your model from your last visit, kept by this browser')).toBeVisible();
  await expect(panel.getByText('nn.Sequential(Linear(784, 10))', { exact: true })).toBeVisible();
});

test('Load model takes the tutorial’s own torch.save file, says how it read it, and Save as .pt gives PyTorch a state_dict', async ({ page }) => {
  await openPlayground(page);
  await page.getByLabel('Load model', { exact: true }).setInputFiles(tutorialNet);
  const panel = page.getByRole('region', { name: '6. Save and load' });
  await expect(panel.getByText('Loaded fashion-net.pt')).toBeVisible();
  await expect(panel.getByText('nn.Sequential(Linear(784, 256), ReLU(), Linear(256, 128), ReLU(), Linear(128, 10))', { exact: true })).toBeVisible();
  for (const line of ['fc1 → Linear(784, 256)', 'fc2 → Linear(256, 128)', 'fc3 → Linear(128, 10)']) {
    await expect(panel.getByText(line, { exact: true })).toBeVisible();
  }

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save as .pt', exact: true }).click()]);
  expect(download.suggestedFilename()).toBe('mnist-784-256-128-10.pt');
  const saved = readTorchFile(new Uint8Array(readFileSync(await download.path())), download.suggestedFilename());
  expect(saved.tensors.map((t) => `${t.name} [${t.shape.join(', ')}]`)).toEqual([
    '0.weight [256, 784]',
    '0.bias [256]',
    '2.weight [128, 256]',
    '2.bias [128]',
    '4.weight [10, 128]',
    '4.bias [10]',
  ]);
  await expect(panel.getByText('ReLU: the file cannot say which, so the one chosen in the setup is used.', { exact: false })).toBeVisible();

  // The file cannot say its activation: read again with Sigmoid chosen, it has Sigmoid between its layers.
  await page.getByLabel('Activation', { exact: true }).selectOption('sigmoid');
  await page.getByLabel('Load model', { exact: true }).setInputFiles(tutorialNet);
  await expect(panel.getByText('nn.Sequential(Linear(784, 256), Sigmoid(), Linear(256, 128), Sigmoid(), Linear(128, 10))', { exact: true })).toBeVisible();
  await expect(panel.getByText('Sigmoid: the file cannot say which, so the one chosen in the setup is used.', { exact: false })).toBeVisible();
});
