// The training accuracy the loop reports per epoch, counted on the GPU inside
// the training steps, against an independent count on the CPU: the weights
// are read before every step (the loop is paused and let through one step at
// a time), the step's batch is known (no shuffle), and argmax == label is
// taken over float64 logits computed from those weights. A real learning rate
// moves the weights between steps, so a count taken with the wrong weights,
// one that keeps last epoch's sums, or one divided by the wrong number of
// samples all differ from the reference.

import { describe, expect, it } from 'vitest';
import { testGpu } from '../gpu.ts';
import { Random } from '../../src/engine/random.ts';
import { RunControl } from '../../src/train/control.ts';
import type { EpochEvent, TrainEvent } from '../../src/train/events.ts';
import { runTraining } from '../../src/train/loop.ts';
import { TrainingSession } from '../../src/train/session.ts';
import type { TrainConfig } from '../../src/train/config.ts';

/** A RunControl that tells when the loop asks for its next step: it has submitted the previous one. */
class SteppedControl extends RunControl {
  onWait: () => void = () => {};
  override nextStepAllowed(): Promise<void> {
    this.onWait();
    return super.nextStepAllowed();
  }
}

type Weights = Map<string, Float32Array>;

/** Logits of a Linear-ReLU-Linear network (PyTorch layout: weight [out, in]), in float64. */
function mlpOutputs(weights: Weights, x: Float32Array, features: number, hidden: number, outputs: number): number[] {
  const w0 = weights.get('0.weight')!, b0 = weights.get('0.bias')!, w2 = weights.get('2.weight')!, b2 = weights.get('2.bias')!;
  const h = Array.from({ length: hidden }, (_, j) => {
    let sum = b0[j]!;
    for (let k = 0; k < features; k++) sum += w0[j * features + k]! * x[k]!;
    return Math.max(0, sum);
  });
  return Array.from({ length: outputs }, (_, c) => {
    let sum = b2[c]!;
    for (let j = 0; j < hidden; j++) sum += w2[c * hidden + j]! * h[j]!;
    return sum;
  });
}

/** Points around `classes` centres in `features` dimensions, overlapping enough that some are misclassified. */
function gaussianPoints(count: number, features: number, classes: number, seed: number, floatLabels: boolean) {
  const random = new Random(seed);
  const inputs = new Float32Array(count * features);
  const labels = floatLabels ? new Float32Array(count) : new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const label = i % classes;
    labels[i] = label;
    for (let k = 0; k < features; k++) inputs[i * features + k] = (k % classes === label ? 1 : 0) + 0.9 * random.normal();
  }
  return { inputs, labels, count, features };
}

interface Case {
  name: string;
  config: TrainConfig;
  features: number;
  hidden: number;
  outputs: number;
  count: number;
  /** Is sample `i`, with outputs `out`, counted correct? Also the margin by which it is decided. */
  judge: (out: number[], label: number) => { correct: boolean; margin: number };
}

const argmaxJudge = (out: number[], label: number) => {
  let best = 0;
  for (let c = 1; c < out.length; c++) if (out[c]! > out[best]!) best = c;
  const others = out.filter((_, c) => c !== best);
  return { correct: best === label, margin: out[best]! - Math.max(...others) };
};
// The BCE kernel counts p > 0.5 against y > 0.5; p = sigmoid(z), so z > 0.
const sigmoidJudge = (out: number[], label: number) => ({ correct: out[0]! > 0 === label > 0.5, margin: Math.abs(out[0]!) });

const cases: Case[] = [
  {
    name: 'cross-entropy, 3 classes, 37 samples in batches of 8 (a last batch of 5)',
    features: 4,
    hidden: 6,
    outputs: 3,
    count: 37,
    judge: argmaxJudge,
    config: {
      dataset: 'mnist',
      layers: [{ type: 'linear', in: 4, out: 6 }, { type: 'relu' }, { type: 'linear', in: 6, out: 3 }],
      loss: 'cross-entropy',
      optimizer: { type: 'sgd', lr: 0.5 },
      batchSize: 8,
      epochs: 3,
      seed: 11,
      shuffle: false,
      flip: false,
    },
  },
  {
    name: 'BCE on one sigmoid output, 30 samples in batches of 7',
    features: 2,
    hidden: 5,
    outputs: 1,
    count: 30,
    judge: sigmoidJudge,
    config: {
      dataset: 'blobs',
      layers: [{ type: 'linear', in: 2, out: 5 }, { type: 'relu' }, { type: 'linear', in: 5, out: 1 }, { type: 'sigmoid' }],
      loss: 'bce',
      optimizer: { type: 'adam', lr: 0.1 },
      batchSize: 7,
      epochs: 3,
      seed: 5,
      shuffle: false,
      flip: false,
    },
  },
];

describe('the training accuracy of each epoch', () => {
  for (const c of cases) {
    it(`equals a CPU count of correct answers with the weights before each step: ${c.name}`, async () => {
      const gpu = await testGpu();
      const classes = c.outputs === 1 ? 2 : c.outputs;
      const train = gaussianPoints(c.count, c.features, classes, c.config.seed + 1, c.config.loss !== 'cross-entropy');
      const test = gaussianPoints(9, c.features, classes, c.config.seed + 2, c.config.loss !== 'cross-entropy');
      const session = new TrainingSession(gpu, { train, test }, c.config);
      const { batchSize, epochs } = c.config;
      const batches = Math.ceil(c.count / batchSize);

      // Before each step: the weights, then the correct count of that step's batch with them.
      const expectedCorrect: number[] = new Array<number>(epochs).fill(0);
      let ambiguous = 0;
      let stepsChecked = 0;
      const control = new SteppedControl();
      control.pause();
      control.onWait = () => {
        if (stepsChecked === epochs * batches) return;
        const step = stepsChecked;
        void session.model.stateDict().then((tensors) => {
          const weights: Weights = new Map(tensors.map((t) => [t.name, t.data]));
          const start = (step % batches) * batchSize;
          for (let i = start; i < Math.min(start + batchSize, c.count); i++) {
            const x = train.inputs.subarray(i * c.features, (i + 1) * c.features);
            const { correct, margin } = c.judge(mlpOutputs(weights, x, c.features, c.hidden, c.outputs), train.labels[i]!);
            if (correct) expectedCorrect[Math.floor(step / batches)]!++;
            // float32 on the GPU against float64 here may decide a near tie the other way.
            if (margin < 1e-4) ambiguous++;
          }
          stepsChecked++;
          control.stepOnce();
        });
      };
      const events: TrainEvent[] = [];
      await runTraining(session, { epochs, readEvery: 1, control, onEvent: (e) => events.push(e) });
      session.destroy();

      expect(stepsChecked).toBe(epochs * batches);
      const reported = events.filter((e): e is EpochEvent => e.type === 'epoch');
      expect(reported.map((e) => e.epoch)).toEqual([1, 2, 3]);
      expect(ambiguous).toBe(0);
      expect(reported.map((e) => e.trainAccuracy)).toEqual(expectedCorrect.map((n) => n / c.count));
      // Learning happened: the weights the count used did change between epochs.
      expect(new Set(expectedCorrect).size).toBeGreaterThan(1);
    }, 300_000);
  }
});
