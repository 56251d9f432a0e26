// Compare's runs follow their schedules: two runs of one setup trained step
// for step by runComparison (2 steps an epoch, 6 steps), one under its own
// StepLR(step_size=1, gamma=0.5), one with none; runConfig builds each run's
// config as the worker's comparison does.

import { describe, expect, it } from 'vitest';
import { testGpu } from '../gpu.ts';
import { runComparison } from '../../src/train/compare.ts';
import { runConfig, type TrainConfig } from '../../src/train/config.ts';
import { TrainingSession } from '../../src/train/session.ts';

const COUNT = 16;
const inputs = Float32Array.from({ length: COUNT * 2 }, (_, i) => Math.cos(0.9 * i));
const labels = Float32Array.from({ length: COUNT }, (_, i) => i % 2);
const data = { train: { inputs, labels, count: COUNT, features: 2 }, test: { inputs, labels, count: COUNT, features: 2 } };
const shared: TrainConfig = {
  dataset: 'blobs',
  layers: [{ type: 'linear', in: 2, out: 1 }, { type: 'sigmoid' }],
  loss: 'bce',
  optimizer: { type: 'sgd', lr: 0.1 },
  batchSize: 8,
  epochs: 3,
  seed: 1,
  shuffle: false,
  flip: false,
  lrSchedule: { type: 'cosine', tMax: 3 },
};

describe('runConfig', () => {
  it('gives a run its own schedule, none, or the shared one', () => {
    const sgd = { type: 'sgd', lr: 0.2 } as const;
    expect(runConfig(shared, { optimizer: sgd, lrSchedule: { type: 'step', stepSize: 1 } })).toMatchObject({ optimizer: sgd, lrSchedule: { type: 'step', stepSize: 1 } });
    expect(runConfig(shared, { optimizer: sgd, lrSchedule: null })).not.toHaveProperty('lrSchedule');
    expect(runConfig(shared, { optimizer: sgd }).lrSchedule).toEqual(shared.lrSchedule);
  });
});

describe('a comparison of a scheduled run and a constant one', () => {
  it('trains each at its own rates, epoch by epoch', async () => {
    const gpu = await testGpu();
    const runs = [
      { label: 'A', optimizer: shared.optimizer, lrSchedule: { type: 'step', stepSize: 1, gamma: 0.5 } as const },
      { label: 'B', optimizer: shared.optimizer, lrSchedule: null },
    ];
    const sessions = [await TrainingSession.create(gpu, data, runConfig(shared, runs[0]!)), await TrainingSession.create(gpu, data, runConfig(shared, runs[1]!))] as const;
    const rates: number[][] = [[], []];
    await runComparison([sessions[0], sessions[1]], {
      labels: ['A', 'B'],
      maxSteps: 6,
      stepsPerTurn: 2,
      targetAccuracy: 1,
      shouldStop: () => false,
      // Each turn is one epoch here: the rate each run trained it at.
      onLosses: () => sessions.forEach((s, i) => rates[i]!.push(s.optimizer.lr)),
      onEvaluation: () => {},
    });
    expect(rates).toEqual([
      [0.1, 0.05, 0.025],
      [0.1, 0.1, 0.1],
    ]);
    for (const session of sessions) session.destroy();
  });
});
