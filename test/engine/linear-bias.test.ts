// Linear (matmul with fused bias and ReLU) and the standalone bias op, forward
// and backward, against float64 references.
//
// Tolerances: every output and gradient element is an f32 sum of n terms
// (n = in-features for y, out-features for dX, batch for dW and db), so we
// allow (n + 2)·u·Σ|terms| (u = 2^-24): the recursive-summation bound γ_n with
// one rounding to spare for the bias and one for the store. The bias add
// itself is a single f32 addition and must be exactly the rounded sum.

import { describe, expect, it } from 'vitest';
import { addBias, biasGradInto } from '../../src/engine/ops/bias.ts';
import { linear } from '../../src/engine/ops/linear.ts';
import { Tensor, tidy } from '../../src/engine/tensor.ts';
import type { Gpu } from '../../src/engine/gpu.ts';
import { U, expectClose, uniformF32, useGpu } from './helpers.ts';
import { columnSumsRef, matmulRef, reluBackwardRef } from './reference.ts';

const gpuOf = useGpu();

async function checkLinear(gpu: Gpu, batch: number, inF: number, outF: number, withBias: boolean, relu: boolean, seed: number) {
  const name = `linear ${batch}×${inF}→${outF}${withBias ? ' +bias' : ''}${relu ? ' +relu' : ''}`;
  const x = uniformF32(batch * inF, seed);
  const w = uniformF32(outF * inF, seed + 1);
  const b = withBias ? uniformF32(outF, seed + 2) : null;
  const dy = uniformF32(batch * outF, seed + 3);
  const result = tidy(() => {
    const xt = Tensor.fromArray(gpu, x, [batch, inF]);
    const wt = Tensor.fromArray(gpu, w, [outF, inF]);
    const bt = b ? Tensor.fromArray(gpu, b, [outF]) : null;
    for (const t of [xt, wt, bt]) if (t) t.requiresGrad = true;
    const y = linear(xt, wt, bt, { relu });
    expect(y.shape).toEqual([batch, outF]);
    expect(y.node?.op).toBe(relu ? 'linear+relu' : 'linear');
    y.node!.backward(Tensor.fromArray(gpu, dy, [batch, outF]));
    return { y, dx: xt.grad!, dw: wt.grad!, db: bt?.grad ?? null };
  });
  const y = await result.y.readFloat32();
  const forward = matmulRef(x, w, batch, outF, inF, { transposeB: true, bias: b, relu });
  expectClose(y, forward.out, (i) => (inF + 2) * U * forward.absSum[i]!, `${name}: y`);

  // PyTorch's ReLU backward masks with the output (y > 0); the GPU's own y is
  // used for the mask, as it is within tolerance of the reference (checked
  // above) and an output within rounding of 0 may fall on either side.
  const dz = relu ? reluBackwardRef(y, dy) : Float64Array.from(dy);
  const dx = matmulRef(dz, w, batch, inF, outF);
  expectClose(await result.dx.readFloat32(), dx.out, (i) => (outF + 2) * U * dx.absSum[i]!, `${name}: dX`);
  const dw = matmulRef(dz, x, outF, inF, batch, { transposeA: true });
  expectClose(await result.dw.readFloat32(), dw.out, (i) => (batch + 2) * U * dw.absSum[i]!, `${name}: dW`);
  if (result.db) {
    const db = columnSumsRef(dz, batch, outF);
    expectClose(await result.db.readFloat32(), db.sums, (i) => (batch + 2) * U * db.absSums[i]!, `${name}: db`);
  }
  for (const t of [result.y, result.dx, result.dw, result.db]) t?.dispose();
}

