// The engine itself in Chromium's WebGPU (SwiftShader on CI): the same
// per-step losses as PyTorch from the same initial weights, within 1e-3
// relative (the bar of test/train/torch-parity.test.ts, which runs on Dawn in
// Node), and falling. The modules come from the dev server, as the app's do.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { openPlayground } from './helpers.ts';

interface Fixture {
  model: unknown[];
  initWeights?: Record<string, { shape: number[]; data: number[] }>;
  optimizer: { type: string; lr: number; momentum?: number };
  data: { x?: number[][]; y?: number[] };
  batchSize: number;
  steps: number;
  losses: number[];
}

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../test/fixtures/torch/${name}`, import.meta.url), 'utf8')) as Fixture;

test('training in the browser follows PyTorch step for step (blobs, BCE, SGD)', async ({ page }) => {
  // The app first: the dev server has then prepared every module the engine needs (no reload mid-test).
  await openPlayground(page);
  const blobs = fixture('blobs-bce.json');
  const losses = await page.evaluate(async (f) => {
    // A computed specifier: the page imports the engine's TypeScript through the dev server.
    const load = (path: string) => import(/* @vite-ignore */ path);
    const [{ requestGpu }, { TrainingSession }] = await Promise.all([load('/src/engine/request-gpu.ts'), load('/src/train/session.ts')]);
    const gpu = await requestGpu(navigator.gpu);
    const split = { inputs: Float32Array.from(f.data.x!.flat()), labels: Float32Array.from(f.data.y!), count: f.data.x!.length, features: 2 };
    const session = new TrainingSession(gpu, { train: split, test: split }, {
      dataset: 'blobs',
      layers: f.model,
      loss: 'bce',
      optimizer: { type: 'sgd', lr: f.optimizer.lr, momentum: f.optimizer.momentum ?? 0 },
      batchSize: f.batchSize,
      epochs: 1,
      seed: 0,
      shuffle: false,
      flip: false,
    });
    session.loadWeights(Object.entries(f.initWeights!).map(([name, t]) => ({ name, shape: t.shape, data: Float32Array.from(t.data) })));
    for (let i = 0; i < f.steps; i++) session.step();
    const readout = await session.readLosses();
    session.destroy();
    gpu.destroy();
    return Array.from(readout.losses as Float32Array);
  }, blobs);

  expect(losses).toHaveLength(blobs.losses.length);
  const worst = Math.max(...losses.map((loss, i) => Math.abs(loss - blobs.losses[i]!) / Math.abs(blobs.losses[i]!)));
  expect(worst).toBeLessThan(1e-3);
  expect(losses[losses.length - 1]!).toBeLessThan(losses[0]! * 0.95);
});

test('a linear MNIST model trained in the browser matches PyTorch over a whole epoch', async ({ page }) => {
  // The app first: the dev server has then prepared every module the engine needs (no reload mid-test).
  await openPlayground(page);
  const mnist = fixture('mnist-linear-sgd.json');
  const init = [...readFileSync(new URL('../test/fixtures/torch/mnist-linear-sgd.init.safetensors', import.meta.url))];
  const losses = await page.evaluate(
    async ({ f, initBytes }) => {
      const load = (path: string) => import(/* @vite-ignore */ path);
      const [{ requestGpu }, { TrainingSession }, { decodeWeights }, { loadData }, { fetchDataReader }] = await Promise.all([
        load('/src/engine/request-gpu.ts'),
        load('/src/train/session.ts'),
        load('/src/train/weights-file.ts'),
        load('/src/train/data-source.ts'),
        load('/src/data/fetch-files.ts'),
      ]);
      const gpu = await requestGpu(navigator.gpu);
      const dataset = await loadData('mnist', fetchDataReader('/data/'), 0);
      const session = new TrainingSession(gpu, { train: dataset.train, test: dataset.test }, {
        dataset: 'mnist',
        layers: f.model,
        loss: 'cross-entropy',
        optimizer: { type: 'sgd', lr: f.optimizer.lr },
        batchSize: f.batchSize,
        epochs: 1,
        seed: 0,
        shuffle: false,
        flip: false,
      });
      session.loadWeights(decodeWeights(new Uint8Array(initBytes), 'init').tensors);
      for (let i = 0; i < f.steps; i++) session.step();
      const readout = await session.readLosses();
      session.destroy();
      gpu.destroy();
      return Array.from(readout.losses as Float32Array);
    },
    { f: mnist, initBytes: init },
  );

  expect(losses).toHaveLength(mnist.losses.length);
  const worst = Math.max(...losses.map((loss, i) => Math.abs(loss - mnist.losses[i]!) / Math.abs(mnist.losses[i]!)));
  expect(worst).toBeLessThan(1e-3);
  expect(losses[losses.length - 1]!).toBeLessThan(losses[0]! / 2);
});
