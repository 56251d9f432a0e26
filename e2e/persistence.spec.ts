// Settings survive a reload (the browser keeps them in IndexedDB).
import { expect, test } from '@playwright/test';
import { fillField, openPlayground } from './helpers.ts';

test('a reload keeps the settings', async ({ page }) => {
  await openPlayground(page);
  await page.getByLabel('Dataset', { exact: true }).selectOption('Fashion-MNIST');
  await page.getByLabel('Optimizer', { exact: true }).selectOption('rmsprop');
  await fillField(page, 'Learning rate', '0.0005');
  await fillField(page, 'Batch size', '128');
  await fillField(page, 'Epochs', '4');
  await page.getByRole('button', { name: 'Add hidden layer' }).click();

  await page.reload();
  await expect(page.getByRole('status', { name: 'Playground status' })).toContainText('Fashion-MNIST');
  await expect(page.getByLabel('Dataset', { exact: true })).toHaveValue('fashion-mnist');
  await expect(page.getByLabel('Optimizer', { exact: true })).toHaveValue('rmsprop');
  await expect(page.getByLabel('Learning rate', { exact: true })).toHaveValue('0.0005');
  await expect(page.getByLabel('Batch size', { exact: true })).toHaveValue('128');
  await expect(page.getByLabel('Epochs', { exact: true })).toHaveValue('4');
  await expect(page.getByLabel('Hidden layer 3 units', { exact: true })).toHaveValue('128');
  await expect(page.getByLabel('Preset', { exact: true })).toHaveValue('custom');
});
