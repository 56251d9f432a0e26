// The training loop's guards: a run that diverges stops on its own with a
// message and the last good weights, a model too big for the device's limits
// is refused before anything is allocated, and one too big for the memory
// left is refused and taken back whole.

import { describe, expect, it, vi } from 'vitest';
import { makeBlobs } from '../../src/data/blobs.ts';
import type { TrainConfig } from '../../src/train/config.ts';
import type { TrainEvent } from '../../src/train/events.ts';
import { runTraining } from '../../src/train/loop.ts';
import { TrainingSession } from '../../src/train/session.ts';
import { loadData, sessionData } from '../../src/train/data-source.ts';
import { testGpu } from '../gpu.ts';
import { nodeDataReader } from '../../src/data/node-files.ts';
import { presetConfig } from '../../src/train/presets.ts';
import { Gpu, GpuOutOfMemoryError } from '../../src/engine/gpu.ts';
import { withMemoryBudget } from '../memory-budget.ts';
import { encodeWeights } from '../../src/train/weights-file.ts';

const blobs = sessionData(makeBlobs({ seed: 0 }));
const config = (overrides: Partial<TrainConfig>): TrainConfig => ({
  dataset: 'blobs',
  layers: [{ type: 'linear', in: 2, out: 16 }, { type: 'relu' }, { type: 'linear', in: 16, out: 16 }, { type: 'relu' }, { type: 'linear', in: 16, out: 1 }],
  loss: 'mse',
  optimizer: { type: 'sgd', lr: 50 },
  batchSize: 80,
  epochs: 100,
  seed: 1,
  shuffle: false,
  flip: false,
  ...overrides,
});

describe('divergence', () => {
  it('stops within a few steps, says what to do, and keeps the last good weights', async () => {
    const gpu = await testGpu();
    const session = new TrainingSession(gpu, blobs, config({}));
    const events: TrainEvent[] = [];
    await runTraining(session, { epochs: 100, readEvery: 1, onEvent: (e) => events.push(e) });
    const diverged = events.find((e) => e.type === 'diverged');
    if (diverged?.type !== 'diverged') throw new Error('training did not report a divergence');
    expect(diverged.step).toBeLessThan(10);
    expect(diverged.message).toMatch(/smaller learning rate/);
    expect(events.at(-1)).toMatchObject({ type: 'done', stoppedEarly: true });
    // Steps after the divergence were not reported, and none was taken after it was seen.
    const steps = events.filter((e) => e.type === 'step');
    expect(steps.every((e) => e.type === 'step' && e.step < diverged.step && Number.isFinite(e.loss))).toBe(true);
    expect(session.steps).toBe(diverged.step);
    const weights = await session.model.stateDict();
    expect(weights.every((w) => w.data.every(Number.isFinite))).toBe(true);
    // The kept weights are those of the last step with a reasonable loss: evaluating them is finite.
    const { loss } = await session.evaluate();
    expect(Number.isFinite(loss)).toBe(true);
    session.destroy();
  });

  it('a NaN loss is caught even when it never grows first', async () => {
    const gpu = await testGpu();
    // A NaN target (a NaN input would vanish in ReLU, whose max() drops NaN on GPUs).
    const poisoned = { ...blobs, train: { ...blobs.train, labels: Float32Array.from(blobs.train.labels as Float32Array, (v, i) => (i === 5 ? NaN : v)) } };
    const session = new TrainingSession(gpu, poisoned, config({ optimizer: { type: 'sgd', lr: 0.01 } }));
    const events: TrainEvent[] = [];
    await runTraining(session, { epochs: 5, readEvery: 1, onEvent: (e) => events.push(e) });
    expect(events.find((e) => e.type === 'diverged')).toMatchObject({ step: 1, message: expect.stringMatching(/infinite or NaN/) });
    const weights = await session.model.stateDict();
    expect(weights.every((w) => w.data.every(Number.isFinite))).toBe(true);
    session.destroy();
  });
});

