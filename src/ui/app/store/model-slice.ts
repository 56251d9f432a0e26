import type { StateCreator } from 'zustand';
import type { ModelInfo } from '../../../train/messages.ts';
import { msg, type Msg } from '../i18n/translator.ts';
import type { AppState } from './store.ts';
import { send } from './worker-port.ts';

export interface ModelSlice {
  /** The model "Save model" saves. */
  currentModel: ModelInfo | null;
  /** The model that answers drawings. */
  drawingModel: ModelInfo | null;
  pretrained: { available: boolean; message: Msg } | null;
  /** What went wrong with the last save or load, in words. */
  modelProblem: Msg | null;
  /** What the last save or load did, in words. */
  modelNotice: Msg | null;
  /** Downloads the current model: safetensors with our metadata, or torch.save's .pt. */
  saveModel: (format?: 'safetensors' | 'pt') => void;
  loadModelFile: (file: File) => Promise<void>;
}

/** Larger files are refused before reading: no Sequential of this playground comes near. */
export const MAX_MODEL_FILE_BYTES = 256 * 1024 * 1024;

export const createModelSlice: StateCreator<AppState, [], [], ModelSlice> = (set, get) => ({
  currentModel: null,
  drawingModel: null,
  pretrained: null,
  modelProblem: null,
  modelNotice: null,
  saveModel: (format = 'safetensors') => {
    set({ modelProblem: null, modelNotice: null });
    send({ type: 'export-weights', purpose: 'download', format });
  },
  loadModelFile: async (file) => {
    set({ modelProblem: null, modelNotice: null });
    if (file.size > MAX_MODEL_FILE_BYTES) {
      set({ modelProblem: msg('model.tooLarge', { file: file.name, size: Math.round(file.size / 2 ** 20) }) });
      return;
    }
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await file.arrayBuffer());
    } catch (error) {
      set({ modelProblem: msg('model.unreadable', { file: file.name, detail: (error as Error).message }) });
      return;
    }
    send(
      { type: 'load-weights', bytes, fileName: file.name, origin: 'file', fallbackDataset: get().settings.dataset, activation: get().settings.activation },
      [bytes.buffer],
    );
  },
});
