// MaxPool2d forward (values and the argmax it saves) and backward (both
// kernels: per input element for overlapping windows, per window for windows
// side by side) against a float64 reference: square and rectangular windows,
// sizes the floor rule trims (5 × 7), PyTorch's tie rule, and more than
// 65,535 planes.
//
// Tolerance: the forward picks one of its inputs, so it must be exact, and so
// must the argmax. Each input's gradient is the sum of the gradients of the
// windows that chose it, in window order: exact with one window (no overlap),
// and within m·u·Σ|terms| for m ≤ 4 windows (u = 2^-24) with overlap; we
// allow 4u·Σ|terms|.

import { describe, expect, it } from 'vitest';
import { maxPool2d, maxPool2dGeometry, maxPool2dGradInto, maxPool2dInto, type MaxPool2dOptions } from '../../src/engine/ops/max-pool2d.ts';
import { ShapeError, Tensor, tidy } from '../../src/engine/tensor.ts';
import type { Gpu } from '../../src/engine/gpu.ts';
import { U, expectClose, rng, uniformF32, useGpu } from './helpers.ts';
import { maxPool2dBackwardRef, maxPool2dRef, type MaxPool2dRefShape } from './reference.ts';

const gpuOf = useGpu();

function poisoned(gpu: Gpu, shape: number[]): Tensor {
  return Tensor.fromArray(gpu, new Float32Array(shape.reduce((a, b) => a * b, 1)).fill(NaN), shape);
}

async function check(gpu: Gpu, s: MaxPool2dRefShape, x: Float32Array, seed: number, name: string) {
  const options: MaxPool2dOptions = { kernel: s.kernel, stride: s.stride };
  const g = maxPool2dGeometry([s.N, s.C, s.H, s.W], options);
  const ref = maxPool2dRef(x, s);
  expect([g.OH, g.OW], `${name}: output size`).toEqual([ref.OH, ref.OW]);
  const dy = uniformF32(ref.out.length, seed);
  const result = tidy(() => {
    const y = poisoned(gpu, [s.N, s.C, g.OH, g.OW]);
    const argmax = Tensor.fromArray(gpu, new Uint32Array(ref.out.length).fill(0xffffffff), [s.N, s.C, g.OH, g.OW]);
    maxPool2dInto(y, argmax, Tensor.fromArray(gpu, x, [s.N, s.C, s.H, s.W]), g);
    const dx = poisoned(gpu, [s.N, s.C, s.H, s.W]);
    maxPool2dGradInto(dx, Tensor.fromArray(gpu, dy, y.shape), argmax, g);
    return { y, argmax, dx };
  });
  expect(Array.from(await result.y.readFloat32()), `${name}: y`).toEqual(Array.from(ref.out));
  expect(Array.from(await result.argmax.read()), `${name}: argmax`).toEqual(Array.from(ref.indices));
  const dx = maxPool2dBackwardRef(dy, ref.indices, s, ref.OH, ref.OW);
  const scale = maxPool2dBackwardRef(Float64Array.from(dy, Math.abs), ref.indices, s, ref.OH, ref.OW);
  expectClose(await result.dx.readFloat32(), dx, (i) => 4 * U * scale[i]!, `${name}: dX`);
  for (const t of Object.values(result)) t.dispose();
}

const shapes: [string, MaxPool2dRefShape][] = [
  ['2×2 on 28×28', { N: 3, C: 2, H: 28, W: 28, kernel: [2, 2], stride: [2, 2] }],
  ['2×2 on 5×7 (the last row and column belong to no window)', { N: 2, C: 3, H: 5, W: 7, kernel: [2, 2], stride: [2, 2] }],
  ['3×3 stride 2 (overlapping)', { N: 2, C: 3, H: 5, W: 7, kernel: [3, 3], stride: [2, 2] }],
  ['2×3 stride 1×2 (overlapping rows)', { N: 1, C: 2, H: 5, W: 7, kernel: [2, 3], stride: [1, 2] }],
  ['3×3 stride 1 (up to nine windows per input)', { N: 1, C: 1, H: 7, W: 5, kernel: [3, 3], stride: [1, 1] }],
  ['1×1', { N: 33, C: 1, H: 5, W: 7, kernel: [1, 1], stride: [1, 1] }],
  ['2×2 stride 3 (gaps between windows)', { N: 2, C: 1, H: 7, W: 8, kernel: [2, 2], stride: [3, 3] }],
];