describe('a learning rate of 10 on MNIST', () => {
  it('is caught within a few steps', async () => {
    const gpu = await testGpu();
    const mnist = sessionData(await loadData('mnist', nodeDataReader(), 0));
    const session = new TrainingSession(gpu, mnist, { ...presetConfig('mnist-mlp-adam'), optimizer: { type: 'adam', lr: 10 } });
    const events: TrainEvent[] = [];
    await runTraining(session, { epochs: 1, maxSteps: 10, readEvery: 1, onEvent: (e) => events.push(e) });
    const diverged = events.find((e) => e.type === 'diverged');
    if (diverged?.type !== 'diverged') throw new Error('lr 10 was not caught');
    expect(diverged.step).toBeLessThanOrEqual(5);
    expect(diverged.message).toMatch(/smaller learning rate \(now 10\)/);
    session.destroy();
  });
});

describe('a model too big for the device', () => {
  it('is refused before allocation, naming the layer and the limit', async () => {
    const gpu = await testGpu();
    const before = gpu.stats.buffersCreated;
    const huge = config({ layers: [{ type: 'linear', in: 2, out: 64 }, { type: 'relu' }, { type: 'linear', in: 64, out: 200_000_000 }] });
    expect(() => new TrainingSession(gpu, blobs, huge)).toThrow(/layer 2 Linear\(64, 200000000\) is too big for this device: its weight need .* MiB, over its max\w+ of .* MiB/);
    const wideBatch = config({ layers: [{ type: 'linear', in: 2, out: 1_000_000 }, { type: 'relu' }, { type: 'linear', in: 1_000_000, out: 1 }], batchSize: 1000 });
    expect(() => new TrainingSession(gpu, blobs, wideBatch)).toThrow(/its activations for a batch of 1000 need/);
    expect(gpu.stats.buffersCreated).toBe(before);
  });

  it('refuses a convolution too big for it the same way', async () => {
    const gpu = await testGpu();
    const before = gpu.stats.buffersCreated;
    // Eight 1×28×28 images, as MNIST's are shaped: no image data reaches the GPU before the check.
    const split = { inputs: new Float32Array(8 * 784), labels: new Uint8Array(8), count: 8, features: 784 };
    const images = { train: split, test: split, inputShape: [1, 28, 28] };
    const cnn = (layers: TrainConfig['layers'], batchSize: number): TrainConfig => config({ loss: 'cross-entropy', batchSize, layers });
    // A 28×28 kernel takes each image to 8×1×1; then 2^28 filters of 8 weights: 8 GiB.
    const wide = 2 ** 28;
    const manyFilters = cnn(
      [
        { type: 'conv2d', in: 1, out: 8, kernel: [28, 28] },
        { type: 'relu' },
        { type: 'conv2d', in: 8, out: wide, kernel: [1, 1] },
        { type: 'flatten' },
        { type: 'linear', in: wide, out: 10 },
      ],
      8,
    );
    expect(() => new TrainingSession(gpu, images, manyFilters)).toThrow(
      /layer 2 Conv2d\(8, 268435456, kernel_size=\(1, 1\), stride=\(1, 1\)\) is too big for this device: its weight need .* MiB, over its max\w+ of .* MiB/,
    );
    // 4,096 feature maps of 28×28 for 1,000 images: 12 GiB of activations.
    const manyMaps = cnn([{ type: 'conv2d', in: 1, out: 4096, kernel: [1, 1] }, { type: 'relu' }, { type: 'flatten' }, { type: 'linear', in: 4096 * 784, out: 10 }], 1000);
    expect(() => new TrainingSession(gpu, images, manyMaps)).toThrow(
      /layer 0 Conv2d\(1, 4096, kernel_size=\(1, 1\), stride=\(1, 1\)\) is too big for this device: its activations for a batch of 1000 need .* MiB/,
    );
    expect(gpu.stats.buffersCreated).toBe(before);
  });

  it('refuses a loaded file whose model is too big for it, before allocation', async () => {
    // The worker's modules post through `self`: in Node a stand-in takes the messages.
    vi.stubGlobal('self', { postMessage: () => {} });
    const { modelFromFile } = await import('../../src/train/worker/weights.ts');
    const gpu = await testGpu();
    // Ten weights whose padding makes each image one feature map too big for one binding (a hostile
    // or mistaken file): the weights load, the first drawing's forward pass could not.
    const limit = Math.min(gpu.limits.maxStorageBufferBindingSize, gpu.limits.maxBufferSize);
    const side = Math.ceil(Math.sqrt(limit / (10 * 4))) + 2;
    const padding = Math.ceil((side - 28) / 2);
    const pooled = 28 + 2 * padding;
    const layers: TrainConfig['layers'] = [
      { type: 'conv2d', in: 1, out: 10, kernel: [1, 1], padding: [padding, padding] },
      { type: 'maxpool2d', kernel: [pooled, pooled] },
      { type: 'flatten' },
    ];
    const bytes = encodeWeights(
      layers,
      [
        { name: '0.weight', shape: [10, 1, 1, 1], data: new Float32Array(10) },
        { name: '0.bias', shape: [10], data: new Float32Array(10) },
      ],
      { dataset: 'mnist' },
    );
    const before = gpu.stats.buffersCreated;
    await expect(modelFromFile(gpu, bytes, 'padded.safetensors', 'mnist', 'loaded')).rejects.toThrow(
      new RegExp(`^padded\\.safetensors: layer 0 Conv2d\\(1, 10, .*padding=\\(${padding}, ${padding}\\)\\) is too big for this device: its activations for a batch of 1 need .* MiB, over its max\\w+ of .* MiB`),
    );
    expect(gpu.stats.buffersCreated).toBe(before);
    vi.unstubAllGlobals();
  });
});

