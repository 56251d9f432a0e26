// Matrix products on the GPU. `matmulInto` is the raw kernel call that linear
// layers use for their three products (X·Wᵀ, dY·W, dYᵀ·X) with operands read
// in place, transposed or not; `matmul` is the differentiable op C = A·B.

import source from '../../../shaders/matmul.wgsl?raw';
import { contributeGrad, record } from '../autograd.ts';
import { defineKernel, u32, uniforms } from '../kernel.ts';
import type { Gpu } from '../gpu.ts';
import { ShapeError, Tensor, formatShape } from '../tensor.ts';

const kernel = defineKernel('matmul', source, { optional: ['bias', 'a4', 'b4'] });

/**
 * Rows and columns of C per invocation (WIDE in matmul.wgsl): 16 on adapters
 * that run on the CPU, where reusing each loaded value more is what counts,
 * and 8 on GPUs, where 256 accumulators per invocation would spill.
 */
export type MatmulBlock = 8 | 16;

const MIN_WORKGROUPS = 16;
/**
 * SwiftShader runs four invocations side by side in one SIMD register, which
 * pays when each has a long sum to do; short sums want the workgroups spread
 * over cores instead. Measured on SwiftShader: the output layer's dW (K = 1000)
 * takes 2.6 ms in 4 workgroups of 4 and 11.8 ms in 16 of 1, while the blobs
 * preset's products (K ≤ 5) run 30% slower in 2 workgroups of 4 than in 5 of 1.
 */
const minWorkgroupSize = (K: number) => (K >= 64 ? 4 : 1);

/**
 * The workgroup's shape in blocks: no wider or taller than the grid of blocks,
 * so that no invocation of a workgroup idles past the edge of C (a 10-column
 * product in 8-wide workgroups would leave 7 of every 8 idle), then halved
 * along its longer side until there are MIN_WORKGROUPS workgroups or it is
 * down to minWorkgroupSize(K) invocations. SwiftShader runs one workgroup per
 * CPU core at a time, so a batch-64 product in a few big workgroups would
 * leave cores idle, and GPUs want many too.
 */
function workgroupShape(M: number, N: number, K: number, block: MatmulBlock): [number, number] {
  const blocksX = Math.ceil(N / block);
  const blocksY = Math.ceil(M / block);
  // An empty C (M or N of 0) still gets a 1×1 shape, and then no workgroups.
  const fit = (blocks: number) => Math.min(8, 2 ** Math.ceil(Math.log2(Math.max(blocks, 1))));
  let [x, y] = [fit(blocksX), fit(blocksY)];
  const count = () => Math.ceil(blocksX / x) * Math.ceil(blocksY / y);
  while (count() < MIN_WORKGROUPS && x * y > minWorkgroupSize(K)) {
    if (x >= y) x /= 2;
    else y /= 2;
  }
  return [x, y];
}

export interface MatmulOptions {
  /** A is stored [K, M] and read as its transpose. */
  transposeA?: boolean;
  /** B is stored [N, K] and read as its transpose. */
  transposeB?: boolean;
  /** Added to every row of C (length N). */
  bias?: Tensor | null;
  /** ReLU applied to C after the bias. */
  relu?: boolean;
  /** Overrides the block size chosen for the adapter (tests cover both). */
  block?: MatmulBlock;
}

/** Rows and columns of op(A) and op(B), checked against each other. */
export function productShape(a: Tensor, b: Tensor, options: MatmulOptions, op = 'matmul'): { M: number; N: number; K: number } {
  if (a.shape.length !== 2 || b.shape.length !== 2) {
    throw new ShapeError(`${op}: expected two matrices, got ${formatShape(a.shape)} and ${formatShape(b.shape)}`);
  }
  const [M, K] = options.transposeA ? [a.shape[1]!, a.shape[0]!] : [a.shape[0]!, a.shape[1]!];
  const [KB, N] = options.transposeB ? [b.shape[1]!, b.shape[0]!] : [b.shape[0]!, b.shape[1]!];
  if (K !== KB) {
    const describe = (t: Tensor, transposed?: boolean) => formatShape(t.shape) + (transposed ? 'ᵀ' : '');
    throw new ShapeError(
      `${op}: inner dimensions differ: ${describe(a, options.transposeA)} · ${describe(b, options.transposeB)} (${K} ≠ ${KB})`,
    );
  }
  if (options.bias && options.bias.size !== N) {
    throw new ShapeError(`${op}: bias of shape ${formatShape(options.bias.shape)} does not match ${N} output columns`);
  }
  return { M, N, K };
}

/** Writes op(A)·op(B) (+ bias, ReLU) into `out`, which must be [M, N]. */
export function matmulInto(out: Tensor, a: Tensor, b: Tensor, options: MatmulOptions = {}): void {
  out.gpu.dispatch(kernel, matmulDispatch(out, a, b, options));
}

/**
 * How matmul.wgsl is dispatched for this product: its overrides, uniforms,
 * bindings and grid. Exported for bench/matmul-anatomy.ts, which runs variants
 * of the kernel with exactly the same wiring.
 */
export function matmulDispatch(out: Tensor, a: Tensor, b: Tensor, options: MatmulOptions = {}): Parameters<Gpu['dispatch']>[1] {
  const { M, N, K } = productShape(a, b, options);
  if (out.size !== M * N) {
    throw new ShapeError(`matmul: output of shape ${formatShape(out.shape)} cannot hold [${M}, ${N}]`);
  }
  const gpu = out.gpu;
  const block = options.block ?? (gpu.adapter.runsOnCpu ? 16 : 8);
  const [x, y] = workgroupShape(M, N, K, block);
  // Rows as stored must start on 16-byte boundaries for the kernel's vec4 loads.
  const vectorA = (options.transposeA ? M : K) % 4 === 0 && a.slice.offset % 16 === 0;
  const vectorB = (options.transposeB ? K : N) % 4 === 0 && b.slice.offset % 16 === 0;
  return {
    constants: {
      TRANSPOSE_A: options.transposeA ? 1 : 0,
      TRANSPOSE_B: options.transposeB ? 1 : 0,
      ADD_BIAS: options.bias ? 1 : 0,
      APPLY_RELU: options.relu ? 1 : 0,
      VECTOR_A: vectorA ? 1 : 0,
      VECTOR_B: vectorB ? 1 : 0,
      WIDE: block === 16 ? 1 : 0,
      WORKGROUP_X: x,
      WORKGROUP_Y: y,
    },
    uniforms: uniforms(u32(M), u32(N), u32(K)),
    // The vec4 views of operands too small or unaligned for them are left out (a stand-in is bound).
    bindings: {
      a: a.slice,
      b: b.slice,
      c: out.slice,
      ...(options.bias ? { bias: options.bias.slice } : {}),
      ...(vectorA ? { a4: a.slice } : {}),
      ...(vectorB ? { b4: b.slice } : {}),
    },
    workgroups: [Math.ceil(N / (block * x)), Math.ceil(M / (block * y))],
  };
}

/** C = A·B for A [M, K] and B [K, N], recorded for backward. */
export function matmul(a: Tensor, b: Tensor): Tensor {
  const { M, N } = productShape(a, b, {});
  const out = Tensor.empty(a.gpu, [M, N]);
  matmulInto(out, a, b);
  return record(out, 'matmul', [a, b], (gradOut) => {
    // dA = dC·Bᵀ, dB = Aᵀ·dC
    contributeGrad(a, (dest) => matmulInto(dest, gradOut, b, { transposeB: true }));
    contributeGrad(b, (dest) => matmulInto(dest, a, gradOut, { transposeA: true }));
  });
}
