// The view "Weight histograms": the distribution of each layer's weights, and
// of their gradients while a run trains them, once per epoch, as
// TensorBoard's histograms. Computed on the GPU (TensorHistograms: a min/max
// pass and a binning pass with atomic counts), a few hundred bytes read back
// per epoch. The worker keeps one histogram per epoch of the model it shows.

import type { Sequential } from '../../../engine/nn.ts';
import { kindOf } from '../../../engine/layer-spec.ts';
import { HISTOGRAM_BINS } from '../../../engine/ops/histogram.ts';
import { TensorHistograms, type TensorHistogram } from '../../../engine/tensor-histograms.ts';
import type { Gpu } from '../../../engine/gpu.ts';
import { defineView, type ViewContext } from './view.ts';

export type { TensorHistogram };

export interface HistogramLayer {
  /** Index of the layer in the Sequential. */
  layer: number;
  /** As PyTorch prints it: "Linear(784, 128)". */
  name: string;
  /** Number of weights. */
  size: number;
}

export interface EpochHistograms {
  /** Epochs finished when it was taken (0: the weights before training, or a loaded model's). */
  epoch: number;
  /** Per layer, its weights. */
  weights: TensorHistogram[];
  /** Per layer, the gradient of the epoch's last step; null without a run. */
  grads: TensorHistogram[] | null;
}

export interface WeightHistogramsData {
  layers: HistogramLayer[];
  bins: number;
  /** Oldest first, at most MAX_EPOCHS. */
  epochs: EpochHistograms[];
}

const MAX_EPOCHS = 50;

interface Kept {
  model: Sequential;
  layers: HistogramLayer[];
  weights: TensorHistograms;
  grads: TensorHistograms;
  epochs: EpochHistograms[];
}

let kept: Kept | null = null;

function keptFor(gpu: Gpu, model: Sequential): Kept {
  if (kept?.model === model) return kept;
  kept?.weights.destroy();
  kept?.grads.destroy();
  const entries = model.parameters.entries.filter((entry) => entry.name.endsWith('.weight'));
  const segments = entries.map((entry) => ({ offset: entry.offset, length: entry.value.size }));
  const layers = entries.map((entry) => {
    const layer = Number(entry.name.split('.')[0]);
    return { layer, name: kindOf(model.layers[layer]!).describe(model.layers[layer]!), size: entry.value.size };
  });
  kept = {
    model,
    layers,
    weights: new TensorHistograms(gpu, segments, 'weight histograms'),
    grads: new TensorHistograms(gpu, segments, 'gradient histograms'),
    epochs: [],
  };
  return kept;
}

async function weightHistograms({ gpu, model, held, run }: ViewContext): Promise<WeightHistogramsData | null> {
  const k = keptFor(gpu, model);
  if (k.layers.length === 0) return null;
  const session = run?.session;
  const epoch = session ? Math.max(0, session.epochComplete ? session.epoch : session.epoch - 1) : (held.info.epochs ?? 0);
  const params = model.parameters;
  const withGrads = session !== undefined && session.steps > 0;
  k.weights.record(params.slice(params.values));
  if (withGrads) k.grads.record(params.slice(params.grads));
  const wSlices = k.weights.slices();
  const bytes = await gpu.read(...wSlices, ...(withGrads ? k.grads.slices() : []));
  const entry: EpochHistograms = {
    epoch,
    weights: k.weights.readout(bytes.slice(0, wSlices.length)),
    grads: withGrads ? k.grads.readout(bytes.slice(wSlices.length)) : null,
  };
  // A second look at the same epoch (the view shown again, the run ended) replaces it.
  if (k.epochs.at(-1)?.epoch === epoch) k.epochs.pop();
  k.epochs.push(entry);
  if (k.epochs.length > MAX_EPOCHS) k.epochs.shift();
  return { layers: k.layers, bins: HISTOGRAM_BINS, epochs: [...k.epochs] };
}

export const weightHistogramsView = defineView({
  id: 'weight-histograms',
  // The model being trained whatever its dataset (a blobs run's too), not only one that reads drawings.
  schedule: { model: 'current', onEpoch: true },
  compute: weightHistograms,
});
