// The views of the network against the file they show: a PyTorch-saved MLP
// (784-256-256-10, test/fixtures/torch) is loaded; "First-layer weights"
// shows its 256 hidden units as the file's weights give them, and "Layer
// activations" shows, for a drawn digit, what a float64 forward pass computed
// here from the same file gives.
import { readFileSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { parseSafetensors } from '../src/engine/safetensors.ts';
import { drawSeven } from './draw-helpers.ts';
import { openPlayground, screenshot } from './helpers.ts';

const mlpFile = new URL('../test/fixtures/torch/mnist-mlp-adam-b100.init.safetensors', import.meta.url).pathname;
const tensors = parseSafetensors(new Uint8Array(readFileSync(mlpFile)), 'mnist-mlp-adam-b100.init.safetensors').tensors;
const weight = (name: string) => Float64Array.from(tensors.get(name)!.data as Float32Array);

/** Four significant digits, as the page writes weights and activations. */
const fourDigits = (v: number) => String(Number(v.toPrecision(4)));

async function loadMlp(page: Page): Promise<void> {
  await openPlayground(page);
  await page.getByLabel('Load model', { exact: true }).setInputFiles(mlpFile);
  await expect(page.getByText('Answering: the model loaded from mnist-mlp-adam-b100.init.safetensors (MNIST 784-256-256-10).')).toBeVisible();
}

/** The greyscale bytes of a canvas, with its width. */
async function canvasBytes(canvas: Locator): Promise<{ width: number; bytes: number[] }> {
  return canvas.evaluate((element) => {
    const c = element as HTMLCanvasElement;
    const rgba = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    return { width: c.width, bytes: Array.from({ length: c.width * c.height }, (_, i) => rgba[4 * i]!) };
  });
}

/** Image `k` of a layer's grid (LayerImages: `data-columns` to a row, one pixel between them). */
async function gridTile(grid: Locator, k: number, height: number, width: number): Promise<number[]> {
  const columns = Number(await grid.getAttribute('data-columns'));
  const { width: gridWidth, bytes } = await canvasBytes(grid);
  const left = (k % columns) * (width + 1);
  const top = Math.floor(k / columns) * (height + 1);
  return Array.from({ length: height * width }, (_, i) => bytes[(top + Math.floor(i / width)) * gridWidth + left + (i % width)]!);
}

test('First-layer weights shows each hidden unit of a loaded MLP as the file gives its weights', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  await loadMlp(page);
  const view = page.getByRole('region', { name: 'First-layer weights' });
  await view.scrollIntoViewIfNeeded();
  const w = weight('0.weight');
  let min = Infinity;
  let max = -Infinity;
  for (const v of w) {
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  const grid = view.getByRole('img', { name: `Layer 0, Linear(784, 256): its 256 hidden units, each as a 28×28 picture, weights from ${fourDigits(min)} to ${fourDigits(max)}`, exact: true });
  await expect(grid).toHaveAttribute('data-count', '256');
  // Each unit's picture: its row of the weight matrix, 0 at mid-grey and its largest magnitude at black or white.
  for (const unit of [0, 17, 255]) {
    const row = w.subarray(unit * 784, (unit + 1) * 784);
    const largest = Math.max(...Array.from(row, Math.abs));
    const expected = Array.from(row, (v) => Math.round(255 * (0.5 + v / (2 * largest))));
    const bytes = await gridTile(grid, unit, 28, 28);
    // ±1: the page scales in float32, this test in float64, and a value on a rounding edge may go either way.
    const worst = Math.max(...bytes.map((b, i) => Math.abs(b - expected[i]!)));
    expect(worst, `unit ${unit + 1}`).toBeLessThanOrEqual(1);
  }
  await screenshot(page, testInfo, 'first-layer-weights');
});

test('First-layer weights shows a loaded CNN’s first filters as the file gives them', async ({ page }) => {
  test.setTimeout(120_000);
  const cnnFile = new URL('../test/fixtures/torch/mnist-cnn-trained.safetensors', import.meta.url).pathname;
  const w = Float64Array.from(parseSafetensors(new Uint8Array(readFileSync(cnnFile)), 'mnist-cnn-trained.safetensors').tensors.get('0.weight')!.data);
  await openPlayground(page);
  await page.getByLabel('Load model', { exact: true }).setInputFiles(cnnFile);
  await expect(page.getByText(/^Answering: the model loaded from mnist-cnn-trained\.safetensors/)).toBeVisible();
  const view = page.getByRole('region', { name: 'First-layer weights' });
  const min = Math.min(...w);
  const max = Math.max(...w);
  const grid = view.getByRole('img', { name: new RegExp(`^Layer 0, Conv2d\\(1, 32, kernel_size=\\(3, 3\\).*\\): its 32 filters, weights from ${fourDigits(min)} to ${fourDigits(max)}$`) });
  await expect(grid).toHaveAttribute('data-count', '32');
  for (const filter of [0, 31]) {
    const kernel = w.subarray(filter * 9, (filter + 1) * 9);
    const largest = Math.max(...Array.from(kernel, Math.abs));
    const bytes = await gridTile(grid, filter, 3, 3);
    bytes.forEach((byte, i) => expect(Math.abs(byte - Math.round(255 * (0.5 + kernel[i]! / (2 * largest)))), `filter ${filter + 1} pixel ${i}`).toBeLessThanOrEqual(1));
  }
});

test('Layer activations for a drawn digit match a float64 forward pass of the loaded file', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  await loadMlp(page);
  const view = page.getByRole('region', { name: 'Layer activations' });
  await drawSeven(page);
  await expect(page.getByRole('status', { name: 'Prediction' })).toHaveText(/^[0-9]$/);
  await expect(view.getByText('Layer 1, Linear(784, 256), ReLU(): 256')).toBeVisible();
  await expect(view.getByText('Layer 3, Linear(256, 256), ReLU(): 256')).toBeVisible();
  await expect(view.getByText('Layer 4, Linear(256, 10): 10')).toBeVisible();

  const layers = [
    { layer: 1, w: weight('0.weight'), b: weight('0.bias'), inputs: 784, relu: true },
    { layer: 3, w: weight('2.weight'), b: weight('2.bias'), inputs: 256, relu: true },
    { layer: 4, w: weight('4.weight'), b: weight('4.bias'), inputs: 256, relu: false },
  ];
  // The answer to the last drawing may still be on its way: compare until it has arrived.
  await expect(async () => {
    // The input as the model got it, from the page's 28×28 preview: bytes, so each pixel is
    // known within 0.5/255. That uncertainty is carried through the layers (|W|·bound, ReLU
    // never widens it) and allowed, with the page's four significant digits.
    const input = (await canvasBytes(page.getByRole('img', { name: 'Model input, 28 by 28 pixels', exact: true }))).bytes.map((b) => b / 255);
    let x = Float64Array.from(input);
    let bound = new Float64Array(784).fill(0.5 / 255);
    for (const { layer, w, b, inputs, relu } of layers) {
      const outputs = b.length;
      const y = new Float64Array(outputs);
      const nextBound = new Float64Array(outputs);
      for (let j = 0; j < outputs; j++) {
        let sum = b[j]!;
        let spread = 0;
        for (let i = 0; i < inputs; i++) {
          sum += w[j * inputs + i]! * x[i]!;
          spread += Math.abs(w[j * inputs + i]!) * bound[i]!;
        }
        y[j] = relu ? Math.max(0, sum) : sum;
        nextBound[j] = spread;
      }
      // The bars' canvas is named with its layer and range, and carries each unit's value as the page writes it.
      const bars = view.getByRole('img', { name: new RegExp(`^Layer ${layer}: ${outputs} units, from `) });
      const shown = ((await bars.getAttribute('data-values')) ?? '').split(' ').map(Number);
      expect(shown).toHaveLength(outputs);
      shown.forEach((value, j) => {
        expect(Math.abs(value - y[j]!), `layer ${layer} unit ${j + 1}: page ${value}, float64 ${y[j]}`).toBeLessThanOrEqual(nextBound[j]! + 5e-4 * Math.abs(y[j]!) + 1e-6);
      });
      x = y;
      bound = nextBound;
    }
  }).toPass({ timeout: 30_000 });
  await screenshot(page, testInfo, 'layer-activations');
});
