import type { StateCreator } from 'zustand';
import { datasetInfo, type DatasetName } from '../../../train/config.ts';
import {
  defaultSettings,
  MAX_CONV_BLOCKS,
  MAX_HIDDEN_LAYERS,
  newConvBlock,
  type ConvBlockSettings,
  noSchedule,
  type ScheduleSettings,
  type ScheduleTextField,
  withScheduleType,
  settingsForDataset,
  settingsFromPreset,
  type Settings,
} from './settings.ts';
import type { AppState } from './store.ts';
import { send } from './worker-port.ts';

type TextField = 'dropout' | 'lr' | 'momentum' | 'batchSize' | 'epochs' | 'seed' | 'trainLimit';

export interface SetupSlice {
  settings: Settings;
  setText: (field: TextField, value: string) => void;
  setOptimizer: (optimizer: Settings['optimizer']) => void;
  setActivation: (activation: Settings['activation']) => void;
  setFlip: (flip: boolean) => void;
  setReluAfterLast: (on: boolean) => void;
  chooseDataset: (dataset: DatasetName) => void;
  /** Fills every field from a preset (its own run length included). */
  choosePreset: (name: string) => void;
  addHiddenLayer: () => void;
  removeHiddenLayer: (index: number) => void;
  setHiddenWidth: (index: number, value: string) => void;
  addConvBlock: () => void;
  removeConvBlock: (index: number) => void;
  setConvBlock: (index: number, patch: Partial<ConvBlockSettings>) => void;
  /** Another schedule (its empty epoch fields filled from the run length). */
  setScheduleType: (type: ScheduleSettings['type']) => void;
  setScheduleText: (field: ScheduleTextField, value: string) => void;
  /** Settings restored from the browser's storage. */
  restoreSettings: (settings: Settings) => void;
}

function preload(settings: Settings): void {
  send({ type: 'use-dataset', dataset: settings.dataset, seed: Number(settings.seed) || 0 });
}

export const createSetupSlice: StateCreator<AppState, [], [], SetupSlice> = (set, get) => {
  const update = (patch: Partial<Settings>) => set({ settings: { ...get().settings, ...patch } });
  return {
    settings: defaultSettings(),
    setText: (field, value) => {
      update({ [field]: value });
      // Data drawn from the seed (blobs): show the points the next run will use.
      const settings = get().settings;
      if (field === 'seed' && datasetInfo(settings.dataset).seeded && /^\d+$/.test(value.trim())) preload(settings);
    },
    setOptimizer: (optimizer) => update({ optimizer }),
    setActivation: (activation) => update({ activation }),
    setFlip: (flip) => update({ flip }),
    setReluAfterLast: (reluAfterLast) => update({ reluAfterLast }),
    chooseDataset: (dataset) => {
      const settings = settingsForDataset(dataset, get().settings);
      set({ settings });
      preload(settings);
    },
    choosePreset: (name) => {
      const settings = settingsFromPreset(name);
      const previous = get().settings;
      set({ settings });
      if (settings.dataset !== previous.dataset) preload(settings);
    },
    addHiddenLayer: () => {
      const { hidden } = get().settings;
      if (hidden.length >= MAX_HIDDEN_LAYERS) return;
      update({ hidden: [...hidden, hidden[hidden.length - 1] ?? '64'] });
    },
    removeHiddenLayer: (index) => update({ hidden: get().settings.hidden.filter((_, i) => i !== index) }),
    setHiddenWidth: (index, value) => update({ hidden: get().settings.hidden.map((h, i) => (i === index ? value : h)) }),
    addConvBlock: () => {
      const { conv } = get().settings;
      if (conv.length >= MAX_CONV_BLOCKS) return;
      update({ conv: [...conv, newConvBlock(conv[conv.length - 1])] });
    },
    removeConvBlock: (index) => update({ conv: get().settings.conv.filter((_, i) => i !== index) }),
    setConvBlock: (index, patch) => update({ conv: get().settings.conv.map((block, i) => (i === index ? { ...block, ...patch } : block)) }),
    setScheduleType: (type) => update({ lrSchedule: withScheduleType(get().settings, type) }),
    setScheduleText: (field, value) => update({ lrSchedule: { ...(get().settings.lrSchedule ?? noSchedule), [field]: value } }),
    restoreSettings: (settings) => {
      set({ settings });
      preload(settings);
    },
  };
};
