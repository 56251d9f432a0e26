import type { StateCreator } from 'zustand';
import { dropWaitingPrediction, requestPrediction } from './predictions.ts';
import type { AppState } from './store.ts';
import { send } from './worker-port.ts';

export interface DrawSlice {
  /** The drawing as the model sees it (784 values in [0, 1]), or null when the pad is empty. */
  drawing: Float32Array | null;
  probabilities: number[] | null;
  setDrawing: (pixels: Float32Array | null) => void;
  /** An image put on the pad from elsewhere (a test image of the results); a new id each time, so the pad repaints. */
  padPicture: { id: number; pixels: Float32Array } | null;
  /** Puts a 28×28 image on the pad: the pad shows it, and it becomes the model's input as it is. */
  showOnPad: (pixels: Float32Array) => void;
}

export const createDrawSlice: StateCreator<AppState, [], [], DrawSlice> = (set, get) => ({
  drawing: null,
  probabilities: null,
  padPicture: null,
  showOnPad: (pixels) => {
    set({ padPicture: { id: (get().padPicture?.id ?? 0) + 1, pixels } });
    get().setDrawing(pixels);
  },
  setDrawing: (pixels) => {
    set(pixels ? { drawing: pixels } : { drawing: null, probabilities: null });
    if (pixels) requestPrediction(pixels);
    else {
      dropWaitingPrediction();
      send({ type: 'clear-drawing' });
    }
  },
});
