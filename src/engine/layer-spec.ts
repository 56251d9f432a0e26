// A model as plain layer specs (see layers/kinds.ts), and what can be said of
// it without a GPU: how PyTorch prints it, whether its layers fit together
// for an input shape, and each layer's output shape and parameter count.

import { ShapeError, sizeOf } from './tensor.ts';
import { findKind, type LayerSpec } from './layers/kinds.ts';
import type { LayerKind, SampleShape } from './layers/layer-kind.ts';

export type { LayerSpec, LayerType } from './layers/kinds.ts';
export type { SampleShape } from './layers/layer-kind.ts';
export { formatSampleShape } from './layers/layer-kind.ts';

export function kindOf(spec: LayerSpec): LayerKind<LayerSpec> {
  const kind = spec && typeof spec === 'object' ? findKind((spec as { type?: unknown }).type as string) : undefined;
  if (!kind) throw new ShapeError(`unknown layer ${JSON.stringify(spec)}`);
  return kind;
}

/** "Linear(784, 256)", "ReLU()", … as PyTorch prints them. */
export function describeLayer(spec: LayerSpec): string {
  return kindOf(spec).describe(spec);
}

/** "nn.Sequential(Linear(784, 256), ReLU(), …)". */
export function describeSequential(layers: readonly LayerSpec[]): string {
  return `nn.Sequential(${layers.map(describeLayer).join(', ')})`;
}

/** "784-256-256-10" for an MLP, "784-c32-c64-10" for a CNN: the input's size, then each layer with weights. */
export function modelShortName(layers: readonly LayerSpec[], input: SampleShape): string {
  const parts = layers.flatMap((spec) => {
    const part = kindOf(spec).shortName?.(spec);
    return part === undefined ? [] : [part];
  });
  return [sizeOf(input), ...parts].join('-');
}

export interface LayerShape {
  spec: LayerSpec;
  /** Its input and output, one sample. */
  input: number[];
  output: number[];
  /** Weights and biases. */
  parameters: number;
}

export interface ModelShape {
  /** One sample as the model takes it (a flat vector for a model that starts with Linear). */
  input: number[];
  output: number[];
  layers: LayerShape[];
}

/**
 * The input shape a model of these layers takes when nothing else says it:
 * a Linear's width; a model that starts with a convolution needs its image
 * size from the dataset.
 */
export function naturalInputShape(layers: readonly LayerSpec[]): number[] {
  for (const spec of layers) {
    const kind = kindOf(spec);
    const input = kind.inputShape?.(spec);
    if (input) return input;
    if (!kind.elementwise && !kind.reshapes) break;
  }
  throw new ShapeError('the model does not say the size of its input (it does not start with a Linear layer): give the input shape');
}

/**
 * Checks that consecutive layers fit together for samples of `input` shape
 * (by default the first Linear's width) and gives every layer's shapes.
 * Errors name the layer and both shapes.
 */
export function checkLayers(layers: readonly LayerSpec[], input: SampleShape = naturalInputShape(layers)): ModelShape {
  if (!Array.isArray(layers) || layers.length === 0) throw new ShapeError('a model needs at least one layer');
  if (!layers.some((spec) => kindOf(spec).parameters)) throw new ShapeError('a model needs at least one layer with weights (Linear or Conv2d)');
  const modelInput = feedsFlat(layers) ? [sizeOf(input)] : [...input];
  let shape = modelInput;
  const shapes: LayerShape[] = layers.map((spec, index) => {
    const kind = kindOf(spec);
    let output: number[];
    try {
      output = kind.outputShape(spec, shape);
    } catch (error) {
      throw new ShapeError(`layer ${index} ${describeLayer(spec)}: ${(error as Error).message}`);
    }
    const parameters = (kind.parameters?.(spec) ?? []).reduce((sum, p) => sum + sizeOf(p.shape), 0);
    const layer = { spec, input: shape, output, parameters };
    shape = output;
    return layer;
  });
  return { input: modelInput, output: shape, layers: shapes };
}

/** Whether the model input is flattened: its first layer that is not elementwise takes flat vectors. */
function feedsFlat(layers: readonly LayerSpec[]): boolean {
  for (const spec of layers) {
    const kind = kindOf(spec);
    if (kind.flatInput) return true;
    if (!kind.elementwise) return false;
  }
  return false;
}
