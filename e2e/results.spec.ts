// After an epoch on images: the confusion matrix and the test images the model got wrong.
import { expect, test } from '@playwright/test';
import { openPlayground, screenshot } from './helpers.ts';

test('a short MNIST epoch shows the confusion matrix and the mistakes', async ({ page }, testInfo) => {
  await openPlayground(page);
  // One hidden layer of 32 units on 1,000 images, batches of 100: ten steps, then the 10,000 test images.
  await page.getByLabel('Training images', { exact: true }).selectOption('1000');
  await page.getByRole('button', { name: 'Remove hidden layer 2' }).click();
  await page.getByLabel('Hidden layer 1 units', { exact: true }).fill('32');
  await page.getByLabel('Batch size', { exact: true }).fill('100');
  await page.getByLabel('Epochs', { exact: true }).fill('1');
  await page.getByRole('button', { name: 'Train', exact: true }).click();

  const results = page.getByRole('region', { name: '4. Results' });
  const matrix = results.getByRole('table', { name: 'Confusion matrix' });
  await expect(matrix).toBeVisible({ timeout: 60_000 });
  await expect(results.getByText(/After epoch 1: \d+\.\d% of the test images right/)).toBeVisible();
  await expect(matrix.getByRole('columnheader', { name: '9', exact: true })).toBeVisible();
  await expect(results.getByRole('list', { name: 'Misclassified test images' }).getByRole('listitem').first()).toBeVisible();
  // The matrix shows the final weights: its accuracy is the run's own test accuracy.
  const status = page.getByRole('status', { name: 'Training status' });
  await expect(status).toContainText('Done');
  const accuracy = /(\d+\.\d)% test accuracy/.exec((await status.textContent()) ?? '')![1];
  await expect(results.getByText(`After epoch 1: ${accuracy}% of the test images right.`)).toBeVisible();
  await screenshot(page, testInfo, 'results');
});
