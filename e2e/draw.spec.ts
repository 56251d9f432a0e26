// A first-time visitor draws a digit at once: the pretrained model answers
// live, and the page says which model that is.
import { expect, test } from '@playwright/test';
import { drawSeven } from './draw-helpers.ts';
import { openPlayground, screenshot } from './helpers.ts';


test('drawing a digit gets a live prediction from the pretrained model', async ({ page }, testInfo) => {
  await openPlayground(page);
  const prediction = page.getByRole('status', { name: 'Prediction' });
  await expect(page.getByText(/Answering: the pretrained MNIST/)).toBeVisible();
  await expect(prediction).toHaveText('');

  await drawSeven(page);
  await expect(prediction).toHaveText('7');
  await expect(page.getByRole('img', { name: 'Model input, 28 by 28 pixels' })).toBeVisible();
  await screenshot(page, testInfo, 'draw');

  await page.getByRole('button', { name: 'Clear', exact: true }).click();
  await expect(prediction).toHaveText('');
});

test('without a pretrained model the page says so and keeps working', async ({ page }) => {
  await page.route('**/models/mnist-mlp.safetensors', (route) => route.fulfill({ status: 404, body: 'not found' }));
  await openPlayground(page);
  await expect(page.getByText(/No pretrained model is available/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled();
  await drawSeven(page);
  // Nothing can answer yet: the pad still works, and the status stays empty.
  await expect(page.getByRole('img', { name: 'Model input, 28 by 28 pixels' })).toBeVisible();
  await expect(page.getByRole('status', { name: 'Prediction' })).toHaveText('');
});

test('while a model trains, it answers the drawing itself', async ({ page }) => {
  await openPlayground(page);
  // A linear model on 1,000 images: quick steps on any GPU, and enough epochs to still be running.
  await page.getByLabel('Training images', { exact: true }).selectOption('1000');
  await page.getByRole('button', { name: 'Remove hidden layer 2' }).click();
  await page.getByRole('button', { name: 'Remove hidden layer 1' }).click();
  await page.getByLabel('Batch size', { exact: true }).fill('100');
  await page.getByLabel('Epochs', { exact: true }).fill('5000');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByText(/Answering: the model you are training now \(MNIST 784-10\)/)).toBeVisible();
  await drawSeven(page);
  await expect(page.getByRole('status', { name: 'Prediction' })).toHaveText(/^[0-9]$/);
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
});
