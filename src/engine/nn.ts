// Layers named as in torch.nn, composed by Sequential. A model is described by
// plain layer specs (serialisable: presets, the UI and weight files carry
// them) and the shape of one input sample, and built on a device with
// PyTorch's default initialisation drawn from a seeded PRNG. Parameter names
// are those of torch.nn.Sequential's state_dict: "<index>.weight" and
// "<index>.bias", every layer counting. What each layer does is its kind's
// module (layers/*.ts); this file only iterates over them.

import { checkLayers, describeLayer, kindOf, type LayerShape, type LayerSpec, type ModelShape, type SampleShape } from './layer-spec.ts';
import { relu } from './layers/activations.ts';
import { Random } from './random.ts';
import { Parameters, type ParameterSpec } from './parameters.ts';
import { Tensor, ShapeError, formatShape, sizeOf } from './tensor.ts';
import type { Gpu } from './gpu.ts';

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

/** Floats per sample a layer's forward output and what it keeps for backward take. */
function activationsPerSample(layer: LayerShape): number {
  return sizeOf(layer.output) + (kindOf(layer.spec).savedPerSample?.(layer.spec, layer.input) ?? 0);
}

/** Whether Sequential.forward runs layer `index + 1` (a ReLU) inside layer `index`'s kernel, and reports both under `index`. */
export function fusedWithNext(layers: readonly LayerSpec[], index: number): boolean {
  return kindOf(layers[index]!).fusesRelu === true && layers[index + 1]?.type === relu.type;
}

/**
 * Refuses, before anything is allocated, a model whose weights or whose
 * activations for `batchSize` samples do not fit in one buffer binding of this
 * device, naming the layer and the limit.
 */
export function checkModelFits(
  limits: { maxStorageBufferBindingSize: number; maxBufferSize: number },
  layers: readonly LayerSpec[],
  batchSize: number,
  inputShape?: SampleShape,
): void {
  const limit = Math.min(limits.maxStorageBufferBindingSize, limits.maxBufferSize);
  const which = limits.maxStorageBufferBindingSize <= limits.maxBufferSize ? 'maxStorageBufferBindingSize' : 'maxBufferSize';
  checkLayers(layers, inputShape).layers.forEach((layer, index) => {
    const kind = kindOf(layer.spec);
    const largestParameter = Math.max(0, ...(kind.parameters?.(layer.spec) ?? []).map((p) => sizeOf(p.shape)));
    const needs: [string, number, string][] = [
      ['its weight', largestParameter * 4, 'make the layer smaller'],
      [
        `its activations for a batch of ${batchSize}`,
        batchSize * Math.max(sizeOf(layer.input), sizeOf(layer.output)) * 4,
        'use a smaller batch or a narrower layer',
      ],
    ];
    for (const [what, bytes, fix] of needs) {
      if (bytes > limit) {
        throw new ShapeError(
          `layer ${index} ${describeLayer(layer.spec)} is too big for this device: ${what} need ${mib(bytes)}, over its ${which} of ${mib(limit)}; ${fix}`,
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
export function explainOutOfMemory(
  layers: readonly LayerSpec[],
  batchSize: number,
  copiesPerParameter: number,
  deviceMessage: string,
  inputShape?: SampleShape,
): string {
  // Forward output, its gradient and the next layer's view of it, per sample.
  const activationCopies = batchSize > 0 ? 3 : 0;
  const shape = checkLayers(layers, inputShape);
  const needs = shape.layers.map(
    (layer) => (layer.parameters * copiesPerParameter + Math.max(batchSize, 1) * activationsPerSample(layer) * activationCopies) * 4,
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

/** Every layer's parameters, named as a Sequential's state_dict, drawn in order as PyTorch's default initialisation. */
export function initialParameters(layers: readonly LayerSpec[], seed: number): ParameterSpec[] {
  const random = new Random(seed);
  return layers.flatMap((spec, index) =>
    (kindOf(spec).parameters?.(spec) ?? []).map(({ suffix, shape, bound }) => ({
      name: `${index}.${suffix}`,
      shape,
      init: Float32Array.from({ length: sizeOf(shape) }, () => random.uniform(-bound, bound)),
    })),
  );
}

export class Sequential {
  readonly parameters: Parameters;
  /** Every layer's input and output shape, one sample. */
  readonly shape: ModelShape;
  /** One sample as the model takes it, and the values in it. */
  readonly inputShape: readonly number[];
  readonly inputs: number;
  readonly outputs: number;
  training = true;
  private readonly maskSeeds = new Map<number, Tensor>();
  /** Dropout masks drawn so far: each call's seed derives from it (restored around a rehearsal). */
  dropoutCalls = 0;

  constructor(
    readonly gpu: Gpu,
    readonly layers: readonly LayerSpec[],
    readonly seed = 0,
    inputShape?: SampleShape,
  ) {
    this.shape = checkLayers(layers, inputShape);
    this.inputShape = this.shape.input;
    this.inputs = sizeOf(this.shape.input);
    this.outputs = sizeOf(this.shape.output);
    this.parameters = new Parameters(gpu, initialParameters(layers, seed));
    layers.forEach((spec, index) => {
      if (!kindOf(spec).random) return;
      const buffer = gpu.createBuffer(16, GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST, `layer ${index} mask seed`);
      this.maskSeeds.set(index, Tensor.view(gpu, { buffer, offset: 0, size: 4 }, [1], 'u32'));
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
   * Runs the layers in order on a batch [batch, ...] of `inputs` values per
   * sample. A layer that fuses a following ReLU (Linear, Conv2d) runs it in
   * its own kernel. `observe` sees each layer's output as it is recorded (a
   * fused ReLU's output under the index of the layer it follows).
   */
  forward(x: Tensor, observe?: (index: number, output: Tensor) => void): Tensor {
    const batch = x.shape[0]!;
    if (x.shape.length < 2 || sizeOf(x.shape.slice(1)) !== this.inputs) {
      throw new ShapeError(`model input: expected [batch, ${this.inputShape.join(', ')}], got ${formatShape(x.shape)}`);
    }
    let out = formatShape(x.shape.slice(1)) === formatShape(this.inputShape) ? x : x.reshape([batch, ...this.inputShape]);
    for (let index = 0; index < this.layers.length; index++) {
      const spec = this.layers[index]!;
      const kind = kindOf(spec);
      const fuseRelu = fusedWithNext(this.layers, index);
      out = kind.forward(spec, out, {
        parameter: (suffix) => this.parameters.get(`${index}.${suffix}`),
        training: this.training,
        maskSeed: () => this.nextMaskSeed(index),
        relu: fuseRelu,
      });
      observe?.(index, out);
      if (fuseRelu) index++;
    }
    return out;
  }

  /** A fresh mask seed for this call, written before the step's commands are submitted. */
  private nextMaskSeed(index: number): Tensor {
    const seed = this.maskSeeds.get(index)!;
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
    for (const seed of this.maskSeeds.values()) seed.slice.buffer.destroy();
  }
}
