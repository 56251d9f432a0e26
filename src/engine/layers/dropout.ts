// torch.nn.Dropout(p): in training each value is zeroed with probability p and
// the rest scaled by 1/(1 − p); in evaluation the identity.

import { dropout as dropoutOp } from '../ops/dropout.ts';
import { ShapeError } from '../tensor.ts';
import type { LayerKind } from './layer-kind.ts';

export interface DropoutSpec {
  type: 'dropout';
  p: number;
}

export const dropout: LayerKind<DropoutSpec> = {
  type: 'dropout',
  elementwise: true,
  random: true,
  describe: (spec) => `Dropout(p=${spec.p})`,
  outputShape(spec, input) {
    if (!(spec.p >= 0 && spec.p < 1)) throw new ShapeError('p must be in [0, 1)');
    return [...input];
  },
  forward: (spec, x, context) => (context.training && spec.p > 0 ? dropoutOp(x, spec.p, context.maskSeed()) : x),
};
