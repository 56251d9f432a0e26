import type { StateCreator } from 'zustand';
import type { GridValues, MisclassifiedSample } from '../../../train/messages.ts';
import type { AppState } from './store.ts';

export interface TestResults {
  epoch: number;
  classNames: string[];
  matrix: number[][];
  misclassified: MisclassifiedSample[];
  accuracy: number;
}

export interface ResultsSlice {
  /** Test-set predictions of the run's model, after its latest epoch. */
  results: TestResults | null;
  /** The run's model over the plane (2-D datasets). */
  grid: GridValues | null;
}

export const createResultsSlice: StateCreator<AppState, [], [], ResultsSlice> = () => ({
  results: null,
  grid: null,
});
