// A fully connected layer, y = x·Wᵀ + b with W stored [out, in] as in
// torch.nn.Linear, optionally followed by a fused ReLU. The forward is one
// matmul dispatch with bias and ReLU in its epilogue; the backward reads W and
// x in place (no transposes are materialised):
//   dZ = relu'(y) ⊙ dY   (only when ReLU is fused)
//   dX = dZ·W,  dW = dZᵀ·x,  db = column sums of dZ

import { contributeGrad, record } from '../autograd.ts';
import { activationGradInto } from './activations.ts';
import { biasGradInto } from './bias.ts';
import { matmulInto, productShape } from './matmul.ts';
import { ShapeError, Tensor, formatShape } from '../tensor.ts';

export interface LinearOptions {
  relu?: boolean;
}

export function linear(x: Tensor, weight: Tensor, bias: Tensor | null, options: LinearOptions = {}): Tensor {
  if (x.shape.length !== 2) {
    throw new ShapeError(`linear: expected input [batch, features], got ${formatShape(x.shape)}`);
  }
  if (weight.shape.length !== 2 || weight.shape[1] !== x.shape[1]) {
    throw new ShapeError(
      `linear: input ${formatShape(x.shape)} does not match weight ${formatShape(weight.shape)} (weight is [out, in])`,
    );
  }
  const { M, N } = productShape(x, weight, { transposeB: true, bias }, 'linear');
  const y = Tensor.empty(x.gpu, [M, N]);
  matmulInto(y, x, weight, { transposeB: true, bias, relu: options.relu });
  return record(y, options.relu ? 'linear+relu' : 'linear', [x, weight, bias], (gradOut) => {
    let gradZ = gradOut;
    if (options.relu) {
      gradZ = Tensor.empty(x.gpu, y.shape);
      activationGradInto('relu', gradZ, y, gradOut);
    }
    contributeGrad(x, (dest) => matmulInto(dest, gradZ, weight));
    contributeGrad(weight, (dest) => matmulInto(dest, gradZ, x, { transposeA: true }));
    if (bias) contributeGrad(bias, (dest) => biasGradInto(dest, gradZ));
  });
}
