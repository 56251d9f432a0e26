// GPU access in one place: the device (from request-gpu.ts), dispatches recorded into
// one encoder per submit (command-recorder.ts), pipelines compiled once per
// kernel and constants, bind groups and uniforms cached by what they hold, a
// buffer pool, and asynchronous readbacks through pooled staging buffers.
//
// Nothing here knows about the DOM or Node: the caller hands in the `GPU`
// object (navigator.gpu in a page or worker, Dawn's `create()` in Node).

import type { AdapterDescription } from './request-gpu.ts';
import type { Kernel } from './kernel.ts';
import { BufferPool } from './buffer-pool.ts';
import { CommandRecorder } from './command-recorder.ts';

export interface GpuOptions {
  powerPreference?: GPUPowerPreference;
  /** Anything that must stay referenced while the device lives (Dawn's `create()` result in Node). */
  keepAlive?: unknown;
  /** Called on validation or out-of-memory errors that no error scope caught. */
  onError?: (message: string) => void;
}

export interface GpuStats {
  buffersCreated: number;
  submits: number;
  readbacks: number;
  dispatches: number;
}

export interface BufferSlice {
  buffer: GPUBuffer;
  offset: number;
  size: number;
}

export class GpuError extends Error {
  override name = 'GpuError';
}

/** The device could not allocate what was asked; what was made has been released. */
export class GpuOutOfMemoryError extends GpuError {
  override name = 'GpuOutOfMemoryError';
}

export class Gpu {
  readonly limits: GPUSupportedLimits;
  readonly stats: GpuStats = { buffersCreated: 0, submits: 0, readbacks: 0, dispatches: 0 };
  /** Set once the device is lost; every later use throws. */
  lostReason: string | null = null;
  readonly lost: Promise<string>;

  private readonly keepAlive: unknown;
  private readonly errorListeners = new Set<(message: string) => void>();
  private readonly pendingErrors: Promise<string | null>[] = [];
  private readonly recorder: CommandRecorder;
  private readonly pipelines = new Map<string, GPUComputePipeline>();
  private readonly uniforms = new Map<string, GPUBuffer>();
  private readonly bindGroups = new Map<string, GPUBindGroup>();
  private readonly objectIds = new WeakMap<object, number>();
  private nextObjectId = 1;
  private readonly storagePool: BufferPool;
  private readonly stagingPool: BufferPool;
  private readonly standInBuffers: (GPUBuffer | null)[] = [null, null];
  /** Buffers created inside `allocateOrRefuse`, to take back if the device ran out of memory. */
  private createdInScope: GPUBuffer[] | null = null;

  constructor(
    readonly device: GPUDevice,
    readonly adapter: AdapterDescription,
    options: GpuOptions = {},
  ) {
    this.keepAlive = options.keepAlive;
    this.limits = device.limits;
    this.recorder = new CommandRecorder(device, () => this.assertAlive());
    if (options.onError) this.errorListeners.add(options.onError);
    this.storagePool = new BufferPool((size) =>
      this.createBuffer(size, GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST, 'pooled'),
    );
    this.stagingPool = new BufferPool((size) =>
      this.createBuffer(size, GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST, 'staging'),
    );
    this.lost = device.lost.then((info) => {
      this.lostReason = info.message || info.reason || 'device lost';
      return this.lostReason;
    });
    device.addEventListener('uncapturederror', (event) => {
      const message = (event as GPUUncapturedErrorEvent).error.message;
      if (this.errorListeners.size === 0) console.error(`WebGPU error: ${message}`);
      for (const listener of this.errorListeners) listener(message);
    });
  }

  get adapterName(): string {
    return this.adapter.name;
  }

  /** Keeps Dawn's navigator object reachable: if it is collected while the device lives, Node crashes. */
  get runtimeHandle(): unknown {
    return this.keepAlive;
  }

  onError(listener: (message: string) => void): () => void {
    this.errorListeners.add(listener);
    return () => this.errorListeners.delete(listener);
  }

  private assertAlive(): void {
    if (this.lostReason !== null) throw new GpuError(`The GPU device was lost (${this.lostReason}).`);
  }

  idOf(object: object): number {
    let id = this.objectIds.get(object);
    if (id === undefined) {
      id = this.nextObjectId++;
      this.objectIds.set(object, id);
    }
    return id;
  }

