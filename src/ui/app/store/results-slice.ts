import type { StateCreator } from 'zustand';
import type { CellImage, GridValues, MisclassifiedSample, WorkerEvent } from '../../../train/messages.ts';
import type { AppState } from './store.ts';
import { send } from './worker-port.ts';

export interface TestResults {
  epoch: number;
  classNames: string[];
  matrix: number[][];
  misclassified: MisclassifiedSample[];
  accuracy: number;
  /** The worker's predictions pass these came from: a cell's images are asked for by it. */
  pass: number;
}

/** The confusion-matrix cell whose test images are shown: true class, predicted class. */
export interface OpenCell {
  /** The run whose results it belongs to: a new run's results close it. */
  runId: number;
  trueClass: number;
  predictedClass: number;
  /** The pass `images` came from; the images of the results' pass are on their way while it differs. */
  pass: number | null;
  /** Null until the first answer comes. */
  images: CellImage[] | null;
}

export interface ResultsSlice {
  /** Test-set predictions of the run's model, after its latest epoch. */
  results: TestResults | null;
  /** The run's model over the plane (2-D datasets). */
  grid: GridValues | null;
  openCell: OpenCell | null;
  /** Shows the test images of one cell (again: closes it). */
  toggleCell: (trueClass: number, predictedClass: number) => void;
  closeCell: () => void;
}

export const createResultsSlice: StateCreator<AppState, [], [], ResultsSlice> = (set, get) => ({
  results: null,
  grid: null,
  openCell: null,
  toggleCell: (trueClass, predictedClass) => {
    const { openCell, results } = get();
    if (!results) return;
    if (openCell?.trueClass === trueClass && openCell.predictedClass === predictedClass && openCell.runId === get().run.id) {
      set({ openCell: null });
      return;
    }
    set({ openCell: { runId: get().run.id, trueClass, predictedClass, pass: null, images: null } });
    askForCell(get());
  },
  closeCell: () => set({ openCell: null }),
});

function askForCell({ openCell, results, run }: AppState): void {
  if (!openCell || !results || openCell.runId !== run.id) return;
  send({ type: 'cell-images', runId: run.id, pass: results.pass, trueClass: openCell.trueClass, predictedClass: openCell.predictedClass });
}

/**
 * New results arrived: an open cell follows them, so its images always are
 * the ones its count in the matrix counts (the older images stay in sight
 * until the new ones come).
 */
export function followOpenCell(state: AppState): void {
  askForCell(state);
}

/** A cell's images from the worker: taken when they answer the open cell for the results shown. */
export function cellImagesArrived(event: Extract<WorkerEvent, { type: 'cell-images' }>, state: AppState, set: (partial: Partial<AppState>) => void): void {
  const { openCell, results, run } = state;
  if (!openCell || !results || event.runId !== run.id || openCell.runId !== run.id) return;
  if (event.trueClass !== openCell.trueClass || event.predictedClass !== openCell.predictedClass || event.pass !== results.pass) return;
  // The worker no longer keeps that pass: newer results are on their way, and will ask again.
  if (event.images === null) return;
  set({ openCell: { ...openCell, pass: event.pass, images: event.images } });
}
