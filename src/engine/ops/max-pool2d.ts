// torch.nn.MaxPool2d(kernel_size, stride=kernel_size): no padding, dilation 1,
// the floor rule for the output size. The forward stores, for each output,
// which input of its window was the maximum (the first in row-major order on
// ties, as PyTorch), and the backward sends each output's gradient there.

import source from '../../../shaders/max_pool2d.wgsl?raw';
import { contributeGrad, needsGrad, record } from '../autograd.ts';
import type { Gpu } from '../gpu.ts';
import { defineKernel, groupsFor, u32, uniforms } from '../kernel.ts';
import { ShapeError, Tensor, formatShape } from '../tensor.ts';

const kernels = {
  forward: defineKernel('max_pool2d', source, { entryPoint: 'forward', optional: ['argmax'] }),
  backward: defineKernel('max_pool2d_backward', source, { entryPoint: 'backward' }),
  backwardWindows: defineKernel('max_pool2d_backward_windows', source, { entryPoint: 'backward_windows' }),
};

export interface MaxPool2dOptions {
  kernel: [number, number];
  /** Defaults to the kernel size, as in PyTorch. */
  stride?: [number, number];
}

export interface MaxPool2dGeometry {
  N: number;
  C: number;
  H: number;
  W: number;
  KH: number;
  KW: number;
  SH: number;
  SW: number;
  OH: number;
  OW: number;
}

export function maxPool2dGeometry(xShape: readonly number[], options: MaxPool2dOptions): MaxPool2dGeometry {
  const [KH, KW] = options.kernel;
  const [SH, SW] = options.stride ?? options.kernel;
  for (const [what, [a, b]] of [['kernel', [KH, KW]], ['stride', [SH, SW]]] as const) {
    if (!Number.isInteger(a) || !Number.isInteger(b) || a < 1 || b < 1) {
      throw new RangeError(`maxPool2d: ${what} must be two integers ≥ 1, got [${a}, ${b}]`);
    }
  }
  if (xShape.length !== 4) {
    throw new ShapeError(`maxPool2d: expected input [N, C, H, W], got ${formatShape(xShape)}`);
  }
  const [N, C, H, W] = xShape as [number, number, number, number];
  if (H < KH || W < KW) {
    throw new ShapeError(`maxPool2d: a ${KH}×${KW} window does not fit input ${formatShape(xShape)}`);
  }
  return { N, C, H, W, KH, KW, SH, SW, OH: Math.floor((H - KH) / SH) + 1, OW: Math.floor((W - KW) / SW) + 1 };
}

/** Workgroups of 64 along a plane's elements (inputs or windows), one row of them per plane, planes past the limit continuing along z. */
function planeGrid(gpu: Gpu, pixels: number, planes: number): [number, number, number] {
  const rows = Math.min(planes, gpu.limits.maxComputeWorkgroupsPerDimension);
  return [groupsFor(pixels, 64), rows, Math.ceil(planes / rows)];
}

function constants(g: MaxPool2dGeometry) {
  return { KERNEL_H: g.KH, KERNEL_W: g.KW, STRIDE_H: g.SH, STRIDE_W: g.SW };
}

const params = (g: MaxPool2dGeometry) => uniforms(u32(g.H), u32(g.W), u32(g.OH), u32(g.OW), u32(g.N * g.C));

/** y [N, C, OH, OW], and with `argmax` ([N, C, OH, OW] u32) the index in its plane of each maximum. */
export function maxPool2dInto(y: Tensor, argmax: Tensor | null, x: Tensor, g: MaxPool2dGeometry): void {
  y.gpu.dispatch(kernels.forward, {
    constants: { ...constants(g), SAVE_ARGMAX: argmax ? 1 : 0 },
    uniforms: params(g),
    bindings: { x: x.slice, y: y.slice, ...(argmax ? { argmax: argmax.slice } : {}) },
    workgroups: planeGrid(y.gpu, g.OH * g.OW, g.N * g.C),
  });
}

/**
 * dX [N, C, H, W] from dY and the forward's argmax. Windows that do not
 * overlap (stride ≥ kernel, as in MaxPool2d(2)) each write their own cell of
 * the input, 2.5× faster on SwiftShader than every input element gathering
 * from the windows that may contain it, which overlapping windows need.
 */
export function maxPool2dGradInto(dx: Tensor, dy: Tensor, argmax: Tensor, g: MaxPool2dGeometry): void {
  const overlap = g.SH < g.KH || g.SW < g.KW;
  dx.gpu.dispatch(overlap ? kernels.backward : kernels.backwardWindows, {
    constants: constants(g),
    uniforms: params(g),
    bindings: { dy: dy.slice, argmaxIn: argmax.slice, dx: dx.slice },
    workgroups: planeGrid(dx.gpu, overlap ? g.H * g.W : g.OH * g.OW, g.N * g.C),
  });
}

export function maxPool2d(x: Tensor, options: MaxPool2dOptions): Tensor {
  const g = maxPool2dGeometry(x.shape, options);
  const shape = [g.N, g.C, g.OH, g.OW];
  const y = Tensor.empty(x.gpu, shape);
  // Only a backward reads the argmax: evaluation does not store it.
  const argmax = needsGrad(x) ? Tensor.empty(x.gpu, shape, 'u32') : null;
  maxPool2dInto(y, argmax, x, g);
  return record(y, 'maxPool2d', [x], (gradOut) => {
    contributeGrad(x, (dest) => maxPool2dGradInto(dest, gradOut, argmax!, g));
  });
}
