// Autograd behaviour: what noGrad records, what backward accepts, that a
// gradient reaches a tensor only after every path into it has been summed,
// that a loss used as an input scales its fused gradient, and that wrong
// shapes are refused before any GPU work with a message naming the op and the
// shapes involved.

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { backward, noGrad, isGradEnabled } from '../../src/engine/autograd.ts';
import { Sequential } from '../../src/engine/nn.ts';
import { relu, sigmoid } from '../../src/engine/ops/activations.ts';
import { addBias } from '../../src/engine/ops/bias.ts';
import { dropout } from '../../src/engine/ops/dropout.ts';
import { linear } from '../../src/engine/ops/linear.ts';
import { bce, crossEntropy, mse } from '../../src/engine/ops/losses.ts';
import { matmul } from '../../src/engine/ops/matmul.ts';
import { ShapeError, Tensor, tidy } from '../../src/engine/tensor.ts';
import type { Gpu } from '../../src/engine/gpu.ts';
import { expectClose, uniformF32, useGpu } from './helpers.ts';
import { finiteDifferences, matmulRef, mseRef, sigmoidRef } from './reference.ts';

const gpuOf = useGpu();

function leaf(gpu: Gpu, data: Float32Array | number[], shape: number[], requiresGrad = true): Tensor {
  const t = Tensor.fromArray(gpu, data instanceof Float32Array ? data : new Float32Array(data), shape);
  t.requiresGrad = requiresGrad;
  return t;
}

describe('noGrad', () => {
  it('records no op and computes no loss gradient, and restores recording afterwards, even after a throw', () => {
    const gpu = gpuOf();
    tidy(() => {
      const x = leaf(gpu, uniformF32(6, 1), [2, 3]);
      const w = leaf(gpu, uniformF32(12, 2), [4, 3]);
      const b = leaf(gpu, uniformF32(4, 3), [4]);
      const seed = Tensor.fromArray(gpu, new Uint32Array([1]));
      const outputs = noGrad(() => {
        const y = linear(x, w, b, { relu: true });
        return [
          y,
          matmul(x, leaf(gpu, uniformF32(6, 4), [3, 2])),
          relu(x),
          sigmoid(x),
          addBias(x, leaf(gpu, [1, 2, 3], [3])),
          dropout(x, 0.5, seed),
          crossEntropy(y, Tensor.fromArray(gpu, new Uint32Array([0, 3]))),
          bce(sigmoid(x), Tensor.fromArray(gpu, new Float32Array(6))),
          mse(x, Tensor.fromArray(gpu, new Float32Array(6), [2, 3])),
        ];
      });
      for (const out of outputs) {
        expect(out.node).toBeNull();
        expect(out.requiresGrad).toBe(false);
      }
      expect(() => backward(outputs[6]!)).toThrow(/does not depend on anything that requires a gradient/);
      expect(isGradEnabled()).toBe(true);
      expect(() => noGrad(() => {
        throw new Error('inside');
      })).toThrow('inside');
      expect(isGradEnabled()).toBe(true);
      expect(linear(x, w, b).node?.op).toBe('linear');
    });
  });
});

describe('backward', () => {
  it('refuses a loss that is not a single value, with a ShapeError, before any GPU work', () => {
    const gpu = gpuOf();
    tidy(() => {
      const y = relu(leaf(gpu, uniformF32(6, 5), [2, 3]));
      const dispatches = gpu.stats.dispatches;
      expect(() => backward(y)).toThrow(ShapeError);
      expect(() => backward(y)).toThrow(/single value, got shape \[2, 3\]/);
      expect(gpu.stats.dispatches).toBe(dispatches);
      expect(y.grad).toBeNull();
    });
  });

  it('runs a node once, after every path into it has been summed (h = σ(x) used twice: C = h·h)', async () => {
    const gpu = gpuOf();
    const x = uniformF32(9, 6, -2, 2);
    const t = uniformF32(9, 7);
    const grad = tidy(() => {
      const xt = leaf(gpu, x, [3, 3]);
      const h = sigmoid(xt);
      const spy = vi.spyOn(h.node!, 'backward');
      backward(mse(matmul(h, h), Tensor.fromArray(gpu, t, [3, 3])));
      expect(spy).toHaveBeenCalledTimes(1);
      return xt.grad!;
    });
    const X = Float64Array.from(x);
    const lossAt = () => {
      const h = sigmoidRef(X);
      return mseRef(matmulRef(h, h, 3, 3, 3).out, t).loss;
    };
    const fd = finiteDifferences(X, lossAt);
    const max = Math.max(...fd.map(Math.abs));
    // f32 through σ, a 3-term product and MSE: well under 1e-5 of the gradient scale (see network-gradients.test.ts).
    expectClose(await grad.readFloat32(), fd, 5e-6 * max, 'dL/dx through the shared σ(x)');
    grad.dispose();
  });

  it('scales a fused loss gradient by the upstream gradient when the loss is not the root', async () => {
    // outer = mse(inner, t) with inner = mse(x, y): d outer/dx = 2(inner − t)·2(x − y)/n.
    const gpu = gpuOf();
    const x = uniformF32(7, 8);
    const y = uniformF32(7, 9);
    const t = 0.25;
    const grad = tidy(() => {
      const xt = leaf(gpu, x, [7]);
      const inner = mse(xt, Tensor.fromArray(gpu, y));
      backward(mse(inner, Tensor.fromArray(gpu, [t])));
      return xt.grad!;
    });
    const inner = mseRef(x, y);
    const expected = Float64Array.from(inner.grad, (g) => 2 * (inner.loss - t) * g);
    expectClose(await grad.readFloat32(), expected, (i) => 1e-6 * Math.abs(expected[i]!), 'scaled gradient');
    grad.dispose();
  });
});

