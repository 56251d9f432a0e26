// Inverted dropout: in training each element is zeroed with probability p and
// the rest scaled by 1/(1 − p); in evaluation it is the identity (the caller
// simply does not call it). The mask is a hash of (seed, index), so backward
// recomputes it from the same seed instead of storing it.

import source from '../../../shaders/dropout.wgsl?raw';
import { contributeGrad, record } from '../autograd.ts';
import { defineKernel, elementwiseGroups, f32, u32, uniforms } from '../kernel.ts';
import { ShapeError, Tensor } from '../tensor.ts';

const kernel = defineKernel('dropout', source);

function mask(input: Tensor, output: Tensor, probability: number, seed: Tensor): void {
  input.gpu.dispatch(kernel, {
    uniforms: uniforms(u32(input.size), f32(probability)),
    bindings: { seed: seed.slice, input: input.slice, output: output.slice },
    workgroups: elementwiseGroups(input.size),
  });
}

/** `seed` is a one-element u32 tensor; a new value gives a new mask. */
export function dropout(x: Tensor, probability: number, seed: Tensor): Tensor {
  if (!(probability >= 0 && probability < 1)) {
    throw new RangeError(`dropout: probability must be in [0, 1), got ${probability}`);
  }
  if (seed.size !== 1 || seed.dtype !== 'u32') throw new ShapeError('dropout: the seed must be one u32');
  const y = Tensor.empty(x.gpu, x.shape);
  mask(x, y, probability, seed);
  return record(y, 'dropout', [x], (gradOut) => {
    contributeGrad(x, (dest) => mask(gradOut, dest, probability, seed));
  });
}
