// The training loss, step by step, against PyTorch's from the same initial
// weights and batch order (fixtures made by scripts/torch/make_fixtures.py).
// Tolerance: 1e-3 relative over the first 60 steps (30 for the CNN), the
// issue's bar. Float32 sums in a different order drift by ~1e-6 per step; 60
// steps of SGD/Adam amplify that to ~1e-4 at most, well inside the bar while a
// wrong formula (e.g. Adam without bias correction) is off by >1e-2 within a
// few steps. For the CNN, PyTorch itself moves by at most 4e-5 over its 30
// steps when its convolutions sum in another order (oneDNN off, or float64).

import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/data/dataset.ts';
import type { DatasetName } from '../../src/data/datasets.ts';
import { loadData, sessionData } from '../../src/train/data-source.ts';
import { nodeDataReader } from '../../src/data/node-files.ts';
import type { LayerSpec } from '../../src/engine/layer-spec.ts';
import type { OptimizerSpec } from '../../src/engine/optim.ts';
import { parseSafetensors } from '../../src/engine/safetensors.ts';
import { TrainingSession, type SessionData } from '../../src/train/session.ts';
import { testGpu } from '../gpu.ts';

interface Fixture {
  model: LayerSpec[];
  init: string | null;
  initWeights?: Record<string, { shape: number[]; data: number[] }>;
  optimizer: Record<string, number | string | boolean>;
  data: { x?: number[][]; y?: number[] };
  batchSize: number;
  steps: number;
  losses: number[];
  after: { testLoss: number; testAccuracy: number };
}

const fixtureDir = new URL('../fixtures/torch/', import.meta.url);
const readFixture = (name: string) => JSON.parse(readFileSync(new URL(name, fixtureDir), 'utf8')) as Fixture;

function optimizerSpec(o: Fixture['optimizer']): OptimizerSpec {
  const n = (key: string) => Number(o[key] ?? 0);
  switch (o.type) {
    case 'sgd':
      return { type: 'sgd', lr: n('lr'), momentum: n('momentum'), dampening: n('dampening'), nesterov: o.nesterov === true, weightDecay: n('weightDecay') };
    case 'adam':
      return { type: 'adam', lr: n('lr'), betas: [n('beta1'), n('beta2')], eps: n('eps'), weightDecay: n('weightDecay') };
    case 'rmsprop':
      return { type: 'rmsprop', lr: n('lr'), alpha: n('alpha'), eps: n('eps'), momentum: n('momentum'), weightDecay: n('weightDecay') };
  }
  throw new Error(`unknown optimizer ${String(o.type)}`);
}

/** The tensors of a committed safetensors file, read without inferring an architecture from them. */
function readTensors(fileName: string) {
  const { tensors } = parseSafetensors(new Uint8Array(readFileSync(new URL(fileName, fixtureDir))), fileName);
  return [...tensors].map(([name, t]) => ({ name, shape: t.shape, data: t.data }));
}

function initialWeights(fixture: Fixture) {
  if (fixture.init) return readTensors(fixture.init);
  return Object.entries(fixture.initWeights!).map(([name, t]) => ({ name, shape: t.shape, data: Float32Array.from(t.data) }));
}

async function trainLikeTorch(fixture: Fixture, data: SessionData, loss: 'cross-entropy' | 'bce', evaluate = false) {
  const gpu = await testGpu();
  const session = new TrainingSession(gpu, data, {
    dataset: loss === 'bce' ? 'blobs' : 'mnist',
    layers: fixture.model,
    loss,
    optimizer: optimizerSpec(fixture.optimizer),
    batchSize: fixture.batchSize,
    epochs: 1,
    seed: 0,
    shuffle: false,
    flip: false,
  });
  session.loadWeights(initialWeights(fixture));
  for (let i = 0; i < fixture.steps; i++) session.step();
  const { losses } = await session.readLosses();
  const after = evaluate ? await session.evaluate() : null;
  session.destroy();
  return { losses: Array.from(losses), after };
}

function expectLossesFollow(ours: number[], torch: number[]) {
  expect(ours).toHaveLength(torch.length);
  const worst = Math.max(...ours.map((loss, i) => Math.abs(loss - torch[i]!) / Math.abs(torch[i]!)));
  expect(worst).toBeLessThan(1e-3);
}