describe('shape errors', () => {
  let spies: ReturnType<typeof vi.spyOn>[] = [];
  beforeEach(() => {
    const gpu = gpuOf();
    spies = [
      vi.spyOn(gpu, 'dispatch'),
      vi.spyOn(gpu, 'acquireStorage'),
      vi.spyOn(gpu, 'createBuffer'),
      vi.spyOn(gpu, 'write'),
    ];
  });
  afterEach(() => {
    for (const spy of spies) spy.mockRestore();
  });

  /** Runs `make` to build the operands, then expects `op` to throw before touching the GPU. */
  function refusedBeforeGpuWork<T>(make: () => T, op: (operands: T) => unknown, message: RegExp): void {
    tidy(() => {
      const operands = make();
      for (const spy of spies) spy.mockClear();
      let error: unknown = null;
      try {
        op(operands);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ShapeError);
      expect((error as Error).message).toMatch(message);
      for (const spy of spies) expect(spy, `GPU call before the shape check: ${(error as Error).message}`).not.toHaveBeenCalled();
    });
  }

  it('linear with mismatched in-features names the op and both shapes', () => {
    const gpu = gpuOf();
    refusedBeforeGpuWork(
      () => [leaf(gpu, uniformF32(6, 1), [2, 3], false), leaf(gpu, uniformF32(20, 2), [4, 5]), leaf(gpu, uniformF32(4, 3), [4])] as const,
      ([x, w, b]) => linear(x, w, b),
      /^linear: .*\[2, 3\].*\[4, 5\]/,
    );
  });

  it('linear with a bias of the wrong length names the op and the shapes', () => {
    const gpu = gpuOf();
    refusedBeforeGpuWork(
      () => [leaf(gpu, uniformF32(6, 1), [2, 3]), leaf(gpu, uniformF32(12, 2), [4, 3]), leaf(gpu, uniformF32(5, 3), [5])] as const,
      ([x, w, b]) => linear(x, w, b),
      /^linear: .*\[5\].*4/,
    );
  });

  it('matmul with different inner dimensions names the op and both shapes', () => {
    const gpu = gpuOf();
    refusedBeforeGpuWork(
      () => [leaf(gpu, uniformF32(6, 1), [2, 3]), leaf(gpu, uniformF32(8, 2), [4, 2])] as const,
      ([a, b]) => matmul(a, b),
      /^matmul: .*\[2, 3\].*\[4, 2\]/,
    );
  });

  it('crossEntropy with labels of the wrong length (or not u32) names the op and both shapes', () => {
    const gpu = gpuOf();
    refusedBeforeGpuWork(
      () => [leaf(gpu, uniformF32(12, 1), [4, 3]), Tensor.fromArray(gpu, new Uint32Array([0, 1, 2]))] as const,
      ([logits, labels]) => crossEntropy(logits, labels),
      /^crossEntropy: .*\[4, 3\].*\[3\]/,
    );
    refusedBeforeGpuWork(
      () => [leaf(gpu, uniformF32(12, 1), [4, 3]), Tensor.fromArray(gpu, new Float32Array([0, 1, 2, 0]))] as const,
      ([logits, labels]) => crossEntropy(logits, labels),
      /^crossEntropy: .*u32.*\[4, 3\].*f32 \[4\]/,
    );
  });

  it('bce and mse with a target of another size name the op and both shapes', () => {
    const gpu = gpuOf();
    for (const [name, fn] of [['bce', bce], ['mse', mse]] as const) {
      refusedBeforeGpuWork(
        () => [leaf(gpu, uniformF32(6, 1, 0, 1), [6]), Tensor.fromArray(gpu, new Float32Array(5))] as const,
        ([p, t]) => fn(p, t),
        new RegExp(`^${name}: .*\\[5\\].*\\[6\\]`),
      );
    }
  });

  it('a model given inputs of the wrong width names both shapes', () => {
    const gpu = gpuOf();
    const model = new Sequential(gpu, [{ type: 'linear', in: 4, out: 2 }]);
    refusedBeforeGpuWork(
      () => Tensor.fromArray(gpu, uniformF32(10, 1), [2, 5]),
      (x) => model.forward(x),
      /expected \[batch, 4\], got \[2, 5\]/,
    );
    model.destroy();
  });
});
