// torch.nn.Flatten(): [batch, C, H, W] seen as [batch, C·H·W]. The same buffer
// with another shape (row-major, so nothing moves); its gradient is the
// incoming gradient seen with the input's shape.

import { view } from '../ops/view.ts';
import { sizeOf } from '../tensor.ts';
import type { LayerKind } from './layer-kind.ts';

export interface FlattenSpec {
  type: 'flatten';
}

export const flatten: LayerKind<FlattenSpec> = {
  type: 'flatten',
  reshapes: true,
  describe: () => 'Flatten()',
  outputShape: (_, input) => [sizeOf(input)],
  forward: (_, x) => view(x, [x.shape[0]!, sizeOf(x.shape.slice(1))]),
};
