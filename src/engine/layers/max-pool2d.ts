// torch.nn.MaxPool2d(kernel_size, stride=kernel_size) on [batch, C, H, W]:
// the largest value of each window; its gradient goes to the first maximum
// in the window, row-major, as PyTorch's does.

import { maxPool2d as maxPool2dOp } from '../ops/max-pool2d.ts';
import { ShapeError } from '../tensor.ts';
import { checkPair, formatSampleShape, type LayerKind } from './layer-kind.ts';

export interface MaxPool2dSpec {
  type: 'maxpool2d';
  kernel: [number, number];
  /** Defaults to the kernel size, as in PyTorch. */
  stride?: [number, number];
}

const strideOf = (spec: MaxPool2dSpec): [number, number] => spec.stride ?? spec.kernel;
const size = ([a, b]: readonly [number, number]) => (a === b ? `${a}` : `(${a}, ${b})`);

export const maxPool2d: LayerKind<MaxPool2dSpec> = {
  type: 'maxpool2d',

  describe: (spec) => `MaxPool2d(kernel_size=${size(spec.kernel)}, stride=${size(strideOf(spec))}, padding=0, dilation=1, ceil_mode=False)`,

  outputShape(spec, input) {
    checkPair(spec.kernel, 'the kernel size', 1);
    checkPair(strideOf(spec), 'the stride', 1);
    if (input.length !== 3) {
      throw new ShapeError(`takes images (channels×height×width) but gets ${formatSampleShape(input)}`);
    }
    const [channels, height, width] = input as [number, number, number];
    const [kh, kw] = spec.kernel;
    const [sh, sw] = strideOf(spec);
    if (height < kh || width < kw) throw new ShapeError(`its ${kh}×${kw} window does not fit in a ${formatSampleShape(input)} input`);
    // PyTorch's floor rule (ceil_mode=False): a partial window at the edge is dropped.
    return [channels, Math.floor((height - kh) / sh) + 1, Math.floor((width - kw) / sw) + 1];
  },

  forward: (spec, x) => maxPool2dOp(x, { kernel: spec.kernel, stride: strideOf(spec) }),

  // The index of each window's maximum, one u32 per output value.
  savedPerSample: (spec, input) => {
    const output = maxPool2d.outputShape(spec, input);
    return output[0]! * output[1]! * output[2]!;
  },
};
