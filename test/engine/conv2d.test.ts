// Conv2d's three kernels (forward with bias and ReLU, the input gradient, the
// weight and bias gradients) against a float64 reference, in both block sizes
// (8 × 8 outputs per invocation for GPUs, 16 × 16 for CPU adapters), on shapes
// that fit no tile: 1, 2, 3 and 32 → 64 channels, 5 × 7 and 28 × 28 images,
// kernels 1, 3, 5 and 3 × 2, strides 1 and 2, padding 0, 1 and 2, batches 1
// to 33; then the differentiable op, its errors, and the dispatches that pass
// 65,535 workgroups.
//
// Tolerance: every output is an f32 sum of T terms accumulated with fma (T =
// C·KH·KW for y, O·KH·KW for dX, N·OH·OW for dW and db; taps in the padding
// add exact zeros). The weight gradient sums chunks of L pixels, then the S
// chunks' partial sums: error ≤ (L + S)·u·Σ|terms| ≤ (T + 1)·u·Σ|terms|. As in
// matmul.test.ts we allow (T + 2)·u·Σ|terms| (+ |bias|), u = 2^-24: the
// recursive-summation bound with one rounding for the bias and one for the
// store. A wrong index, sign or bound is off by O(1) of Σ|terms|.

import { describe, expect, it } from 'vitest';
import {
  conv2d,
  conv2dDispatch,
  conv2dGeometry,
  conv2dInputGradDispatch,
  conv2dInputGradInto,
  conv2dInto,
  conv2dReduceInto,
  conv2dWeightGradPartials,
  type ConvBlock,
  type ConvTuning,
} from '../../src/engine/ops/conv2d.ts';
import { ShapeError, Tensor, tidy } from '../../src/engine/tensor.ts';
import type { Gpu } from '../../src/engine/gpu.ts';
import { U, expectClose, uniformF32, useGpu } from './helpers.ts';
import { conv2dBackwardRef, conv2dOutputRef, conv2dRef, reluBackwardRef, type Conv2dRefShape } from './reference.ts';

const gpuOf = useGpu();

type Case = Conv2dRefShape & { label: string };

function shape(label: string, N: number, C: number, H: number, W: number, O: number, k: [number, number], stride: [number, number], padding: [number, number]): Case {
  return { label, N, C, H, W, O, KH: k[0], KW: k[1], stride, padding };
}

const cases: Case[] = [
  shape('1×1 kernel, one channel, batch 1', 1, 1, 5, 7, 1, [1, 1], [1, 1], [0, 0]),
  shape('3×3, padding 1, batch 33', 33, 3, 5, 7, 7, [3, 3], [1, 1], [1, 1]),
  shape('5×5, stride 2, padding 2 on 28×28', 2, 3, 28, 28, 5, [5, 5], [2, 2], [2, 2]),
  shape('3×2, strides 2 and 1, padding 1 and 0', 4, 3, 5, 7, 6, [3, 2], [2, 1], [1, 0]),
  shape('5×5 without padding on 5×7', 3, 2, 5, 7, 3, [5, 5], [1, 1], [0, 0]),
  shape("mnist-cnn's first convolution, 1 → 32 on 28×28", 3, 1, 28, 28, 32, [3, 3], [1, 1], [1, 1]),
  shape("mnist-cnn's second convolution, 32 → 64 on 14×14", 2, 32, 14, 14, 64, [3, 3], [1, 1], [1, 1]),
];
const blocks: ConvBlock[] = [8, 16];

function describeCase(c: Case): string {
  return `N${c.N} C${c.C} ${c.H}×${c.W} → O${c.O}, ${c.KH}×${c.KW}, stride ${c.stride.join('×')}, padding ${c.padding.join('×')}`;
}

function geometryOf(c: Case) {
  return conv2dGeometry([c.N, c.C, c.H, c.W], [c.O, c.C, c.KH, c.KW], null, { stride: c.stride, padding: c.padding });
}

/** A tensor pre-filled with NaN, so that any element a kernel fails to write fails the comparison. */
function poisoned(gpu: Gpu, shape: number[]): Tensor {
  return Tensor.fromArray(gpu, new Float32Array(shape.reduce((a, b) => a * b, 1)).fill(NaN), shape);
}

