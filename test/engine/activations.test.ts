// ReLU and Sigmoid, forward and backward, against float64, on inputs that
// include exact zeros, signed zero and magnitudes where a naive sigmoid
// overflows (|x| ≥ 89 makes exp(|x|) infinite in f32).
//
// Tolerances:
//   relu forward and backward are selections: exact.
//   sigmoid forward: WGSL allows exp() an error of 3 + 2|x| ULP and division
//     2.5 ULP; with the add that is at most (8 + 2|x|)·u relative error on
//     e^−|x| and so on σ (u = 2^-24). Below about −87 the exact result is
//     subnormal in f32 and may be flushed to zero: 2^-126 absolute is allowed.
//   backward: PyTorch's sigmoid_backward takes the forward output y; with the
//     GPU's own y as input, dy·y·(1 − y) is three f32 roundings: 4u relative.

import { describe, expect, it } from 'vitest';
import { relu, sigmoid } from '../../src/engine/ops/activations.ts';
import { Tensor, tidy } from '../../src/engine/tensor.ts';
import type { Gpu } from '../../src/engine/gpu.ts';
import { U, expectClose, uniformF32, useGpu } from './helpers.ts';
import { reluBackwardRef, reluRef, sigmoidBackwardRef, sigmoidRef } from './reference.ts';

const gpuOf = useGpu();

const SPECIAL = [0, -0, 1e-30, -1e-30, 1e-7, -1e-7, 0.5, -0.5, 10, -10, 30, -30, 88, -88, 89, -89, 100, -100, 1000, -1000, 3e38, -3e38];

/** The special values followed by random ones, `n` in all. */
function inputs(n: number, seed: number): Float32Array {
  const x = uniformF32(n, seed, -6, 6);
  x.set(SPECIAL.slice(0, n));
  return x;
}

async function run(gpu: Gpu, op: typeof relu, x: Float32Array, dy: Float32Array) {
  const result = tidy(() => {
    const xt = Tensor.fromArray(gpu, x);
    xt.requiresGrad = true;
    const y = op(xt);
    y.node!.backward(Tensor.fromArray(gpu, dy));
    return { y, dx: xt.grad! };
  });
  const out = { y: await result.y.readFloat32(), dx: await result.dx.readFloat32() };
  result.y.dispose();
  result.dx.dispose();
  return out;
}

describe('relu', () => {
  it('is max(x, 0) and passes the gradient only where the output is positive (0 at x = 0, as PyTorch)', async () => {
    const gpu = gpuOf();
    for (const n of [1, 33, 1000]) {
      const x = inputs(n, n);
      const dy = uniformF32(n, n + 1, 0.5, 2);
      const { y, dx } = await run(gpu, relu, x, dy);
      expectClose(y, reluRef(x), 0, `relu(${n}) forward`);
      expectClose(dx, reluBackwardRef(reluRef(x), dy), 0, `relu(${n}) backward`);
    }
    const { dx } = await run(gpu, relu, new Float32Array([0, -0, -1, 1]), new Float32Array([5, 5, 5, 5]));
    expect(Array.from(dx)).toEqual([0, 0, 0, 5]);
  });
});

describe('sigmoid', () => {
  it('matches float64 and stays finite for any input, with gradient dy·y·(1 − y)', async () => {
    const gpu = gpuOf();
    for (const n of [1, 33, 1000]) {
      const x = inputs(n, 10 + n);
      const dy = uniformF32(n, 11 + n);
      const { y, dx } = await run(gpu, sigmoid, x, dy);
      const expected = sigmoidRef(x);
      expectClose(y, expected, (i) => (8 + 2 * Math.min(Math.abs(x[i]!), 200)) * U * expected[i]! + 2 ** -126, `sigmoid(${n}) forward`);
      const expectedDx = sigmoidBackwardRef(y, dy);
      expectClose(dx, expectedDx, (i) => 4 * U * Math.abs(expectedDx[i]!), `sigmoid(${n}) backward`);
    }
  });

  it('is exactly 0.5 at 0, 1 and 0 at ±1000, with zero gradient there', async () => {
    const { y, dx } = await run(gpuOf(), sigmoid, new Float32Array([0, 1000, -1000, -0]), new Float32Array([1, 1, 1, 1]));
    expect(Array.from(y)).toEqual([0.5, 1, 0, 0.5]);
    expect(Array.from(dx)).toEqual([0.25, 0, 0, 0.25]);
  });

  it('keeps the relative accuracy of σ(x) for very negative x (no 1 − σ(−x) cancellation)', async () => {
    const x = new Float32Array([-20, -40, -60, -80]);
    const { y } = await run(gpuOf(), sigmoid, x, new Float32Array(4));
    const expected = sigmoidRef(x);
    expectClose(y, expected, (i) => (8 + 2 * Math.abs(x[i]!)) * U * expected[i]!, 'sigmoid of very negative x');
  });
});

describe('relu and sigmoid past 65,535 workgroups', () => {
  // One more workgroup's worth than a one-dimensional dispatch holds: the
  // last elements are reached only through the second dimension of the grid.
  const n = 65535 * 64 + 4096;

  it('reach every element, forward and backward', async () => {
    const gpu = gpuOf();
    const x = inputs(n, 70);
    const dy = uniformF32(n, 71, 0.5, 2);
    const r = await run(gpu, relu, x, dy);
    expectClose(r.y, reluRef(x), 0, `relu(${n}) forward`);
    expectClose(r.dx, reluBackwardRef(reluRef(x), dy), 0, `relu(${n}) backward`);
    const s = await run(gpu, sigmoid, x, dy);
    const expected = sigmoidRef(x);
    expectClose(s.y, expected, (i) => (8 + 2 * Math.min(Math.abs(x[i]!), 200)) * U * expected[i]! + 2 ** -126, `sigmoid(${n}) forward`);
    const expectedDx = sigmoidBackwardRef(s.y, dy);
    expectClose(s.dx, expectedDx, (i) => 4 * U * Math.abs(expectedDx[i]!), `sigmoid(${n}) backward`);
  });
});
