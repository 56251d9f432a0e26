// Layers named as in torch.nn, composed by Sequential. A model is described by
// plain layer specs (serialisable: presets, the UI and weight files carry
// them), and built on a device with PyTorch's default initialisation drawn
// from a seeded PRNG. Parameter names are those of torch.nn.Sequential's
// state_dict: "<index>.weight" and "<index>.bias", every layer counting.

import { checkLayers, describeLayer, type LayerSpec } from './layer-spec.ts';
import { Random } from './random.ts';
import { Parameters, type ParameterSpec } from './parameters.ts';
import { Tensor, ShapeError, formatShape, sizeOf } from './tensor.ts';
import type { Gpu } from './gpu.ts';
import { linear } from './ops/linear.ts';
import { relu, sigmoid } from './ops/activations.ts';
import { dropout } from './ops/dropout.ts';

/**
 * Refuses, before anything is allocated, a model whose weights or whose
 * activations for `batchSize` samples do not fit in one buffer binding of this
 * device, naming the layer and the limit.
 */
export function checkModelFits(limits: { maxStorageBufferBindingSize: number; maxBufferSize: number }, layers: readonly LayerSpec[], batchSize: number): void {
  const limit = Math.min(limits.maxStorageBufferBindingSize, limits.maxBufferSize);
  const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
  const which = limits.maxStorageBufferBindingSize <= limits.maxBufferSize ? 'maxStorageBufferBindingSize' : 'maxBufferSize';
  layers.forEach((spec, index) => {
    if (spec.type !== 'linear') return;
    const needs: [string, number, string][] = [
      ['its weight', spec.in * spec.out * 4, 'make the layer smaller'],
      [`its activations for a batch of ${batchSize}`, batchSize * Math.max(spec.in, spec.out) * 4, 'use a smaller batch or a narrower layer'],
    ];
    for (const [what, bytes, fix] of needs) {
      if (bytes > limit) {
        throw new ShapeError(
          `layer ${index} ${describeLayer(spec)} is too big for this device: ${what} need ${mib(bytes)}, over its ${which} of ${mib(limit)}; ${fix}`,
        );
      }
    }
  });
}

/**
 * What running out of GPU memory while setting up a model means for the user:
 * roughly how much the model needs and which layer needs the most.
 * `copiesPerParameter` counts the buffers as large as the parameters (values,
 * gradients, optimizer state, a backup); `batchSize` 0 means inference only.
 */
export function explainOutOfMemory(layers: readonly LayerSpec[], batchSize: number, copiesPerParameter: number, deviceMessage: string): string {
  const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
  // Forward output, its gradient and the next layer's view of it, per sample.
  const activationCopies = batchSize > 0 ? 3 : 0;
  const needs = layers.map((spec) =>
    spec.type === 'linear' ? ((spec.in + 1) * spec.out * copiesPerParameter + Math.max(batchSize, 1) * spec.out * activationCopies) * 4 : 0,
  );
  const total = needs.reduce((sum, bytes) => sum + bytes, 0);
  const largest = needs.indexOf(Math.max(...needs));
  const what = batchSize > 0 ? `its weights, gradients and optimizer state, and its activations for a batch of ${batchSize}` : 'its weights';
  const fix = batchSize > 0 ? 'make that layer smaller or the batch smaller' : 'use a smaller model';
  return (
    `the GPU ran out of memory setting up this model: it needs about ${mib(total)}, the most for layer ${largest} ` +
    `${describeLayer(layers[largest]!)} (${mib(needs[largest]!)} for ${what}). ` +
    `${fix[0]!.toUpperCase()}${fix.slice(1)}, or close other pages using the GPU. (The device said: ${deviceMessage.split('\n')[0]})`
  );
}

/** PyTorch's nn.Linear.reset_parameters: weight and bias uniform in ±1/√fan_in. */
export function initialParameters(layers: readonly LayerSpec[], seed: number): ParameterSpec[] {
  const random = new Random(seed);
  const specs: ParameterSpec[] = [];
  layers.forEach((spec, index) => {
    if (spec.type !== 'linear') return;
    const bound = 1 / Math.sqrt(spec.in);
    const draw = (n: number) => Float32Array.from({ length: n }, () => random.uniform(-bound, bound));
    specs.push({ name: `${index}.weight`, shape: [spec.out, spec.in], init: draw(spec.out * spec.in) });
    if (spec.bias !== false) specs.push({ name: `${index}.bias`, shape: [spec.out], init: draw(spec.out) });
  });
  return specs;
}