describe('maxPool2d kernels', () => {
  shapes.forEach(([label, s], index) => {
    it(`match float64 forward, argmax and backward: ${label}`, async () => {
      const x = uniformF32(s.N * s.C * s.H * s.W, 10 + index);
      await check(gpuOf(), s, x, 20 + index, label);
    });
  });

  it('send a tie\'s gradient to the first maximum in row-major order, as PyTorch does', async () => {
    const gpu = gpuOf();
    // All-equal windows, and values from {−1, 0, 1} so that most windows hold
    // a tie somewhere, with and without overlap; −0 and 0 compare equal.
    const s: MaxPool2dRefShape = { N: 2, C: 2, H: 6, W: 7, kernel: [2, 2], stride: [2, 2] };
    const flat = new Float32Array(2 * 2 * 6 * 7).fill(0.5);
    await check(gpu, s, flat, 30, 'all equal');
    const next = rng(31);
    const ternary = Float32Array.from({ length: flat.length }, () => Math.floor(next() * 3) - 1);
    ternary[1] = -0;
    await check(gpu, s, ternary, 32, 'ties of -1, 0, 1');
    await check(gpu, { ...s, kernel: [3, 3], stride: [1, 2] }, ternary, 33, 'ties, overlapping');
    // A window whose maximum is not at its start: [[0, 1], [1, 0]] keeps index 1.
    const one = Float32Array.of(0, 1, 1, 0);
    await check(gpu, { N: 1, C: 1, H: 2, W: 2, kernel: [2, 2], stride: [2, 2] }, one, 34, 'two maxima');
  });

  it('reach every plane past the first 65,535 (forward and both backward kernels)', async () => {
    // 66,000 planes of 2 × 3 pixels: the last 4,465 run at z = 1. Overlapping
    // windows (stride 1) take the backward that gathers per input element,
    // windows side by side (stride 2) the one that writes per window.
    const s: MaxPool2dRefShape = { N: 33000, C: 2, H: 2, W: 3, kernel: [2, 2], stride: [1, 1] };
    await check(gpuOf(), s, uniformF32(s.N * s.C * s.H * s.W, 40), 41, '66,000 planes, overlapping');
    await check(gpuOf(), { ...s, stride: [2, 2] }, uniformF32(s.N * s.C * s.H * s.W, 42), 43, '66,000 planes, side by side');
  });
});

describe('maxPool2d (the differentiable op)', () => {
  it('records for backward, with stride defaulting to the kernel size', async () => {
    const gpu = gpuOf();
    const s: MaxPool2dRefShape = { N: 2, C: 3, H: 5, W: 7, kernel: [2, 3], stride: [2, 3] };
    const x = uniformF32(2 * 3 * 5 * 7, 50);
    const ref = maxPool2dRef(x, s);
    const dy = uniformF32(ref.out.length, 51);
    const result = tidy(() => {
      const xt = Tensor.fromArray(gpu, x, [2, 3, 5, 7]);
      xt.requiresGrad = true;
      const y = maxPool2d(xt, { kernel: [2, 3] });
      expect(y.shape).toEqual([2, 3, 2, 2]);
      expect(y.node?.op).toBe('maxPool2d');
      y.node!.backward(Tensor.fromArray(gpu, dy, y.shape));
      return { y, dx: xt.grad! };
    });
    expect(Array.from(await result.y.readFloat32())).toEqual(Array.from(ref.out));
    expect(Array.from(await result.dx.readFloat32())).toEqual(Array.from(maxPool2dBackwardRef(dy, ref.indices, s, ref.OH, ref.OW)));
    result.y.dispose();
    result.dx.dispose();
  });

  it('records nothing, and stores no argmax, when no gradient is needed', async () => {
    const gpu = gpuOf();
    const x = uniformF32(4 * 4, 60);
    const y = tidy(() => maxPool2d(Tensor.fromArray(gpu, x, [1, 1, 4, 4]), { kernel: [2, 2] }));
    expect(y.node).toBeNull();
    expect(Array.from(await y.readFloat32())).toEqual(Array.from(maxPool2dRef(x, { N: 1, C: 1, H: 4, W: 4, kernel: [2, 2], stride: [2, 2] }).out));
    y.dispose();
  });

  it('refuses a window larger than the input, naming the shape', () => {
    const gpu = gpuOf();
    tidy(() => {
      const x = Tensor.empty(gpu, [2, 3, 5, 7]);
      expect(() => maxPool2d(x, { kernel: [6, 2] })).toThrow(ShapeError);
      expect(() => maxPool2d(x, { kernel: [6, 2] })).toThrow(/6×2 window does not fit input \[2, 3, 5, 7\]/);
      expect(() => maxPool2d(x.reshape([2, 105]), { kernel: [2, 2] })).toThrow(/expected input \[N, C, H, W\], got \[2, 105\]/);
      expect(() => maxPool2d(x, { kernel: [2, 2], stride: [0, 2] })).toThrow(RangeError);
    });
  });
});
