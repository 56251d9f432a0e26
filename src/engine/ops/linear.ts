// y = x · Wᵀ + b, optionally followed by ReLU in the same kernel. W is stored
// [out, in] as in torch.nn.Linear, so the forward reads it transposed and the
// backward passes read it as it is:
//   dz = dy ⊙ (y > 0) when ReLU is fused, else dy
//   dx = dz · W,   dW = dzᵀ · x,   db = Σ_rows dz

import { contributeGrad, record } from '../autograd.ts';
import { ShapeError, Tensor, formatShape } from '../tensor.ts';
import { runReluBackward } from './activations.ts';
import { runColumnSums } from './bias.ts';
import { matmulDims, runMatmul } from './matmul.ts';

export function linear(x: Tensor, weight: Tensor, bias: Tensor | null, options: { relu?: boolean } = {}): Tensor {
  const relu = options.relu ?? false;
  if (x.shape.length !== 2) {
    throw new ShapeError(`linear: input must be [batch, features], got ${formatShape(x.shape)}`);
  }
  if (weight.shape.length !== 2 || x.shape[1] !== weight.shape[1]) {
    throw new ShapeError(
      `linear: input ${formatShape(x.shape)} does not match weight ${formatShape(weight.shape)} (expects ${weight.shape[1]} features)`,
    );
  }
  const { M, N } = matmulDims('linear', x, weight, false, true);
  if (bias && (bias.shape.length !== 1 || bias.size !== N)) {
    throw new ShapeError(`linear: bias ${formatShape(bias.shape)} does not match weight ${formatShape(weight.shape)}`);
  }
  const out = Tensor.empty(x.gpu, [M, N]);
  runMatmul({ a: x, b: weight, out, transposeB: true, bias, relu });
  return record(out, relu ? 'linear+relu' : 'linear', [x, weight, bias], (grad) => {
    let dz = grad;
    if (relu) {
      dz = Tensor.empty(x.gpu, out.shape);
      runReluBackward(out, grad, dz);
    }
    contributeGrad(x, (dest) => runMatmul({ a: dz, b: weight, out: dest }));
    contributeGrad(weight, (dest) => runMatmul({ a: dz, b: x, out: dest, transposeA: true }));
    if (bias) contributeGrad(bias, (dest) => runColumnSums(dz, dest));
  });
}