export class Sequential {
  readonly parameters: Parameters;
  readonly inputs: number;
  readonly outputs: number;
  training = true;
  private readonly dropoutSeeds = new Map<number, Tensor>();
  /** Dropout masks drawn so far: each call's seed derives from it (restored around a rehearsal). */
  dropoutCalls = 0;

  constructor(
    readonly gpu: Gpu,
    readonly layers: readonly LayerSpec[],
    readonly seed = 0,
  ) {
    ({ inputs: this.inputs, outputs: this.outputs } = checkLayers(layers));
    this.parameters = new Parameters(gpu, initialParameters(layers, seed));
    layers.forEach((spec, index) => {
      if (spec.type !== 'dropout') return;
      const buffer = gpu.createBuffer(16, GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST, `dropout ${index} seed`);
      this.dropoutSeeds.set(index, Tensor.view(gpu, { buffer, offset: 0, size: 4 }, [1], 'u32'));
    });
  }

  train(): this {
    this.training = true;
    return this;
  }

  eval(): this {
    this.training = false;
    return this;
  }

  /**
   * Runs the layers in order. A Linear followed by a ReLU runs as one fused
   * kernel; Dropout is the identity in evaluation mode.
   */
  forward(x: Tensor): Tensor {
    let out = x.shape.length === 2 ? x : x.reshape([x.shape[0]!, sizeOf(x.shape.slice(1))]);
    if (out.shape[1] !== this.inputs) {
      throw new ShapeError(`model input: expected [batch, ${this.inputs}], got ${formatShape(x.shape)}`);
    }
    for (let index = 0; index < this.layers.length; index++) {
      const spec = this.layers[index]!;
      switch (spec.type) {
        case 'linear': {
          const fuseRelu = this.layers[index + 1]?.type === 'relu';
          const weight = this.parameters.get(`${index}.weight`);
          const bias = spec.bias === false ? null : this.parameters.get(`${index}.bias`);
          out = linear(out, weight, bias, { relu: fuseRelu });
          if (fuseRelu) index++;
          break;
        }
        case 'relu':
          out = relu(out);
          break;
        case 'sigmoid':
          out = sigmoid(out);
          break;
        case 'dropout':
          if (this.training && spec.p > 0) out = dropout(out, spec.p, this.nextDropoutSeed(index));
          break;
        case 'flatten':
          break;
      }
    }
    return out;
  }

  /** A fresh mask seed for this call, written before the step's commands are submitted. */
  private nextDropoutSeed(index: number): Tensor {
    const seed = this.dropoutSeeds.get(index)!;
    this.dropoutCalls++;
    const value = (Math.imul(this.seed + 1, 0x9e3779b1) ^ Math.imul(this.dropoutCalls, 0x85ebca77) ^ index) >>> 0;
    seed.write(new Uint32Array([value]));
    return seed;
  }

  /** Name, shape and values of every parameter, in state_dict order. */
  stateDict(): Promise<{ name: string; shape: number[]; data: Float32Array }[]> {
    return this.parameters.read();
  }

  /**
   * Loads weights by name, strictly as PyTorch's load_state_dict does: every
   * parameter must be given, with its shape, and nothing else.
   */
  loadStateDict(tensors: { name: string; shape: readonly number[]; data: Float32Array }[]): void {
    const given = new Set(tensors.map((t) => t.name));
    const missing = this.parameters.entries.map((e) => e.name).filter((name) => !given.has(name));
    const unexpected = tensors.map((t) => t.name).filter((name) => !this.parameters.entries.some((e) => e.name === name));
    if (missing.length > 0 || unexpected.length > 0) {
      const parts = [];
      if (missing.length > 0) parts.push(`missing ${missing.join(', ')}`);
      if (unexpected.length > 0) parts.push(`unexpected ${unexpected.join(', ')}`);
      throw new ShapeError(`the weights do not match this model (${parts.join('; ')})`);
    }
    this.parameters.write(tensors);
  }

  destroy(): void {
    this.parameters.destroy();
    for (const seed of this.dropoutSeeds.values()) seed.slice.buffer.destroy();
  }
}
