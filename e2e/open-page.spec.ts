// A first visit: the page names the GPU adapter, loads its data, says what to
// do, and asks nothing of any other origin.
import { expect, test } from '@playwright/test';
import { openPlayground, screenshot } from './helpers.ts';

test('opens ready to train, names the adapter and stays on its own origin', async ({ page, baseURL }, testInfo) => {
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));

  await openPlayground(page);

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('WebGPU training playground');
  for (const title of ['1. Set up', '2. Train', '3. Draw', '4. Results', '5. Compare optimizers', '6. Save and load']) {
    await expect(page.getByRole('heading', { name: title })).toBeVisible();
  }
  const facts = page.getByRole('status', { name: 'Playground status' });
  await expect(facts).toContainText(/GPU: \S+/);
  await expect(facts).toContainText('60,000 training and 10,000 test images loaded');
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled();
  await expect(page.getByRole('status', { name: 'Training status' })).toContainText('Ready');
  await expect(page.getByLabel('Dataset', { exact: true })).toHaveValue('mnist');
  await expect(page.getByLabel('Preset', { exact: true })).toHaveValue('mnist-mlp-adam');
  // The Draw section says which model answers (the pretrained one, or that there is none yet).
  await expect(page.getByText(/pretrained/).first()).toBeVisible();
  await screenshot(page, testInfo, 'open-page');

  const origin = new URL(baseURL!).origin;
  const foreign = requests.filter((url) => !url.startsWith('data:') && !url.startsWith('blob:') && new URL(url).origin !== origin);
  expect(foreign).toEqual([]);
  // The data really came from this origin (the worker fetches it).
  expect(requests.some((url) => url.includes('/data/mnist/train-images-idx3-ubyte.gz'))).toBe(true);
});
