import type { StateCreator } from 'zustand';
import type { FeatureMap, FeatureMaps } from '../../../train/messages.ts';
import { dropWaitingPrediction, requestPrediction } from './predictions.ts';
import type { AppState } from './store.ts';

export interface DrawSlice {
  /** The drawing as the model sees it (784 values in [0, 1]), or null when the pad is empty. */
  drawing: Float32Array | null;
  probabilities: number[] | null;
  /** What each convolution block makes of the drawing (models with convolutions only). */
  featureMaps: FeatureMaps | null;
  /** The answering model's first convolution's kernels, while the Filters view asks for them. */
  filters: FeatureMap | null;
  setDrawing: (pixels: Float32Array | null) => void;
}

export const createDrawSlice: StateCreator<AppState, [], [], DrawSlice> = (set) => ({
  drawing: null,
  probabilities: null,
  featureMaps: null,
  filters: null,
  setDrawing: (pixels) => {
    set(pixels ? { drawing: pixels } : { drawing: null, probabilities: null, featureMaps: null });
    if (pixels) requestPrediction(pixels);
    else dropWaitingPrediction();
  },
});
