import type { StateCreator } from 'zustand';
import { dropWaitingPrediction, requestPrediction } from './predictions.ts';
import type { AppState } from './store.ts';
import { send } from './worker-port.ts';

export interface DrawSlice {
  /** The drawing as the model sees it (784 values in [0, 1]), or null when the pad is empty. */
  drawing: Float32Array | null;
  probabilities: number[] | null;
  setDrawing: (pixels: Float32Array | null) => void;
}

export const createDrawSlice: StateCreator<AppState, [], [], DrawSlice> = (set) => ({
  drawing: null,
  probabilities: null,
  setDrawing: (pixels) => {
    set(pixels ? { drawing: pixels } : { drawing: null, probabilities: null });
    if (pixels) requestPrediction(pixels);
    else {
      dropWaitingPrediction();
      send({ type: 'clear-drawing' });
    }
  },
});
