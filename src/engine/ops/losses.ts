// Losses, each computed with its gradient in the same pass (the gradient of
// the mean loss with upstream gradient 1). Backward hands that gradient on as
// is when the loss is the root of backward(), and scales it otherwise.
//   crossEntropy: torch.nn.CrossEntropyLoss on logits and integer labels
//   bce:          torch.nn.BCELoss on probabilities (log clamped at −100)
//   mse:          torch.nn.MSELoss
// Each can also add [loss sum, correct count] into `stats` at `statsSlot`,
// so an evaluation pass accumulates all its batches and reads them back once.

import ceSource from '../../../shaders/softmax_cross_entropy.wgsl?raw';
import lossesSource from '../../../shaders/losses.wgsl?raw';
import { adoptGrad, isGradEnabled, record, unitSeed } from '../autograd.ts';
import { defineKernel, u32, uniforms, type Kernel } from '../kernel.ts';
import type { BufferSlice } from '../gpu.ts';
import { ShapeError, Tensor, formatShape } from '../tensor.ts';
import { scaleByScalar } from './elementwise.ts';

const crossEntropyKernel = defineKernel('softmax_cross_entropy', ceSource, { optional: ['gradLogits', 'stats'] });
const bceKernel = defineKernel('bce', lossesSource, { entryPoint: 'bce', optional: ['gradPrediction', 'stats'] });
const mseKernel = defineKernel('mse', lossesSource, { entryPoint: 'mse', optional: ['gradPrediction', 'stats'] });

export interface LossOptions {
  /** A tensor of 2 × slots floats to which [loss sum, correct count] are added. */
  stats?: Tensor;
  statsSlot?: number;
}

/** The stats binding, when the caller asked for the sums (else the kernel's stand-in). */
function statsBinding(options: LossOptions, op: string): { stats?: BufferSlice } {
  const slot = options.statsSlot ?? 0;
  if (!options.stats) return {};
  if (!Number.isInteger(slot) || slot < 0 || 2 * slot + 2 > options.stats.size) {
    throw new ShapeError(`${op}: stats slot ${slot} is outside a stats tensor of shape ${formatShape(options.stats.shape)}`);
  }
  return { stats: options.stats.slice };
}

/** Runs a fused loss kernel and records its backward. */
function fusedLoss(
  op: string,
  kernel: Kernel,
  input: Tensor,
  target: Tensor,
  params: ArrayBuffer,
  options: LossOptions,
): Tensor {
  const gpu = input.gpu;
  const loss = Tensor.empty(gpu, [1]);
  const wantsGrad = isGradEnabled() && input.requiresGrad;
  const grad = wantsGrad ? Tensor.empty(gpu, input.shape) : null;
  const [inputName, targetName, gradName] = kernel === crossEntropyKernel ? ['logits', 'labels', 'gradLogits'] : ['prediction', 'targets', 'gradPrediction'];
  gpu.dispatch(kernel, {
    constants: { COMPUTE_GRAD: wantsGrad ? 1 : 0 },
    uniforms: params,
    bindings: {
      [inputName]: input.slice,
      [targetName]: target.slice,
      loss: loss.slice,
      ...(grad ? { [gradName]: grad.slice } : {}),
      ...statsBinding(options, op),
    },
    // One workgroup reduces the whole batch: the loss is a single number.
    workgroups: [1],
  });
  if (!grad) return loss;
  return record(loss, op, [input], (gradOut) => {
    if (gradOut !== unitSeed(gpu)) scaleByScalar(grad, gradOut);
    adoptGrad(input, grad);
  });
}

/** Mean cross-entropy of logits [batch, classes] against u32 labels [batch]. */
export function crossEntropy(logits: Tensor, labels: Tensor, options: LossOptions = {}): Tensor {
  if (logits.shape.length !== 2) {
    throw new ShapeError(`crossEntropy: expected logits [batch, classes], got ${formatShape(logits.shape)}`);
  }
  const [batch, classes] = [logits.shape[0]!, logits.shape[1]!];
  if (labels.dtype !== 'u32' || labels.size !== batch) {
    throw new ShapeError(
      `crossEntropy: labels must be ${batch} class indices (u32) for logits ${formatShape(logits.shape)}, got ${labels.dtype} ${formatShape(labels.shape)}`,
    );
  }
  const params = uniforms(u32(batch), u32(classes), u32(options.statsSlot ?? 0));
  return fusedLoss('crossEntropy', crossEntropyKernel, logits, labels, params, options);
}

function checkSameShape(op: string, input: Tensor, target: Tensor): void {
  if (input.size !== target.size || target.dtype !== 'f32') {
    throw new ShapeError(
      `${op}: target ${target.dtype} ${formatShape(target.shape)} does not match input ${formatShape(input.shape)}`,
    );
  }
}

/** Mean binary cross-entropy of probabilities against 0/1 targets. */
export function bce(probabilities: Tensor, target: Tensor, options: LossOptions = {}): Tensor {
  checkSameShape('bce', probabilities, target);
  const params = uniforms(u32(probabilities.size), u32(options.statsSlot ?? 0));
  return fusedLoss('bce', bceKernel, probabilities, target, params, options);
}

/** Mean squared error. */
export function mse(input: Tensor, target: Tensor, options: LossOptions = {}): Tensor {
  checkSameShape('mse', input, target);
  const params = uniforms(u32(input.size), u32(options.statsSlot ?? 0));
  return fusedLoss('mse', mseKernel, input, target, params, options);
}
