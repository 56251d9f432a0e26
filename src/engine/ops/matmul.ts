// Matrix products. One kernel (shaders/matmul.wgsl) computes op(A)·op(B) with
// either operand read transposed in place, and can fuse a bias-add and a ReLU
// into its epilogue; `linear` builds on it.

import source from '../../../shaders/matmul.wgsl?raw';
import { contributeGrad, record } from '../autograd.ts';
import { defineKernel, u32, uniforms } from '../kernel.ts';
import { ShapeError, Tensor, formatShape } from '../tensor.ts';

const kernel = defineKernel('matmul', source);
const TILE = 4;
const WORKGROUP = 8;

export interface MatmulCall {
  a: Tensor;
  b: Tensor;
  out: Tensor;
  /** A is stored [K, M] rather than [M, K]. */
  transposeA?: boolean;
  /** B is stored [N, K] rather than [K, N]. */
  transposeB?: boolean;
  bias?: Tensor | null;
  relu?: boolean;
}

/** The dimensions of op(A)·op(B), or a ShapeError naming `op` and both shapes. */
export function matmulDims(op: string, a: Tensor, b: Tensor, transposeA = false, transposeB = false) {
  if (a.shape.length !== 2 || b.shape.length !== 2) {
    throw new ShapeError(`${op}: expected 2-D operands, got ${formatShape(a.shape)} and ${formatShape(b.shape)}`);
  }
  const [M, K] = transposeA ? [a.shape[1]!, a.shape[0]!] : [a.shape[0]!, a.shape[1]!];
  const [KB, N] = transposeB ? [b.shape[1]!, b.shape[0]!] : [b.shape[0]!, b.shape[1]!];
  if (K !== KB) {
    const describe = (t: Tensor, transposed: boolean) => `${formatShape(t.shape)}${transposed ? 'ᵀ' : ''}`;
    throw new ShapeError(
      `${op}: inner dimensions differ: ${describe(a, transposeA)} · ${describe(b, transposeB)} (${K} vs ${KB})`,
    );
  }
  return { M, N, K };
}

/** Records out = op(A)·op(B) (+ bias) (ReLU) into the current command encoder. */
export function runMatmul(call: MatmulCall): void {
  const { a, b, out, transposeA = false, transposeB = false, bias = null, relu = false } = call;
  const { M, N, K } = matmulDims('matmul', a, b, transposeA, transposeB);
  if (out.size !== M * N) throw new ShapeError(`matmul: output ${formatShape(out.shape)} is not [${M}, ${N}]`);
  if (bias && bias.size !== N) throw new ShapeError(`matmul: bias ${formatShape(bias.shape)} does not match ${N} columns`);
  a.gpu.dispatch(kernel, {
    constants: {
      TRANSPOSE_A: Number(transposeA),
      TRANSPOSE_B: Number(transposeB),
      ADD_BIAS: Number(bias !== null),
      APPLY_RELU: Number(relu),
      WORKGROUP_X: WORKGROUP,
      WORKGROUP_Y: WORKGROUP,
    },
    uniforms: uniforms(u32(M), u32(N), u32(K)),
    buffers: [a.slice, b.slice, bias?.slice ?? a.gpu.unused(), out.slice],
    workgroups: [Math.ceil(N / (TILE * WORKGROUP)), Math.ceil(M / (TILE * WORKGROUP))],
  });
}

/** A[M,K] · B[K,N] with gradients for both operands. */
export function matmul(a: Tensor, b: Tensor): Tensor {
  const { M, N } = matmulDims('matmul', a, b);
  const out = Tensor.empty(a.gpu, [M, N]);
  runMatmul({ a, b, out });
  return record(out, 'matmul', [a, b], (grad) => {
    // dA = dC · Bᵀ, dB = Aᵀ · dC
    contributeGrad(a, (dest) => runMatmul({ a: grad, b, out: dest, transposeB: true }));
    contributeGrad(b, (dest) => runMatmul({ a, b: grad, out: dest, transposeA: true }));
  });
}
