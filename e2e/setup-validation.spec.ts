// Values are checked as they are typed, with the message beside the field.
import { expect, test } from '@playwright/test';
import { fillField, openPlayground, screenshot } from './helpers.ts';

test('a bad learning rate is explained beside the field and blocks training', async ({ page }, testInfo) => {
  await openPlayground(page);
  const lr = page.getByLabel('Learning rate', { exact: true });
  await expect(lr).toHaveAttribute('aria-invalid', 'false');

  await fillField(page, 'Learning rate', '-0.5');
  await expect(lr).toHaveAttribute('aria-invalid', 'true');
  await expect(lr).toHaveAccessibleDescription(/learning rate must be a positive finite number, got -0.5/i);
  // Beside the field: the message is the next text after the input in the same field.
  const field = page.locator('.field', { has: lr });
  await expect(field.getByText('Learning rate must be a positive finite number, got -0.5')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeDisabled();
  await expect(page.getByRole('status', { name: 'Training status' })).toContainText('Fix the highlighted settings');

  await fillField(page, 'Batch size', '12.5');
  await expect(page.getByLabel('Batch size', { exact: true })).toHaveAccessibleDescription(/whole number of at least 1/);
  await screenshot(page, testInfo, 'setup-validation');

  await fillField(page, 'Learning rate', '0.01');
  await fillField(page, 'Batch size', '64');
  await expect(lr).toHaveAttribute('aria-invalid', 'false');
  await expect(field.getByText(/must be/)).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled();
  // A change that leaves the preset's experiment shows Custom; the optimizer select offers all three.
  await expect(page.getByLabel('Preset', { exact: true })).toHaveValue('custom');
  await page.getByLabel('Optimizer', { exact: true }).selectOption('SGD');
  await expect(page.getByRole('region', { name: '1. Set up' }).getByLabel('Momentum', { exact: true })).toBeVisible();
  await page.getByLabel('Preset', { exact: true }).selectOption('fashion-dnn-sgd');
  await expect(page.getByLabel('Dataset', { exact: true })).toHaveValue('fashion-mnist');
  await expect(page.getByLabel('Learning rate', { exact: true })).toHaveValue('0.01');
});
