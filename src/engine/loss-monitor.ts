// Keeps every training step's loss on the GPU (a ring buffer) and flags the
// first non-finite one there, so a step needs no readback: the optimizers
// read the flag and stop updating at once, and the CPU reads the ring only
// when it wants to (every few steps, or at the end).

import source from '../../shaders/loss_history.wgsl?raw';
import type { BufferSlice, Gpu } from './gpu.ts';
import { defineKernel, f32, u32, uniforms } from './kernel.ts';
import type { Tensor } from './tensor.ts';

const kernel = defineKernel('loss_history', source);

export interface LossReadout {
  /** Losses of the steps recorded since the previous readout, oldest first. */
  losses: Float32Array;
  /** Index (from 1) of the first of those steps. */
  firstStep: number;
  /** Step (from 1) whose loss first diverged, or null while training is fine. */
  divergedAtStep: number | null;
  /** Why: the loss was not finite, or it exploded past the limit. */
  divergence: 'not-finite' | 'exploded' | null;
  /** Steps lost because the ring wrapped between readouts. */
  dropped: number;
}

export interface MonitorPosition {
  steps: number;
  firstLoss: number;
}

export class LossMonitor {
  private readonly state: GPUBuffer;
  private readonly history: GPUBuffer;
  private readonly params: ArrayBuffer;
  private stepsRead = 0;

  /**
   * `explodeFactor`: a loss this many times the first one counts as diverged
   * (0 turns the check off and only non-finite losses count).
   */
  constructor(
    private readonly gpu: Gpu,
    readonly capacity = 4096,
    readonly explodeFactor = 1000,
  ) {
    const usage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST;
    this.state = gpu.createBuffer(16, usage, 'loss monitor state');
    this.history = gpu.createBuffer(capacity * 4, usage, 'loss history');
    this.params = uniforms(u32(capacity), f32(explodeFactor));
  }

  /** The u32 optimizers read: non-zero once a loss was not finite. */
  get status(): BufferSlice {
    return { buffer: this.state, offset: 0, size: 4 };
  }

  /** Records the step's loss (a one-element tensor) after the work recorded so far. */
  record(loss: Tensor): void {
    this.gpu.dispatch(kernel, {
      uniforms: this.params,
      bindings: { loss: loss.slice, state: { buffer: this.state, offset: 0, size: 16 }, history: { buffer: this.history, offset: 0, size: this.capacity * 4 } },
      workgroups: [1],
    });
  }

  /** Submits what is recorded and reads the losses of the steps since the last read. */
  async read(): Promise<LossReadout> {
    return this.readout(await this.gpu.read(...this.slices()));
  }

  /** What `read` reads, for a caller that reads it together with other results (one readback instead of two). */
  slices(): BufferSlice[] {
    return [
      { buffer: this.state, offset: 0, size: 12 },
      { buffer: this.history, offset: 0, size: this.capacity * 4 },
    ];
  }

  /** The losses since the last readout, from the bytes of `slices()`. */
  readout([stateBytes, historyBytes]: ArrayBuffer[]): LossReadout {
    const [flag, badStep, total] = new Uint32Array(stateBytes!);
    const ring = new Float32Array(historyBytes!);
    const from = Math.max(this.stepsRead, total! - this.capacity);
    const losses = new Float32Array(total! - from);
    for (let step = from; step < total!; step++) losses[step - from] = ring[step % this.capacity]!;
    const readout: LossReadout = {
      losses,
      firstStep: from + 1,
      divergedAtStep: flag ? badStep! : null,
      divergence: flag === 1 ? 'not-finite' : flag === 2 ? 'exploded' : null,
      dropped: from - this.stepsRead,
    };
    this.stepsRead = total!;
    return readout;
  }

  /** Steps recorded and the first loss (the explosion check's reference), for a run that resumes later. */
  async position(): Promise<MonitorPosition> {
    const [bytes] = await this.gpu.read({ buffer: this.state, offset: 0, size: 16 });
    const words = new Uint32Array(bytes!);
    return { steps: words[2]!, firstLoss: new Float32Array(bytes!)[3]! };
  }

  /** Goes on counting from a `position` of an earlier run (no divergence seen, nothing left to read). */
  continueFrom({ steps, firstLoss }: MonitorPosition): void {
    const state = new ArrayBuffer(16);
    new Uint32Array(state)[2] = steps;
    new Float32Array(state)[3] = firstLoss;
    this.gpu.write({ buffer: this.state, offset: 0, size: 16 }, new Uint8Array(state));
    this.stepsRead = steps;
  }

  /** Forgets the divergence flag and history (after restoring good weights). */
  reset(): void {
    this.gpu.write({ buffer: this.state, offset: 0, size: 16 }, new Uint32Array(4));
    this.stepsRead = 0;
  }

  destroy(): void {
    this.state.destroy();
    this.history.destroy();
  }
}
