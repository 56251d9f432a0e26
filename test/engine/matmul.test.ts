// The tiled matmul kernel, with both its block sizes (8×8 outputs per
// invocation for GPUs, 16×16 for CPU adapters), against a float64 reference,
// on shapes that are not multiples of 4, 8 or 16, in all four transpose
// variants and with the fused bias and ReLU epilogue.
//
// Tolerance: each output is an f32 dot product of K terms accumulated in
// order with fma (plus a bias add). The classic bound for a recursive dot
// product is |ĉ − c| ≤ γ_K · Σ|a·b| with γ_K ≈ K·u, u = 2^-24 (Higham,
// Accuracy and Stability, §3.1), whether or not the fma is fused. We allow
// (K + 2)·u·Σ|a·b| + |bias|: the bound itself, with one more rounding for the bias
// and one for the output. Every mutation of the kernel we care about (a sign,
// an index, a transpose) is off by O(1) of Σ|a·b|, far outside this.

import { describe, expect, it } from 'vitest';
import { matmul, matmulInto, type MatmulBlock, type MatmulOptions } from '../../src/engine/ops/matmul.ts';
import { Tensor, tidy } from '../../src/engine/tensor.ts';
import type { Gpu } from '../../src/engine/gpu.ts';
import { U, expectClose, uniformF32, useGpu } from './helpers.ts';
import { matmulRef } from './reference.ts';

const gpuOf = useGpu();

interface Case {
  M: number;
  N: number;
  K: number;
  transposeA?: boolean;
  transposeB?: boolean;
  bias?: boolean;
  relu?: boolean;
  block?: MatmulBlock;
}

async function check(gpu: Gpu, c: Case, seed: number): Promise<void> {
  const { M, N, K } = c;
  const a = uniformF32(M * K, seed);
  const b = uniformF32(K * N, seed + 1);
  const bias = c.bias ? uniformF32(N, seed + 2) : null;
  const out = tidy(() => {
    const result = Tensor.empty(gpu, [M, N]);
    const options: MatmulOptions = {
      transposeA: c.transposeA,
      transposeB: c.transposeB,
      bias: bias ? Tensor.fromArray(gpu, bias) : null,
      relu: c.relu,
      block: c.block,
    };
    const aShape = c.transposeA ? [K, M] : [M, K];
    const bShape = c.transposeB ? [N, K] : [K, N];
    matmulInto(result, Tensor.fromArray(gpu, a, aShape), Tensor.fromArray(gpu, b, bShape), options);
    return result;
  });
  const actual = await out.readFloat32();
  out.dispose();
  const expected = matmulRef(a, b, M, N, K, { transposeA: c.transposeA, transposeB: c.transposeB, bias, relu: c.relu });
  const name = `${M}×${N}×${K}${c.block ? ` block ${c.block}` : ''}${c.transposeA ? ' Aᵀ' : ''}${c.transposeB ? ' Bᵀ' : ''}${c.bias ? ' +bias' : ''}${c.relu ? ' relu' : ''}`;
  expectClose(actual, expected.out, (i) => (K + 2) * U * expected.absSum[i]!, name);
  if (c.relu) expect(actual.every((v) => v >= 0), `${name}: ReLU output is never negative`).toBe(true);
}

const smallShapes: [number, number, number][] = [
  [1, 1, 1],
  [7, 33, 3],
  [33, 7, 784],
  [1, 1000, 33],
  [1000, 1, 7],
  [3, 7, 1],
  // Multiples of four take the vector loads, with and without a tail of k.
  [12, 16, 20],
  [20, 36, 9],
  [36, 52, 17],
  [64, 40, 784],
];
const blocks: MatmulBlock[] = [8, 16];

describe('matmulInto', () => {
  for (const transposeA of [false, true]) {
    for (const transposeB of [false, true]) {
      it(`matches float64 with A${transposeA ? 'ᵀ' : ''}·B${transposeB ? 'ᵀ' : ''} on M×N×K = ${smallShapes.map((s) => s.join('×')).join(', ')}, in both block sizes`, async () => {
        const gpu = gpuOf();
        let seed = 10;
        for (const block of blocks) {
          for (const [M, N, K] of smallShapes) await check(gpu, { M, N, K, transposeA, transposeB, block }, (seed += 3));
        }
      });
    }
  }

  it('fuses the bias add and ReLU in every combination', async () => {
    const gpu = gpuOf();
    let seed = 100;
    for (const [M, N, K] of [[7, 33, 3], [33, 7, 784], [1, 1, 1]] as const) {
      for (const bias of [false, true]) {
        for (const relu of [false, true]) {
          for (const block of blocks) await check(gpu, { M, N, K, bias, relu, transposeB: true, block }, (seed += 3));
        }
      }
    }
  });

  it('computes the three products of an MNIST Linear(784, 10) at batch 1000', async () => {
    const gpu = gpuOf();
    // Forward X·Wᵀ + b, then dX = dY·W and dW = dYᵀ·X, as ops/linear.ts calls them.
    await check(gpu, { M: 1000, N: 10, K: 784, transposeB: true, bias: true, relu: true }, 200);
    await check(gpu, { M: 1000, N: 784, K: 10 }, 210);
    await check(gpu, { M: 10, N: 784, K: 1000, transposeA: true }, 220);
  });

  it('overwrites the output rather than adding to what it held', async () => {
    const gpu = gpuOf();
    const out = tidy(() => {
      const result = Tensor.fromArray(gpu, new Float32Array(3 * 5).fill(1e6), [3, 5]);
      matmulInto(result, Tensor.fromArray(gpu, uniformF32(6, 1), [3, 2]), Tensor.fromArray(gpu, new Float32Array(10), [2, 5]));
      return result;
    });
    expect(Array.from(await out.readFloat32())).toEqual(new Array(15).fill(0));
    out.dispose();
  });
});

describe('matmul (the differentiable op)', () => {
  it('gives dA = dC·Bᵀ and dB = Aᵀ·dC', async () => {
    const gpu = gpuOf();
    const [M, N, K] = [7, 33, 3];
    const a = uniformF32(M * K, 300);
    const b = uniformF32(K * N, 301);
    const dc = uniformF32(M * N, 302);
    const { c, ga, gb } = tidy(() => {
      const at = Tensor.fromArray(gpu, a, [M, K]);
      const bt = Tensor.fromArray(gpu, b, [K, N]);
      at.requiresGrad = true;
      bt.requiresGrad = true;
      const result = matmul(at, bt);
      expect(result.node?.op).toBe('matmul');
      result.node!.backward(Tensor.fromArray(gpu, dc, [M, N]));
      return { c: result, ga: at.grad!, gb: bt.grad! };
    });
    const forward = matmulRef(a, b, M, N, K);
    expectClose(await c.readFloat32(), forward.out, (i) => (K + 2) * U * forward.absSum[i]!, 'C');
    // dA[M,K] = dC[M,N]·(B[K,N])ᵀ: a product over N terms.
    const dA = matmulRef(dc, b, M, K, N, { transposeB: true });
    expectClose(await ga.readFloat32(), dA.out, (i) => (N + 2) * U * dA.absSum[i]!, 'dA');
    // dB[K,N] = (A[M,K])ᵀ·dC[M,N]: a product over M terms.
    const dB = matmulRef(a, dc, K, N, M, { transposeA: true });
    expectClose(await gb.readFloat32(), dB.out, (i) => (M + 2) * U * dB.absSum[i]!, 'dB');
    for (const t of [c, ga, gb]) t.dispose();
  });
});
