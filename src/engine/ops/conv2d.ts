// A 2-D convolution as torch.nn.Conv2d computes it (cross-correlation, zero
// padding, no dilation or groups), optionally followed by a fused ReLU. Three
// kernels, each an implicit matrix product that reads the im2col matrix from
// the images on the fly (nothing of its size is stored):
//   forward  y  = W · X̂ (+ bias, ReLU)           shaders/conv2d.wgsl
//   dX          = Wᵀ · dŶ                         shaders/conv2d_backward_input.wgsl
//   dW, db      = dY · X̂ᵀ, summed in chunks       shaders/conv2d_backward_weight.wgsl
// With ReLU fused, the backward first masks the gradient with relu'(y), as
// linear.ts does.

import forwardSource from '../../../shaders/conv2d.wgsl?raw';
import inputGradSource from '../../../shaders/conv2d_backward_input.wgsl?raw';
import weightGradSource from '../../../shaders/conv2d_backward_weight.wgsl?raw';
import { contributeGrad, record } from '../autograd.ts';
import type { Gpu } from '../gpu.ts';
import { defineKernel, groupsFor, u32, uniforms } from '../kernel.ts';
import { ShapeError, Tensor, formatShape } from '../tensor.ts';
import { activationGradInto } from './activations.ts';

const kernels = {
  forward: defineKernel('conv2d', forwardSource, { optional: ['bias'] }),
  inputGrad: defineKernel('conv2d_backward_input', inputGradSource),
  weightGrad: defineKernel('conv2d_backward_weight', weightGradSource),
  reduce: defineKernel('conv2d_backward_weight_reduce', weightGradSource, { entryPoint: 'reduce' }),
};

export interface Conv2dOptions {
  stride?: [number, number];
  padding?: [number, number];
  relu?: boolean;
}

/** Every size of one convolution, checked against each other. */
export interface Conv2dGeometry {
  N: number;
  C: number;
  H: number;
  W: number;
  O: number;
  KH: number;
  KW: number;
  SH: number;
  SW: number;
  PH: number;
  PW: number;
  OH: number;
  OW: number;
}

/**
 * Outputs per invocation along each side (WIDE in the shaders): 16 on
 * adapters that run on the CPU, 8 on GPUs, as in matmul.ts.
 */
export type ConvBlock = 8 | 16;

/** Overrides of what the op picks for the adapter and shape; tests use them to reach every path cheaply. */
export interface ConvTuning {
  block?: ConvBlock;
  /** Invocations per workgroup along the columns (pixels or taps) and the rows (channels). */
  workgroup?: [number, number];
}

function pair(value: [number, number] | undefined, fallback: number, what: string, minimum: number): [number, number] {
  const [a, b] = value ?? [fallback, fallback];
  if (!Number.isInteger(a) || !Number.isInteger(b) || a < minimum || b < minimum) {
    throw new RangeError(`conv2d: ${what} must be two integers ≥ ${minimum}, got [${a}, ${b}]`);
  }
  return [a, b];
}