describe('per-step training loss follows PyTorch', () => {
  let mnist: Dataset;
  beforeAll(async () => {
    mnist = await loadData('mnist', nodeDataReader(), 0);
  });

  // The test-set pass after training is checked for two of them: it costs as much as the 60 steps.
  const cases: [string, boolean][] = [
    ['mnist-linear-sgd', true],
    ['mnist-mlp-adam-b100', true],
    ['mnist-mlp-sgd-momentum-b100', false],
    ['mnist-mlp-rmsprop-b100', false],
  ];
  for (const [name, checkTestSet] of cases) {
    it(name, async () => {
      const fixture = readFixture(`${name}.json`);
      const { losses, after } = await trainLikeTorch(fixture, mnist, 'cross-entropy', checkTestSet);
      expectLossesFollow(losses, fixture.losses);
      if (!after) return;
      expect(after.accuracy).toBeCloseTo(fixture.after.testAccuracy, 2);
      expect(Math.abs(after.loss - fixture.after.testLoss) / fixture.after.testLoss).toBeLessThan(1e-3);
    });
  }

  it('blobs-bce', async () => {
    const fixture = readFixture('blobs-bce.json');
    const points = fixture.data.x!;
    const split = {
      inputs: Float32Array.from(points.flat()),
      labels: Float32Array.from(fixture.data.y!),
      count: points.length,
      features: 2,
    };
    const { losses } = await trainLikeTorch(fixture, { train: split, test: split }, 'bce');
    expectLossesFollow(losses, fixture.losses);
  });
});

// A CNN's steps and test pass run for minutes on SwiftShader when the machine
// is busy; the limit is there to stop a hang, not to time them.
const CNN_TIMEOUT_MS = 900_000;

describe('the mnist-cnn model follows PyTorch', () => {
  let mnist: Dataset;
  beforeAll(async () => {
    mnist = await loadData('mnist', nodeDataReader(), 0);
  });

  // Adam and SGD with momentum, at batch 100 and 64, from one init file. No
  // test pass after the steps: the trained weights below check the forward
  // pass on the test set, and on SwiftShader a CNN's test pass costs more than
  // its 30 steps.
  for (const name of ['mnist-cnn-adam-b100', 'mnist-cnn-adam-b64', 'mnist-cnn-sgd-momentum-b100', 'mnist-cnn-sgd-momentum-b64']) {
    it(
      name,
      async () => {
        const fixture = readFixture(`${name}.json`);
        expect(fixture.steps).toBe(30);
        const { losses } = await trainLikeTorch(fixture, sessionData(mnist), 'cross-entropy');
        expectLossesFollow(losses, fixture.losses);
      },
      CNN_TIMEOUT_MS,
    );
  }
});

// A CNN that PyTorch trained and saved without our metadata, as a PyTorch user
// would (scripts/torch/make_fixtures.py). Its test accuracy here must be
// PyTorch's within 0.1 point (10 of the 10,000 images), the bar.
// (fashion-cnn is the same network; its data is read as MNIST's is, and its
// full test pass would add most of a minute to every run of the tests.) In
// PyTorch no test image of the file has its two top logits within 1e-3 of
// each other, so float32 sums in another order should flip none; the mean
// loss within 1e-3 relative checks the logits themselves, not only argmax.
describe('CNN weights trained by PyTorch evaluate to its test accuracy', () => {
  const cases: [string, DatasetName][] = [
    ['mnist-cnn-trained', 'mnist'],
  ];
  for (const [name, dataset] of cases) {
    it(
      name,
      async () => {
        const fixture = JSON.parse(readFileSync(new URL(`${name}.json`, fixtureDir), 'utf8')) as Fixture & { weights: string };
        const gpu = await testGpu();
        const data = sessionData(await loadData(dataset, nodeDataReader(), 0));
        const session = new TrainingSession(gpu, data, {
          dataset,
          layers: fixture.model,
          loss: 'cross-entropy',
          optimizer: optimizerSpec(fixture.optimizer),
          batchSize: 500, // the test pass's batch: 10,000 images in 20 forward passes
          epochs: 0,
          seed: 0,
          shuffle: false,
          flip: false,
        });
        session.loadWeights(readTensors(fixture.weights));
        const after = await session.evaluate();
        session.destroy();
        expect(Math.abs(after.accuracy - fixture.after.testAccuracy)).toBeLessThanOrEqual(0.001);
        expect(Math.abs(after.loss - fixture.after.testLoss) / fixture.after.testLoss).toBeLessThan(1e-3);
      },
      CNN_TIMEOUT_MS,
    );
  }
});
