// A run with a schedule really trains at the schedule's rates: a linear model
// with MSE, one full batch per epoch, with SGD under StepLR(step_size=1,
// gamma=0.5) for 3 epochs, against the same three SGD steps in float64 on the
// CPU at 0.1, 0.05 and 0.025. The weights agree to float32's precision (1e-5);
// at a constant 0.1 they would differ by over 1e-2, so the rates are the ones used.

import { describe, expect, it } from 'vitest';
import { testGpu } from '../gpu.ts';
import { runTraining } from '../../src/train/loop.ts';
import { TrainingSession } from '../../src/train/session.ts';
import type { EpochEvent, TrainEvent } from '../../src/train/events.ts';
import type { TrainConfig } from '../../src/train/config.ts';

const COUNT = 16;
const inputs = Float32Array.from({ length: COUNT * 2 }, (_, i) => Math.sin(1.7 * i + 0.3) * 2);
const labels = Float32Array.from({ length: COUNT }, (_, i) => (i % 3 === 0 ? 1 : 0));
const data = { train: { inputs, labels, count: COUNT, features: 2 }, test: { inputs, labels, count: COUNT, features: 2 } };

const config = (lrSchedule: TrainConfig['lrSchedule'], epochs: number): TrainConfig => ({
  dataset: 'blobs',
  layers: [{ type: 'linear', in: 2, out: 1 }],
  loss: 'mse',
  optimizer: { type: 'sgd', lr: 0.1 },
  batchSize: COUNT,
  epochs,
  seed: 5,
  shuffle: false,
  flip: false,
  lrSchedule,
});

/** Full-batch SGD on mean((w·x + b − t)²) in float64, one step per rate. */
function referenceWeights(w: number[], b: number, rates: number[]): number[] {
  let [w0, w1] = w as [number, number];
  for (const lr of rates) {
    let g0 = 0;
    let g1 = 0;
    let gb = 0;
    for (let i = 0; i < COUNT; i++) {
      const [x0, x1] = [inputs[2 * i]!, inputs[2 * i + 1]!];
      const error = (2 / COUNT) * (w0 * x0 + w1 * x1 + b - labels[i]!);
      g0 += error * x0;
      g1 += error * x1;
      gb += error;
    }
    [w0, w1, b] = [w0 - lr * g0, w1 - lr * g1, b - lr * gb];
  }
  return [w0, w1, b];
}

const flat = (tensors: { name: string; data: Float32Array }[]) => {
  const byName = Object.fromEntries(tensors.map((t) => [t.name, [...t.data]]));
  return [...byName['0.weight']!, ...byName['0.bias']!];
};

describe('a run under a learning-rate schedule', () => {
  it('trains its 3 epochs at StepLR(step_size=1, gamma=0.5)’s rates, 0.1, 0.05 and 0.025', async () => {
    const gpu = await testGpu();
    const session = await TrainingSession.create(gpu, data, config({ type: 'step', stepSize: 1, gamma: 0.5 }, 3));
    const initial = flat(await session.model.stateDict());
    const events: TrainEvent[] = [];
    await runTraining(session, { epochs: 3, onEvent: (e) => events.push(e) });
    const epochs = events.filter((e): e is EpochEvent => e.type === 'epoch');
    expect(epochs.map((e) => e.lr)).toEqual([0.1, 0.05, 0.025]);
    const trained = flat(await session.model.stateDict());
    const scheduled = referenceWeights(initial.slice(0, 2), initial[2]!, [0.1, 0.05, 0.025]);
    const constant = referenceWeights(initial.slice(0, 2), initial[2]!, [0.1, 0.1, 0.1]);
    trained.forEach((value, i) => expect(Math.abs(value - scheduled[i]!), `parameter ${i}`).toBeLessThan(1e-5));
    expect(Math.max(...trained.map((value, i) => Math.abs(value - constant[i]!)))).toBeGreaterThan(1e-2);
    session.destroy();
  });

  it('steps the schedule in the session itself, so runs trained step by step (Compare) follow it too', async () => {
    const gpu = await testGpu();
    const session = await TrainingSession.create(gpu, data, config({ type: 'cosine', tMax: 2 }, 4));
    const rates: number[] = [];
    for (let step = 0; step < 4; step++) {
      session.step();
      rates.push(session.optimizer.lr);
    }
    await session.readLosses();
    // CosineAnnealingLR(T_max=2, eta_min=0): 0.1, 0.05, 0 at T_max, then up again.
    expect(rates[0]).toBe(0.1);
    expect(rates[1]).toBeCloseTo(0.05, 15);
    expect(rates[2]).toBeCloseTo(0, 15);
    expect(rates[3]).toBeCloseTo(0.05, 15);
    session.destroy();
  });
});
