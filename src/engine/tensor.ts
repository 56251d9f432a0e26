// Tensors are views of GPU buffers with a shape. Temporaries come from the
// GPU's buffer pool and go back to it when the `tidy` scope that made them
// ends, so a training step reuses the same buffers every time.

import type { BufferSlice, Gpu } from './gpu.ts';
import type { GradNode } from './autograd.ts';

export type DType = 'f32' | 'u32';

export class ShapeError extends Error {
  override name = 'ShapeError';
}

export function sizeOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

function checkShape(shape: readonly number[]): void {
  if (shape.some((d) => !Number.isInteger(d) || d < 1)) {
    throw new ShapeError(`invalid shape ${formatShape(shape)}: every dimension must be a positive integer`);
  }
}

type Ownership = 'pool' | 'view';

export class Tensor {
  readonly size: number;
  requiresGrad = false;
  /** The gradient accumulated by `backward()`, once there is one. */
  grad: Tensor | null = null;
  /** The op that produced this tensor, if it was recorded for backward. */
  node: GradNode | null = null;
  /** For a reshaped view, the tensor that owns the storage. */
  base: Tensor | null = null;
  private disposed = false;

  constructor(
    readonly gpu: Gpu,
    readonly slice: BufferSlice,
    readonly shape: readonly number[],
    readonly dtype: DType,
    private readonly ownership: Ownership,
  ) {
    this.size = sizeOf(shape);
  }

  /** A tensor backed by a pooled buffer, owned by the current `tidy` scope. */
  static empty(gpu: Gpu, shape: readonly number[], dtype: DType = 'f32'): Tensor {
    checkShape(shape);
    const size = sizeOf(shape) * 4;
    const tensor = new Tensor(gpu, { buffer: gpu.acquireStorage(size), offset: 0, size }, shape, dtype, 'pool');
    track(tensor);
    return tensor;
  }

  static fromArray(gpu: Gpu, data: Float32Array | Uint32Array | number[], shape?: readonly number[]): Tensor {
    const array = Array.isArray(data) ? new Float32Array(data) : data;
    const dtype: DType = array instanceof Uint32Array ? 'u32' : 'f32';
    const tensor = Tensor.empty(gpu, shape ?? [array.length], dtype);
    if (tensor.size !== array.length) {
      throw new ShapeError(`fromArray: ${array.length} values do not fill shape ${formatShape(tensor.shape)}`);
    }
    gpu.write(tensor.slice, array);
    return tensor;
  }

  /** A tensor over part of a buffer someone else owns (parameters, datasets). */
  static view(gpu: Gpu, slice: BufferSlice, shape: readonly number[], dtype: DType = 'f32'): Tensor {
    checkShape(shape);
    return new Tensor(gpu, slice, shape, dtype, 'view');
  }

  get isLeaf(): boolean {
    return this.node === null;
  }

  /** Same storage, another shape with the same number of elements. */
  reshape(shape: readonly number[]): Tensor {
    checkShape(shape);
    if (sizeOf(shape) !== this.size) {
      throw new ShapeError(`reshape: cannot view ${formatShape(this.shape)} as ${formatShape(shape)}`);
    }
    const view = new Tensor(this.gpu, this.slice, shape, this.dtype, 'view');
    view.base = this.base ?? this;
    return view;
  }

  /** Copies the values back to the CPU (asynchronously; the GPU keeps working meanwhile). */
  async read(): Promise<Float32Array | Uint32Array> {
    const [bytes] = await this.gpu.read(this.slice);
    return this.dtype === 'u32' ? new Uint32Array(bytes) : new Float32Array(bytes);
  }

  async readFloat32(): Promise<Float32Array> {
    const values = await this.read();
    return values instanceof Float32Array ? values : Float32Array.from(values);
  }

  write(data: Float32Array | Uint32Array): void {
    if (data.length !== this.size) {
      throw new ShapeError(`write: ${data.length} values for a tensor of shape ${formatShape(this.shape)}`);
    }
    this.gpu.write(this.slice, data);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.ownership === 'pool') this.gpu.releaseStorage(this.slice.buffer);
  }
}

// ---- scopes -----------------------------------------------------------------

const scopes: Tensor[][] = [];

function track(tensor: Tensor): void {
  scopes[scopes.length - 1]?.push(tensor);
}

/**
 * Runs `fn` and then returns every pooled tensor it created to the pool, except
 * those in its result (which move to the enclosing scope). Outside any scope a
 * tensor lives until disposed.
 */
export function tidy<T>(fn: () => T): T {
  const scope: Tensor[] = [];
  scopes.push(scope);
  let result: T;
  try {
    result = fn();
  } finally {
    scopes.pop();
  }
  const kept = new Set<Tensor>();
  collectTensors(result, kept);
  for (const tensor of scope) {
    if (kept.has(tensor)) track(tensor);
    else tensor.dispose();
  }
  return result;
}

/** Moves a tensor out of the current scope so that it outlives it. */
export function keep(tensor: Tensor): Tensor {
  for (const scope of scopes) {
    const index = scope.indexOf(tensor);
    if (index >= 0) scope.splice(index, 1);
  }
  return tensor;
}

function collectTensors(value: unknown, into: Set<Tensor>): void {
  if (value instanceof Tensor) {
    into.add(value);
    if (value.base) into.add(value.base);
  }
  else if (Array.isArray(value)) for (const item of value) collectTensors(item, into);
  else if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    for (const item of Object.values(value)) collectTensors(item, into);
  }
}
