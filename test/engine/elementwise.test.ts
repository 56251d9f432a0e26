// addInto and scaleByScalar, the two helpers autograd uses to accumulate and
// scale gradients. Each element is one f32 operation, so the result must be
// exactly the rounded float64 result (Math.fround), with no tolerance.
// The largest size needs a two-dimensional dispatch (more than 65,535
// workgroups of 64), which checks the kernels' flat-index arithmetic.

import { describe, expect, it } from 'vitest';
import { addInto, scaleByScalar } from '../../src/engine/ops/elementwise.ts';
import { ShapeError, Tensor, tidy } from '../../src/engine/tensor.ts';
import { elementwiseGroups } from '../../src/engine/kernel.ts';
import { uniformF32, useGpu } from './helpers.ts';

const gpuOf = useGpu();

const TWO_D = 65535 * 64 + 33;

function firstMismatch(actual: Float32Array, expected: Float32Array): string | null {
  for (let i = 0; i < expected.length; i++) {
    if (actual[i] !== expected[i]) return `element ${i} of ${expected.length}: ${actual[i]} instead of ${expected[i]}`;
  }
  return null;
}

describe('addInto', () => {
  it('adds in place, exactly, at sizes 1, 33, 1000 and one past a one-dimensional dispatch', async () => {
    const gpu = gpuOf();
    expect(elementwiseGroups(TWO_D)[1]).toBe(2);
    for (const n of [1, 33, 1000, TWO_D]) {
      const a = uniformF32(n, n);
      const b = uniformF32(n, n + 1);
      const target = tidy(() => {
        const t = Tensor.fromArray(gpu, a);
        addInto(t, Tensor.fromArray(gpu, b));
        return t;
      });
      const expected = Float32Array.from(a, (v, i) => v + b[i]!);
      expect(firstMismatch(await target.readFloat32(), expected), `addInto(${n})`).toBeNull();
      target.dispose();
    }
  });

  it('refuses tensors of different sizes', () => {
    const gpu = gpuOf();
    tidy(() => {
      expect(() => addInto(Tensor.fromArray(gpu, [1, 2]), Tensor.fromArray(gpu, [1, 2, 3]))).toThrow(ShapeError);
    });
  });
});

describe('scaleByScalar', () => {
  it('multiplies in place by a scalar that lives on the GPU, exactly', async () => {
    const gpu = gpuOf();
    for (const n of [1, 33, 1000]) {
      for (const s of [0.37, -2, 0]) {
        const a = uniformF32(n, 10 + n);
        const target = tidy(() => {
          const t = Tensor.fromArray(gpu, a);
          scaleByScalar(t, Tensor.fromArray(gpu, [s]));
          return t;
        });
        const expected = Float32Array.from(a, (v) => v * Math.fround(s));
        expect(firstMismatch(await target.readFloat32(), expected), `scaleByScalar(${n}, ${s})`).toBeNull();
        target.dispose();
      }
    }
  });

  it('multiplies every element of a two-dimensional dispatch', async () => {
    const gpu = gpuOf();
    const a = uniformF32(TWO_D, 20);
    const target = tidy(() => {
      const t = Tensor.fromArray(gpu, a);
      scaleByScalar(t, Tensor.fromArray(gpu, [-0.75]));
      return t;
    });
    const expected = Float32Array.from(a, (v) => v * -0.75);
    expect(firstMismatch(await target.readFloat32(), expected), `scaleByScalar(${TWO_D})`).toBeNull();
    target.dispose();
  });

  it('refuses a scale that is not a single element', () => {
    const gpu = gpuOf();
    tidy(() => {
      expect(() => scaleByScalar(Tensor.fromArray(gpu, [1, 2]), Tensor.fromArray(gpu, [1, 2]))).toThrow(ShapeError);
    });
  });
});
