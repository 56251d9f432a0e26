// The models the worker holds: the pretrained one, and the user's current one
// (training, trained, loaded or restored), which answers instead when it can.

import { datasetInfo } from '../../data/datasets.ts';
import { describeSequential, modelShortName, type LayerSpec } from '../../engine/layer-spec.ts';
import { sizeOf } from '../../engine/tensor.ts';
import type { Sequential } from '../../engine/nn.ts';
import type { DatasetName } from '../config.ts';
import type { ModelInfo, ModelSource } from '../messages.ts';
import type { TrainingSession } from '../session.ts';
import { post } from './page.ts';
import { worker, settleJobs } from './state.ts';
import { modelsChanged } from './views/scheduler.ts';

export interface HeldModel {
  model: Sequential;
  layers: LayerSpec[];
  dataset: DatasetName;
  info: ModelInfo;
  /** Set while the model belongs to a training run (destroying the session destroys the model). */
  session?: TrainingSession;
}

export function describeModel(layers: readonly LayerSpec[], dataset: DatasetName, source: ModelSource, model: Sequential): ModelInfo {
  const info = datasetInfo(dataset);
  return {
    source,
    dataset,
    architecture: describeSequential(layers),
    shape: modelShortName(layers, model.inputShape),
    classNames: [...info.classNames],
    takesImages: info.drawing !== null && model.inputs === sizeOf(info.inputShape) && model.outputs === info.classes,
  };
}

/** The model that answers drawings: the current one if it takes images, else the pretrained one. */
export function drawingModel(): HeldModel | null {
  const current = worker.current;
  return current?.info.takesImages ? current : worker.pretrained;
}

export function postModels(): void {
  post({ type: 'models', current: (worker.current ?? worker.pretrained)?.info ?? null, drawing: drawingModel()?.info ?? null });
  modelsChanged();
}

/** Forgets the current model (the pretrained one answers again). */
export async function releaseCurrent(): Promise<void> {
  const held = worker.current;
  if (!held) return;
  worker.current = null;
  worker.checkpoint = null;
  await settleJobs();
  if (held.session) held.session.destroy();
  else held.model.destroy();
}