describe('a model too big for the memory left', () => {
  it('is refused with a message naming the largest layer, and nothing of it is kept', async () => {
    const budget = withMemoryBudget((await testGpu()).device, 4 * 2 ** 20);
    const gpu = new Gpu(budget.device, { name: 'test device with 4 MiB left', runsOnCpu: true });
    const errors: string[] = [];
    gpu.onError((message) => errors.push(message));
    // Adam keeps 5 copies of the parameters: 5 × 1 MiB for layer 2 alone.
    const wide = config({
      layers: [{ type: 'linear', in: 2, out: 64 }, { type: 'relu' }, { type: 'linear', in: 64, out: 4096 }, { type: 'relu' }, { type: 'linear', in: 4096, out: 1 }],
      optimizer: { type: 'adam', lr: 1e-3 },
    });
    const refusal = await TrainingSession.create(gpu, blobs, wide).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(GpuOutOfMemoryError);
    expect((refusal as Error).message).toMatch(
      /ran out of memory setting up this model: it needs about [\d.]+ MiB, the most for layer 2 Linear\(64, 4096\) \([\d.]+ MiB for its weights, gradients and optimizer state, and its activations for a batch of 80\)\. Make that layer smaller or the batch smaller/,
    );
    expect(budget.used, 'bytes still held after the refusal').toBe(0);
    expect(errors, 'errors that reached the page').toEqual([]);
    // The device goes on working: a model that fits trains, with nothing stale from the refused one.
    const session = await TrainingSession.create(gpu, blobs, config({ optimizer: { type: 'adam', lr: 1e-2 } }));
    for (let step = 0; step < 5; step++) session.step();
    const { losses } = await session.readLosses();
    expect(losses).toHaveLength(5);
    expect(Array.from(losses).every(Number.isFinite)).toBe(true);
    expect(losses[4]).toBeLessThan(losses[0]!);
    expect(errors).toEqual([]);
    session.destroy();
  });
});
