// The page's state: one zustand store made of slices, one per concern
// (zustand's slices pattern). Components select single fields, so a chart that
// updates ten times a second re-renders itself and nothing else.

import { create } from 'zustand';
import { createCompareSlice, type CompareSlice } from './compare-slice.ts';
import { createDataSlice, type DataSlice } from './data-slice.ts';
import { createDrawSlice, type DrawSlice } from './draw-slice.ts';
import { createGpuSlice, type GpuSlice } from './gpu-slice.ts';
import { createLanguageSlice, type LanguageSlice } from './language-slice.ts';
import { createLrFinderSlice, type LrFinderSlice } from './lr-finder-slice.ts';
import { createLessonsSlice, type LessonsSlice } from './lessons-slice.ts';
import { createModelSlice, type ModelSlice } from './model-slice.ts';
import { createResultsSlice, type ResultsSlice } from './results-slice.ts';
import { createSetupSlice, type SetupSlice } from './setup-slice.ts';
import { createTrainSlice, type TrainSlice } from './train-slice.ts';
import { createUrlSlice, type UrlSlice } from './url-slice.ts';

export type AppState = LanguageSlice & GpuSlice & DataSlice & SetupSlice & TrainSlice & DrawSlice & ModelSlice & ResultsSlice & CompareSlice & LrFinderSlice & LessonsSlice & UrlSlice;

export const useAppStore = create<AppState>()((...a) => ({
  ...createLanguageSlice(...a),
  ...createGpuSlice(...a),
  ...createDataSlice(...a),
  ...createSetupSlice(...a),
  ...createTrainSlice(...a),
  ...createDrawSlice(...a),
  ...createModelSlice(...a),
  ...createResultsSlice(...a),
  ...createCompareSlice(...a),
  ...createLrFinderSlice(...a),
  ...createLessonsSlice(...a),
  ...createUrlSlice(...a),
}));
