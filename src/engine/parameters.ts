// A model's parameters live in one flat GPU buffer, and their gradients in a
// second one of the same layout, so that an optimizer updates every parameter
// of the model in a single dispatch. Each parameter starts on a 256-byte
// boundary (WebGPU's storage-binding offset alignment); the padding between
// them holds zeros that no op reads and that every optimizer leaves at zero.

import type { GradHolder } from './autograd.ts';
import { type Gpu, type BufferSlice, alignTo } from './gpu.ts';
import { ShapeError, Tensor, formatShape, sizeOf } from './tensor.ts';

export interface ParameterSpec {
  /** The state_dict name, e.g. "0.weight". */
  name: string;
  shape: number[];
  /** Initial values, row-major. */
  init: Float32Array;
}

export type Parameter = Tensor & GradHolder & { grad: Tensor };

export interface ParameterEntry {
  name: string;
  shape: number[];
  /** First element, in floats, inside the flat buffers. */
  offset: number;
  value: Parameter;
}

const ALIGN_FLOATS = 64;

export class Parameters {
  readonly entries: ParameterEntry[] = [];
  /** Floats in each flat buffer, padding included. */
  readonly count: number;
  readonly values: GPUBuffer;
  readonly grads: GPUBuffer;

  constructor(
    readonly gpu: Gpu,
    specs: ParameterSpec[],
  ) {
    let offset = 0;
    const layout = specs.map((spec) => {
      if (spec.init.length !== sizeOf(spec.shape)) {
        throw new ShapeError(`parameter ${spec.name}: ${spec.init.length} initial values for shape ${formatShape(spec.shape)}`);
      }
      const start = offset;
      offset = alignTo(offset + spec.init.length, ALIGN_FLOATS);
      return start;
    });
    this.count = Math.max(offset, ALIGN_FLOATS);
    const bytes = this.count * 4;
    checkBufferFits(gpu, bytes, 'the model parameters');
    const usage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST;
    this.values = gpu.createBuffer(bytes, usage, 'parameters');
    this.grads = gpu.createBuffer(bytes, usage, 'gradients');
    specs.forEach((spec, index) => {
      const start = layout[index]!;
      const slice = (buffer: GPUBuffer): BufferSlice => ({ buffer, offset: start * 4, size: spec.init.length * 4 });
      const value = Tensor.view(gpu, slice(this.values), spec.shape) as Parameter;
      value.requiresGrad = true;
      value.grad = Tensor.view(gpu, slice(this.grads), spec.shape);
      value.gradIsZero = true;
      gpu.write(value.slice, spec.init);
      this.entries.push({ name: spec.name, shape: [...spec.shape], offset: start, value });
    });
  }

  get(name: string): Parameter {
    const entry = this.entries.find((e) => e.name === name);
    if (!entry) throw new Error(`no parameter named "${name}"`);
    return entry.value;
  }

  /** Marks every gradient as zero; the next backward overwrites instead of adding. */
  zeroGrad(): void {
    for (const { value } of this.entries) value.gradIsZero = true;
  }

  /** Clears the gradients that the last backward did not reach, so no stale values are applied. */
  clearUntouchedGrads(): void {
    for (const { value } of this.entries) {
      if (value.gradIsZero) {
        this.gpu.clear(value.grad.slice);
        value.gradIsZero = false;
      }
    }
  }

  /** The whole flat buffer as one slice (for optimizers). */
  slice(buffer: GPUBuffer): BufferSlice {
    return { buffer, offset: 0, size: this.count * 4 };
  }

  /** Reads every parameter back: name, shape and values. */
  async read(): Promise<{ name: string; shape: number[]; data: Float32Array }[]> {
    const [bytes] = await this.gpu.read(this.slice(this.values));
    const all = new Float32Array(bytes!);
    return this.entries.map(({ name, shape, offset }) => ({
      name,
      shape: [...shape],
      data: all.slice(offset, offset + sizeOf(shape)),
    }));
  }

  /** Overwrites parameters by name; every name must match one of ours with the same shape. */
  write(tensors: { name: string; shape: readonly number[]; data: Float32Array }[]): void {
    // Check everything before writing anything, so a bad file leaves the model as it was.
    const targets = tensors.map((t) => {
      const entry = this.entries.find((e) => e.name === t.name);
      if (!entry) throw new ShapeError(`parameter "${t.name}" does not exist in this model`);
      if (formatShape(entry.shape) !== formatShape(t.shape) || t.data.length !== sizeOf(entry.shape)) {
        throw new ShapeError(`parameter "${t.name}" has shape ${formatShape(t.shape)}, the model needs ${formatShape(entry.shape)}`);
      }
      return entry;
    });
    targets.forEach((entry, index) => this.gpu.write(entry.value.slice, tensors[index]!.data));
  }

  destroy(): void {
    this.values.destroy();
    this.grads.destroy();
  }
}

/** Refuses, before allocating, a buffer larger than the device can hold or bind. */
export function checkBufferFits(gpu: Gpu, bytes: number, what: string): void {
  const maxBinding = gpu.limits.maxStorageBufferBindingSize;
  const maxBuffer = gpu.limits.maxBufferSize;
  const limit = Math.min(maxBinding, maxBuffer);
  if (bytes > limit) {
    const mib = (n: number) => `${(n / 2 ** 20).toFixed(1)} MiB`;
    throw new ShapeError(
      `${what} need ${mib(bytes)}, more than this device allows in one buffer (${mib(limit)}: maxStorageBufferBindingSize ${mib(maxBinding)}, maxBufferSize ${mib(maxBuffer)}); make the layer smaller`,
    );
  }
}