async function checkForward(gpu: Gpu, c: Case, seed: number, block: ConvBlock, withBias: boolean, relu: boolean) {
  const name = `${describeCase(c)}, block ${block}${withBias ? ' +bias' : ''}${relu ? ' +relu' : ''}`;
  const x = uniformF32(c.N * c.C * c.H * c.W, seed);
  const w = uniformF32(c.O * c.C * c.KH * c.KW, seed + 1);
  const b = withBias ? uniformF32(c.O, seed + 2) : null;
  const g = geometryOf(c);
  const y = tidy(() => {
    const out = poisoned(gpu, [c.N, c.O, g.OH, g.OW]);
    const bias = b ? Tensor.fromArray(gpu, b, [c.O]) : null;
    conv2dInto(out, Tensor.fromArray(gpu, x, [c.N, c.C, c.H, c.W]), Tensor.fromArray(gpu, w, [c.O, c.C, c.KH, c.KW]), bias, g, relu, { block });
    return out;
  });
  const expected = conv2dRef(x, w, b, c, relu);
  const T = c.C * c.KH * c.KW;
  expectClose(await y.readFloat32(), expected.out, (i) => (T + 2) * U * expected.absSum[i]!, `${name}: y`);
  y.dispose();
}

async function checkBackward(gpu: Gpu, c: Case, seed: number, block: ConvBlock, chunks?: number) {
  const name = `${describeCase(c)}, block ${block}${chunks ? `, ${chunks} chunks` : ''}`;
  const g = geometryOf(c);
  const x = uniformF32(c.N * c.C * c.H * c.W, seed);
  const w = uniformF32(c.O * c.C * c.KH * c.KW, seed + 1);
  const dy = uniformF32(c.N * c.O * g.OH * g.OW, seed + 2);
  const tuning: ConvTuning & { chunks?: number } = { block, chunks };
  const taps = c.C * c.KH * c.KW;
  const result = tidy(() => {
    const xt = Tensor.fromArray(gpu, x, [c.N, c.C, c.H, c.W]);
    const wt = Tensor.fromArray(gpu, w, [c.O, c.C, c.KH, c.KW]);
    const dyt = Tensor.fromArray(gpu, dy, [c.N, c.O, g.OH, g.OW]);
    const dx = poisoned(gpu, [c.N, c.C, c.H, c.W]);
    conv2dInputGradInto(dx, dyt, wt, g, tuning);
    const partial = conv2dWeightGradPartials(dyt, xt, g, true, tuning);
    if (chunks) expect(partial.shape[0], `${name}: chunks`).toBe(chunks);
    const dw = poisoned(gpu, [c.O, c.C, c.KH, c.KW]);
    const db = poisoned(gpu, [c.O]);
    conv2dReduceInto(dw, partial, 0, taps);
    conv2dReduceInto(db, partial, taps, 1);
    return { dx, dw, db };
  });
  const ref = conv2dBackwardRef(x, w, dy, c);
  const pixels = c.N * g.OH * g.OW;
  expectClose(await result.dx.readFloat32(), ref.dx, (i) => (c.O * c.KH * c.KW + 2) * U * ref.dxAbs[i]!, `${name}: dX`);
  expectClose(await result.dw.readFloat32(), ref.dw, (i) => (pixels + 2) * U * ref.dwAbs[i]!, `${name}: dW`);
  expectClose(await result.db.readFloat32(), ref.db, (i) => (pixels + 2) * U * ref.dbAbs[i]!, `${name}: db`);
  for (const t of Object.values(result)) t.dispose();
}

describe('conv2d kernels', () => {
  // One test per case and block size: compiling a 16 × 16 kernel takes
  // seconds on SwiftShader, so each test compiles only a few.
  cases.forEach((c, index) => {
    for (const block of blocks) {
      // Every combination of bias and ReLU once; elsewhere both, as a layer followed by ReLU uses them.
      const variants: [boolean, boolean][] = index === 1 && block === 8 ? [[false, false], [true, false], [false, true], [true, true]] : [[true, true]];
      it(`match float64 forward${variants.length > 1 ? ' (with and without bias and ReLU)' : ''} and backward in blocks of ${block}: ${c.label}`, async () => {
        const gpu = gpuOf();
        let seed = 100 * index + block;
        for (const [withBias, relu] of variants) await checkForward(gpu, c, (seed += 3), block, withBias, relu);
        await checkBackward(gpu, c, (seed += 3), block);
      });
    }
  });

  it('sum the weight gradient in one chunk or in several, each reaching the same result', async () => {
    const gpu = gpuOf();
    // 33 · 5 · 7 = 1155 output pixels, split 1, 3 and 40 ways (chunks of 1155, 385 and 29).
    for (const chunks of [1, 3, 40]) await checkBackward(gpu, cases[1]!, 900 + chunks, 8, chunks);
  });
});