/** The output [N, O, OH, OW] of x [N, C, H, W] and weight [O, C, KH, KW], or a ShapeError naming both. */
export function conv2dGeometry(
  xShape: readonly number[],
  weightShape: readonly number[],
  biasShape: readonly number[] | null,
  options: Conv2dOptions = {},
): Conv2dGeometry {
  const shapes = `input ${formatShape(xShape)} and weight ${formatShape(weightShape)}`;
  if (xShape.length !== 4 || weightShape.length !== 4) {
    throw new ShapeError(`conv2d: expected input [N, C, H, W] and weight [out, in, KH, KW], got ${shapes}`);
  }
  const [N, C, H, W] = xShape as [number, number, number, number];
  const [O, CW, KH, KW] = weightShape as [number, number, number, number];
  if (CW !== C) {
    throw new ShapeError(`conv2d: ${shapes} do not fit: the input has ${C} channels, the weight expects ${CW}`);
  }
  const [SH, SW] = pair(options.stride, 1, 'stride', 1);
  const [PH, PW] = pair(options.padding, 0, 'padding', 0);
  if (H + 2 * PH < KH || W + 2 * PW < KW) {
    throw new ShapeError(
      `conv2d: ${shapes} do not fit: a ${KH}×${KW} kernel is larger than the ${H + 2 * PH}×${W + 2 * PW} padded image`,
    );
  }
  if (biasShape && (biasShape.length !== 1 || biasShape[0] !== O)) {
    throw new ShapeError(`conv2d: bias ${formatShape(biasShape)} does not match weight ${formatShape(weightShape)} (${O} output channels)`);
  }
  const OH = Math.floor((H + 2 * PH - KH) / SH) + 1;
  const OW = Math.floor((W + 2 * PW - KW) / SW) + 1;
  return { N, C, H, W, O, KH, KW, SH, SW, PH, PW, OH, OW };
}

function geometryConstants(g: Conv2dGeometry): Record<string, number> {
  return { KERNEL_H: g.KH, KERNEL_W: g.KW, STRIDE_H: g.SH, STRIDE_W: g.SW, PAD_H: g.PH, PAD_W: g.PW };
}

const MIN_WORKGROUPS = 16;

/**
 * matmul.ts's rule: a workgroup no wider or taller than the grid of blocks,
 * halved along its longer side until there are MIN_WORKGROUPS workgroups
 * (SwiftShader runs one per core at a time) or it is down to four invocations
 * for long sums (SwiftShader's SIMD width) and one for short ones.
 */
function workgroupShape(rows: number, columns: number, sum: number, block: ConvBlock, layers = 1): [number, number] {
  const blocksX = Math.ceil(columns / block);
  const blocksY = Math.ceil(rows / block);
  const fit = (blocks: number) => Math.min(8, 2 ** Math.ceil(Math.log2(Math.max(blocks, 1))));
  let [x, y] = [fit(blocksX), fit(blocksY)];
  const count = () => Math.ceil(blocksX / x) * Math.ceil(blocksY / y) * layers;
  const smallest = sum >= 64 ? 4 : 1;
  while (count() < MIN_WORKGROUPS && x * y > smallest) {
    if (x >= y) x /= 2;
    else y /= 2;
  }
  return [x, y];
}

type Dispatch = Parameters<Gpu['dispatch']>[1];

/**
 * A grid of `rows` × `columns` outputs in blocks: workgroups along x for the
 * columns, continuing along z past the device's limit per dimension (the
 * shaders rebuild the column as id.x + id.z · groups.x · WORKGROUP_X).
 */
function outputGrid(gpu: Gpu, rows: number, columns: number, sum: number, tuning: ConvTuning) {
  const block = tuning.block ?? (gpu.adapter.runsOnCpu ? 16 : 8);
  const [x, y] = tuning.workgroup ?? workgroupShape(rows, columns, sum, block);
  const groupsX = groupsFor(Math.ceil(columns / block), x);
  const spanX = Math.min(groupsX, gpu.limits.maxComputeWorkgroupsPerDimension);
  const constants = { WIDE: block === 16 ? 1 : 0, WORKGROUP_X: x, WORKGROUP_Y: y };
  return { constants, workgroups: [spanX, groupsFor(rows, block * y), Math.ceil(groupsX / spanX)] as [number, number, number] };
}

function checkSize(t: Tensor, shape: readonly number[], what: string): void {
  if (t.size !== shape.reduce((a, b) => a * b, 1)) {
    throw new ShapeError(`conv2d: ${what} of shape ${formatShape(t.shape)} cannot hold ${formatShape(shape)}`);
  }
}

