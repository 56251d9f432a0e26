// torch.nn.Linear(in_features, out_features, bias=True): y = x·Wᵀ + b, W
// stored [out, in]. A following ReLU runs in the matmul's epilogue.

import { linear as linearOp } from '../ops/linear.ts';
import { ShapeError } from '../tensor.ts';
import { checkPositiveInteger, formatSampleShape, type LayerKind } from './layer-kind.ts';

export interface LinearSpec {
  type: 'linear';
  in: number;
  out: number;
  bias?: boolean;
}

export const linear: LayerKind<LinearSpec> = {
  type: 'linear',
  flatInput: true,
  fusesRelu: true,
  weightLayout: 'Linear ([out, in])',

  describe: (spec) => `Linear(${spec.in}, ${spec.out}${spec.bias === false ? ', bias=False' : ''})`,

  inputShape: (spec) => [spec.in],
  shortName: (spec) => `${spec.out}`,

  outputShape(spec, input) {
    checkPositiveInteger(spec.in, '"in"');
    checkPositiveInteger(spec.out, '"out"');
    if (input.length !== 1) {
      throw new ShapeError(`takes one flat vector per sample but gets ${formatSampleShape(input)}: put a Flatten() before it`);
    }
    if (input[0] !== spec.in) throw new ShapeError(`expects ${spec.in} inputs but the layer before gives ${input[0]}`);
    return [spec.out];
  },

  // kaiming_uniform_(a=√5) on [out, in] gives the bound 1/√in, and the bias uses the same.
  parameters: (spec) => {
    const bound = 1 / Math.sqrt(spec.in);
    const weight = { suffix: 'weight' as const, shape: [spec.out, spec.in], bound };
    return spec.bias === false ? [weight] : [weight, { suffix: 'bias' as const, shape: [spec.out], bound }];
  },

  forward: (spec, x, context) =>
    linearOp(x, context.parameter('weight'), spec.bias === false ? null : context.parameter('bias'), { relu: context.relu }),

  fromWeight: (weight, hasBias) =>
    weight.length === 2 ? { choices: [{ type: 'linear', in: weight[1]!, out: weight[0]!, ...(hasBias ? {} : { bias: false }) }], unknown: [] } : null,
};
