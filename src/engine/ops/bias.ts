// Bias along the rows of a [rows, cols] activation. Forward adds it; its
// gradient is the column sums of the incoming gradient. Linear layers fuse the
// add into the matmul epilogue and call `biasGradInto` for the backward.

import source from '../../../shaders/bias.wgsl?raw';
import { contributeGrad, adoptGrad, record } from '../autograd.ts';
import { defineKernel, elementwiseGroups, groupsFor, u32, uniforms } from '../kernel.ts';
import { ShapeError, Tensor, formatShape } from '../tensor.ts';

const addKernel = defineKernel('bias_add', source, { entryPoint: 'add' });
const columnSumsKernel = defineKernel('bias_column_sums', source, { entryPoint: 'column_sums' });

function rowsAndCols(x: Tensor, op: string): [number, number] {
  if (x.shape.length !== 2) throw new ShapeError(`${op}: expected a matrix [rows, cols], got ${formatShape(x.shape)}`);
  return [x.shape[0]!, x.shape[1]!];
}

/** Column sums of `gradOut` [rows, cols] into `dest` [cols]. */
export function biasGradInto(dest: Tensor, gradOut: Tensor): void {
  const [rows, cols] = rowsAndCols(gradOut, 'bias gradient');
  if (dest.size !== cols) {
    throw new ShapeError(`bias gradient: ${formatShape(dest.shape)} does not match ${cols} columns`);
  }
  gradOut.gpu.dispatch(columnSumsKernel, {
    uniforms: uniforms(u32(rows), u32(cols)),
    bindings: { gradOutput: gradOut.slice, gradBias: dest.slice },
    workgroups: [groupsFor(cols, 64)],
  });
}

/** x + bias on every row, recorded for backward. */
export function addBias(x: Tensor, bias: Tensor): Tensor {
  const [rows, cols] = rowsAndCols(x, 'addBias');
  if (bias.size !== cols) {
    throw new ShapeError(`addBias: bias of shape ${formatShape(bias.shape)} does not match input ${formatShape(x.shape)}`);
  }
  const out = Tensor.empty(x.gpu, x.shape);
  x.gpu.dispatch(addKernel, {
    uniforms: uniforms(u32(rows), u32(cols)),
    bindings: { input: x.slice, bias: bias.slice, output: out.slice },
    workgroups: elementwiseGroups(rows * cols),
  });
  return record(out, 'addBias', [x, bias], (gradOut) => {
    adoptGrad(x, gradOut);
    contributeGrad(bias, (dest) => biasGradInto(dest, gradOut));
  });
}
