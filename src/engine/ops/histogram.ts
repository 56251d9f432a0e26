// Histograms of parameter tensors (shaders/histogram.wgsl): each tensor's
// minimum and maximum, then HISTOGRAM_BINS equal bins between them, counted
// with atomics. Three dispatches and a clear, no readback.

import source from '../../../shaders/histogram.wgsl?raw';
import type { BufferSlice } from '../gpu.ts';
import { defineKernel, u32, uniforms } from '../kernel.ts';
import type { SegmentTable } from './segments.ts';

/** As BINS in histogram.wgsl. */
export const HISTOGRAM_BINS = 32;

const kernels = {
  rangePartial: defineKernel('histogram.range_partial', source, { entryPoint: 'range_partial' }),
  rangeTotal: defineKernel('histogram.range_total', source, { entryPoint: 'range_total' }),
  bin: defineKernel('histogram.bin', source, { entryPoint: 'bin' }),
};

export interface HistogramBuffers {
  /** The flat buffer the table's segments index (weights or gradients). */
  data: BufferSlice;
  /** One vec2 per chunk of the table. */
  partials: BufferSlice;
  /** One vec2 (min, max) per tensor. */
  ranges: BufferSlice;
  /** HISTOGRAM_BINS u32 counts per tensor. */
  counts: BufferSlice;
}

export function recordHistograms(table: SegmentTable, buffers: HistogramBuffers): void {
  const gpu = table.gpu;
  const params = uniforms(u32(table.chunkCount), u32(table.tensorCount));
  gpu.clear(buffers.counts);
  gpu.dispatch(kernels.rangePartial, {
    uniforms: params,
    bindings: { chunks: table.chunks, data: buffers.data, partials: buffers.partials },
    workgroups: table.chunkGroups,
  });
  gpu.dispatch(kernels.rangeTotal, {
    bindings: { tensors: table.tensors, partials: buffers.partials, ranges: buffers.ranges },
    workgroups: [table.tensorCount],
  });
  gpu.dispatch(kernels.bin, {
    uniforms: params,
    bindings: { chunks: table.chunks, data: buffers.data, ranges: buffers.ranges, counts: buffers.counts },
    workgroups: table.chunkGroups,
  });
}
