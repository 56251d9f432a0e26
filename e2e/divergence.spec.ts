// A learning rate far too large: the run stops with a clear message that
// suggests a smaller one, and the loss chart stays readable.
import { expect, test } from '@playwright/test';
import { fillField, openPlayground, screenshot } from './helpers.ts';

test('divergence is explained and the chart keeps its scale', async ({ page }, testInfo) => {
  await openPlayground(page);
  await page.getByLabel('Training images', { exact: true }).selectOption('1000');
  await page.getByRole('button', { name: 'Remove hidden layer 2' }).click();
  await page.getByRole('button', { name: 'Remove hidden layer 1' }).click();
  await page.getByLabel('Optimizer', { exact: true }).selectOption('sgd');
  await fillField(page, 'Learning rate', '100000');
  await fillField(page, 'Batch size', '100');
  await fillField(page, 'Epochs', '5');
  await page.getByRole('button', { name: 'Train', exact: true }).click();

  const alert = page.getByRole('region', { name: '2. Train' }).getByRole('alert');
  await expect(alert).toContainText('Training diverged');
  await expect(alert).toContainText(/smaller learning rate/i);
  await expect(page.getByRole('status', { name: 'Training status' })).toContainText('Training diverged');
  // Only finite losses are drawn, on an axis that starts at zero and stays finite.
  const chart = page.getByRole('img', { name: 'Loss chart' });
  await expect(chart).toHaveAttribute('data-points', /^[1-9]/);
  const ticks = chart.locator('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value');
  await expect(ticks.first()).toBeVisible();
  const values = (await ticks.allTextContents()).map(Number);
  expect(values.length).toBeGreaterThan(1);
  expect(values.every(Number.isFinite)).toBe(true);
  expect(Math.max(...values)).toBeLessThan(100);
  await screenshot(page, testInfo, 'diverged');
});
