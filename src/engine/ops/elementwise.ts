// Elementwise helpers the autograd itself needs: adding a second gradient
// contribution, and scaling a gradient by a scalar that lives on the GPU.

import source from '../../../shaders/elementwise.wgsl?raw';
import { defineKernel, elementwiseGroups, u32, uniforms } from '../kernel.ts';
import { ShapeError, formatShape, type Tensor } from '../tensor.ts';

const addIntoKernel = defineKernel('add_into', source, { entryPoint: 'add_into' });
const scaleKernel = defineKernel('scale_by_scalar', source, { entryPoint: 'scale_by_scalar' });

/** target += source, in place. */
export function addInto(target: Tensor, source: Tensor): void {
  if (target.size !== source.size) {
    throw new ShapeError(`addInto: shapes ${formatShape(target.shape)} and ${formatShape(source.shape)} differ`);
  }
  target.gpu.dispatch(addIntoKernel, {
    uniforms: uniforms(u32(target.size)),
    bindings: { source: source.slice, destination: target.slice },
    workgroups: elementwiseGroups(target.size),
  });
}

/** target *= scalar[0], in place; `scalar` is a one-element tensor on the GPU. */
export function scaleByScalar(target: Tensor, scalar: Tensor): void {
  if (scalar.size !== 1) throw new ShapeError(`scaleByScalar: the scale must have one element, got ${formatShape(scalar.shape)}`);
  target.gpu.dispatch(scaleKernel, {
    uniforms: uniforms(u32(target.size)),
    bindings: { source: scalar.slice, destination: target.slice },
    workgroups: elementwiseGroups(target.size),
  });
}
