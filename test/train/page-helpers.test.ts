// The worker's helpers around training: predictions, the confusion matrix,
// the decision-boundary grid, the batching of updates, and the side-by-side
// comparison, on Dawn with the real kernels.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeBlobs } from '../../src/data/blobs.ts';
import { Sequential } from '../../src/engine/nn.ts';
import { runComparison } from '../../src/train/compare.ts';
import type { TrainConfig } from '../../src/train/config.ts';
import { evaluateGrid } from '../../src/train/grid.ts';
import type { LossPoints } from '../../src/train/messages.ts';
import { argmax, confusionMatrix, misclassifiedIndices, predictProbabilities, softmax, SplitPredictor } from '../../src/train/predict.ts';
import { TrainingSession } from '../../src/train/session.ts';
import { UpdateBatcher } from '../../src/train/update-batcher.ts';
import { requestDawnGpu } from '../../src/cli/dawn.ts';
import { testGpu } from '../gpu.ts';

describe('softmax, argmax and the confusion matrix', () => {
  it('softmax is stable for large logits and sums to one', () => {
    const p = softmax([1000, 1001, 999]);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(p[1]).toBeCloseTo(Math.exp(1) / (1 + Math.exp(1) + Math.exp(-1)), 12);
    expect(softmax([NaN, 1]).every(Number.isNaN)).toBe(true);
  });

  it('argmax takes the first of ties, within a row', () => {
    expect(argmax([0, 3, 3, 1])).toBe(1);
    expect(argmax([9, 9, 0, 5, 2], 2, 3)).toBe(1);
  });

  it('counts true class by predicted class, and lists the first mistakes', () => {
    const labels = [0, 1, 2, 1, 0];
    const predicted = [0, 2, 2, 1, 1];
    expect(confusionMatrix(labels, predicted, 3)).toEqual([
      [1, 1, 0],
      [0, 1, 1],
      [0, 0, 1],
    ]);
    expect(misclassifiedIndices(labels, predicted, 1)).toEqual([1]);
  });
});

describe('the decision-boundary grid', () => {
  it('evaluates a sigmoid model at every point', async () => {
    const gpu = await testGpu();
    const model = new Sequential(gpu, [{ type: 'linear', in: 2, out: 1 }, { type: 'sigmoid' }]);
    // p = sigmoid(x): 0.5 on the y axis, rising to the right.
    model.loadStateDict([
      { name: '0.weight', shape: [1, 2], data: Float32Array.from([1, 0]) },
      { name: '0.bias', shape: [1], data: Float32Array.from([0]) },
    ]);
    const grid = await evaluateGrid(gpu, model, 4, [-2, 2, -2, 2]);
    const x = [-1.5, -0.5, 0.5, 1.5];
    for (let row = 0; row < 4; row++) {
      for (let col = 0; col < 4; col++) expect(grid.values[row * 4 + col]).toBeCloseTo(1 / (1 + Math.exp(-x[col]!)), 5);
    }
    model.destroy();
  });
});

describe('predictions', () => {
  it('gives the softmax of the logits for one input, and leaves the model in training mode', async () => {
    const gpu = await testGpu();
    const model = new Sequential(gpu, [{ type: 'linear', in: 3, out: 2 }, { type: 'dropout', p: 0.5 }]);
    model.loadStateDict([
      { name: '0.weight', shape: [2, 3], data: Float32Array.from([1, 0, 0, 0, 1, 0]) },
      { name: '0.bias', shape: [2], data: Float32Array.from([0, 0]) },
    ]);
    // Dropout is off for predictions: the same answer every time.
    const p = await predictProbabilities(gpu, model, Float32Array.from([2, 0, 5]));
    expect(p[0]).toBeCloseTo(softmax([2, 0])[0]!, 6);
    expect(await predictProbabilities(gpu, model, Float32Array.from([2, 0, 5]))).toEqual(p);
    expect(model.training).toBe(true);
    model.destroy();
  });

  it('predicts every sample of a split, in batches, as one readback', async () => {
    // A device of its own: its kernels are compiled here, so a pass waits for the compile check
    // before its submit, the moment another pass over the split could slip in.
    const gpu = await requestDawnGpu();
    // 7 samples, batches of 3: the last batch is short.
    const inputs = Float32Array.from([3, 0, 0, 3, 2, 1, 1, 2, 5, 5, 0, 4, 4, 0]);
    const split = { inputs, labels: new Uint8Array(7), count: 7, features: 2 };
    const model = new Sequential(gpu, [{ type: 'linear', in: 2, out: 2 }]);
    // Class 0 scores x, class 1 scores y + 0.5: class 0 whenever x ≥ y + 0.5.
    model.loadStateDict([
      { name: '0.weight', shape: [2, 2], data: Float32Array.from([1, 0, 0, 1]) },
      { name: '0.bias', shape: [2], data: Float32Array.from([0, 0.5]) },
    ]);
    const predictor = new SplitPredictor(gpu, split, 3);
    const expected = [0, 1, 0, 1, 1, 1, 0];
    // Two passes at once (the worker's last epoch and its final result): neither moves the other's cursor.
    const [first, second] = await Promise.all([predictor.predict(model), predictor.predict(model)]);
    expect(Array.from(first)).toEqual(expected);
    expect(Array.from(second)).toEqual(expected);
    predictor.destroy();
    model.destroy();
    gpu.destroy();
  });
});

