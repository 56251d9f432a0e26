// The learning-rate range test: its arithmetic against values worked out by
// hand (below each case), then a whole test on blobs with SGD on Dawn, and
// Compare with four runs from the same start.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { datasetInfo } from '../../src/data/datasets.ts';
import { nodeDataReader } from '../../src/data/node-files.ts';
import { sessionData } from '../../src/train/data-source.ts';
import { makeBlobs } from '../../src/data/blobs.ts';
import { runComparison } from '../../src/train/compare.ts';
import type { TrainConfig } from '../../src/train/config.ts';
import { defaultRangeTest, formatRate, hasExploded, LossSmoother, rangeTestRates, steepestDescent, suggestLearningRate } from '../../src/train/lr-finder.ts';

/** A whole curve through one smoother, as the range test smooths its losses one by one. */
function smoothLosses(losses: readonly number[], beta: number): number[] {
  const smoother = new LossSmoother(beta);
  return losses.map((loss) => smoother.add(loss));
}
import type { LossPoints } from '../../src/train/messages.ts';
import { runRangeTest } from '../../src/train/range-test.ts';
import { TrainingSession } from '../../src/train/session.ts';
import { testGpu } from '../gpu.ts';

describe('the range test’s arithmetic', () => {
  it('raises the rate by the same factor each step, from the first rate to the last', () => {
    // 1e-3 · (1e4)^(i/4): one decade per step.
    const rates = rangeTestRates(1e-3, 10, 5);
    [1e-3, 1e-2, 1e-1, 1, 10].forEach((want, i) => expect(rates[i]! / want).toBeCloseTo(1, 12));
    // 1e-6 to 10 in 100 steps: the ratio of neighbours is 1e7^(1/99) = 1.17681...
    const page = rangeTestRates(defaultRangeTest.startLr, defaultRangeTest.endLr, defaultRangeTest.steps);
    expect(page).toHaveLength(100);
    expect(page[0]).toBe(1e-6);
    expect(page[99]).toBe(10);
    expect(page[1]! / page[0]!).toBeCloseTo(1.176811952, 8);
    expect(() => rangeTestRates(1, 0.1, 10)).toThrow(/startLr < endLr/);
    expect(() => rangeTestRates(1e-6, 1, 1)).toThrow(/at least 2 steps/);
  });

  it('smooths with a bias-corrected moving average', () => {
    // β = 0.5, losses 4, 2, 2: averages 2, 2, 2 before correction; divided by 1 − 0.5^n: 4, 8/3, 16/7.
    const s = smoothLosses([4, 2, 2], 0.5);
    expect(s[0]).toBe(4);
    expect(s[1]).toBeCloseTo(8 / 3, 12);
    expect(s[2]).toBeCloseTo(16 / 7, 12);
    // β = 0 is no smoothing at all.
    expect(smoothLosses([3, 1, 2], 0)).toEqual([3, 1, 2]);
    expect(new LossSmoother(0.9).add(2.5)).toBeCloseTo(2.5, 12);
    expect(() => new LossSmoother(1)).toThrow();
  });

  it('stops when the smoothed loss is over four times the best, or not finite', () => {
    expect(hasExploded(4, 1, 4)).toBe(false);
    expect(hasExploded(4.01, 1, 4)).toBe(true);
    expect(hasExploded(NaN, 1, 4)).toBe(true);
    expect(hasExploded(Infinity, 1, 4)).toBe(true);
    // Before any loss the best is infinite: nothing explodes.
    expect(hasExploded(100, Infinity, 4)).toBe(false);
  });

  it('suggests a tenth of the rate at the lowest smoothed loss, with the steepest descent beside it', () => {
    const lrs = [1e-4, 1e-3, 1e-2, 1e-1, 1];
    const smoothed = [2, 1.8, 1.0, 0.5, 3];
    // Lowest at 0.1 → 0.01. Slopes per ln-decade: −0.2, −0.8, −0.5 (each / ln 10): steepest between 1e-3 and 1e-2,
    // given at their geometric middle √(1e-5) = 0.0031623.
    const suggestion = suggestLearningRate(lrs, smoothed)!;
    expect(suggestion.lr).toBeCloseTo(0.01, 15);
    expect(suggestion.minimumLr).toBe(0.1);
    expect(suggestion.minimumLoss).toBe(0.5);
    expect(suggestion.steepestLr).toBeCloseTo(Math.sqrt(1e-5), 15);
    expect(steepestDescent(lrs, smoothed, 1)).toBeCloseTo(Math.sqrt(1e-7), 15);
    // NaN is skipped, not taken as the lowest.
    expect(suggestLearningRate(lrs, [2, NaN, 1, 3, 4])!.minimumLr).toBe(1e-2);
    // A loss that never falls below its first value: no suggestion.
    expect(suggestLearningRate([1, 2, 3], [1, 2, 3])).toBeNull();
    expect(suggestLearningRate([], [])).toBeNull();
  });

  it('writes rates as the setup field shows them', () => {
    expect(formatRate(Math.sqrt(1e-5))).toBe('0.00316');
    expect(formatRate(0.1)).toBe('0.1');
    expect(formatRate(0.30000000000000004)).toBe('0.3');
    expect(formatRate(1e-6)).toBe('0.000001');
    expect(Number(formatRate(1.23e-7))).toBe(1.23e-7);
  });
});

