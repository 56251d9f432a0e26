// Train, pause, one step at a time, resume and reset, on the blobs (quick on
// any GPU, SwiftShader included), with the loss chart following along.
import { expect, test, type Page } from '@playwright/test';
import { chooseShortBlobsRun, openPlayground, screenshot } from './helpers.ts';

async function pausedStep(page: Page): Promise<number> {
  const status = page.getByRole('status', { name: 'Training status' });
  await expect(status).toContainText(/Paused after step \d+/);
  const text = (await status.textContent()) ?? '';
  return Number(/step (\d+)/.exec(text)![1]);
}

test('train, pause, step, resume and reset', async ({ page }, testInfo) => {
  await openPlayground(page);
  // Far more one-step epochs than the test lasts, however fast or busy the machine: Pause always lands mid-run.
  await chooseShortBlobsRun(page, 100000);
  const chart = page.getByRole('img', { name: 'Loss chart' });
  const status = page.getByRole('status', { name: 'Training status' });

  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(status).toHaveText('Training…');
  // The first step compiles the training kernels, seconds each on SwiftShader: the first points
  // came 15 s after Train on a quiet machine, before and after this spec's last changes alike.
  await expect(chart).not.toHaveAttribute('data-points', '0', { timeout: 60_000 });
  await expect(page.getByRole('progressbar', { name: 'Training progress' })).toBeVisible();
  // Grouped past 999 (“Epoch 1,743”): a slow start finds the run there.
  await expect(page.getByText(/Epoch [\d,]+ of 100,000 · step 1 of 1/)).toBeVisible();

  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Resume', exact: true })).toBeEnabled();
  // Steps already on their way still arrive: wait until the count settles.
  let paused = await pausedStep(page);
  await expect
    .poll(async () => {
      const now = await pausedStep(page);
      const settled = now === paused;
      paused = now;
      return settled;
    }, { intervals: [1000] })
    .toBe(true);

  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(status).toContainText(`Paused after step ${paused + 1}.`);
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(status).toContainText(`Paused after step ${paused + 2}.`);
  await screenshot(page, testInfo, 'train-paused');

  await page.getByRole('button', { name: 'Resume', exact: true }).click();
  await expect(status).toHaveText('Training…');
  // The run goes on past the steps taken while paused. (Not the chart's drawn points: past its
  // cap the chart thins them, so their count can fall as steps arrive, as it once did here.)
  const epochShown = async () => Number((/Epoch ([\d,]+) of 100,000/.exec((await page.getByText(/Epoch [\d,]+ of 100,000/).textContent()) ?? '')?.[1] ?? '0').replaceAll(',', ''));
  await expect.poll(epochShown, { timeout: 60_000 }).toBeGreaterThan(paused + 2);
  await expect(page.getByRole('img', { name: 'Loss chart' }).locator('.recharts-line path').first()).toBeVisible();

  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await expect(status).toContainText('Ready');
  await expect(chart).toHaveAttribute('data-points', '0');
  await expect(page.getByText('No steps yet.')).toBeVisible();

  // Step before any run: a new run that takes one step and waits.
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(status).toContainText('Paused after step 1.');
  await expect(chart).toHaveAttribute('data-points', '1');
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await expect(status).toContainText('Ready');
});

test('a run finishes with its test accuracy, and the page stays responsive meanwhile', async ({ page }, testInfo) => {
  // Long main-thread tasks while training, recorded for the report (speed is measured in bench/, never asserted).
  await page.addInitScript(() => {
    const w = window as unknown as { longTasks: number[] };
    w.longTasks = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => w.longTasks.push(Math.round(e.duration)))).observe({ type: 'longtask' });
  });
  await openPlayground(page);
  await chooseShortBlobsRun(page, 60);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  const status = page.getByRole('status', { name: 'Training status' });
  // Typing while training is answered at once.
  await page.getByLabel('Seed', { exact: true }).fill('7');
  await expect(page.getByLabel('Seed', { exact: true })).toHaveValue('7');
  await expect(status).toContainText(/Done: \d+\.\d% test accuracy/, { timeout: 60_000 });
  await expect(page.getByRole('img', { name: 'Accuracy chart' })).toHaveAttribute('data-points', '60');
  const longTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
  testInfo.annotations.push({ type: 'long tasks (ms) on the main thread while training', description: JSON.stringify(longTasks) });
  await screenshot(page, testInfo, 'train-done');
});