  // ---- buffers -------------------------------------------------------------

  createBuffer(size: number, usage: GPUBufferUsageFlags, label: string): GPUBuffer {
    this.assertAlive();
    this.stats.buffersCreated++;
    const buffer = this.device.createBuffer({ size: alignTo(Math.max(size, 4), 16), usage, label });
    this.createdInScope?.push(buffer);
    return buffer;
  }

  /**
   * Runs `allocate` and waits for the device's verdict on its allocations.
   * WebGPU reports running out of memory only asynchronously, handing back
   * invalid buffers meanwhile; so when it does, every buffer made inside is
   * taken back (from the pools and caches too), `release` frees the result,
   * and this rejects with what `explain` says of it and the device's message. Validation errors
   * that follow from the invalid buffers are part of the same failure.
   */
  async allocateOrRefuse<T>(allocate: () => T, release: (made: T) => void, explain: (made: T, deviceMessage: string) => string): Promise<T> {
    if (this.createdInScope) throw new GpuError('allocateOrRefuse cannot be nested');
    this.assertAlive();
    this.device.pushErrorScope('validation');
    this.device.pushErrorScope('out-of-memory');
    const created: GPUBuffer[] = (this.createdInScope = []);
    let made: T;
    try {
      made = allocate();
    } catch (error) {
      // Whatever was made is unreachable now: take it back, then report the real error.
      this.createdInScope = null;
      await this.popScopes();
      this.takeBack(created);
      throw error;
    }
    this.createdInScope = null;
    const [memoryError, validationError] = await this.popScopes();
    if (memoryError) {
      release(made);
      this.takeBack(created);
      throw new GpuOutOfMemoryError(explain(made, memoryError.message));
    }
    if (validationError) {
      for (const listener of this.errorListeners) listener(validationError.message);
    }
    return made;
  }

  /** Pops the out-of-memory scope, then the validation scope under it. */
  private popScopes(): Promise<[GPUError | null, GPUError | null]> {
    const outOfMemory = this.device.popErrorScope();
    const invalid = this.device.popErrorScope();
    return Promise.all([outOfMemory, invalid]);
  }

  private takeBack(buffers: GPUBuffer[]): void {
    const lost = new Set(buffers);
    this.standInBuffers.forEach((buffer, i) => {
      if (buffer && lost.has(buffer)) this.standInBuffers[i] = null;
    });
    for (const [key, buffer] of this.uniforms) if (lost.has(buffer)) this.uniforms.delete(key);
    for (const buffer of buffers) {
      this.storagePool.discard(buffer);
      this.stagingPool.discard(buffer);
      buffer.destroy();
    }
  }

  /** A storage buffer of at least `size` bytes from the pool; give it back with `releaseStorage`. */
  acquireStorage(size: number): GPUBuffer {
    return this.storagePool.acquire(alignTo(Math.max(size, 4), 16));
  }

  releaseStorage(buffer: GPUBuffer): void {
    this.storagePool.release(buffer);
  }

  /**
   * A small slice for a binding that a kernel variant never touches. A buffer
   * bound both read-only and writable in one dispatch is a validation error,
   * so a real operand cannot stand in, and read-only and writable stand-ins
   * come from two buffers; writable ones get disjoint slices (`index` 0–3).
   */
  private standIn(writable: boolean, index: number): BufferSlice {
    const which = writable ? 1 : 0;
    this.standInBuffers[which] ??= this.createBuffer(1024, GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST, 'stand-in bindings');
    return { buffer: this.standInBuffers[which]!, offset: (writable ? index : 0) * 256, size: 16 };
  }

  /**
   * queue.writeBuffer lands before any work still being recorded. So writing
   * a buffer that recorded work uses (a pooled buffer whose tensor's scope has
   * ended, a data split's cursor) first submits that work. Buffers the
   * recording has not touched yet (a step's dropout seed, written before its
   * dispatch) are written directly, so a training step keeps its one submit.
   */
  write(slice: BufferSlice, data: ArrayBufferView): void {
    this.assertAlive();
    if (this.recorder.isRehearsing) return;
    if (this.recorder.uses(slice.buffer)) this.submit();
    this.device.queue.writeBuffer(slice.buffer, slice.offset, data.buffer, data.byteOffset, data.byteLength);
  }

