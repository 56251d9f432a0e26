// How the gradients flow, measured on the GPU: after a training step, per
// parameter tensor, ‖g‖ (the gradient), ‖Δw‖ (the update: the weights now
// minus the optimizer's copy of them from before the step) and ‖w‖ (the
// weights before it). Each sample is a row of a small ring on the GPU; the
// CPU reads the rows with the step losses, so sampling adds dispatches to a
// step but no readback and no submit.

import type { BufferSlice, Gpu } from './gpu.ts';
import { recordTensorNorms, type NormBuffers } from './ops/tensor-norms.ts';
import { SegmentTable, type Segment } from './ops/segments.ts';

export interface TensorNorms {
  /** ‖g‖. */
  grad: number;
  /** ‖Δw‖, the step's update. */
  update: number;
  /** ‖w‖ before the update. */
  weight: number;
}

export interface GradientFlowSample {
  /** The step (from 1) after which the sample was taken. */
  step: number;
  /** One entry per tensor, in the order they were given. */
  tensors: TensorNorms[];
}

export interface FlowBuffers {
  grads: BufferSlice;
  values: BufferSlice;
  /** The weights before the last update (the optimizer's `backup`). */
  backup: BufferSlice;
}

export class GradientFlow {
  private readonly table: SegmentTable;
  private readonly buffers: NormBuffers;
  /** Steps of the rows recorded since the last readout, oldest first. */
  private pending: number[] = [];
  private rowsRead = 0;

  constructor(
    private readonly gpu: Gpu,
    flat: FlowBuffers,
    segments: readonly Segment[],
    /** Rows kept between readouts; older ones are dropped. */
    readonly capacity = 64,
    maxGroupsX?: number,
  ) {
    this.table = new SegmentTable(gpu, segments, 'gradient flow', maxGroupsX);
    const usage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST;
    const make = (bytes: number, label: string): BufferSlice => ({ buffer: gpu.createBuffer(bytes, usage, label), offset: 0, size: bytes });
    this.buffers = {
      grad: flat.grads,
      param: flat.values,
      backup: flat.backup,
      partials: make(this.table.chunkCount * 16, 'gradient flow partials'),
      state: make(4, 'gradient flow state'),
      history: make(capacity * segments.length * 16, 'gradient flow history'),
    };
    // Compiles the kernels and makes their bind groups now, so that no training step creates a GPU object.
    gpu.rehearse(() => recordTensorNorms(this.table, this.buffers, capacity));
  }

  /** Records a sample of the weights and gradients as they are after step `step`. */
  record(step: number): void {
    recordTensorNorms(this.table, this.buffers, this.capacity);
    this.pending.push(step);
  }

  /** What a readout needs, for a caller that reads it with other results (one readback). */
  slices(): BufferSlice[] {
    return [this.buffers.state, this.buffers.history];
  }

  /** The samples recorded since the last readout (the newest `capacity` of them), from the bytes of `slices()`. */
  readout([stateBytes, historyBytes]: ArrayBuffer[]): GradientFlowSample[] {
    const total = new Uint32Array(stateBytes!)[0]!;
    const rows = new Float32Array(historyBytes!);
    const tensors = this.table.tensorCount;
    const from = Math.max(this.rowsRead, total - this.capacity);
    // Rows and pending steps end together: every recorded row was submitted before this read.
    const steps = this.pending.slice(Math.max(0, this.pending.length - (total - from)));
    const samples = steps.map((step, i) => {
      const row = ((from + i) % this.capacity) * tensors;
      return {
        step,
        tensors: Array.from({ length: tensors }, (_, t) => {
          const at = (row + t) * 4;
          return { grad: Math.sqrt(rows[at]!), update: Math.sqrt(rows[at + 1]!), weight: Math.sqrt(rows[at + 2]!) };
        }),
      };
    });
    this.rowsRead = total;
    this.pending = [];
    return samples;
  }

  async read(): Promise<GradientFlowSample[]> {
    return this.readout(await this.gpu.read(...this.slices()));
  }

  destroy(): void {
    this.table.destroy();
    for (const name of ['partials', 'state', 'history'] as const) this.buffers[name].buffer.destroy();
  }
}
