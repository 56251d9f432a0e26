// Gradients of whole small networks, from the GPU's backward(), against
// central finite differences of the same loss computed in float64 on the CPU
// from the same weights (read back with stateDict()). Nothing of the engine's
// backward code is reused by the reference: it only evaluates the loss.
//
// Tolerance: the finite differences are accurate to ~1e-10 (float64, h =
// 1e-5, O(1) losses), so the error is the GPU's f32 forward and backward. Each
// gradient element is a chain of f32 dot products of at most ~30 terms per
// layer; the error bound of about (Σ layer widths + batch)·u relative to the
// gradient's scale is ≈ 5e-6 here (u = 2^-24). We allow that, 5e-6 × the
// largest |gradient| of that parameter tensor, plus 2e-6 × the element itself
// (the measured errors on SwiftShader are about a tenth of this).
// A wrong gradient (missing term, sign, transpose) is off by O(1) of that scale.

import { describe, expect, it } from 'vitest';
import { backward } from '../../src/engine/autograd.ts';
import { Sequential } from '../../src/engine/nn.ts';
import { linear } from '../../src/engine/ops/linear.ts';
import { matmul } from '../../src/engine/ops/matmul.ts';
import { bce, crossEntropy, mse } from '../../src/engine/ops/losses.ts';
import { Parameters } from '../../src/engine/parameters.ts';
import { Tensor, tidy } from '../../src/engine/tensor.ts';
import { expectClose, labelsU32, rng, uniformF32, useGpu } from './helpers.ts';
import { finiteDifferences, matmulRef, mseRef, sequentialLossRef, type RefLayer, type RefLoss } from './reference.ts';

const gpuOf = useGpu();

function gradTolerance(fd: Float64Array) {
  let max = 0;
  for (const v of fd) max = Math.max(max, Math.abs(v));
  return (i: number) => 5e-6 * max + 2e-6 * Math.abs(fd[i]!);
}

interface NetCase {
  name: string;
  layers: RefLayer[];
  batch: number;
  loss: RefLoss;
  evalMode?: boolean;
}

const cases: NetCase[] = [
  {
    name: 'Linear(7, 16) → ReLU → Linear(16, 5), cross-entropy',
    layers: [{ type: 'linear', in: 7, out: 16 }, { type: 'relu' }, { type: 'linear', in: 16, out: 5 }],
    batch: 9,
    loss: 'cross-entropy',
  },
  {
    name: 'Linear(3, 8) → ReLU → Linear(8, 1) → Sigmoid, BCE',
    layers: [{ type: 'linear', in: 3, out: 8 }, { type: 'relu' }, { type: 'linear', in: 8, out: 1 }, { type: 'sigmoid' }],
    batch: 13,
    loss: 'bce',
  },
  {
    name: 'Linear(4, 6) → Sigmoid → Linear(6, 2, bias=False), MSE',
    layers: [{ type: 'linear', in: 4, out: 6 }, { type: 'sigmoid' }, { type: 'linear', in: 6, out: 2, bias: false }],
    batch: 5,
    loss: 'mse',
  },
  {
    // In evaluation mode dropout is the identity, and the ReLU after it is a
    // separate op rather than fused into the Linear.
    name: 'Flatten → Linear(33, 7) → Dropout(0.5) → ReLU → Linear(7, 3) → Sigmoid → Linear(3, 4), eval, cross-entropy',
    layers: [
      { type: 'flatten' },
      { type: 'linear', in: 33, out: 7 },
      { type: 'dropout', p: 0.5 },
      { type: 'relu' },
      { type: 'linear', in: 7, out: 3 },
      { type: 'sigmoid' },
      { type: 'linear', in: 3, out: 4 },
    ],
    batch: 6,
    loss: 'cross-entropy',
    evalMode: true,
  },
];

