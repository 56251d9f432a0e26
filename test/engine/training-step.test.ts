// A training step (TrainingSession.step) as the style guide defines it: one
// command encoder, one submit, zero readbacks, and after the first step no
// GPU buffer created. Counted with the device's own stats (gpu.stats), over
// steps 2..5 of small synthetic datasets, for each loss and optimizer.

import { describe, expect, it } from 'vitest';
import type { LayerSpec } from '../../src/engine/layer-spec.ts';
import type { OptimizerSpec } from '../../src/engine/optim.ts';
import { TrainingSession } from '../../src/train/session.ts';
import type { LossName } from '../../src/train/config.ts';
import type { SplitData } from '../../src/engine/gpu-split.ts';
import { rng, uniformF32, useGpu } from './helpers.ts';

const gpuOf = useGpu();

function split(count: number, features: number, classes: number, floatLabels: boolean, seed: number): SplitData {
  const next = rng(seed);
  return {
    inputs: uniformF32(count * features, seed),
    labels: floatLabels
      ? Float32Array.from({ length: count * classes }, () => (next() < 0.5 ? 0 : 1))
      : Uint8Array.from({ length: count }, () => Math.floor(next() * classes)),
    count,
    features,
  };
}

interface Case {
  loss: LossName;
  optimizer: OptimizerSpec;
  layers: LayerSpec[];
  /** One sample's shape; [5] unless given. */
  inputShape?: number[];
}

const cases: Case[] = [
  {
    loss: 'cross-entropy',
    optimizer: { type: 'adam', lr: 0.01 },
    layers: [{ type: 'linear', in: 5, out: 8 }, { type: 'relu' }, { type: 'dropout', p: 0.25 }, { type: 'linear', in: 8, out: 3 }],
  },
  {
    loss: 'bce',
    optimizer: { type: 'sgd', lr: 0.1, momentum: 0.9 },
    layers: [{ type: 'linear', in: 5, out: 4 }, { type: 'sigmoid' }, { type: 'linear', in: 4, out: 1 }, { type: 'sigmoid' }],
  },
  {
    loss: 'mse',
    optimizer: { type: 'rmsprop', lr: 0.01, momentum: 0.5 },
    // One output: a split with float labels holds one target per sample.
    layers: [{ type: 'linear', in: 5, out: 1, bias: false }],
  },
  {
    loss: 'cross-entropy',
    optimizer: { type: 'adam', lr: 0.001 },
    // A small CNN as the presets build it: 1×6×5 → 3×6×5 → 3×3×2 → 18 → 3.
    inputShape: [1, 6, 5],
    layers: [
      { type: 'conv2d', in: 1, out: 3, kernel: [3, 3], padding: [1, 1] },
      { type: 'relu' },
      { type: 'maxpool2d', kernel: [2, 2] },
      { type: 'flatten' },
      { type: 'linear', in: 18, out: 3 },
    ],
  },
];

const nameOf = (c: Case) => `${c.layers.some((l) => l.type === 'conv2d') ? 'conv2d, ' : ''}${c.loss}, ${c.optimizer.type}`;

function makeSession(c: Case, count: number, batchSize: number): TrainingSession {
  const outputs = (c.layers.filter((l) => l.type === 'linear').at(-1) as { out: number }).out;
  const floatLabels = c.loss !== 'cross-entropy';
  const inputShape = c.inputShape ?? [5];
  const features = inputShape.reduce((a, b) => a * b, 1);
  return new TrainingSession(
    gpuOf(),
    {
      train: split(count, features, floatLabels ? outputs : 3, floatLabels, 1),
      test: split(8, features, floatLabels ? outputs : 3, floatLabels, 2),
      inputShape,
    },
    { dataset: 'blobs', layers: c.layers, loss: c.loss, optimizer: c.optimizer, batchSize, epochs: 10, seed: 4, shuffle: true, flip: false },
  );
}

describe('a training step', () => {
  for (const c of cases) {
    it(`submits once, reads nothing back and creates no buffer after the first step (${nameOf(c)})`, async () => {
      const gpu = gpuOf();
      // 24 samples in batches of 8: steps 1–3 are the first epoch, step 4 starts the second (a new shuffle).
      const session = makeSession(c, 24, 8);
      session.step();
      await gpu.finish();
      const before = { ...gpu.stats };
      for (let step = 2; step <= 5; step++) {
        const submits = gpu.stats.submits;
        session.step();
        expect(gpu.stats.submits - submits, `submits in step ${step}`).toBe(1);
      }
      expect(gpu.stats.buffersCreated - before.buffersCreated, 'buffers created in steps 2–5').toBe(0);
      expect(gpu.stats.readbacks - before.readbacks, 'readbacks in steps 2–5').toBe(0);
      const { losses, firstStep, divergedAtStep } = await session.readLosses();
      expect(firstStep).toBe(1);
      expect(losses.length).toBe(5);
      expect(Array.from(losses).every(Number.isFinite)).toBe(true);
      expect(divergedAtStep).toBeNull();
      session.destroy();
    });
  }

  it('creates no buffer in any step, the smaller last batch of an epoch included', async () => {
    const gpu = gpuOf();
    // 21 samples in batches of 8: 8, 8, 5 per epoch.
    const session = makeSession(cases[0]!, 21, 8);
    await gpu.finish();
    const before = { ...gpu.stats };
    for (let step = 1; step <= 6; step++) session.step();
    expect(gpu.stats.buffersCreated - before.buffersCreated).toBe(0);
    expect(gpu.stats.readbacks - before.readbacks).toBe(0);
    expect(gpu.stats.submits - before.submits).toBe(6);
    session.destroy();
  });

  it('evaluates the test split in one submit and one readback', async () => {
    const gpu = gpuOf();
    const session = makeSession(cases[0]!, 24, 3);
    session.step();
    await session.evaluate();
    const before = { ...gpu.stats };
    const { loss, accuracy } = await session.evaluate();
    expect(gpu.stats.submits - before.submits).toBe(1);
    expect(gpu.stats.readbacks - before.readbacks).toBe(1);
    expect(gpu.stats.buffersCreated - before.buffersCreated).toBe(0);
    expect(Number.isFinite(loss) && loss > 0).toBe(true);
    expect(accuracy >= 0 && accuracy <= 1).toBe(true);
    session.destroy();
  });
});
