// The views of how the gradients flow and how the weights are distributed
// (src/ui/views/GradientFlow.tsx, WeightHistograms.tsx), computed on the GPU
// by the worker. The histogram of a model loaded from a PyTorch file must
// have the counts that file's weights give, counted here in float64.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { parseSafetensors } from '../src/engine/safetensors.ts';
import { histogramRef } from '../test/engine/reference.ts';
import { chooseShortBlobsRun, openPlayground, screenshot } from './helpers.ts';

const mlpFile = new URL('../test/fixtures/torch/mnist-mlp-adam-b100.init.safetensors', import.meta.url).pathname;
const BINS = 32;

test('Weight histograms of a loaded model have the counts its weights give', async ({ page }, testInfo) => {
  await openPlayground(page);
  await page.getByLabel('Load model', { exact: true }).setInputFiles(mlpFile);
  await expect(page.getByText('Loaded mnist-mlp-adam-b100.init.safetensors').first()).toBeVisible();
  const view = page.getByRole('region', { name: 'Weight histograms' });
  await view.scrollIntoViewIfNeeded();
  const file = parseSafetensors(new Uint8Array(readFileSync(mlpFile)));
  const layers = [...file.tensors.entries()].filter(([name]) => name.endsWith('.weight'));
  expect(layers.map(([name]) => name)).toEqual(['0.weight', '2.weight', '4.weight']);
  for (const [name, tensor] of layers) {
    const layer = Number(name.split('.')[0]);
    const figure = view.getByRole('figure').filter({ hasText: `Layer ${layer}, Linear(` });
    await expect(figure.getByRole('img', { name: new RegExp(`^Layer ${layer} Weights, one histogram per epoch`) })).toBeVisible();
    await figure.getByText('The counts').click();
    const table = figure.getByRole('table', { name: new RegExp(`^Layer ${layer} Weights at epoch 0: ${BINS} bins`) });
    await expect(table.locator('tbody tr')).toHaveCount(BINS);
    const counts = (await table.locator('tbody tr td:nth-child(3)').allTextContents()).map(Number);
    const want = histogramRef(tensor.data, BINS);
    expect(counts.reduce((a, b) => a + b, 0), `${name}: total`).toBe(tensor.data.length);
    counts.forEach((count, b) => {
      // Exact, except for a weight within 1e-6 of a bin width of an edge, which f32 may put next door (none here in practice).
      expect(Math.abs(count - want.counts[b]!), `${name} bin ${b}: ${count}, float64 says ${want.counts[b]} (± ${want.slack[b]})`).toBeLessThanOrEqual(want.slack[b]!);
    });
  }
  await screenshot(page, testInfo, 'weight-histograms');
});

test('Gradient flow shows a series per layer after a few training steps', async ({ page }, testInfo) => {
  // Starting a run compiles every kernel, a minute or more on a busy SwiftShader.
  test.setTimeout(300_000);
  await openPlayground(page);
  // One full-batch step per epoch; the view samples every 4th step.
  await chooseShortBlobsRun(page, 24);
  const view = page.getByRole('region', { name: 'Gradient flow' });
  await view.scrollIntoViewIfNeeded();
  await expect(view).toContainText('Train a model to see');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  // The view samples only while it is on screen (the click scrolled up to the button).
  await view.scrollIntoViewIfNeeded();
  await expect(page.getByRole('status', { name: 'Training status' })).toContainText('Done', { timeout: 240_000 });
  await expect(view.getByRole('img', { name: /^Gradient norm/ })).toBeVisible();
  await expect(view.getByRole('img', { name: /^Update size against weight size/ })).toBeVisible();
  const layers = view.getByRole('list', { name: 'Layers, with their latest values' }).getByRole('listitem');
  await expect(layers).toHaveCount(2);
  await expect(layers.nth(0)).toContainText(/^Layer 0, Linear\(2, 5\): gradient norm (\d\.\d×)?10[⁻⁰-⁹¹²³]+, update\/weight (\d\.\d×)?10[⁻⁰-⁹¹²³]+$/);
  await expect(layers.nth(1)).toContainText(/^Layer 2, Linear\(5, 1\): gradient norm /);
  // One sample every 4 steps from when the worker first computed the view after the run started (step 5 or so), the last after step 24.
  await expect(view).toContainText(/[1-6] samples, one every 4 steps, the latest after step 24\./);
  // Two series (one per layer) in each chart.
  await expect(view.locator('svg path')).toHaveCount(4);
  await screenshot(page, testInfo, 'gradient-flow');
});

for (const [activation, name] of [['sigmoid', 'Sigmoid'], ['relu', 'ReLU']] as const) {
  test(`Gradient flow of a deep MLP on MNIST with ${name}: ${activation === 'sigmoid' ? 'the first layers’ gradients vanish' : 'no vanishing gradient'}`, async ({ page }) => {
    test.setTimeout(400_000);
    // 784-128-128-128-128-10 with plain SGD, as the tutorials' deep MLP; the view samples every 9th of its 938 steps an epoch.
    await page.goto(`/?dataset=mnist&opt=sgd&hidden=128-128-128-128&act=${activation}&dropout=0&lr=0.1&momentum=0&batch=64&epochs=1&lang=en`);
    await expect(page.getByRole('status', { name: 'Playground status' })).toContainText(/loaded/);
    await expect(page.getByLabel('Activation', { exact: true })).toHaveValue(activation);
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    const view = page.getByRole('region', { name: 'Gradient flow' });
    await view.scrollIntoViewIfNeeded();
    const layers = view.getByRole('list', { name: 'Layers, with their latest values' }).getByRole('listitem');
    await expect(layers).toHaveCount(5, { timeout: 300_000 });
    await expect(layers.nth(0)).toContainText('Layer 0, Linear(784, 128): gradient norm');
    const spread = view.getByText(/The first layer’s gradient is .* times smaller than the last layer’s\./);
    // Measured with Sigmoid: the first layer's gradient norm about 10⁻³ of the last's; with ReLU within a factor of 10 (no such line).
    if (activation === 'sigmoid') await expect(spread).toContainText(/is \d\.\d×10[²³⁴⁵] times smaller/);
    else await expect(spread).toHaveCount(0);
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
  });
}