  /** A uniform buffer holding exactly these bytes, created once and shared by every dispatch that needs them. */
  uniform(bytes: ArrayBuffer): GPUBuffer {
    const key = Array.from(new Uint32Array(bytes)).join(',');
    let buffer = this.uniforms.get(key);
    if (!buffer) {
      buffer = this.createBuffer(bytes.byteLength, GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST, 'uniforms');
      this.device.queue.writeBuffer(buffer, 0, bytes);
      this.uniforms.set(key, buffer);
    }
    return buffer;
  }

  // ---- pipelines and dispatch ---------------------------------------------

  pipeline(kernel: Kernel, constants: Record<string, number> = {}): GPUComputePipeline {
    const key = `${kernel.name}|${JSON.stringify(constants)}`;
    let pipeline = this.pipelines.get(key);
    if (pipeline) return pipeline;
    this.assertAlive();
    const label = Object.keys(constants).length > 0 ? `${kernel.name} ${JSON.stringify(constants)}` : kernel.name;
    this.device.pushErrorScope('validation');
    const module = this.device.createShaderModule({ label, code: kernel.source });
    pipeline = this.device.createComputePipeline({
      label,
      layout: 'auto',
      compute: { module, entryPoint: kernel.entryPoint ?? 'main', constants },
    });
    this.pendingErrors.push(
      this.device.popErrorScope().then((error) => {
        if (!error) return null;
        const message = `kernel "${label}" failed to compile: ${error.message}`;
        for (const listener of this.errorListeners) listener(message);
        return message;
      }),
    );
    this.pipelines.set(key, pipeline);
    return pipeline;
  }

  /** Throws if any kernel compiled so far failed validation, naming the kernel. */
  async checkCompileErrors(): Promise<void> {
    const messages = (await Promise.all(this.pendingErrors)).filter((m): m is string => m !== null);
    if (messages.length > 0) throw new GpuError(messages.join('\n'));
    this.pendingErrors.length = 0;
  }