describe('conv2d (the differentiable op)', () => {
  it('records forward + bias + ReLU and gives dX, dW and db through relu\'(y)', async () => {
    const gpu = gpuOf();
    const c = shape('op', 5, 3, 7, 5, 4, [3, 3], [2, 1], [1, 2]);
    const [OH, OW] = conv2dOutputRef(c);
    const x = uniformF32(c.N * c.C * c.H * c.W, 1);
    const w = uniformF32(c.O * c.C * c.KH * c.KW, 2);
    const b = uniformF32(c.O, 3);
    const dy = uniformF32(c.N * c.O * OH * OW, 4);
    const result = tidy(() => {
      const xt = Tensor.fromArray(gpu, x, [c.N, c.C, c.H, c.W]);
      const wt = Tensor.fromArray(gpu, w, [c.O, c.C, c.KH, c.KW]);
      const bt = Tensor.fromArray(gpu, b, [c.O]);
      for (const t of [xt, wt, bt]) t.requiresGrad = true;
      const y = conv2d(xt, wt, bt, { stride: c.stride, padding: c.padding, relu: true });
      expect(y.shape).toEqual([c.N, c.O, OH, OW]);
      expect(y.node?.op).toBe('conv2d+relu');
      y.node!.backward(Tensor.fromArray(gpu, dy, y.shape));
      return { y, dx: xt.grad!, dw: wt.grad!, db: bt.grad! };
    });
    const forward = conv2dRef(x, w, b, c, true);
    const y = await result.y.readFloat32();
    expectClose(y, forward.out, (i) => (c.C * 9 + 2) * U * forward.absSum[i]!, 'y');
    expect(y.some((v) => v === 0) && y.some((v) => v > 0), 'ReLU clips some outputs and keeps others').toBe(true);
    // The mask uses the GPU's own y, as in linear-bias.test.ts: an output within rounding of 0 may fall on either side.
    const dz = reluBackwardRef(y, dy);
    const ref = conv2dBackwardRef(x, w, dz, c);
    const pixels = c.N * OH * OW;
    expectClose(await result.dx.readFloat32(), ref.dx, (i) => (c.O * 9 + 2) * U * ref.dxAbs[i]!, 'dX');
    expectClose(await result.dw.readFloat32(), ref.dw, (i) => (pixels + 2) * U * ref.dwAbs[i]!, 'dW');
    expectClose(await result.db.readFloat32(), ref.db, (i) => (pixels + 2) * U * ref.dbAbs[i]!, 'db');
    for (const t of Object.values(result)) t.dispose();
  });

  it('computes no gradient for input images, and works without a bias', async () => {
    const gpu = gpuOf();
    const c = shape('images', 2, 1, 5, 7, 2, [3, 3], [1, 1], [0, 0]);
    const [OH, OW] = conv2dOutputRef(c);
    const x = uniformF32(2 * 35, 10);
    const w = uniformF32(18, 11);
    const dy = uniformF32(2 * 2 * OH * OW, 12);
    const { xt, dw } = tidy(() => {
      const xt = Tensor.fromArray(gpu, x, [2, 1, 5, 7]);
      const wt = Tensor.fromArray(gpu, w, [2, 1, 3, 3]);
      wt.requiresGrad = true;
      const y = conv2d(xt, wt, null);
      expect(y.node?.op).toBe('conv2d');
      y.node!.backward(Tensor.fromArray(gpu, dy, y.shape));
      return { xt, dw: wt.grad! };
    });
    expect(xt.grad).toBeNull();
    const ref = conv2dBackwardRef(x, w, dy, c);
    expectClose(await dw.readFloat32(), ref.dw, (i) => (2 * OH * OW + 2) * U * ref.dwAbs[i]!, 'dW');
    dw.dispose();
  });

  it('refuses shapes that do not fit, naming both', () => {
    const gpu = gpuOf();
    tidy(() => {
      const x = Tensor.empty(gpu, [2, 3, 5, 7]);
      const w = Tensor.empty(gpu, [4, 2, 3, 3]);
      expect(() => conv2d(x, w, null)).toThrow(ShapeError);
      expect(() => conv2d(x, w, null)).toThrow(/input \[2, 3, 5, 7\] and weight \[4, 2, 3, 3\].*3 channels.*expects 2/);
      expect(() => conv2d(x, Tensor.empty(gpu, [4, 3, 6, 3]), null)).toThrow(/input \[2, 3, 5, 7\] and weight \[4, 3, 6, 3\].*6×3 kernel is larger than the 5×7/);
      // Padding makes room for the same kernel.
      expect(conv2d(x, Tensor.empty(gpu, [4, 3, 6, 3]), null, { padding: [1, 0] }).shape).toEqual([2, 4, 2, 5]);
      expect(() => conv2d(x.reshape([2, 105]), w, null)).toThrow(/expected input \[N, C, H, W\].*\[2, 105\]/);
      expect(() => conv2d(x, Tensor.empty(gpu, [4, 3, 3, 3]), Tensor.empty(gpu, [3]))).toThrow(/bias \[3\] does not match weight \[4, 3, 3, 3\]/);
      expect(() => conv2d(x, Tensor.empty(gpu, [4, 3, 3, 3]), null, { stride: [0, 1] })).toThrow(RangeError);
      expect(() => conv2d(x, Tensor.empty(gpu, [4, 3, 3, 3]), null, { padding: [-1, 0] })).toThrow(RangeError);
    });
  });
});

