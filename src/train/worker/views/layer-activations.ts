// The view "Feature maps": what each convolution block makes of the drawing,
// one small image per channel, from the same forward pass that answers the
// drawing (so it costs one readback of a few hundred kilobytes, and nothing
// for a model without convolutions).

import { kindOf } from '../../../engine/layer-spec.ts';
import type { Sequential } from '../../../engine/nn.ts';
import type { FeatureMaps } from '../../messages.ts';
import type { LayerOutput } from '../../predict.ts';

/** Layers whose outputs are feature maps: those with weights that give images (each Conv2d, after its fused ReLU). */
export function featureMapLayers(model: Sequential): Set<number> {
  const layers = new Set<number>();
  model.shape.layers.forEach((layer, index) => {
    if (kindOf(layer.spec).parameters && layer.output.length === 3) layers.add(index);
  });
  return layers;
}

export function featureMapsOf(model: Sequential, outputs: LayerOutput[]): FeatureMaps {
  return outputs.map(({ layer, shape, values }) => ({
    layer,
    name: kindOf(model.layers[layer]!).describe(model.layers[layer]!),
    shape: shape as [number, number, number],
    values,
  }));
}
