// The view "First-layer weights": what each unit of the first layer looks
// for, as images. A Conv2d's filters, one image per output channel (its input
// channels side by side); a Linear's hidden units, one image per unit (its row
// of the weight matrix laid out as the input image). Read back from the GPU
// once per update; while a run trains the model, every few steps.

import { kindOf } from '../../../engine/layer-spec.ts';
import type { Sequential } from '../../../engine/nn.ts';
import type { FeatureMap } from '../../messages.ts';
import { defineView } from './view.ts';

export interface FirstLayerWeights {
  /** `filters`: a Conv2d's kernels; `units`: a Linear's rows, one per hidden unit. */
  kind: 'filters' | 'units';
  /** One image per filter or unit: shape [count, height, width]. */
  images: FeatureMap;
}

/**
 * The image [height, width] a first-layer weight row or kernel is laid out as,
 * channels side by side, from the layer's input shape; null when the input is
 * not an image (2-D points).
 */
export function weightImageShape(input: readonly number[]): [channels: number, height: number, width: number] | null {
  if (input.length === 3) return [input[0]!, input[1]!, input[2]!];
  const side = Math.round(Math.sqrt(input[0]!));
  return input.length === 1 && side > 1 && side * side === input[0] ? [1, side, side] : null;
}

/** [out, channels, height, width] as `out` images of height × (channels · width): channels side by side. */
export function tileChannels(values: Float32Array, out: number, channels: number, height: number, width: number): Float32Array {
  if (channels === 1) return values;
  const tiled = new Float32Array(values.length);
  for (let o = 0; o < out; o++) {
    for (let c = 0; c < channels; c++) {
      for (let y = 0; y < height; y++) {
        for (let x = 0; x < width; x++) {
          tiled[((o * height + y) * channels + c) * width + x] = values[((o * channels + c) * height + y) * width + x]!;
        }
      }
    }
  }
  return tiled;
}

/** The first layer with weights, or -1. */
function firstWeightedLayer(model: Sequential): number {
  return model.layers.findIndex((spec) => kindOf(spec).parameters !== undefined);
}

export async function firstLayerWeights(model: Sequential): Promise<FirstLayerWeights | null> {
  const index = firstWeightedLayer(model);
  if (index < 0) return null;
  const weight = model.parameters.get(`${index}.weight`);
  const convolution = weight.shape.length === 4;
  // A Linear takes the image flattened in (channel, row, column) order, as x.view(-1, 784) does.
  const image = convolution ? ([weight.shape[1]!, weight.shape[2]!, weight.shape[3]!] as const) : weightImageShape(model.inputShape);
  if (!image) return null;
  const [channels, height, width] = image;
  const out = weight.shape[0]!;
  if (out * channels * height * width !== weight.size) return null;
  const values = await weight.readFloat32();
  return {
    kind: convolution ? 'filters' : 'units',
    images: {
      layer: index,
      name: kindOf(model.layers[index]!).describe(model.layers[index]!),
      shape: [out, height, channels * width],
      values: tileChannels(values, out, channels, height, width),
    },
  };
}

export const firstLayerWeightsView = defineView({
  id: 'first-layer-weights',
  schedule: { model: 'drawing', everySteps: 10, onEpoch: true, minIntervalMs: 500 },
  compute: ({ model }) => firstLayerWeights(model),
  transfer: (data) => [data.images.values.buffer as ArrayBuffer],
});
