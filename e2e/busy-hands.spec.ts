// Impatient or busy users: double clicks, changes mid-run, files loaded
// mid-run, two tabs. Nothing of it starts two trainings or breaks the page.
import { expect, test, type Page } from '@playwright/test';
import { chooseShortBlobsRun, openPlayground } from './helpers.ts';

const torchFile = 'test/fixtures/torch/mnist-linear-sgd.init.safetensors';

interface Seen {
  runStarts: number[];
  updates: { runId: number; steps: number[] }[];
}

/** Records the worker's run-started and run-update events (test-only, wraps the page's Worker). */
async function recordRunEvents(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: Seen = { runStarts: [], updates: [] };
    (window as unknown as { __seen: Seen }).__seen = seen;
    const Native = window.Worker;
    window.Worker = class extends Native {
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        this.addEventListener('message', (event: MessageEvent<{ type: string; runId: number; steps: number[] }>) => {
          if (event.data.type === 'run-started') seen.runStarts.push(event.data.runId);
          if (event.data.type === 'run-update') seen.updates.push({ runId: event.data.runId, steps: event.data.steps });
        });
      }
    };
  });
}

function seen(page: Page): Promise<Seen> {
  return page.evaluate(() => (window as unknown as { __seen: Seen }).__seen);
}

test('a double click on Train starts one run whose steps only go up', async ({ page }) => {
  await recordRunEvents(page);
  await openPlayground(page);
  await chooseShortBlobsRun(page, 60);
  await page.getByRole('button', { name: 'Train', exact: true }).dblclick();
  await expect(page.getByRole('status', { name: 'Training status' })).toContainText('Done', { timeout: 20_000 });
  const { runStarts, updates } = await seen(page);
  expect(runStarts).toHaveLength(1);
  const steps = updates.filter((u) => u.runId === runStarts[0]).flatMap((u) => u.steps);
  expect(updates.every((u) => u.runId === runStarts[0])).toBe(true);
  expect(steps.length).toBeGreaterThan(0);
  expect(steps.every((step, i) => i === 0 || step > steps[i - 1]!)).toBe(true);
});

test('switching the dataset mid-run keeps the one run going, and Train waits for it', async ({ page }) => {
  await recordRunEvents(page);
  await openPlayground(page);
  await chooseShortBlobsRun(page, 3000);
  const status = page.getByRole('status', { name: 'Training status' });
  const train = page.getByRole('button', { name: 'Train', exact: true });
  await train.click();
  await expect(status).toContainText('Training…');
  await page.getByLabel('Dataset', { exact: true }).selectOption('mnist');
  await expect(train).toBeDisabled();
  // The run goes on, on the blobs: its decision boundary stays, and its steps keep coming.
  await expect(page.getByRole('img', { name: 'Decision boundary' })).toBeVisible();
  const before = (await seen(page)).updates.length;
  await expect.poll(async () => (await seen(page)).updates.length).toBeGreaterThan(before);
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await expect(train).toBeEnabled();
  const { runStarts, updates } = await seen(page);
  expect(runStarts).toHaveLength(1);
  expect(updates.every((u) => u.runId === runStarts[0])).toBe(true);
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('loading a model file mid-run stops the run and shows the loaded model', async ({ page }) => {
  await openPlayground(page);
  await chooseShortBlobsRun(page, 3000);
  const status = page.getByRole('status', { name: 'Training status' });
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(status).toContainText('Training…');
  await page.getByLabel('Load model', { exact: true }).setInputFiles(torchFile);
  const panel = page.getByRole('region', { name: '6. Save and load' });
  await expect(panel.getByText('Loaded mnist-linear-sgd.init.safetensors')).toBeVisible();
  await expect(panel.getByText('nn.Sequential(Linear(784, 10))', { exact: true })).toBeVisible();
  await expect(status).not.toContainText('Training…');
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled();
});

// Two devices share Chromium's GPU process, and every readback of one waits
// behind the other's work: measured on a busy SwiftShader, 40 epochs took 95 s
// in two tabs against 9 s in one (each epoch then waited for the GPU twice, for
// its losses and its test pass; now once). What this test checks is that both
// runs finish cleanly, so it trains few epochs, not that they are fast: the
// waits are guards against a hang, long enough for both tabs to compile their
// kernels (about 15 s each on a quiet machine, sharing its cores) on a busy one.
test('two tabs each train without errors', async ({ context }) => {
  test.setTimeout(300_000);
  const pages = [await context.newPage(), await context.newPage()];
  for (const page of pages) {
    await openPlayground(page);
    await chooseShortBlobsRun(page, 10);
  }
  for (const page of pages) await page.getByRole('button', { name: 'Train', exact: true }).click();
  for (const page of pages) {
    await expect(page.getByRole('status', { name: 'Training status' })).toContainText('Done', { timeout: 120_000 });
    await expect(page.getByRole('alert')).toHaveCount(0);
  }
});
