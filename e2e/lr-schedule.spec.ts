// The learning-rate schedule in the page: chosen in the setup, written into the
// PyTorch code, kept by a reload, and a bad value refused beside its field.
// (That a run follows it is tested in Node: test/train/lr-schedule-loop.test.ts.)
import { expect, test } from '@playwright/test';
import { chooseShortBlobsRun, openPlayground } from './helpers.ts';

test('a StepLR schedule is set up, shown as PyTorch code and kept by a reload', async ({ page }) => {
  await openPlayground(page);
  await chooseShortBlobsRun(page, 6);
  // Compare's runs have schedule fields of their own: these are the setup's.
  const setup = page.getByRole('region', { name: 'Set up' });
  await setup.getByLabel('Learning-rate schedule', { exact: true }).selectOption('step');
  // Chosen with 6 epochs: a decrease every third of the run, by torch's default 0.1.
  await expect(setup.getByLabel('Every (epochs)', { exact: true })).toHaveValue('2');
  await expect(setup.getByLabel('Multiply by (gamma)', { exact: true })).toHaveValue('0.1');
  await setup.getByLabel('Multiply by (gamma)', { exact: true }).fill('1.5');
  await expect(setup.getByText('Gamma must be above 0 and at most 1, such as 0.1 or 0.5, got 1.5')).toBeVisible();
  await setup.getByLabel('Multiply by (gamma)', { exact: true }).fill('0.5');
  await expect(setup.getByLabel('Preset', { exact: true })).toHaveValue('custom');

  await page.getByRole('button', { name: 'PyTorch code' }).click();
  const code = page.getByRole('region', { name: 'PyTorch script of this setup' });
  await expect(code).toContainText('torch.optim.lr_scheduler.StepLR(optimizer, step_size=2, gamma=0.5)');
  await expect(code).toContainText('scheduler.step()');

  await page.reload();
  await expect(page.getByRole('status', { name: 'Playground status' })).toContainText('Blobs');
  await expect(setup.getByLabel('Learning-rate schedule', { exact: true })).toHaveValue('step');
  await expect(setup.getByLabel('Every (epochs)', { exact: true })).toHaveValue('2');
  await expect(setup.getByLabel('Multiply by (gamma)', { exact: true })).toHaveValue('0.5');
});
