// torch.nn.Conv2d(in_channels, out_channels, kernel_size, stride=1,
// padding=0, bias=True) on [batch, C, H, W] images (NCHW, row-major), weight
// stored [out, in, KH, KW]. A following ReLU runs in the kernel's epilogue.

import { conv2d as conv2dOp } from '../ops/conv2d.ts';
import { ShapeError } from '../tensor.ts';
import { checkPair, checkPositiveInteger, formatSampleShape, type LayerKind } from './layer-kind.ts';

export interface Conv2dSpec {
  type: 'conv2d';
  in: number;
  out: number;
  /** [height, width] of the kernel. */
  kernel: [number, number];
  stride?: [number, number];
  padding?: [number, number];
  bias?: boolean;
}

const pair = ([a, b]: readonly [number, number]) => `(${a}, ${b})`;
const strideOf = (spec: Conv2dSpec): [number, number] => spec.stride ?? [1, 1];
const paddingOf = (spec: Conv2dSpec): [number, number] => spec.padding ?? [0, 0];

export const conv2d: LayerKind<Conv2dSpec> = {
  type: 'conv2d',
  fusesRelu: true,
  weightLayout: 'Conv2d ([out, in, height, width])',
  shortName: (spec) => `c${spec.out}`,

  // As torch.nn.Conv2d's extra_repr: stride always, padding and bias only when not the default.
  describe(spec) {
    const padding = paddingOf(spec);
    const parts = [`${spec.in}`, `${spec.out}`, `kernel_size=${pair(spec.kernel)}`, `stride=${pair(strideOf(spec))}`];
    if (padding[0] !== 0 || padding[1] !== 0) parts.push(`padding=${pair(padding)}`);
    if (spec.bias === false) parts.push('bias=False');
    return `Conv2d(${parts.join(', ')})`;
  },

  outputShape(spec, input) {
    checkPositiveInteger(spec.in, '"in" (channels)');
    checkPositiveInteger(spec.out, '"out" (channels)');
    checkPair(spec.kernel, 'the kernel size', 1);
    checkPair(strideOf(spec), 'the stride', 1);
    checkPair(paddingOf(spec), 'the padding', 0);
    if (input.length !== 3) {
      throw new ShapeError(`takes images (channels×height×width) but gets ${formatSampleShape(input)}`);
    }
    const [channels, height, width] = input as [number, number, number];
    if (channels !== spec.in) throw new ShapeError(`expects ${spec.in} input channels but gets ${formatSampleShape(input)}`);
    const [kh, kw] = spec.kernel;
    const [sh, sw] = strideOf(spec);
    const [ph, pw] = paddingOf(spec);
    if (height + 2 * ph < kh || width + 2 * pw < kw) {
      throw new ShapeError(`its ${kh}×${kw} kernel does not fit in a ${formatSampleShape(input)} input padded by ${ph}×${pw}`);
    }
    return [spec.out, Math.floor((height + 2 * ph - kh) / sh) + 1, Math.floor((width + 2 * pw - kw) / sw) + 1];
  },

  // kaiming_uniform_(a=√5) with fan_in = in·KH·KW gives the bound 1/√fan_in; the bias uses the same.
  parameters(spec) {
    const [kh, kw] = spec.kernel;
    const bound = 1 / Math.sqrt(spec.in * kh * kw);
    const weight = { suffix: 'weight' as const, shape: [spec.out, spec.in, kh, kw], bound };
    return spec.bias === false ? [weight] : [weight, { suffix: 'bias' as const, shape: [spec.out], bound }];
  },

  forward: (spec, x, context) =>
    conv2dOp(x, context.parameter('weight'), spec.bias === false ? null : context.parameter('bias'), {
      stride: strideOf(spec),
      padding: paddingOf(spec),
      relu: context.relu,
    }),

  // No padding or the "same" padding of an odd kernel: the usual choices. The
  // stride is taken as 1 without a search: a stride of 2 fits the same
  // shapes as a stride of 1 followed by a 2×2 pool, so searching it would
  // leave the common tutorial CNN ambiguous.
  fromWeight(weight, hasBias) {
    if (weight.length !== 4) return null;
    const kernel: [number, number] = [weight[2]!, weight[3]!];
    const spec: Conv2dSpec = { type: 'conv2d', in: weight[1]!, out: weight[0]!, kernel, ...(hasBias ? {} : { bias: false }) };
    const same: [number, number] = [(kernel[0] - 1) / 2, (kernel[1] - 1) / 2];
    const choices: Conv2dSpec[] = [{ ...spec, padding: [0, 0] }];
    if (same.every(Number.isInteger) && (same[0] > 0 || same[1] > 0)) choices.push({ ...spec, padding: same });
    return { choices, unknown: ['padding'] };
  },
};
