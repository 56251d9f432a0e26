import type { StateCreator } from 'zustand';
import type { DatasetName } from '../../../train/config.ts';
import type { BlobPoint } from '../../../train/messages.ts';
import type { Msg } from '../i18n/translator.ts';
import type { AppState } from './store.ts';

export interface DataState {
  status: 'loading' | 'ready' | 'error';
  message: Msg | null;
  trainCount: number | null;
  testCount: number | null;
  points: BlobPoint[] | null;
}

export interface DataSlice {
  datasets: Partial<Record<DatasetName, DataState>>;
}

export const createDataSlice: StateCreator<AppState, [], [], DataSlice> = () => ({
  datasets: {},
});
