// CPU copies of the current model's weights, so that a lost device does not
// lose the model: the new device rebuilds it from the latest copy.

import { datasetInfo } from '../../data/datasets.ts';
import type { Gpu } from '../../engine/gpu.ts';
import type { LayerSpec } from '../../engine/layer-spec.ts';
import { Sequential } from '../../engine/nn.ts';
import type { DatasetName } from '../config.ts';
import type { ModelInfo } from '../messages.ts';
import type { HeldModel } from './models.ts';
import { worker, track } from './state.ts';

/** A CPU copy of the current model's weights (each epoch while training), to rebuild it on a new device. */
export interface Checkpoint {
  layers: LayerSpec[];
  dataset: DatasetName;
  info: ModelInfo;
  tensors: { name: string; shape: number[]; data: Float32Array }[];
}

/** Keeps these weights as the checkpoint, unless another model became current meanwhile. */
export function saveCheckpoint(held: HeldModel, tensors: Checkpoint['tensors']): void {
  if (worker.current === held) worker.checkpoint = { layers: held.layers, dataset: held.dataset, info: { ...held.info }, tensors };
}

/** Copies the current model's weights to the CPU, unless another model became current meanwhile. */
export function keepCheckpoint(held: HeldModel): void {
  void track(held.model.stateDict()).then(
    (tensors) => saveCheckpoint(held, tensors),
    () => {},
  );
}

/** The model as of the checkpoint, on a new device; one that was still training counts as trained. */
export function restoreCheckpoint(device: Gpu, saved: Checkpoint): HeldModel {
  const model = new Sequential(device, saved.layers, 0, datasetInfo(saved.dataset).inputShape);
  model.loadStateDict(saved.tensors);
  const info: ModelInfo = { ...saved.info, source: saved.info.source === 'training' ? 'trained' : saved.info.source };
  return { model, layers: saved.layers, dataset: saved.dataset, info };
}
