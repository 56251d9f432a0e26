import { describe, expect, it } from 'vitest';
import { testGpu } from './gpu.ts';
import { Tensor, tidy } from '../src/engine/tensor.ts';
import { linear } from '../src/engine/ops/linear.ts';

describe('smoke', () => {
  it('runs a linear layer', async () => {
    const gpu = await testGpu();
    const out = tidy(() => {
      const x = Tensor.fromArray(gpu, [1, 2, 3, 4, 5, 6], [2, 3]);
      const w = Tensor.fromArray(gpu, [1, 0, 0, 0, 1, 0], [2, 3]);
      const b = Tensor.fromArray(gpu, [10, 20], [2]);
      return linear(x, w, b);
    });
    await gpu.checkCompileErrors();
    expect(Array.from(await out.read())).toEqual([11, 22, 14, 25]);
  });
});
