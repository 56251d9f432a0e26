// What a model answers, outside training: the class probabilities for one
// drawing, and the predicted class of every test sample for the confusion
// matrix. Forward passes run without autograd and in evaluation mode (dropout
// off); the logits are read back once and the argmax is taken on the CPU.
//
// These may run while a training loop is paused between two steps, so each
// one is recorded in one synchronous stretch and leaves the model in the mode
// it found it in.

import { noGrad } from '../engine/autograd.ts';
import type { Gpu } from '../engine/gpu.ts';
import type { Sequential } from '../engine/nn.ts';
import { keep as keepTensor, Tensor, tidy } from '../engine/tensor.ts';
import { GpuSplit, type SplitData } from '../engine/gpu-split.ts';

/** Softmax in float64, shifted by the largest logit so exp never overflows. */
export function softmax(logits: ArrayLike<number>): number[] {
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) max = Math.max(max, logits[i]!);
  if (!Number.isFinite(max)) return Array.from({ length: logits.length }, () => NaN);
  const exps = Array.from({ length: logits.length }, (_, i) => Math.exp(logits[i]! - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}

/** Index of the largest of `count` values starting at `offset` (first on ties). */
export function argmax(values: ArrayLike<number>, offset = 0, count = values.length - offset): number {
  let best = 0;
  for (let i = 1; i < count; i++) if (values[offset + i]! > values[offset + best]!) best = i;
  return best;
}

/** Runs `fn` with the model in evaluation mode and puts its mode back. */
function inEvalMode<T>(model: Sequential, fn: () => T): T {
  const wasTraining = model.training;
  model.eval();
  try {
    return noGrad(fn);
  } finally {
    if (wasTraining) model.train();
  }
}

/** The model's outputs for a batch of inputs given on the CPU ([rows, features], row-major). */
export async function forwardRows(gpu: Gpu, model: Sequential, inputs: Float32Array, rows: number): Promise<Float32Array> {
  // Input and output outlive the recording until the read: a pooled buffer given back early
  // could be handed to other work before this read's submit.
  const x = Tensor.fromArray(gpu, inputs, [rows, model.inputs]);
  const out = inEvalMode(model, () => tidy(() => model.forward(x)));
  try {
    return await out.readFloat32();
  } finally {
    x.dispose();
    out.dispose();
  }
}

/** A layer's output for one sample, as the views of what the network computes show it. */
export interface LayerOutput {
  /** The layer's index in the Sequential. */
  layer: number;
  shape: number[];
  values: Float32Array;
}

/**
 * The model's outputs for one sample and the outputs of the layers `keep`
 * picks, read back together: one forward pass, one readback.
 */
export async function forwardObserved(
  gpu: Gpu,
  model: Sequential,
  inputs: Float32Array,
  keep: (layer: number) => boolean,
): Promise<{ output: Float32Array; layers: LayerOutput[] }> {
  const x = Tensor.fromArray(gpu, inputs, [1, model.inputs]);
  const kept: { layer: number; tensor: Tensor }[] = [];
  const out = inEvalMode(model, () =>
    tidy(() => {
      const result = model.forward(x, (layer, output) => {
        if (!keep(layer)) return;
        keepTensor(output.base ?? output);
        kept.push({ layer, tensor: output });
      });
      return result;
    }),
  );
  try {
    const bytes = await gpu.read(out.slice, ...kept.map((k) => k.tensor.slice));
    return {
      output: new Float32Array(bytes[0]!),
      layers: kept.map((k, i) => ({ layer: k.layer, shape: k.tensor.shape.slice(1), values: new Float32Array(bytes[i + 1]!) })),
    };
  } finally {
    x.dispose();
    out.dispose();
    for (const k of kept) (k.tensor.base ?? k.tensor).dispose();
  }
}

/** Class probabilities for one sample: softmax of the logits, or [1 − p, p] for a single sigmoid output. */
export async function predictProbabilities(gpu: Gpu, model: Sequential, pixels: Float32Array): Promise<number[]> {
  return probabilitiesOf(await forwardRows(gpu, model, pixels, 1));
}

/** One sample's class probabilities from the model's outputs. */
export function probabilitiesOf(outputs: Float32Array): number[] {
  if (outputs.length === 1) return [1 - outputs[0]!, outputs[0]!];
  return softmax(outputs);
}

/**
 * The predicted class of every sample of a split. The split gets its own GPU
 * copy (`GpuSplit`), so this never moves the cursor of the split a training
 * loop evaluates on. Outputs of all batches are copied into one buffer and
 * read back once.
 */
export class SplitPredictor {
  private readonly split: GpuSplit;

  constructor(
    private readonly gpu: Gpu,
    data: SplitData,
    private readonly batchSize = 1000,
  ) {
    this.split = new GpuSplit(gpu, data, 'predictions');
  }

  async predict(model: Sequential): Promise<Uint8Array> {
    return predictedClasses(await this.outputs(model), model.outputs);
  }

  /** The model's outputs for every sample of the split, [count, outputs] row-major. */
  async outputs(model: Sequential): Promise<Float32Array> {
    const { count } = this.split;
    const classes = model.outputs;
    const all = Tensor.empty(this.gpu, [count, classes]);
    // The rewind writes the cursor through the queue at once: work recorded earlier and not yet
    // submitted (another pass over this split, waiting for its readback) must go first, or it
    // would start where this pass's rewind left the cursor.
    this.gpu.submit();
    this.split.rewind();
    inEvalMode(model, () => {
      for (let start = 0; start < count; start += this.batchSize) {
        const size = Math.min(this.batchSize, count - start);
        tidy(() => {
          const { x } = this.split.nextBatch(size);
          const out = model.forward(x);
          this.gpu.copy(out.slice, { buffer: all.slice.buffer, offset: start * classes * 4, size: out.slice.size });
        });
      }
    });
    try {
      return await all.readFloat32();
    } finally {
      all.dispose();
    }
  }

  destroy(): void {
    this.split.destroy();
  }
}

/** Each sample's predicted class from the outputs [count, classes]: the argmax, or p ≥ 0.5 for a single sigmoid output. */
export function predictedClasses(outputs: Float32Array, classes: number): Uint8Array {
  const count = outputs.length / classes;
  const predicted = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    predicted[i] = classes === 1 ? (outputs[i]! >= 0.5 ? 1 : 0) : argmax(outputs, i * classes, classes);
  }
  return predicted;
}

/** Indices of the samples of true class `trueClass` predicted as `predictedClass`, in split order: one cell of the confusion matrix. */
export function cellIndices(labels: ArrayLike<number>, predicted: ArrayLike<number>, trueClass: number, predictedClass: number): number[] {
  const indices: number[] = [];
  for (let i = 0; i < predicted.length; i++) if (labels[i] === trueClass && predicted[i] === predictedClass) indices.push(i);
  return indices;
}

/** matrix[trueClass][predictedClass] = number of samples. */
export function confusionMatrix(labels: ArrayLike<number>, predicted: ArrayLike<number>, classes: number): number[][] {
  const matrix = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  for (let i = 0; i < predicted.length; i++) matrix[labels[i]!]![predicted[i]!]!++;
  return matrix;
}

/** Indices of the first `limit` samples whose prediction is wrong, in split order. */
export function misclassifiedIndices(labels: ArrayLike<number>, predicted: ArrayLike<number>, limit: number): number[] {
  const wrong: number[] = [];
  for (let i = 0; i < predicted.length && wrong.length < limit; i++) if (predicted[i] !== labels[i]) wrong.push(i);
  return wrong;
}
