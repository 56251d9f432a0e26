// Inverted dropout: the mask is a hash of (seed, index), so we check its
// statistics (kept fraction ≈ 1 − p, different seeds → different masks, no
// drift along the tensor) and that the backward pass applies the very same
// mask with the same 1/(1 − p) scale.
//
// Tolerances: a kept value is x / (1 − p) computed in f32: WGSL allows the
// division 2.5 ULP and 1 − p rounds once, so 4u relative (u = 2^-24). Counts
// are binomial: we allow 5 standard deviations, sqrt(p(1 − p)/n) each, which a
// correct hash misses with probability below 1e-6 per check.

import { describe, expect, it } from 'vitest';
import { dropout } from '../../src/engine/ops/dropout.ts';
import { Tensor, tidy } from '../../src/engine/tensor.ts';
import type { Gpu } from '../../src/engine/gpu.ts';
import { U, expectClose, uniformF32, useGpu } from './helpers.ts';

const gpuOf = useGpu();

const N = 1 << 16;

async function runDropout(gpu: Gpu, x: Float32Array, p: number, seed: number, dy?: Float32Array) {
  const result = tidy(() => {
    const xt = Tensor.fromArray(gpu, x);
    xt.requiresGrad = dy !== undefined;
    const y = dropout(xt, p, Tensor.fromArray(gpu, new Uint32Array([seed])));
    if (dy) y.node!.backward(Tensor.fromArray(gpu, dy));
    return { y, dx: xt.grad };
  });
  const y = await result.y.readFloat32();
  const dx = result.dx ? await result.dx.readFloat32() : null;
  result.y.dispose();
  result.dx?.dispose();
  return { y, dx };
}

function withinSigmas(observed: number, expected: number, p: number, n: number): boolean {
  return Math.abs(observed - expected) <= 5 * Math.sqrt((p * (1 - p)) / n);
}

describe('dropout', () => {
  it('keeps about 1 − p of the elements, scaled by 1/(1 − p), and zeroes the rest', async () => {
    const gpu = gpuOf();
    // Inputs away from 0, so that a kept element is never mistaken for a dropped one.
    const x = uniformF32(N, 1, 0.5, 1.5);
    for (const p of [0.1, 0.3, 0.5, 0.9]) {
      const { y } = await runDropout(gpu, x, p, 1234);
      let kept = 0;
      for (let i = 0; i < N; i++) {
        if (y[i] !== 0) {
          kept++;
          // p reaches the kernel as an f32; 1 − f32(p) is then exact (Sterbenz) for p ≥ 0.5.
          const expected = x[i]! / (1 - Math.fround(p));
          if (Math.abs(y[i]! - expected) > 4 * U * expected) expect.fail(`p = ${p}: element ${i} is ${y[i]}, expected ${expected}`);
        }
      }
      expect(withinSigmas(kept / N, 1 - p, p, N), `p = ${p}: kept ${kept / N}`).toBe(true);
    }
  });

  it('drops evenly along the tensor (no index pattern)', async () => {
    const { y } = await runDropout(gpuOf(), new Float32Array(N).fill(1), 0.5, 99);
    const block = 4096;
    for (let start = 0; start < N; start += block) {
      let kept = 0;
      for (let i = start; i < start + block; i++) if (y[i] !== 0) kept++;
      expect(withinSigmas(kept / block, 0.5, 0.5, block), `block at ${start}: kept ${kept / block}`).toBe(true);
    }
    // Neighbours are independent: P(both kept) ≈ 1/4.
    let both = 0;
    for (let i = 0; i + 1 < N; i += 2) if (y[i] !== 0 && y[i + 1] !== 0) both++;
    expect(withinSigmas(both / (N / 2), 0.25, 0.25, N / 2), `neighbours both kept: ${both / (N / 2)}`).toBe(true);
  });

  it('uses the same mask in backward: the gradient passes, scaled by 1/(1 − p), exactly where the input did', async () => {
    const gpu = gpuOf();
    const p = 0.4;
    const x = uniformF32(N, 2, 0.5, 1.5);
    const dy = uniformF32(N, 3, 0.5, 1.5);
    const { y, dx } = await runDropout(gpu, x, p, 77, dy);
    const expected = Float64Array.from(dy, (g, i) => (y[i] !== 0 ? g / (1 - Math.fround(p)) : 0));
    expectClose(dx!, expected, (i) => 4 * U * expected[i]!, 'dropout backward');
    expect(dx!.filter((v) => v !== 0).length).toBe(y.filter((v) => v !== 0).length);
  });

  it('gives the same mask for the same seed and a different one for another seed', async () => {
    const gpu = gpuOf();
    const p = 0.3;
    const ones = new Float32Array(N).fill(1);
    const a = (await runDropout(gpu, ones, p, 5)).y;
    const again = (await runDropout(gpu, ones, p, 5)).y;
    expect(Array.from(again)).toEqual(Array.from(a));
    for (const other of [6, 5 ^ 0x80000000, 0]) {
      const b = (await runDropout(gpu, ones, p, other)).y;
      let differ = 0;
      for (let i = 0; i < N; i++) if ((a[i] === 0) !== (b[i] === 0)) differ++;
      // Two independent masks disagree on 2p(1 − p) of the elements.
      const q = 2 * p * (1 - p);
      expect(withinSigmas(differ / N, q, q, N), `seed 5 vs ${other}: ${differ / N} of the mask differs`).toBe(true);
    }
  });

  it('is the identity at p = 0, forward and backward', async () => {
    const x = uniformF32(1000, 4);
    const dy = uniformF32(1000, 5);
    const { y, dx } = await runDropout(gpuOf(), x, 0, 3, dy);
    expect(Array.from(y)).toEqual(Array.from(x));
    expect(Array.from(dx!)).toEqual(Array.from(dy));
  });

  it('reaches every element past 65,535 workgroups, forward and backward', async () => {
    const gpu = gpuOf();
    const p = 0.4;
    // The last 4,096 elements are reached only through the second dimension of the grid.
    const n = 65535 * 64 + 4096;
    const x = uniformF32(n, 6, 0.5, 1.5);
    const dy = uniformF32(n, 7, 0.5, 1.5);
    const { y, dx } = await runDropout(gpu, x, p, 78, dy);
    const scale = 1 - Math.fround(p);
    const expected = Float64Array.from(x, (v, i) => (y[i] !== 0 ? v / scale : 0));
    expectClose(y, expected, (i) => 4 * U * expected[i]!, 'dropout forward');
    const expectedDx = Float64Array.from(dy, (g, i) => (y[i] !== 0 ? g / scale : 0));
    expectClose(dx!, expectedDx, (i) => 4 * U * expectedDx[i]!, 'dropout backward');
    let kept = 0;
    for (let i = n - 4096; i < n; i++) if (y[i] !== 0) kept++;
    expect(withinSigmas(kept / 4096, 1 - p, p, 4096), `last 4,096 elements: kept ${kept / 4096}`).toBe(true);
  });

  it('refuses p outside [0, 1) and a seed that is not one u32', async () => {
    const gpu = gpuOf();
    tidy(() => {
      const x = Tensor.fromArray(gpu, [1, 2, 3]);
      const seed = Tensor.fromArray(gpu, new Uint32Array([1]));
      expect(() => dropout(x, 1, seed)).toThrow(RangeError);
      expect(() => dropout(x, -0.1, seed)).toThrow(RangeError);
      expect(() => dropout(x, 0.5, Tensor.fromArray(gpu, [1]))).toThrow(/seed must be one u32/);
    });
  });
});
