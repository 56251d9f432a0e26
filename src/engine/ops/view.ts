// A differentiable reshape: the output shares the input's buffer (row-major,
// so no value moves), and the gradient flows back as the same kind of view.

import { adoptGrad, record } from '../autograd.ts';
import type { Tensor } from '../tensor.ts';

export function view(x: Tensor, shape: readonly number[]): Tensor {
  const out = x.reshape(shape);
  return record(out, 'view', [x], (gradOut) => adoptGrad(x, gradOut.reshape(x.shape)));
}
