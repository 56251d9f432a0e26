// Parameter tensors as segments of a model's flat buffers (values, gradients
// and the last good weights share one layout), cut into chunks of at most
// CHUNK elements that one workgroup reduces: the table the per-tensor
// reductions (tensor_norms.wgsl, histogram.wgsl) read, written to the GPU once.

import type { BufferSlice, Gpu } from '../gpu.ts';

/** One tensor in a flat buffer: its first element and its length, in floats. */
export interface Segment {
  offset: number;
  length: number;
}

/** Elements one workgroup of the reductions covers: 256 invocations, four elements each. */
export const CHUNK = 1024;

export class SegmentTable {
  readonly chunkCount: number;
  readonly tensorCount: number;
  /** Per chunk: (tensor, first element, end element, 0). */
  readonly chunks: BufferSlice;
  /** Per tensor: (first chunk, chunk count). */
  readonly tensors: BufferSlice;

  constructor(
    readonly gpu: Gpu,
    readonly segments: readonly Segment[],
    label: string,
    /**
     * Chunks past this many workgroups along x continue along y. The device
     * limit (65,535) in use; tests pass a small one to cover the second
     * dimension without a tensor of 67 million elements.
     */
    readonly maxGroupsX = gpu.limits.maxComputeWorkgroupsPerDimension,
  ) {
    if (segments.length === 0) throw new RangeError(`${label}: no tensors`);
    const chunks: number[] = [];
    const tensors: number[] = [];
    segments.forEach(({ offset, length }, t) => {
      if (!(length > 0)) throw new RangeError(`${label}: tensor ${t} is empty`);
      tensors.push(chunks.length / 4, Math.ceil(length / CHUNK));
      for (let start = 0; start < length; start += CHUNK) {
        chunks.push(t, offset + start, offset + Math.min(start + CHUNK, length), 0);
      }
    });
    this.chunkCount = chunks.length / 4;
    this.tensorCount = segments.length;
    const usage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST;
    const upload = (values: number[], what: string): BufferSlice => {
      const data = Uint32Array.from(values);
      const buffer = gpu.createBuffer(data.byteLength, usage, `${label} ${what}`);
      const slice = { buffer, offset: 0, size: data.byteLength };
      gpu.write(slice, data);
      return slice;
    };
    this.chunks = upload(chunks, 'chunks');
    this.tensors = upload(tensors, 'tensors');
  }

  /** Workgroups for one per chunk: along x, then y. */
  get chunkGroups(): [number, number] {
    const x = Math.min(this.chunkCount, this.maxGroupsX);
    return [x, Math.ceil(this.chunkCount / x)];
  }

  destroy(): void {
    this.chunks.buffer.destroy();
    this.tensors.buffer.destroy();
  }
}
