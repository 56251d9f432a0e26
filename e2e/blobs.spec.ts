// On the 2-D blobs, the model's answer over the whole plane appears and follows training.
import { expect, test } from '@playwright/test';
import { chooseShortBlobsRun, openPlayground, screenshot } from './helpers.ts';

test('the decision boundary appears while the blobs train', async ({ page }, testInfo) => {
  await openPlayground(page);
  // Ten times the preset's learning rate: the XOR is learnt in a few hundred full-batch steps.
  await chooseShortBlobsRun(page, 300);
  await page.getByLabel('Learning rate', { exact: true }).fill('0.3');
  const results = page.getByRole('region', { name: '4. Results' });
  const plot = results.getByRole('img', { name: 'Decision boundary' });
  await expect(plot).toBeVisible();

  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByRole('status', { name: 'Training status' })).toContainText('Done', { timeout: 60_000 });
  // With a grid from the model, pointing at the plot reads the model's answer there.
  await plot.scrollIntoViewIfNeeded();
  const box = (await plot.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.8, box.y + box.height * 0.2);
  await expect(results.getByText(/the model says/)).toBeVisible();
  await expect(page.getByRole('status', { name: 'Training status' })).toContainText(/Done: (9\d|100)\.\d% test accuracy/);
  await screenshot(page, testInfo, 'blobs');
});
