// SGD and Adam side by side from the same start: two curves on shared axes and a summary.
import { expect, test } from '@playwright/test';
import { openPlayground, screenshot } from './helpers.ts';

test('compares SGD and Adam step for step', async ({ page }, testInfo) => {
  await openPlayground(page);
  await page.getByLabel('Dataset', { exact: true }).selectOption('blobs');
  const compare = page.getByRole('region', { name: '5. Compare optimizers' });
  await expect(compare.getByRole('group', { name: 'Run A' }).getByLabel('Algorithm', { exact: true })).toHaveValue('sgd');
  await expect(compare.getByRole('group', { name: 'Run B' }).getByLabel('Algorithm', { exact: true })).toHaveValue('adam');
  // Blobs learn slowly at the default rates; a bigger one for both shows the difference within a few steps.
  await compare.getByRole('group', { name: 'Run A' }).getByLabel('Rate', { exact: true }).fill('0.5');
  await compare.getByRole('group', { name: 'Run B' }).getByLabel('Rate', { exact: true }).fill('0.05');
  await compare.getByLabel('Steps per run', { exact: true }).fill('60');
  await compare.getByLabel('Target accuracy (%)', { exact: true }).fill('75');

  await page.getByRole('button', { name: 'Compare', exact: true }).click();
  const summary = compare.getByRole('table');
  await expect(summary).toBeVisible({ timeout: 60_000 });
  await expect(summary.getByRole('row')).toHaveCount(3);
  await expect(summary.getByRole('rowheader', { name: 'A: SGD, lr 0.5' })).toBeVisible();
  await expect(summary.getByRole('rowheader', { name: 'B: Adam, lr 0.05' })).toBeVisible();
  await expect(summary.getByRole('row', { name: /A: SGD/ }).getByRole('cell').first()).toHaveText('60');
  await expect(summary.getByRole('row', { name: /B: Adam/ }).getByRole('cell').first()).toHaveText('60');

  const chart = compare.getByRole('img', { name: 'Comparison chart' });
  await expect(chart).toHaveAttribute('data-points', '120');
  await expect(chart.locator('.recharts-legend-item')).toHaveText(['A: SGD, lr 0.5', 'B: Adam, lr 0.05']);
  await expect(compare.getByRole('status', { name: 'Comparison status' })).toContainText('Done');
  await screenshot(page, testInfo, 'compare');
});
