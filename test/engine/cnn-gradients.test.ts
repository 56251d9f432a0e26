// Gradients of small convolutional networks, from the GPU's backward(),
// against central finite differences of the same loss computed in float64 on
// the CPU from the same weights. The reference only evaluates the loss
// (conv2dRef, maxPool2dRef, matmulRef, crossEntropyRef): nothing of the
// engine's backward code, nor the references' own backward, is used.
//
// Tolerance, as in network-gradients.test.ts: the finite differences are
// accurate to ~1e-10, so the error is the GPU's f32 forward and backward.
// Each gradient element is a chain of f32 sums of at most ~100 terms per
// layer (the weight gradients sum over batch × pixels); (Σ terms)·u relative
// to the gradient's scale is about 1e-5 here (u = 2^-24). We allow 1e-5 × the
// largest |gradient| of that parameter plus 2e-6 × the element itself. A
// wrong gradient (missing term, sign, index) is off by O(1) of that scale.
// Finite differences are meaningless across a kink, so the test first checks
// that no ReLU input is near 0 and that no pooling window has two maxima
// near each other (windows of clipped zeros aside: their gradient is zero
// either way).

import { describe, expect, it } from 'vitest';
import { backward } from '../../src/engine/autograd.ts';
import { relu } from '../../src/engine/ops/activations.ts';
import { conv2d } from '../../src/engine/ops/conv2d.ts';
import { linear } from '../../src/engine/ops/linear.ts';
import { crossEntropy } from '../../src/engine/ops/losses.ts';
import { maxPool2d } from '../../src/engine/ops/max-pool2d.ts';
import { view } from '../../src/engine/ops/view.ts';
import { Parameters } from '../../src/engine/parameters.ts';
import { Tensor, tidy } from '../../src/engine/tensor.ts';
import { expectClose, labelsU32, uniformF32, useGpu } from './helpers.ts';
import {
  conv2dRef,
  crossEntropyRef,
  finiteDifferences,
  matmulRef,
  maxPool2dRef,
  reluRef,
  type Conv2dRefShape,
  type MaxPool2dRefShape,
} from './reference.ts';

const gpuOf = useGpu();

function gradTolerance(fd: Float64Array) {
  let max = 0;
  for (const v of fd) max = Math.max(max, Math.abs(v));
  return (i: number) => 1e-5 * max + 2e-6 * Math.abs(fd[i]!);
}

type Stage =
  | { type: 'conv'; weight: string; bias?: string; out: number; kernel: [number, number]; stride: [number, number]; padding: [number, number]; relu?: boolean }
  | { type: 'relu' }
  | { type: 'pool'; kernel: [number, number]; stride: [number, number] }
  | { type: 'linear'; weight: string; bias: string; out: number };

interface Net {
  name: string;
  input: [number, number, number, number];
  stages: Stage[];
  classes: number;
}

/** How close the ReLUs and the pooling windows come to a kink. */
interface Margins {
  relu: number;
  pool: number;
}

/** The network's loss in float64, from weights by name, with how close it came to a kink. */
function lossRef(net: Net, weights: ReadonlyMap<string, Float64Array>, x: Float32Array, labels: Uint32Array): { loss: number; margins: Margins } {
  let [N, C, H, W] = net.input;
  let h: Float64Array = Float64Array.from(x);
  const margins: Margins = { relu: Infinity, pool: Infinity };
  const clip = (values: Float64Array) => {
    for (const v of values) margins.relu = Math.min(margins.relu, Math.abs(v));
    return reluRef(values);
  };
  for (const stage of net.stages) {
    if (stage.type === 'conv') {
      const s: Conv2dRefShape = { N, C, H, W, O: stage.out, KH: stage.kernel[0], KW: stage.kernel[1], stride: stage.stride, padding: stage.padding };
      const y = conv2dRef(h, weights.get(stage.weight)!, stage.bias ? weights.get(stage.bias)! : null, s).out;
      h = stage.relu ? clip(y) : y;
      C = stage.out;
      H = Math.floor((H + 2 * stage.padding[0] - stage.kernel[0]) / stage.stride[0]) + 1;
      W = Math.floor((W + 2 * stage.padding[1] - stage.kernel[1]) / stage.stride[1]) + 1;
    } else if (stage.type === 'relu') {
      h = clip(h);
    } else if (stage.type === 'pool') {
      const s: MaxPool2dRefShape = { N, C, H, W, kernel: stage.kernel, stride: stage.stride };
      const pooled = maxPool2dRef(h, s);
      // The gap between each window's maximum and the runner-up.
      pooled.out.forEach((best, i) => {
        const plane = Math.floor(i / (pooled.OH * pooled.OW));
        const p = i % (pooled.OH * pooled.OW);
        const [oh, ow] = [Math.floor(p / pooled.OW), p % pooled.OW];
        let second = -Infinity;
        for (let kh = 0; kh < stage.kernel[0]; kh++) {
          for (let kw = 0; kw < stage.kernel[1]; kw++) {
            const at = (oh * stage.stride[0] + kh) * W + ow * stage.stride[1] + kw;
            if (at !== pooled.indices[i]) second = Math.max(second, h[plane * H * W + at]!);
          }
        }
        if (best !== 0 || second !== 0) margins.pool = Math.min(margins.pool, best - second);
      });
      h = pooled.out;
      [H, W] = [pooled.OH, pooled.OW];
    } else {
      const features = C * H * W;
      h = matmulRef(h, weights.get(stage.weight)!, N, stage.out, features, { transposeB: true, bias: weights.get(stage.bias)! }).out;
      [C, H, W] = [stage.out, 1, 1];
    }
  }
  return { loss: crossEntropyRef(h, labels, N, net.classes).loss, margins };
}

