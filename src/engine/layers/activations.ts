// torch.nn.ReLU() and torch.nn.Sigmoid(): elementwise, any shape. A ReLU right
// after a layer that fuses it (Linear, Conv2d) runs inside that layer's kernel.

import { relu as reluOp, sigmoid as sigmoidOp } from '../ops/activations.ts';
import type { LayerKind } from './layer-kind.ts';

export interface ReluSpec {
  type: 'relu';
}

export interface SigmoidSpec {
  type: 'sigmoid';
}

export const relu: LayerKind<ReluSpec> = {
  type: 'relu',
  elementwise: true,
  describe: () => 'ReLU()',
  outputShape: (_, input) => [...input],
  forward: (_, x) => reluOp(x),
};

export const sigmoid: LayerKind<SigmoidSpec> = {
  type: 'sigmoid',
  elementwise: true,
  describe: () => 'Sigmoid()',
  outputShape: (_, input) => [...input],
  forward: (_, x) => sigmoidOp(x),
};
