// Predictions for the user's drawings, from the model that answers drawings
// as it is right now (between two training steps, if a run is going), with
// the feature maps of its convolutions from the same forward pass.

import { forwardObserved, probabilitiesOf } from '../predict.ts';
import { drawingModel } from './models.ts';
import { errorMessage, post } from './page.ts';
import { worker, track } from './state.ts';
import { featureMapLayers, featureMapsOf } from './views/feature-maps.ts';
import { firstFilters } from './views/filters.ts';

export async function predict(id: number, pixels: Float32Array): Promise<void> {
  const held = drawingModel();
  const gpu = worker.gpu;
  if (!held || !gpu) {
    post({ type: 'prediction', id, probabilities: null });
    return;
  }
  try {
    const maps = featureMapLayers(held.model);
    const { output, layers } = await track(forwardObserved(gpu, held.model, pixels, (layer) => maps.has(layer)));
    const featureMaps = maps.size > 0 ? featureMapsOf(held.model, layers) : undefined;
    post({ type: 'prediction', id, probabilities: probabilitiesOf(output), featureMaps }, featureMaps?.map((m) => m.values.buffer as ArrayBuffer));
  } catch (error) {
    post({ type: 'prediction', id, probabilities: null });
    post({ type: 'problem', about: 'predict', message: errorMessage(error) });
  }
}

export async function sendFilters(): Promise<void> {
  const held = drawingModel();
  if (!held || !worker.gpu) {
    post({ type: 'filters', filters: null });
    return;
  }
  try {
    const filters = await track(firstFilters(held.model));
    post({ type: 'filters', filters }, filters ? [filters.values.buffer as ArrayBuffer] : []);
  } catch (error) {
    post({ type: 'filters', filters: null });
    post({ type: 'problem', about: 'predict', message: errorMessage(error) });
  }
}
