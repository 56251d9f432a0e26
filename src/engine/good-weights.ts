// Keeps the last weights that gave a finite loss, on the GPU, so that a
// diverged run can be rolled back without a readback per step. The optimizer
// fills the copy: its update kernel writes each weight here before changing
// it, for as long as the loss monitor's status is clear (see sgd.wgsl).

import type { BufferSlice } from './gpu.ts';
import type { Parameters } from './parameters.ts';

export class GoodWeights {
  private readonly backup: GPUBuffer;

  constructor(private readonly params: Parameters) {
    const usage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST;
    this.backup = params.gpu.createBuffer(params.count * 4, usage, 'last good weights');
    this.snapshot();
  }

  /** Where the optimizer keeps the weights it replaces (`Optimizer.step`'s `backup`). */
  get slice(): BufferSlice {
    return this.params.slice(this.backup);
  }

  /** Takes the current weights as good (at the start, and after loading weights). */
  snapshot(): void {
    this.params.gpu.copy(this.params.slice(this.params.values), this.slice);
  }

  /** Puts the kept weights back into the model. */
  restore(): void {
    this.params.gpu.copy(this.slice, this.params.slice(this.params.values));
  }

  destroy(): void {
    this.backup.destroy();
  }
}
