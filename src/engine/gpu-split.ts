// A dataset split uploaded to the GPU once, with its batches gathered there:
// the CPU only writes each epoch's order. Images stay bytes on the GPU (four
// to a word) and are scaled to [0, 1] as they are gathered.

import type { Gpu } from './gpu.ts';
import { alignTo } from './gpu.ts';
import { gatherBatch } from './ops/gather.ts';
import { checkBufferFits } from './parameters.ts';
import { Tensor } from './tensor.ts';

/** What a split looks like on the CPU (src/data's DatasetSplit). */
export interface SplitData {
  inputs: Uint8Array | Float32Array;
  labels: Uint8Array | Float32Array;
  count: number;
  features: number;
}

// A function, not a constant: GPUBufferUsage exists only once WebGPU is set up (Dawn's globals in Node).
const storageUsage = () => GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST;

/** Bytes padded to whole words, as a storage buffer needs them. */
function upload(gpu: Gpu, values: Uint8Array | Float32Array, label: string): GPUBuffer {
  const bytes = new Uint8Array(alignTo(values.byteLength, 4));
  bytes.set(new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
  checkBufferFits(gpu, bytes.byteLength, label);
  const buffer = gpu.createBuffer(bytes.byteLength, storageUsage(), label);
  gpu.write({ buffer, offset: 0, size: bytes.byteLength }, bytes);
  return buffer;
}

export class GpuSplit {
  readonly count: number;
  readonly features: number;
  private readonly inputs: GPUBuffer;
  private readonly labels: GPUBuffer;
  private readonly order: GPUBuffer;
  private readonly cursor: GPUBuffer;
  private readonly byteInputs: boolean;
  private readonly byteLabels: boolean;

  constructor(
    private readonly gpu: Gpu,
    split: SplitData,
    readonly name: string,
    /** Image width for random horizontal flips; 0 for none. */
    private readonly flipWidth = 0,
  ) {
    this.count = split.count;
    this.features = split.features;
    this.byteInputs = split.inputs instanceof Uint8Array;
    this.byteLabels = split.labels instanceof Uint8Array;
    this.inputs = upload(gpu, split.inputs, `${name} inputs`);
    this.labels = upload(gpu, split.labels, `${name} labels`);
    this.order = gpu.createBuffer(this.count * 4, storageUsage(), `${name} order`);
    this.cursor = gpu.createBuffer(16, GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST, `${name} cursor`);
    this.setOrder(Uint32Array.from({ length: this.count }, (_, i) => i), 0);
  }

  /** The order of the coming pass over the split, and its flip seed; the next batch is the first. */
  setOrder(order: Uint32Array, flipSeed: number): void {
    if (order.length !== this.count) throw new RangeError(`${this.name}: order has ${order.length} entries for ${this.count} samples`);
    this.gpu.write({ buffer: this.order, offset: 0, size: this.count * 4 }, order);
    this.rewind(flipSeed);
  }

  /** Moves the cursor to sample `position` of the current order, keeping the pass's flip seed (a resumed run's first batch). */
  skip(position: number): void {
    if (!Number.isInteger(position) || position < 0 || position > this.count) throw new RangeError(`${this.name}: cannot skip to sample ${position} of ${this.count}`);
    this.gpu.write({ buffer: this.cursor, offset: 0, size: 4 }, new Uint32Array([position]));
  }

  /** Back to the first batch of the current order. */
  rewind(flipSeed = 0): void {
    this.gpu.write({ buffer: this.cursor, offset: 0, size: 8 }, new Uint32Array([0, flipSeed >>> 0]));
  }

  /**
   * Records the gather of the next `batchSize` samples and moves the cursor on.
   * Inputs come out [batch, features] f32; labels u32 class indices, or f32
   * targets for a split whose labels are floats.
   */
  nextBatch(batchSize: number, flip = false): { x: Tensor; labels: Tensor } {
    const x = Tensor.empty(this.gpu, [batchSize, this.features]);
    const labels = Tensor.empty(this.gpu, [batchSize], this.byteLabels ? 'u32' : 'f32');
    gatherBatch(
      {
        cursor: { buffer: this.cursor, offset: 0, size: 8 },
        order: { buffer: this.order, offset: 0, size: this.count * 4 },
        data: { buffer: this.inputs, offset: 0, size: this.inputs.size },
        labels: { buffer: this.labels, offset: 0, size: this.labels.size },
        byteInputs: this.byteInputs,
        byteLabels: this.byteLabels,
      },
      { x, labels },
      flip ? this.flipWidth : 0,
    );
    return { x, labels };
  }

  destroy(): void {
    for (const buffer of [this.inputs, this.labels, this.order, this.cursor]) buffer.destroy();
  }
}
