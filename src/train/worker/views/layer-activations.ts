// The view "Layer activations": what every layer makes of the drawing on the
// pad, from one forward pass of batch 1 that keeps each block's output and
// reads them back together (one readback). A block is a layer with what
// follows it elementwise (its activation, a Dropout that evaluation turns off):
// the page shows its output as bars (a dense layer's units) or as small images
// (a convolution's or pooling's channels).

import { kindOf } from '../../../engine/layer-spec.ts';
import type { LayerSpec } from '../../../engine/layer-spec.ts';
import { fusedWithNext, type Sequential } from '../../../engine/nn.ts';
import { forwardObserved } from '../../predict.ts';
import { defineView } from './view.ts';

/** One block's output for the drawing: shape [units] or [channels, height, width]. */
export interface LayerActivation {
  /** The index of the block's last layer in the Sequential. */
  layer: number;
  /** As PyTorch prints the block's layers: "Linear(784, 256), ReLU()". */
  name: string;
  shape: number[];
  values: Float32Array;
}

export type LayerActivations = LayerActivation[];

/**
 * The layers whose outputs the view shows, each with its block's name: the
 * last layer of each run of a layer and the elementwise layers after it.
 * Layers that only reshape (Flatten) are left out: they give the same values.
 * Pure, so the choice is tested without a GPU.
 */
export function activationBlocks(layers: readonly LayerSpec[]): Map<number, string> {
  const blocks = new Map<number, string>();
  let names: string[] = [];
  layers.forEach((spec, index) => {
    const kind = kindOf(spec);
    if (kind.reshapes) return;
    names.push(kind.describe(spec));
    const next = layers[index + 1];
    if (next && kindOf(next).elementwise) return;
    blocks.set(index, names.join(', '));
    names = [];
  });
  return blocks;
}

export async function layerActivations(model: Sequential, drawing: Float32Array): Promise<LayerActivations> {
  const blocks = activationBlocks(model.layers);
  // Each block's output is observed once: under its own index, or under the index of the
  // layer whose kernel ran its ReLU.
  const blockOf = (index: number) => (blocks.has(index) ? index : fusedWithNext(model.layers, index) && blocks.has(index + 1) ? index + 1 : -1);
  const { layers } = await forwardObserved(model.gpu, model, drawing, (index) => blockOf(index) >= 0);
  return layers.map(({ layer, shape, values }) => {
    const block = blockOf(layer);
    return { layer: block, name: blocks.get(block)!, shape, values };
  });
}

export const layerActivationsView = defineView({
  id: 'layer-activations',
  schedule: { model: 'drawing', onDrawing: true },
  compute: ({ model, drawing }) => (drawing && model.inputs === drawing.length ? layerActivations(model, drawing) : Promise.resolve(null)),
  transfer: (data) => data.map((block) => block.values.buffer as ArrayBuffer),
});
