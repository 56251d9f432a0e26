// Weights files (.safetensors): a model made from one, the answering model
// saved as one, and a loaded file made the current model.

import { datasetInfo, datasets, isDatasetName, type DatasetName } from '../../data/datasets.ts';
import type { Gpu } from '../../engine/gpu.ts';
import { checkLayers, describeLayer, formatSampleShape, type LayerSpec } from '../../engine/layer-spec.ts';
import { checkModelFits, explainOutOfMemory, Sequential } from '../../engine/nn.ts';
import type { ModelSource, WeightsPurpose, WorkerRequest } from '../messages.ts';
import type { GapActivation } from '../infer-architecture.ts';
import { decodeWeights, encodeTorchWeights, encodeWeights } from '../weights-file.ts';
import { saveCheckpoint } from './checkpoints.ts';
import { describeModel, postModels, releaseCurrent, type HeldModel } from './models.ts';
import { errorMessage, post } from './page.ts';
import { stopRun } from './runs.ts';
import { worker, requireGpu, track } from './state.ts';

/** A model from a weights file: our own (architecture in the metadata) or PyTorch's (inferred). */
export async function modelFromFile(
  device: Gpu,
  bytes: Uint8Array,
  fileName: string,
  fallbackDataset: DatasetName,
  source: ModelSource,
  activation: GapActivation = 'relu',
): Promise<HeldModel> {
  const file = decodeWeights(bytes, fileName, undefined, activation);
  const dataset = datasetFor(file.layers, file.metadata.dataset, fallbackDataset, fileName);
  const inputShape = datasetInfo(dataset).inputShape;
  // A loaded model answers one drawing at a time; training it goes through the session's own check.
  try {
    checkModelFits(device.limits, file.layers, 1, inputShape);
  } catch (error) {
    throw new Error(`${fileName}: ${(error as Error).message}`);
  }
  const model = await device.allocateOrRefuse(
    () => {
      const made = new Sequential(device, file.layers, 0, inputShape);
      try {
        made.loadStateDict(file.tensors);
      } catch (error) {
        made.destroy();
        throw error;
      }
      return made;
    },
    (made) => made.destroy(),
    // A model for predictions holds its weights and their (unused) gradients.
    (_, deviceMessage) => explainOutOfMemory(file.layers, 0, 2, deviceMessage, inputShape),
  );
  const info = describeModel(file.layers, dataset, source, model);
  info.fileName = fileName;
  info.architectureKnown = file.architectureKnown;
  if (file.renamed) info.readAs = file.renamed.map((r) => `${r.from} → ${describeLayer(file.layers[r.to]!)}`);
  if (file.activation) info.assumedActivation = file.activation;
  info.metadata = Object.entries(file.metadata).filter(([key]) => key !== 'architecture');
  const accuracy = Number(file.metadata.testAccuracy);
  if (Number.isFinite(accuracy)) info.testAccuracy = accuracy;
  const epochs = Number(file.metadata.epochs);
  if (Number.isFinite(epochs)) info.epochs = epochs;
  return { model, layers: file.layers, dataset, info };
}

/**
 * The dataset a model is for: the one its file names, else the page's
 * current one when the model fits it, else the first one it fits.
 */
function datasetFor(layers: readonly LayerSpec[], named: string | undefined, fallback: DatasetName, fileName: string): DatasetName {
  const fits = (name: DatasetName) => {
    try {
      checkLayers(layers, datasetInfo(name).inputShape);
      return true;
    } catch {
      return false;
    }
  };
  if (isDatasetName(named)) {
    if (fits(named)) return named;
    const input = formatSampleShape(datasetInfo(named).inputShape);
    throw new Error(`${fileName}: the model does not take ${named}'s samples (${input}): ${describeMismatch(layers, named)}`);
  }
  const fitting = datasets.map((d) => d.name).filter(fits);
  if (fitting.includes(fallback)) return fallback;
  if (fitting.length > 0) return fitting[0]!;
  throw new Error(`${fileName}: the model fits none of the datasets (${datasets.map((d) => `${d.title} ${formatSampleShape(d.inputShape)}`).join(', ')}): ${describeMismatch(layers, fallback)}`);
}

function describeMismatch(layers: readonly LayerSpec[], dataset: DatasetName): string {
  try {
    checkLayers(layers, datasetInfo(dataset).inputShape);
    return 'it fits';
  } catch (error) {
    return (error as Error).message;
  }
}

export async function exportWeights(purpose: WeightsPurpose, format: 'safetensors' | 'pt' = 'safetensors'): Promise<void> {
  const held = purpose === 'persist' ? worker.current : (worker.current ?? worker.pretrained);
  if (!held) {
    if (purpose === 'download') post({ type: 'problem', about: 'save', message: 'There is no model to save yet: train one first.' });
    return;
  }
  const tensors = await track(held.model.stateDict());
  const extra: Record<string, string> = { dataset: held.dataset, source: held.info.source };
  if (held.session) extra.config = JSON.stringify(held.session.config);
  if (held.info.epochs !== undefined) extra.epochs = String(held.info.epochs);
  if (held.info.testAccuracy !== undefined) extra.testAccuracy = String(held.info.testAccuracy);
  // A .pt file is a bare state_dict, as torch.save(model.state_dict()) writes it: no metadata.
  const bytes = format === 'pt' ? encodeTorchWeights(tensors) : encodeWeights(held.layers, tensors, extra);
  const fileName = `${held.dataset}-${held.info.shape}.${format === 'pt' ? 'pt' : 'safetensors'}`;
  post({ type: 'weights', purpose, bytes, fileName }, [bytes.buffer]);
}

export async function loadWeights(request: Extract<WorkerRequest, { type: 'load-weights' }>): Promise<void> {
  let held: HeldModel;
  try {
    held = await modelFromFile(requireGpu(), request.bytes, request.fileName, request.fallbackDataset, request.origin === 'file' ? 'loaded' : 'restored', request.activation);
  } catch (error) {
    post({ type: 'problem', about: 'load', message: errorMessage(error) });
    return;
  }
  await stopRun();
  await releaseCurrent();
  worker.current = held;
  // Before the page hears of the model, so that a device lost right after still finds it.
  const tensors = await track(held.model.stateDict()).catch(() => null);
  if (tensors) saveCheckpoint(held, tensors);
  postModels();
}
