// Keeps the last weights that gave a finite loss, on the GPU, so that a
// diverged run can be rolled back without a readback per step.

import source from '../../shaders/keep_good_weights.wgsl?raw';
import type { BufferSlice } from './gpu.ts';
import { defineKernel, elementwiseGroups, u32, uniforms } from './kernel.ts';
import type { Parameters } from './parameters.ts';

const kernel = defineKernel('keep_good_weights', source);

export class GoodWeights {
  private readonly backup: GPUBuffer;

  constructor(private readonly params: Parameters) {
    const usage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST;
    this.backup = params.gpu.createBuffer(params.count * 4, usage, 'last good weights');
    this.snapshot();
  }

  /** Takes the current weights as good (at the start, and after loading weights). */
  snapshot(): void {
    this.params.gpu.copy(this.params.slice(this.params.values), this.params.slice(this.backup));
  }

  /** Records the copy; `status` is the loss monitor's flag (non-zero: keep the old copy). */
  keep(status: BufferSlice): void {
    const p = this.params;
    p.gpu.dispatch(kernel, {
      uniforms: uniforms(u32(p.count)),
      buffers: [status, p.slice(p.values), p.slice(this.backup)],
      workgroups: elementwiseGroups(p.count),
    });
  }

  /** Puts the kept weights back into the model. */
  restore(): void {
    const p = this.params;
    p.gpu.copy(p.slice(this.backup), p.slice(p.values));
  }

  destroy(): void {
    this.backup.destroy();
  }
}