/** How conv2d.wgsl is dispatched to write y = conv(x, weight) + bias (ReLU) into `y` [N, O, OH, OW]. */
export function conv2dDispatch(
  y: Tensor,
  x: Tensor,
  weight: Tensor,
  bias: Tensor | null,
  g: Conv2dGeometry,
  relu = false,
  tuning: ConvTuning = {},
): Dispatch {
  checkSize(y, [g.N, g.O, g.OH, g.OW], 'output');
  const columns = g.N * g.OH * g.OW;
  const grid = outputGrid(y.gpu, g.O, columns, g.C * g.KH * g.KW, tuning);
  return {
    constants: { ...geometryConstants(g), ADD_BIAS: bias ? 1 : 0, APPLY_RELU: relu ? 1 : 0, ...grid.constants },
    uniforms: uniforms(u32(g.C), u32(g.H), u32(g.W), u32(g.O), u32(g.OH), u32(g.OW), u32(columns)),
    bindings: { x: x.slice, weight: weight.slice, y: y.slice, ...(bias ? { bias: bias.slice } : {}) },
    workgroups: grid.workgroups,
  };
}

export function conv2dInto(y: Tensor, x: Tensor, weight: Tensor, bias: Tensor | null, g: Conv2dGeometry, relu = false, tuning: ConvTuning = {}): void {
  y.gpu.dispatch(kernels.forward, conv2dDispatch(y, x, weight, bias, g, relu, tuning));
}

/** How conv2d_backward_input.wgsl is dispatched to write dX [N, C, H, W] from dY [N, O, OH, OW]. */
export function conv2dInputGradDispatch(dx: Tensor, dy: Tensor, weight: Tensor, g: Conv2dGeometry, tuning: ConvTuning = {}): Dispatch {
  checkSize(dx, [g.N, g.C, g.H, g.W], 'input gradient');
  checkSize(dy, [g.N, g.O, g.OH, g.OW], 'output gradient');
  const columns = g.N * g.H * g.W;
  const grid = outputGrid(dx.gpu, g.C, columns, g.O * g.KH * g.KW, tuning);
  return {
    constants: { ...geometryConstants(g), ...grid.constants },
    uniforms: uniforms(u32(g.C), u32(g.H), u32(g.W), u32(g.O), u32(g.OH), u32(g.OW), u32(columns)),
    bindings: { dy: dy.slice, weight: weight.slice, dx: dx.slice },
    workgroups: grid.workgroups,
  };
}

export function conv2dInputGradInto(dx: Tensor, dy: Tensor, weight: Tensor, g: Conv2dGeometry, tuning: ConvTuning = {}): void {
  dx.gpu.dispatch(kernels.inputGrad, conv2dInputGradDispatch(dx, dy, weight, g, tuning));
}

/** Output pixels summed per chunk at the least: shorter chunks would cost more in partial sums than they gain. */
const MIN_CHUNK = 64;
/** Invocations wanted in flight for the weight gradient: a few per CPU core, many thousands on a GPU. */
const TARGET_INVOCATIONS = { cpu: 256, gpu: 16384 };
const MAX_CHUNKS = 1024;

/**
 * The weight gradient's partial sums [chunks, O, C·KH·KW (+1 for the bias)]:
 * the N·OH·OW output pixels split into chunks, enough for the device to have
 * TARGET_INVOCATIONS at work. Add them up with conv2dReduceInto. Beyond one
 * copy of dW they hold at most about TARGET_INVOCATIONS · block² floats (4 MB
 * on a GPU), whatever the batch: 56 chunks of 289 × 64 for the second
 * convolution of mnist-cnn on a GPU.
 */