/** The same network on the GPU, from parameters by name. */
function forward(net: Net, params: Parameters, x: Tensor): Tensor {
  let h = x;
  for (const stage of net.stages) {
    if (stage.type === 'conv') {
      const bias = stage.bias ? params.get(stage.bias) : null;
      h = conv2d(h, params.get(stage.weight), bias, { stride: stage.stride, padding: stage.padding, relu: stage.relu });
    } else if (stage.type === 'relu') {
      h = relu(h);
    } else if (stage.type === 'pool') {
      h = maxPool2d(h, { kernel: stage.kernel, stride: stage.stride });
    } else {
      h = linear(view(h, [h.shape[0]!, h.size / h.shape[0]!]), params.get(stage.weight), params.get(stage.bias));
    }
  }
  return h;
}

const nets: { net: Net; params: [string, number[]][] }[] = [
  {
    // Two convolutions, so that the second one's input gradient flows back
    // into the first; a rectangular kernel with unequal strides and padding.
    net: {
      name: 'Conv2d(2, 3, 3, padding=1) + ReLU → MaxPool2d(2) → Conv2d(3, 4, (3, 2), stride=(2, 1), padding=(1, 0)) → Flatten → Linear(8, 5), cross-entropy',
      input: [3, 2, 6, 5],
      stages: [
        { type: 'conv', weight: '0.weight', bias: '0.bias', out: 3, kernel: [3, 3], stride: [1, 1], padding: [1, 1], relu: true },
        { type: 'pool', kernel: [2, 2], stride: [2, 2] },
        { type: 'conv', weight: '3.weight', bias: '3.bias', out: 4, kernel: [3, 2], stride: [2, 1], padding: [1, 0] },
        { type: 'linear', weight: '5.weight', bias: '5.bias', out: 5 },
      ],
      classes: 5,
    },
    params: [
      ['0.weight', [3, 2, 3, 3]],
      ['0.bias', [3]],
      ['3.weight', [4, 3, 3, 2]],
      ['3.bias', [4]],
      ['5.weight', [5, 8]],
      ['5.bias', [5]],
    ],
  },
  {
    // A 5 × 5 kernel with stride 2 and padding 2 and no bias, ReLU as its own
    // op, overlapping pooling windows, then a 1 × 1 convolution.
    net: {
      name: 'Conv2d(1, 2, 5, stride=2, padding=2, bias=False) → ReLU → MaxPool2d(3, stride=1) → Conv2d(2, 3, 1) → Flatten → Linear(12, 3), cross-entropy',
      input: [2, 1, 7, 7],
      stages: [
        { type: 'conv', weight: '0.weight', out: 2, kernel: [5, 5], stride: [2, 2], padding: [2, 2] },
        { type: 'relu' },
        { type: 'pool', kernel: [3, 3], stride: [1, 1] },
        { type: 'conv', weight: '3.weight', bias: '3.bias', out: 3, kernel: [1, 1], stride: [1, 1], padding: [0, 0] },
        { type: 'linear', weight: '5.weight', bias: '5.bias', out: 3 },
      ],
      classes: 3,
    },
    params: [
      ['0.weight', [2, 1, 5, 5]],
      ['3.weight', [3, 2, 1, 1]],
      ['3.bias', [3]],
      ['5.weight', [3, 12]],
      ['5.bias', [3]],
    ],
  },
];

describe('gradients of small convolutional networks', () => {
  nets.forEach(({ net, params: specs }, index) => {
    it(`match float64 finite differences: ${net.name}`, async () => {
      const gpu = gpuOf();
      const params = new Parameters(
        gpu,
        specs.map(([name, shape], i) => ({ name, shape, init: uniformF32(shape.reduce((a, b) => a * b, 1), 500 + 10 * index + i, -0.8, 0.8) })),
      );
      const [N, C, H, W] = net.input;
      const x = uniformF32(N * C * H * W, 600 + index, -2, 2);
      const labels = labelsU32(N, net.classes, 700 + index);
      // Garbage in the gradient buffer: zeroGrad() must make backward overwrite it.
      for (const { value } of params.entries) gpu.write(value.grad.slice, new Float32Array(value.size).fill(1e3));
      params.zeroGrad();
      const loss = tidy(() => {
        const l = crossEntropy(forward(net, params, Tensor.fromArray(gpu, x, net.input)), Tensor.fromArray(gpu, labels));
        backward(l);
        return l;
      });
      const gpuLoss = (await loss.readFloat32())[0]!;
      loss.dispose();
      const weights = new Map((await params.read()).map((t) => [t.name, Float64Array.from(t.data)]));
      const lossAt = () => lossRef(net, weights, x, labels);
      const reference = lossAt();
      expectClose([gpuLoss], [reference.loss], 1e-5 * Math.abs(reference.loss), `${net.name}: loss`);
      expect(reference.margins.relu, 'no ReLU input within reach of the step').toBeGreaterThan(1e-3);
      expect(reference.margins.pool, 'no two maxima of a window within reach of the step').toBeGreaterThan(1e-3);
      for (const { name, value } of params.entries) {
        const fd = finiteDifferences(weights.get(name)!, () => lossAt().loss);
        expect(fd.some((v) => v !== 0), `${name} has a non-zero gradient`).toBe(true);
        expectClose(await value.grad.readFloat32(), fd, gradTolerance(fd), `${net.name}: d loss / d ${name}`);
      }
      params.destroy();
    });
  });
});
