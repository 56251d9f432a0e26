import type { StateCreator } from 'zustand';
import { formatRate, type Suggestion } from '../../../train/lr-finder.ts';
import type { RangePoint } from '../../../train/range-test.ts';
import type { Msg } from '../i18n/translator.ts';
import { toConfig, trainLimitOf } from './settings.ts';
import type { AppState } from './store.ts';
import { send } from './worker-port.ts';

export interface LrFinderState {
  id: number;
  status: 'idle' | 'starting' | 'running' | 'done' | 'failed';
  /** The range tried (from lr-range-started). */
  steps: number;
  startLr: number;
  endLr: number;
  /** Every step's rate, loss and smoothed loss so far. */
  points: RangePoint[];
  suggestion: Suggestion | null;
  ended: 'finished' | 'exploded' | 'stopped' | null;
  message: Msg | null;
}

export interface LrFinderSlice {
  lrFinder: LrFinderState;
  /** The range test on the setup's model and data, from its seeded initial weights. */
  startFindLr: () => void;
  stopFindLr: () => void;
  /** Puts the suggested rate into the setup's learning-rate field. */
  useSuggestedLr: () => void;
}

export const idleLrFinder: LrFinderState = { id: 0, status: 'idle', steps: 0, startLr: 0, endLr: 0, points: [], suggestion: null, ended: null, message: null };

export const createLrFinderSlice: StateCreator<AppState, [], [], LrFinderSlice> = (set, get) => ({
  lrFinder: idleLrFinder,
  startFindLr: () => {
    const { settings, lrFinder, gpuStatus } = get();
    const config = toConfig(settings);
    if (!config || gpuStatus !== 'ready') return;
    const id = lrFinder.id + 1;
    set({ lrFinder: { ...idleLrFinder, id, status: 'starting' } });
    send({ type: 'find-lr', runId: id, config, data: { trainLimit: trainLimitOf(settings) } });
  },
  stopFindLr: () => send({ type: 'stop-find-lr' }),
  useSuggestedLr: () => {
    const { suggestion } = get().lrFinder;
    if (suggestion) get().setText('lr', formatRate(suggestion.lr));
  },
});