const blobs = makeBlobs({ seed: 3 });
const blobsConfig: TrainConfig = {
  dataset: 'blobs',
  layers: [{ type: 'linear', in: 2, out: 8 }, { type: 'relu' }, { type: 'linear', in: 8, out: 1 }, { type: 'sigmoid' }],
  loss: 'bce',
  optimizer: { type: 'sgd', lr: 0.1 },
  batchSize: 16,
  epochs: 1,
  seed: 7,
  shuffle: true,
  flip: false,
};

describe('runRangeTest on Dawn', () => {
  it('finds a sane learning rate for SGD on blobs, each step at its own rate', async () => {
    const gpu = await testGpu();
    const session = new TrainingSession(gpu, blobs, blobsConfig);
    const streamed: number[] = [];
    const result = await runRangeTest(session, { ...defaultRangeTest, shouldStop: () => false, onPoints: (p) => streamed.push(...p.map((q) => q.lr)) });
    session.destroy();
    const rates = rangeTestRates(defaultRangeTest.startLr, defaultRangeTest.endLr, defaultRangeTest.steps);
    // Every point is the step at its rate, in order, and the page got each once.
    expect(result.points.map((p) => p.lr)).toEqual(rates.slice(0, result.points.length));
    expect(streamed).toEqual(result.points.map((p) => p.lr));
    expect(result.points.map((p) => p.smoothed)).toEqual(smoothLosses(result.points.map((p) => p.loss), defaultRangeTest.smoothing));
    // SGD at lr 1e-6 barely moves: the first steps' losses are the untrained model's (about ln 2 for BCE).
    expect(result.points[0]!.loss).toBeGreaterThan(0.5);
    expect(result.points[0]!.loss).toBeLessThan(1);
    const suggestion = result.suggestion!;
    expect(suggestion).not.toBeNull();
    // For this model SGD learns at rates from about 0.01 to 1 (the setup's 0.1 trains blobs in a few hundred steps).
    expect(suggestion.lr).toBeGreaterThanOrEqual(1e-3);
    expect(suggestion.lr).toBeLessThanOrEqual(1);
    expect(suggestion.minimumLoss).toBeLessThan(result.points[0]!.smoothed);
    console.log(`range test: ended ${result.ended} after ${result.points.length} steps, lowest ${suggestion.minimumLoss.toFixed(3)} at ${formatRate(suggestion.minimumLr)}, suggested ${formatRate(suggestion.lr)}, steepest ${suggestion.steepestLr === null ? '–' : formatRate(suggestion.steepestLr)}`);
  }, 300_000);

  it('stops early when the loss explodes on a small MNIST subset, with a suggestion near the tutorial’s rate', async () => {
    execFileSync(process.execPath, [fileURLToPath(new URL('../../scripts/prepare-data.mjs', import.meta.url))], { stdio: 'inherit' });
    const mnist = await datasetInfo('mnist').load(nodeDataReader(), 0);
    const small = {
      ...mnist,
      train: { ...mnist.train, count: 1000, inputs: mnist.train.inputs.subarray(0, 1000 * 784), labels: mnist.train.labels.subarray(0, 1000) },
      test: { ...mnist.test, count: 100, inputs: mnist.test.inputs.subarray(0, 100 * 784), labels: mnist.test.labels.subarray(0, 100) },
    };
    const gpu = await testGpu();
    // Tutorial 1's model: Linear(784, 10) and SGD (it trains at lr 0.1).
    const config: TrainConfig = { ...blobsConfig, dataset: 'mnist', layers: [{ type: 'linear', in: 784, out: 10 }], loss: 'cross-entropy', batchSize: 100 };
    const session = new TrainingSession(gpu, sessionData(small), config);
    const result = await runRangeTest(session, { ...defaultRangeTest, shouldStop: () => false, onPoints: () => {} });
    session.destroy();
    const suggestion = result.suggestion!;
    console.log(`mnist range test: ended ${result.ended} after ${result.points.length} steps, lowest ${suggestion.minimumLoss.toFixed(3)} at ${formatRate(suggestion.minimumLr)}, suggested ${formatRate(suggestion.lr)}, steepest ${suggestion.steepestLr === null ? '–' : formatRate(suggestion.steepestLr)}`);
    expect(result.points[0]!.loss).toBeCloseTo(Math.log(10), 0);
    // Linear softmax regression blows up at rates of a few units: the test ends before its last rate, 10.
    expect(result.ended).toBe('exploded');
    expect(result.points.length).toBeLessThan(100);
    expect(suggestion.lr).toBeGreaterThanOrEqual(0.01);
    expect(suggestion.lr).toBeLessThanOrEqual(1);
  }, 300_000);

  it('stops when asked', async () => {
    const gpu = await testGpu();
    const session = new TrainingSession(gpu, blobs, blobsConfig);
    let reads = 0;
    const result = await runRangeTest(session, { ...defaultRangeTest, readEvery: 5, shouldStop: () => reads >= 2, onPoints: () => reads++ });
    session.destroy();
    expect(result.ended).toBe('stopped');
    expect(result.points).toHaveLength(10);
  }, 300_000);
});

