// The models the worker holds: the pretrained one, and the user's current one
// (training, trained, loaded or restored), which answers instead when it can.

import { FASHION_MNIST_CLASS_NAMES, MNIST_CLASS_NAMES } from '../../data/dataset.ts';
import { describeLayer, type LayerSpec } from '../../engine/layer-spec.ts';
import type { Sequential } from '../../engine/nn.ts';
import type { DatasetName } from '../config.ts';
import type { ModelInfo, ModelSource } from '../messages.ts';
import type { TrainingSession } from '../session.ts';
import { post } from './page.ts';
import { worker, settleJobs } from './state.ts';

export interface HeldModel {
  model: Sequential;
  layers: LayerSpec[];
  dataset: DatasetName;
  info: ModelInfo;
  /** Set while the model belongs to a training run (destroying the session destroys the model). */
  session?: TrainingSession;
}

function classNamesOf(dataset: DatasetName): string[] {
  if (dataset === 'fashion-mnist') return FASHION_MNIST_CLASS_NAMES;
  if (dataset === 'mnist') return MNIST_CLASS_NAMES;
  return ['0', '1'];
}

export function describeModel(layers: readonly LayerSpec[], dataset: DatasetName, source: ModelSource, model: Sequential): ModelInfo {
  const linears = layers.filter((l) => l.type === 'linear');
  return {
    source,
    dataset,
    architecture: `nn.Sequential(${layers.map(describeLayer).join(', ')})`,
    shape: [linears[0]!.in, ...linears.map((l) => l.out)].join('-'),
    classNames: classNamesOf(dataset),
    takesImages: model.inputs === 784 && model.outputs === 10,
  };
}

/** The model that answers drawings: the current one if it takes images, else the pretrained one. */
export function drawingModel(): HeldModel | null {
  const current = worker.current;
  return current?.info.takesImages ? current : worker.pretrained;
}

export function postModels(): void {
  post({ type: 'models', current: (worker.current ?? worker.pretrained)?.info ?? null, drawing: drawingModel()?.info ?? null });
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