describe('gradients of whole networks', () => {
  cases.forEach((c, index) => {
    it(`match float64 finite differences: ${c.name}`, async () => {
      const gpu = gpuOf();
      const model = new Sequential(gpu, c.layers, 40 + index);
      if (c.evalMode) model.eval();
      const inputs = model.inputs;
      const outputs = model.outputs;
      const x = uniformF32(c.batch * inputs, 50 + index, -2, 2);
      const next = rng(60 + index);
      const target =
        c.loss === 'cross-entropy'
          ? labelsU32(c.batch, outputs, 70 + index)
          : c.loss === 'bce'
            ? Float32Array.from({ length: c.batch * outputs }, () => (next() < 0.5 ? 0 : 1))
            : uniformF32(c.batch * outputs, 80 + index);
      // Garbage in the gradient buffer: zeroGrad() must make backward overwrite it.
      for (const { value } of model.parameters.entries) gpu.write(value.grad.slice, new Float32Array(value.size).fill(1e3));
      model.parameters.zeroGrad();
      const loss = tidy(() => {
        const input = c.evalMode ? Tensor.fromArray(gpu, x, [c.batch, 3, 11]) : Tensor.fromArray(gpu, x, [c.batch, inputs]);
        const out = model.forward(input);
        const t = Tensor.fromArray(gpu, target);
        const l = c.loss === 'cross-entropy' ? crossEntropy(out, t) : c.loss === 'bce' ? bce(out, t) : mse(out, t);
        backward(l);
        return l;
      });
      const gpuLoss = (await loss.readFloat32())[0]!;
      loss.dispose();
      const state = await model.stateDict();
      const weights = new Map(state.map((t) => [t.name, Float64Array.from(t.data)]));
      const lossAt = () => sequentialLossRef(c.layers, weights, x, c.batch, c.loss, target);
      const reference = lossAt();
      expectClose([gpuLoss], [reference.loss], 1e-5 * Math.abs(reference.loss), `${c.name}: loss`);
      // A finite difference across a ReLU kink would be meaningless: make sure no pre-activation is within reach of the step.
      expect(reference.closestToKink).toBeGreaterThan(1e-3);
      for (const { name, value } of model.parameters.entries) {
        const fd = finiteDifferences(weights.get(name)!, () => lossAt().loss);
        expectClose(await value.grad.readFloat32(), fd, gradTolerance(fd), `${c.name}: d loss / d ${name}`);
      }
      model.destroy();
    });
  });
});

describe('gradient accumulation through a shared input', () => {
  it('matmul with its input used twice, C = A·(A·B), sums both paths into dA', async () => {
    const gpu = gpuOf();
    const a = uniformF32(16, 90);
    const b = uniformF32(12, 91);
    const t = uniformF32(12, 92);
    const result = tidy(() => {
      const at = Tensor.fromArray(gpu, a, [4, 4]);
      const bt = Tensor.fromArray(gpu, b, [4, 3]);
      at.requiresGrad = true;
      bt.requiresGrad = true;
      const loss = mse(matmul(at, matmul(at, bt)), Tensor.fromArray(gpu, t, [4, 3]));
      backward(loss);
      return { ga: at.grad!, gb: bt.grad! };
    });
    const A = Float64Array.from(a);
    const B = Float64Array.from(b);
    const lossAt = () => mseRef(matmulRef(A, matmulRef(A, B, 4, 3, 4).out, 4, 3, 4).out, t).loss;
    const fdA = finiteDifferences(A, lossAt);
    const fdB = finiteDifferences(B, lossAt);
    expectClose(await result.ga.readFloat32(), fdA, gradTolerance(fdA), 'dA');
    expectClose(await result.gb.readFloat32(), fdB, gradTolerance(fdB), 'dB');
    result.ga.dispose();
    result.gb.dispose();
  });

  it('a parameter used by two layers gets both contributions, and a second backward without zeroGrad adds to it', async () => {
    const gpu = gpuOf();
    const w = uniformF32(16, 93);
    const x = uniformF32(20, 94);
    const t = uniformF32(20, 95);
    const params = new Parameters(gpu, [{ name: 'w', shape: [4, 4], init: w }]);
    const weight = params.get('w');
    gpu.write(weight.grad.slice, new Float32Array(16).fill(-7));
    params.zeroGrad();
    const step = () =>
      tidy(() => {
        const xt = Tensor.fromArray(gpu, x, [5, 4]);
        backward(mse(linear(linear(xt, weight, null), weight, null), Tensor.fromArray(gpu, t, [5, 4])));
      });
    step();
    const once = await weight.grad.readFloat32();
    const W = Float64Array.from(w);
    // y = (x·Wᵀ)·Wᵀ
    const lossAt = () => mseRef(matmulRef(matmulRef(x, W, 5, 4, 4, { transposeB: true }).out, W, 5, 4, 4, { transposeB: true }).out, t).loss;
    const fd = finiteDifferences(W, lossAt);
    expectClose(once, fd, gradTolerance(fd), 'dW (shared by two layers)');
    step();
    const twice = await weight.grad.readFloat32();
    const doubled = Float64Array.from(fd, (v) => 2 * v);
    expectClose(twice, doubled, gradTolerance(doubled), 'dW after two backward passes without zeroGrad');
    params.destroy();
  });
});
