// Predictions for the user's drawings, from the model that answers drawings
// as it is right now (between two training steps, if a run is going). What
// the layers make of the drawing is a view of its own (views/layer-activations.ts).

import { predictProbabilities } from '../predict.ts';
import { drawingModel } from './models.ts';
import { errorMessage, post } from './page.ts';
import { worker, track } from './state.ts';

export async function predict(id: number, pixels: Float32Array): Promise<void> {
  const held = drawingModel();
  const gpu = worker.gpu;
  if (!held || !gpu) {
    post({ type: 'prediction', id, probabilities: null });
    return;
  }
  try {
    const probabilities = await track(predictProbabilities(gpu, held.model, pixels));
    post({ type: 'prediction', id, probabilities });
  } catch (error) {
    post({ type: 'prediction', id, probabilities: null });
    post({ type: 'problem', about: 'predict', message: errorMessage(error) });
  }
}
