// Reuses GPU buffers so that a training step, after its first run, allocates
// nothing. Buffers come back in the order they were handed out, so a step that
// asks for the same sizes in the same order gets the same buffers, and the bind
// groups cached for them stay valid.

export class BufferPool {
  /** Free buffers by exact size; each list is used as a queue. */
  private readonly free = new Map<number, GPUBuffer[]>();
  private readonly sizes = new WeakMap<GPUBuffer, number>();
  private readonly all = new Set<GPUBuffer>();

  constructor(private readonly create: (size: number) => GPUBuffer) {}

  /**
   * A buffer of at least `size` bytes. A free buffer of the exact size is taken
   * first; failing that, the smallest free one no more than twice as large, so
   * that a last partial batch reuses the full batch's buffers.
   */
  acquire(size: number): GPUBuffer {
    let list = this.free.get(size);
    if (!list || list.length === 0) {
      let best: number | undefined;
      for (const [candidate, buffers] of this.free) {
        if (buffers.length > 0 && candidate > size && candidate <= 2 * size && (best === undefined || candidate < best)) {
          best = candidate;
        }
      }
      list = best === undefined ? undefined : this.free.get(best);
    }
    const reused = list?.shift();
    if (reused) return reused;
    const buffer = this.create(size);
    this.sizes.set(buffer, size);
    this.all.add(buffer);
    return buffer;
  }

  release(buffer: GPUBuffer): void {
    const size = this.sizes.get(buffer);
    if (size === undefined) throw new Error('BufferPool.release: this buffer did not come from this pool');
    let list = this.free.get(size);
    if (!list) {
      list = [];
      this.free.set(size, list);
    }
    list.push(buffer);
  }

  /** Destroys a buffer of this pool and forgets it (one the device could not allocate, say). */
  discard(buffer: GPUBuffer): void {
    if (!this.all.delete(buffer)) return;
    for (const list of this.free.values()) {
      const index = list.indexOf(buffer);
      if (index >= 0) list.splice(index, 1);
    }
    buffer.destroy();
  }

  get size(): number {
    return this.all.size;
  }

  destroyAll(): void {
    for (const buffer of this.all) buffer.destroy();
    this.all.clear();
    this.free.clear();
  }
}