describe('linear', () => {
  for (const withBias of [false, true]) {
    for (const relu of [false, true]) {
      it(`matches float64 forward and backward ${withBias ? 'with' : 'without'} bias, ${relu ? 'with' : 'without'} fused ReLU`, async () => {
        const gpu = gpuOf();
        let seed = 1000 + (withBias ? 100 : 0) + (relu ? 50 : 0);
        for (const [batch, inF, outF] of [[1, 1, 1], [7, 3, 33], [33, 784, 7]] as const) {
          await checkLinear(gpu, batch, inF, outF, withBias, relu, (seed += 5));
        }
      });
    }
  }

  it('matches float64 on an MNIST-sized Linear(784, 10) + ReLU at batch 1000', async () => {
    await checkLinear(gpuOf(), 1000, 784, 10, true, true, 2000);
  });

  it('gives no gradient to an input that does not require one', async () => {
    const gpu = gpuOf();
    const { x, w } = tidy(() => {
      const xt = Tensor.fromArray(gpu, uniformF32(6, 1), [2, 3]);
      const wt = Tensor.fromArray(gpu, uniformF32(12, 2), [4, 3]);
      wt.requiresGrad = true;
      const y = linear(xt, wt, null);
      y.node!.backward(Tensor.fromArray(gpu, uniformF32(8, 3), [2, 4]));
      return { x: xt, w: wt };
    });
    expect(x.grad).toBeNull();
    expect(w.grad).not.toBeNull();
    w.grad!.dispose();
  });
});

describe('addBias and the bias gradient', () => {
  it('adds the bias to every row exactly, and its gradient is the column sums', async () => {
    const gpu = gpuOf();
    let seed = 3000;
    for (const [rows, cols] of [[1, 1], [7, 33], [1000, 10], [3, 784]] as const) {
      const x = uniformF32(rows * cols, (seed += 3));
      const b = uniformF32(cols, seed + 1);
      const dy = uniformF32(rows * cols, seed + 2);
      const result = tidy(() => {
        const xt = Tensor.fromArray(gpu, x, [rows, cols]);
        const bt = Tensor.fromArray(gpu, b, [cols]);
        xt.requiresGrad = true;
        bt.requiresGrad = true;
        const y = addBias(xt, bt);
        const dyt = Tensor.fromArray(gpu, dy, [rows, cols]);
        y.node!.backward(dyt);
        return { y, dx: xt.grad!, db: bt.grad! };
      });
      const name = `addBias ${rows}×${cols}`;
      const expected = Float32Array.from(x, (v, i) => v + b[i % cols]!);
      expect(Array.from(await result.y.readFloat32()), `${name}: y`).toEqual(Array.from(expected));
      // The gradient of x + b with respect to x is the incoming gradient itself.
      expect(Array.from(await result.dx.readFloat32()), `${name}: dX`).toEqual(Array.from(dy));
      const db = columnSumsRef(dy, rows, cols);
      expectClose(await result.db.readFloat32(), db.sums, (i) => (rows + 2) * U * db.absSums[i]!, `${name}: db`);
      for (const t of [result.y, result.dx, result.db]) t.dispose();
    }
  });

  it('adds the bias to every element past 65,535 workgroups', async () => {
    const gpu = gpuOf();
    // 4,099 × 1,024 = 65,535 · 64 + 3,136: the last rows are reached only through the second dimension of the grid.
    const [rows, cols] = [4099, 1024];
    const x = uniformF32(rows * cols, 3050);
    const b = uniformF32(cols, 3051);
    const y = tidy(() => addBias(Tensor.fromArray(gpu, x, [rows, cols]), Tensor.fromArray(gpu, b, [cols])));
    const actual = await y.readFloat32();
    const expected = Float32Array.from(x, (v, i) => v + b[i % cols]!);
    const wrong = actual.findIndex((v, i) => v !== expected[i]);
    expect(wrong, wrong < 0 ? '' : `element ${wrong}: ${actual[wrong]} instead of ${expected[wrong]}`).toBe(-1);
    y.dispose();
  });

  it('biasGradInto overwrites its destination', async () => {
    const gpu = gpuOf();
    const [rows, cols] = [33, 70];
    const g = uniformF32(rows * cols, 3100);
    const dest = tidy(() => {
      const d = Tensor.fromArray(gpu, new Float32Array(cols).fill(123), [cols]);
      biasGradInto(d, Tensor.fromArray(gpu, g, [rows, cols]));
      return d;
    });
    const db = columnSumsRef(g, rows, cols);
    expectClose(await dest.readFloat32(), db.sums, (i) => (rows + 2) * U * db.absSums[i]!, 'column sums');
    dest.dispose();
  });
});