  /**
   * Records one dispatch into the current compute pass. Bindings are named as
   * the WGSL declares them; the uniform block is `uniforms`, and an optional
   * binding the caller leaves out gets a stand-in.
   */
  dispatch(
    kernel: Kernel,
    options: {
      constants?: Record<string, number>;
      uniforms?: ArrayBuffer | GPUBuffer;
      bindings: Record<string, BufferSlice>;
      workgroups: [number, number?, number?];
    },
  ): void {
    const pipeline = this.pipeline(kernel, options.constants);
    const entries: GPUBindGroupEntry[] = [];
    const keyParts: (number | string)[] = [this.idOf(pipeline)];
    if (options.uniforms !== undefined) {
      const uniform = [...kernel.bindings.values()].find((b) => b.access === 'uniform');
      if (!uniform) throw new GpuError(`kernel "${kernel.name}" declares no uniform block`);
      const uniformBuffer = options.uniforms instanceof ArrayBuffer ? this.uniform(options.uniforms) : options.uniforms;
      entries.push({ binding: uniform.index, resource: { buffer: uniformBuffer } });
      keyParts.push(this.idOf(uniformBuffer));
    }
    const slices = Object.entries(options.bindings);
    let writableStandIns = 0;
    for (const name of kernel.optional) {
      if (name in options.bindings) continue;
      const writable = kernel.bindings.get(name)!.access === 'read_write';
      slices.push([name, this.standIn(writable, writable ? writableStandIns++ : 0)]);
    }
    for (const [name, slice] of slices) {
      const binding = kernel.bindings.get(name);
      if (!binding || binding.access === 'uniform') {
        throw new GpuError(`kernel "${kernel.name}" has no storage binding named "${name}"`);
      }
      entries.push({ binding: binding.index, resource: { buffer: slice.buffer, offset: slice.offset, size: slice.size } });
      this.recorder.markUsed(slice.buffer);
      keyParts.push(binding.index, this.idOf(slice.buffer), slice.offset, slice.size);
    }
    const key = keyParts.join(':');
    let bindGroup = this.bindGroups.get(key);
    if (!bindGroup) {
      bindGroup = this.device.createBindGroup({ label: kernel.name, layout: pipeline.getBindGroupLayout(0), entries });
      this.bindGroups.set(key, bindGroup);
    }
    const [x, y = 1, z = 1] = options.workgroups;
    const max = this.limits.maxComputeWorkgroupsPerDimension;
    if (x > max || y > max || z > max) {
      throw new GpuError(`kernel "${kernel.name}": ${x}×${y}×${z} workgroups exceed the device limit of ${max} per dimension`);
    }
    if (x === 0 || y === 0 || z === 0) return;
    const pass = this.recorder.computePass();
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, bindGroup);
    pass.dispatchWorkgroups(x, y, z);
    this.stats.dispatches++;
  }

  // ---- command recording -------------------------------------------------

  /** An encoder for copies and clears: ends the compute pass in progress. */
  encoderForCopies(): GPUCommandEncoder {
    return this.recorder.encoderForCopies();
  }

  clear(slice: BufferSlice): void {
    this.encoderForCopies().clearBuffer(slice.buffer, slice.offset, slice.size);
    this.recorder.markUsed(slice.buffer);
  }

  copy(from: BufferSlice, to: BufferSlice): void {
    if (from.size !== to.size) throw new GpuError(`copy: sizes differ (${from.size} vs ${to.size} bytes)`);
    this.encoderForCopies().copyBufferToBuffer(from.buffer, from.offset, to.buffer, to.offset, from.size);
    this.recorder.markUsed(from.buffer, to.buffer);
  }

  /**
   * Runs `record` with its commands thrown away and its buffer writes skipped,
   * so the GPU state does not change, while every pipeline, uniform buffer,
   * bind group and pooled buffer the work needs is created now: the real run
   * of the same work then creates none. Nothing may be read back inside.
   */
  rehearse(record: () => void): void {
    this.recorder.rehearse(record);
  }

  /** Submits everything recorded so far as one command buffer. */
  submit(): void {
    if (this.recorder.isRehearsing) throw new GpuError('a rehearsal cannot submit work');
    if (this.recorder.submit()) this.stats.submits++;
  }

  /**
   * Copies the slices to a pooled staging buffer at the end of the work recorded
   * so far, submits, and resolves with their bytes once the GPU is done. The
   * copy rides in the same submit as the work, so a read adds no submit.
   */
  async read(...slices: BufferSlice[]): Promise<ArrayBuffer[]> {
    if (this.recorder.isRehearsing) throw new GpuError('a rehearsal cannot read back');
    // A kernel that failed to compile would make every result garbage: say so instead.
    if (this.pendingErrors.length > 0) await this.checkCompileErrors();
    const total = slices.reduce((sum, s) => sum + alignTo(s.size, 4), 0);
    const staging = this.stagingPool.acquire(alignTo(total, 16));
    const encoder = this.encoderForCopies();
    let offset = 0;
    for (const slice of slices) {
      encoder.copyBufferToBuffer(slice.buffer, slice.offset, staging, offset, slice.size);
      offset += alignTo(slice.size, 4);
    }
    this.submit();
    this.stats.readbacks++;
    try {
      await staging.mapAsync(GPUMapMode.READ, 0, alignTo(total, 4));
    } catch (error) {
      this.assertAlive();
      throw error;
    }
    const mapped = staging.getMappedRange(0, alignTo(total, 4));
    const results: ArrayBuffer[] = [];
    offset = 0;
    for (const slice of slices) {
      results.push(mapped.slice(offset, offset + slice.size));
      offset += alignTo(slice.size, 4);
    }
    staging.unmap();
    this.stagingPool.release(staging);
    return results;
  }

  /** Resolves when the GPU has finished all submitted work. */
  async finish(): Promise<void> {
    this.submit();
    await this.device.queue.onSubmittedWorkDone();
  }

  /** Number of GPU buffers alive in the pools (for leak checks). */
  get pooledBufferCount(): number {
    return this.storagePool.size + this.stagingPool.size;
  }

  destroy(): void {
    this.storagePool.destroyAll();
    this.stagingPool.destroyAll();
    for (const buffer of this.uniforms.values()) buffer.destroy();
    this.uniforms.clear();
    this.bindGroups.clear();
    this.pipelines.clear();
    this.device.destroy();
  }
}

export function alignTo(value: number, alignment: number): number {
  return Math.ceil(value / alignment) * alignment;
}
