// Loss ops: softmax cross-entropy on logits with class labels, binary
// cross-entropy on probabilities, and mean squared error. Each kernel computes
// the mean loss and, in the same pass, the gradient with respect to its input
// (for an upstream gradient of 1, the usual case of `loss.backward()`), plus a
// [loss sum, correct count] pair for metrics.

import ceSource from '../../../shaders/softmax_cross_entropy.wgsl?raw';
import lossesSource from '../../../shaders/losses.wgsl?raw';
import { adoptGrad, needsGrad, record, unitSeed } from '../autograd.ts';
import type { Kernel } from '../kernel.ts';
import { defineKernel, u32, uniforms } from '../kernel.ts';
import { ShapeError, Tensor, formatShape } from '../tensor.ts';
import { scaleByScalar } from './elementwise.ts';

const crossEntropyKernel = defineKernel('softmax_cross_entropy', ceSource);
const bceKernel = defineKernel('bce', lossesSource, 'bce');
const mseKernel = defineKernel('mse', lossesSource, 'mse');

export interface LossStats {
  /** A tensor of at least 2·(slot + 1) floats; receives [loss sum, correct count] at 2·slot. */
  tensor: Tensor;
  slot: number;
}

function statsBinding(input: Tensor, stats: LossStats | undefined) {
  if (!stats) return { slice: input.gpu.unused(0), slot: 0 };
  if (stats.tensor.size < 2 * (stats.slot + 1)) {
    throw new ShapeError(`loss stats: slot ${stats.slot} is past the end of a ${stats.tensor.size}-element tensor`);
  }
  return { slice: stats.tensor.slice, slot: stats.slot };
}

/** The loss's backward: the kernel already wrote the gradient for an upstream 1; scale it otherwise. */
function lossBackward(input: Tensor, gradInput: Tensor) {
  return (upstream: Tensor) => {
    if (upstream !== unitSeed(upstream.gpu)) scaleByScalar(gradInput, upstream);
    adoptGrad(input, gradInput);
  };
}

/** torch.nn.CrossEntropyLoss (mean reduction) on logits [batch, classes] and u32 labels [batch]. */
export function crossEntropy(logits: Tensor, labels: Tensor, stats?: LossStats): Tensor {
  if (logits.shape.length !== 2 || labels.shape.length !== 1 || labels.size !== logits.shape[0]) {
    throw new ShapeError(
      `crossEntropy: logits ${formatShape(logits.shape)} and labels ${formatShape(labels.shape)} do not match (expected logits [batch, classes] and labels [batch])`,
    );
  }
  if (labels.dtype !== 'u32') throw new ShapeError('crossEntropy: labels must be u32 class indices');
  const [batch, classes] = logits.shape as [number, number];
  const gpu = logits.gpu;
  const withGrad = needsGrad(logits);
  const loss = Tensor.empty(gpu, [1]);
  const gradLogits = withGrad ? Tensor.empty(gpu, logits.shape) : null;
  const { slice, slot } = statsBinding(logits, stats);
  gpu.dispatch(crossEntropyKernel, {
    constants: { COMPUTE_GRAD: Number(withGrad) },
    uniforms: uniforms(u32(batch), u32(classes), u32(slot)),
    buffers: [logits.slice, labels.slice, loss.slice, gradLogits?.slice ?? gpu.unused(1), slice],
    workgroups: [1],
  });
  return gradLogits ? record(loss, 'crossEntropy', [logits], lossBackward(logits, gradLogits)) : loss;
}

function elementwiseLoss(name: string, kernel: Kernel, prediction: Tensor, target: Tensor, stats?: LossStats): Tensor {
  if (prediction.size !== target.size) {
    throw new ShapeError(`${name}: prediction ${formatShape(prediction.shape)} and target ${formatShape(target.shape)} differ in size`);
  }
  if (target.dtype !== 'f32') throw new ShapeError(`${name}: targets must be f32`);
  const gpu = prediction.gpu;
  const withGrad = needsGrad(prediction);
  const loss = Tensor.empty(gpu, [1]);
  const gradPrediction = withGrad ? Tensor.empty(gpu, prediction.shape) : null;
  const { slice, slot } = statsBinding(prediction, stats);
  gpu.dispatch(kernel, {
    constants: { COMPUTE_GRAD: Number(withGrad) },
    uniforms: uniforms(u32(prediction.size), u32(slot)),
    buffers: [prediction.slice, target.slice, loss.slice, gradPrediction?.slice ?? gpu.unused(1), slice],
    workgroups: [1],
  });
  return gradPrediction ? record(loss, name, [prediction], lossBackward(prediction, gradPrediction)) : loss;
}

/** torch.nn.BCELoss (mean reduction) on probabilities in [0, 1]. */
export function binaryCrossEntropy(probabilities: Tensor, targets: Tensor, stats?: LossStats): Tensor {
  return elementwiseLoss('binaryCrossEntropy', bceKernel, probabilities, targets, stats);
}

/** torch.nn.MSELoss (mean reduction). */
export function meanSquaredError(prediction: Tensor, target: Tensor, stats?: LossStats): Tensor {
  return elementwiseLoss('meanSquaredError', mseKernel, prediction, target, stats);
}
