// Sums of squares per parameter tensor of the gradient, of the last update and
// of the weights before it (shaders/tensor_norms.wgsl), written as one row of
// a history ring on the GPU: three dispatches, no readback.

import source from '../../../shaders/tensor_norms.wgsl?raw';
import type { BufferSlice } from '../gpu.ts';
import { defineKernel, u32, uniforms } from '../kernel.ts';
import type { SegmentTable } from './segments.ts';

const kernels = {
  partial: defineKernel('tensor_norms.partial', source, { entryPoint: 'partial' }),
  total: defineKernel('tensor_norms.total', source, { entryPoint: 'total' }),
  advance: defineKernel('tensor_norms.advance', source, { entryPoint: 'advance' }),
};

export interface NormBuffers {
  grad: BufferSlice;
  param: BufferSlice;
  /** The weights before the last update. */
  backup: BufferSlice;
  /** One vec4 per chunk of the table. */
  partials: BufferSlice;
  /** A u32 count of rows written so far. */
  state: BufferSlice;
  /** `capacity` rows of one vec4 (Σg², ΣΔw², Σw², 0) per tensor. */
  history: BufferSlice;
}

/** Records the sums of the table's tensors into row `state[0] % capacity` of `history`, then counts the row. */
export function recordTensorNorms(table: SegmentTable, buffers: NormBuffers, capacity: number): void {
  const gpu = table.gpu;
  const params = uniforms(u32(table.chunkCount), u32(table.tensorCount), u32(capacity));
  gpu.dispatch(kernels.partial, {
    uniforms: params,
    bindings: { chunks: table.chunks, grad: buffers.grad, param: buffers.param, backup: buffers.backup, partials: buffers.partials },
    workgroups: table.chunkGroups,
  });
  gpu.dispatch(kernels.total, {
    uniforms: params,
    bindings: { tensors: table.tensors, partials: buffers.partials, state: buffers.state, history: buffers.history },
    workgroups: [table.tensorCount],
  });
  gpu.dispatch(kernels.advance, { bindings: { state: buffers.state }, workgroups: [1] });
}