describe('conv2d past 65,535 workgroups along the pixels', () => {
  // 2,100 images of 28 × 28 pixels in blocks of 8, two invocations per
  // workgroup: 102,900 workgroups, so the last 37,365 run at z = 1, more than
  // a row index that forgot the workgroup's width (id.x + id.z · groups.x)
  // would still reach. A 1 × 1 convolution of one channel keeps it cheap
  // (6.6 MB per tensor).
  const big = shape('spread', 2100, 1, 28, 28, 1, [1, 1], [1, 1], [0, 0]);
  const tuning: ConvTuning = { block: 8, workgroup: [2, 1] };

  it('forward and input gradient write every pixel, those past the first 65,535 workgroups too', async () => {
    const gpu = gpuOf();
    const g = geometryOf(big);
    const count = big.N * big.H * big.W;
    const x = uniformF32(count, 20);
    const w = Float32Array.of(-1.5);
    const b = Float32Array.of(0.25);
    const result = tidy(() => {
      const xt = Tensor.fromArray(gpu, x, [big.N, 1, 28, 28]);
      const wt = Tensor.fromArray(gpu, w, [1, 1, 1, 1]);
      const y = poisoned(gpu, [big.N, 1, 28, 28]);
      const dispatch = conv2dDispatch(y, xt, wt, Tensor.fromArray(gpu, b), g, false, tuning);
      expect(dispatch.workgroups).toEqual([65535, 1, 2]);
      conv2dInto(y, xt, wt, Tensor.fromArray(gpu, b), g, false, tuning);
      const dx = poisoned(gpu, [big.N, 1, 28, 28]);
      expect(conv2dInputGradDispatch(dx, xt, wt, g, tuning).workgroups).toEqual([65535, 1, 2]);
      // dy = x: dX = w · x.
      conv2dInputGradInto(dx, xt, wt, g, tuning);
      return { y, dx };
    });
    const forward = conv2dRef(x, w, b, big);
    expectClose(await result.y.readFloat32(), forward.out, (i) => 3 * U * forward.absSum[i]!, 'y');
    const backward = Float64Array.from(x, (v) => -1.5 * v);
    expectClose(await result.dx.readFloat32(), backward, (i) => 3 * U * Math.abs(backward[i]!), 'dX');
    result.y.dispose();
    result.dx.dispose();
  });
});