export function conv2dWeightGradPartials(dy: Tensor, x: Tensor, g: Conv2dGeometry, withBias: boolean, tuning: ConvTuning & { chunks?: number } = {}): Tensor {
  checkSize(dy, [g.N, g.O, g.OH, g.OW], 'output gradient');
  checkSize(x, [g.N, g.C, g.H, g.W], 'input');
  const gpu = dy.gpu;
  const columns = g.C * g.KH * g.KW + (withBias ? 1 : 0);
  const pixels = g.N * g.OH * g.OW;
  const block = tuning.block ?? (gpu.adapter.runsOnCpu ? 16 : 8);
  const invocations = Math.ceil(columns / block) * Math.ceil(g.O / block);
  const target = gpu.adapter.runsOnCpu ? TARGET_INVOCATIONS.cpu : TARGET_INVOCATIONS.gpu;
  const wanted = tuning.chunks ?? Math.max(1, Math.min(Math.ceil(target / invocations), Math.floor(pixels / MIN_CHUNK), MAX_CHUNKS));
  const chunk = Math.ceil(pixels / wanted);
  const chunks = Math.ceil(pixels / chunk);
  const [x0, y0] = tuning.workgroup ?? workgroupShape(g.O, columns, chunk, block, chunks);
  const partial = Tensor.empty(gpu, [chunks, g.O, columns]);
  gpu.dispatch(kernels.weightGrad, {
    constants: { ...geometryConstants(g), BIAS_COLUMN: withBias ? 1 : 0, WIDE: block === 16 ? 1 : 0, WORKGROUP_X: x0, WORKGROUP_Y: y0 },
    uniforms: uniforms(u32(g.C), u32(g.H), u32(g.W), u32(g.O), u32(g.OH), u32(g.OW), u32(columns), u32(pixels), u32(chunk)),
    bindings: { dy: dy.slice, x: x.slice, partial: partial.slice },
    workgroups: [groupsFor(columns, block * x0), groupsFor(g.O, block * y0), chunks],
  });
  return partial;
}

/** dest [O, width] = the sum over chunks of columns [first, first + width) of `partial` [chunks, O, columns]. */
export function conv2dReduceInto(dest: Tensor, partial: Tensor, first: number, width: number): void {
  const [chunks, rows, columns] = partial.shape as [number, number, number];
  if (dest.size !== rows * width || first + width > columns) {
    throw new ShapeError(`conv2d: cannot sum columns ${first}..${first + width - 1} of ${formatShape(partial.shape)} into ${formatShape(dest.shape)}`);
  }
  dest.gpu.dispatch(kernels.reduce, {
    uniforms: uniforms(u32(chunks), u32(rows), u32(columns), u32(first), u32(width)),
    bindings: { partials: partial.slice, total: dest.slice },
    workgroups: [groupsFor(width, 64), rows],
  });
}

/**
 * x [N, C, H, W] (NCHW, row-major), weight [O, C, KH, KW] as torch.nn.Conv2d
 * stores it, bias [O] or null → [N, O, OH, OW]; OH = floor((H + 2·ph − KH)/sh) + 1.
 */
export function conv2d(x: Tensor, weight: Tensor, bias: Tensor | null, options: Conv2dOptions = {}): Tensor {
  const g = conv2dGeometry(x.shape, weight.shape, bias ? bias.shape : null, options);
  const relu = options.relu ?? false;
  const y = Tensor.empty(x.gpu, [g.N, g.O, g.OH, g.OW]);
  conv2dInto(y, x, weight, bias, g, relu);
  return record(y, relu ? 'conv2d+relu' : 'conv2d', [x, weight, bias], (gradOut) => {
    let gradZ = gradOut;
    if (relu) {
      gradZ = Tensor.empty(x.gpu, y.shape);
      activationGradInto('relu', gradZ, y, gradOut);
    }
    contributeGrad(x, (dest) => conv2dInputGradInto(dest, gradZ, weight, g));
    const withBias = bias?.requiresGrad ?? false;
    if (!weight.requiresGrad && !withBias) return;
    const taps = g.C * g.KH * g.KW;
    const partial = conv2dWeightGradPartials(gradZ, x, g, withBias);
    contributeGrad(weight, (dest) => conv2dReduceInto(dest, partial, 0, taps));
    if (bias) contributeGrad(bias, (dest) => conv2dReduceInto(dest, partial, taps, 1));
  });
}
