// The view "Filters": the first convolution's learned kernels, one small
// image per output channel (its input channels side by side), read when the
// page asks for them, which it does only while the view is on screen.

import { kindOf } from '../../../engine/layer-spec.ts';
import type { Sequential } from '../../../engine/nn.ts';
import type { FeatureMap } from '../../messages.ts';

/** The first layer with 4-D weights (a Conv2d), or null for a model without one. */
export async function firstFilters(model: Sequential): Promise<FeatureMap | null> {
  const index = model.layers.findIndex((spec, i) => kindOf(spec).parameters && model.shape.layers[i]!.input.length === 3);
  if (index < 0) return null;
  const weight = model.parameters.get(`${index}.weight`);
  const [out, channels, height, width] = weight.shape as [number, number, number, number];
  const values = await weight.readFloat32();
  // [out, in, kh, kw] as `out` images of kh × (in · kw): input channels side by side.
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
  return { layer: index, name: kindOf(model.layers[index]!).describe(model.layers[index]!), shape: [out, height, channels * width], values: tiled };
}
