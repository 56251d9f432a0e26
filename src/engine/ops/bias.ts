// Bias-add along the rows of a [rows, cols] tensor, and the bias gradient
// (column sums of the incoming gradient).

import source from '../../../shaders/bias.wgsl?raw';
import { contributeGrad, record } from '../autograd.ts';
import { defineKernel, elementwiseGroups, groupsFor, u32, uniforms } from '../kernel.ts';
import { ShapeError, Tensor, formatShape } from '../tensor.ts';

const addKernel = defineKernel('bias_add', source, 'add');
const columnSumsKernel = defineKernel('bias_grad', source, 'column_sums');

function rowsAndCols(op: string, x: Tensor, bias: Tensor): [number, number] {
  const cols = x.shape[x.shape.length - 1]!;
  if (x.shape.length !== 2 || bias.shape.length !== 1 || bias.size !== cols) {
    throw new ShapeError(`${op}: bias ${formatShape(bias.shape)} does not match input ${formatShape(x.shape)}`);
  }
  return [x.size / cols, cols];
}

/** dest[c] = Σ_r grad[r, c] */
export function runColumnSums(grad: Tensor, dest: Tensor): void {
  const [rows, cols] = rowsAndCols('bias gradient', grad, dest);
  grad.gpu.dispatch(columnSumsKernel, {
    uniforms: uniforms(u32(rows), u32(cols)),
    buffers: [grad.slice, dest.slice],
    workgroups: [groupsFor(cols, 64)],
  });
}

/** x[r, c] + bias[c] */
export function biasAdd(x: Tensor, bias: Tensor): Tensor {
  const [rows, cols] = rowsAndCols('biasAdd', x, bias);
  const out = Tensor.empty(x.gpu, x.shape);
  x.gpu.dispatch(addKernel, {
    uniforms: uniforms(u32(rows), u32(cols)),
    buffers: [x.slice, bias.slice, out.slice],
    workgroups: elementwiseGroups(x.size),
  });
  return record(out, 'biasAdd', [x, bias], (grad) => {
    contributeGrad(x, (dest) => dest.gpu.copy(grad.slice, dest.slice));
    contributeGrad(bias, (dest) => runColumnSums(grad, dest));
  });
}