describe('UpdateBatcher', () => {
  afterEach(() => vi.useRealTimers());

  it('sends at most one batch per interval and the rest on a timer, in order', () => {
    vi.useFakeTimers();
    let now = 0;
    const sent: number[][] = [];
    const batcher = new UpdateBatcher((b) => sent.push(b.steps), 100, () => now);
    batcher.addStep(1, 0.9);
    expect(sent).toEqual([[1]]);
    for (let step = 2; step <= 50; step++) {
      now += 2;
      batcher.addStep(step, 0.5);
    }
    expect(sent).toHaveLength(1);
    now = 100;
    vi.advanceTimersByTime(100);
    expect(sent).toHaveLength(2);
    expect(sent[1]).toEqual(Array.from({ length: 49 }, (_, i) => i + 2));
    batcher.addStep(51, 0.4);
    batcher.flush();
    expect(sent[2]).toEqual([51]);
    batcher.addStep(52, 0.4);
    batcher.cancel();
    vi.advanceTimersByTime(1000);
    expect(sent).toHaveLength(3);
  });
});

describe('runComparison', () => {
  const blobs = makeBlobs({ seed: 5 });
  const config: TrainConfig = {
    dataset: 'blobs',
    layers: [{ type: 'linear', in: 2, out: 6 }, { type: 'relu' }, { type: 'linear', in: 6, out: 1 }, { type: 'sigmoid' }],
    loss: 'bce',
    optimizer: { type: 'sgd', lr: 0.1 },
    batchSize: 16,
    epochs: 1,
    seed: 11,
    shuffle: true,
    flip: false,
  };

  async function compare(a: TrainConfig['optimizer'], b: TrainConfig['optimizer'], maxSteps: number) {
    const gpu = await testGpu();
    const sessions = [a, b].map((optimizer) => new TrainingSession(gpu, blobs, { ...config, optimizer })) as [TrainingSession, TrainingSession];
    const series: [LossPoints, LossPoints] = [
      { steps: [], losses: [] },
      { steps: [], losses: [] },
    ];
    const evaluations: number[] = [];
    const result = await runComparison(sessions, {
      labels: ['A', 'B'],
      maxSteps,
      stepsPerTurn: 4,
      evaluations: 3,
      targetAccuracy: 0.6,
      shouldStop: () => false,
      onLosses: (_, s) => s.forEach((one, i) => (series[i]!.steps.push(...one.steps), series[i]!.losses.push(...one.losses))),
      onEvaluation: (e) => evaluations.push(e[0].step),
    });
    sessions.forEach((s) => s.destroy());
    return { ...result, series, evaluations };
  }

  it('gives identical runs identical curves: same initial weights, same batches', async () => {
    const { series, summaries } = await compare({ type: 'sgd', lr: 0.1 }, { type: 'sgd', lr: 0.1 }, 13);
    expect(series[0].steps).toEqual(Array.from({ length: 13 }, (_, i) => i + 1));
    expect(series[1].losses).toEqual(series[0].losses);
    expect(summaries.map((s) => s.steps)).toEqual([13, 13]);
    expect(summaries[0].finalTestLoss).toBe(summaries[1].finalTestLoss);
  });

  it('differs only by the optimizer, and reports steps to the target at its evaluations', async () => {
    const { series, summaries, evaluations } = await compare({ type: 'sgd', lr: 0.1 }, { type: 'adam', lr: 0.05 }, 24);
    // The first step is the same (same weights, same batch); the updates then differ.
    expect(series[1].losses[0]).toBe(series[0].losses[0]);
    expect(series[1].losses[5]).not.toBe(series[0].losses[5]);
    // Evaluations every 8 steps (24 / 3, whole turns), the final one at the end.
    expect(evaluations).toEqual([8, 16, 24]);
    for (const s of summaries) {
      if (s.reachedTarget) expect([8, 16, 24]).toContain(s.reachedTarget.step);
      expect(s.seconds).toBeGreaterThan(0);
    }
  });
});