describe('runComparison with four runs', () => {
  it('starts SGD, SGD with momentum, Adam and RMSprop from the same loss, step for step', async () => {
    const gpu = await testGpu();
    const optimizers: TrainConfig['optimizer'][] = [
      { type: 'sgd', lr: 0.1 },
      { type: 'sgd', lr: 0.1, momentum: 0.9 },
      { type: 'adam', lr: 0.01 },
      { type: 'rmsprop', lr: 0.01 },
    ];
    const sessions = optimizers.map((optimizer) => new TrainingSession(gpu, blobs, { ...blobsConfig, optimizer }));
    const series: LossPoints[] = sessions.map(() => ({ steps: [], losses: [] }));
    const evaluations: number[] = [];
    const { summaries } = await runComparison(sessions, {
      labels: ['A', 'B', 'C', 'D'],
      maxSteps: 10,
      stepsPerTurn: 5,
      evaluations: 2,
      targetAccuracy: 0.9,
      shouldStop: () => false,
      onLosses: (_, s) => s.forEach((one, i) => (series[i]!.steps.push(...one.steps), series[i]!.losses.push(...one.losses))),
      onEvaluation: (e) => evaluations.push(e.length),
    });
    sessions.forEach((s) => s.destroy());
    expect(summaries.map((s) => s.label)).toEqual(['A', 'B', 'C', 'D']);
    expect(summaries.map((s) => s.steps)).toEqual([10, 10, 10, 10]);
    for (const s of series) expect(s.steps).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    // Same weights, same first batch: the same first loss, to the bit, reported in each summary.
    const first = series[0]!.losses[0]!;
    expect(series.map((s) => s.losses[0])).toEqual([first, first, first, first]);
    expect(summaries.map((s) => s.firstTrainLoss)).toEqual([first, first, first, first]);
    // After that the optimizers part ways.
    expect(new Set(series.map((s) => s.losses[9])).size).toBe(4);
    expect(evaluations.every((n) => n === 4)).toBe(true);
  }, 300_000);
});
