// Inverted dropout with a seeded mask that the backward pass recomputes.

import source from '../../../shaders/dropout.wgsl?raw';
import { contributeGrad, record } from '../autograd.ts';
import type { BufferSlice } from '../gpu.ts';
import { defineKernel, elementwiseGroups, f32, u32, uniforms } from '../kernel.ts';
import { Tensor } from '../tensor.ts';

const kernel = defineKernel('dropout', source);

function runDropout(input: Tensor, output: Tensor, probability: number, seed: BufferSlice): void {
  input.gpu.dispatch(kernel, {
    uniforms: uniforms(u32(input.size), f32(probability)),
    buffers: [seed, input.slice, output.slice],
    workgroups: elementwiseGroups(input.size),
  });
}

/**
 * Zeroes each element with probability `probability` and scales the rest by
 * 1/(1 − p). `seed` is a 4-byte uniform slice holding this call's mask seed;
 * it must keep its value until the backward pass has been recorded and
 * submitted (the Dropout layer writes a fresh one on each forward).
 */
export function dropout(x: Tensor, probability: number, seed: BufferSlice): Tensor {
  if (!(probability >= 0 && probability < 1)) {
    throw new RangeError(`dropout: probability must be in [0, 1), got ${probability}`);
  }
  const out = Tensor.empty(x.gpu, x.shape);
  runDropout(x, out, probability, seed);
  return record(out, 'dropout', [x], (grad) => {
    contributeGrad(x, (dest) => runDropout(grad, dest, probability, seed));
  });
}
