// Histograms of parameter tensors, computed on the GPU: per tensor its range
// and HISTOGRAM_BINS counts between its minimum and maximum, read back in one
// small readback (for a whole model, a few hundred bytes).

import type { BufferSlice, Gpu } from './gpu.ts';
import { HISTOGRAM_BINS, recordHistograms } from './ops/histogram.ts';
import { SegmentTable, type Segment } from './ops/segments.ts';

export interface TensorHistogram {
  min: number;
  max: number;
  /** HISTOGRAM_BINS counts, bin b covering [min + b·w, min + (b+1)·w), w = (max − min) / bins; the maximum in the last. */
  counts: Uint32Array;
}

export class TensorHistograms {
  private readonly table: SegmentTable;
  private readonly partials: BufferSlice;
  private readonly ranges: BufferSlice;
  private readonly counts: BufferSlice;

  constructor(
    private readonly gpu: Gpu,
    segments: readonly Segment[],
    label: string,
    maxGroupsX?: number,
  ) {
    this.table = new SegmentTable(gpu, segments, label, maxGroupsX);
    const usage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST;
    const make = (bytes: number, what: string): BufferSlice => ({ buffer: gpu.createBuffer(bytes, usage, `${label} ${what}`), offset: 0, size: bytes });
    this.partials = make(this.table.chunkCount * 8, 'partials');
    this.ranges = make(segments.length * 8, 'ranges');
    this.counts = make(segments.length * HISTOGRAM_BINS * 4, 'counts');
  }

  /** Records the histograms of the segments of `data` (a flat buffer in the segments' layout). */
  record(data: BufferSlice): void {
    recordHistograms(this.table, { data, partials: this.partials, ranges: this.ranges, counts: this.counts });
  }

  slices(): BufferSlice[] {
    return [this.ranges, this.counts];
  }

  readout([rangeBytes, countBytes]: ArrayBuffer[]): TensorHistogram[] {
    const ranges = new Float32Array(rangeBytes!);
    const counts = new Uint32Array(countBytes!);
    return Array.from({ length: this.table.tensorCount }, (_, t) => ({
      min: ranges[2 * t]!,
      max: ranges[2 * t + 1]!,
      counts: counts.slice(t * HISTOGRAM_BINS, (t + 1) * HISTOGRAM_BINS),
    }));
  }

  /** Records and reads the histograms of `data`. */
  async read(data: BufferSlice): Promise<TensorHistogram[]> {
    this.record(data);
    return this.readout(await this.gpu.read(...this.slices()));
  }

  destroy(): void {
    this.table.destroy();
    for (const slice of [this.partials, this.ranges, this.counts]) slice.buffer.destroy();
  }
}
