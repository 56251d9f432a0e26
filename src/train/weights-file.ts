// Model weights as files PyTorch reads: safetensors, with tensor names and
// shapes as torch.nn.Sequential's state_dict gives them, float32, and the
// architecture in the metadata so that our own files load without guessing;
// or torch.save's .pt (src/engine/torch-file), a bare state_dict. A file from
// PyTorch has no such metadata: its architecture is inferred from the names
// and shapes (infer-architecture.ts).

import { datasetInfo, datasets, isDatasetName } from '../data/datasets.ts';
import { checkLayers, describeSequential, formatSampleShape, type LayerSpec, type SampleShape } from '../engine/layer-spec.ts';
import { parseSafetensors, serializeSafetensors, SafetensorsError } from '../engine/safetensors.ts';
import { readTorchFile, TorchFileError, writeTorchFile } from '../engine/torch-file/torch-file.ts';
import { ArchitectureError, inferArchitecture, type GapActivation } from './infer-architecture.ts';

export interface NamedTensor {
  name: string;
  shape: number[];
  data: Float32Array;
}

export interface WeightsFile {
  layers: LayerSpec[];
  /** Named as this playground's Sequential names them (a file's own names are mapped in `renamed`). */
  tensors: NamedTensor[];
  /** True when the architecture came from our metadata, false when it was inferred. */
  architectureKnown: boolean;
  /** For an inferred architecture: the file's layer names and the indices they became. */
  renamed?: { from: string; to: number }[];
  /** For an inferred architecture with more than one layer: the activation put between the layers (the caller's choice). */
  activation?: GapActivation | null;
  /** How a torch.save file was read (a checkpoint's state_dict, converted dtypes). */
  notes?: string[];
  metadata: Record<string, string>;
}

/** A weights file's format, from its first bytes: torch.save's ZIP archive or legacy pickle, else safetensors. */
export function isTorchFile(bytes: Uint8Array): boolean {
  const zip = bytes[0] === 0x50 && bytes[1] === 0x4b; // "PK"
  const pickle = bytes[0] === 0x80 && bytes[1] !== undefined && bytes[1] >= 2 && bytes[1] <= 5; // PROTO 2–5
  return zip || pickle;
}

/** A .pt file of the state_dict, as torch.save(model.state_dict(), PATH) writes it: torch.load(PATH, weights_only=True) reads it. */
export function encodeTorchWeights(tensors: NamedTensor[]): Uint8Array {
  return writeTorchFile(tensors);
}

const FORMAT = 'webgpu-training-playground';

export function encodeWeights(layers: readonly LayerSpec[], tensors: NamedTensor[], extra: Record<string, string> = {}): Uint8Array {
  return serializeSafetensors(tensors, {
    ...extra,
    format: FORMAT,
    architecture: JSON.stringify(layers),
    torch: describeSequential(layers),
  });
}

/**
 * Reads a weights file. `inputShape` is one sample of the dataset it is for
 * (by default the dataset its metadata names), which an inferred
 * convolutional architecture needs: its padding is found from the shapes
 * that fit. Without one, every dataset's input shape is tried. A file
 * without our metadata does not say which activation comes between its
 * layers: `activation` is put there (the page passes the setup's choice).
 */
export function decodeWeights(bytes: Uint8Array, fileName: string, inputShape?: SampleShape, activation: GapActivation = 'relu'): WeightsFile {
  if (isTorchFile(bytes)) return decodeTorchWeights(bytes, fileName, inputShape, activation);
  const parsed = parseSafetensors(bytes, fileName);
  const named = parsed.metadata.dataset;
  inputShape ??= isDatasetName(named) ? datasetInfo(named).inputShape : undefined;
  const tensors: NamedTensor[] = [...parsed.tensors].map(([name, t]) => ({ name, shape: t.shape, data: t.data }));
  const architecture = parsed.metadata.architecture;
  if (architecture !== undefined) {
    let layers: LayerSpec[];
    try {
      layers = JSON.parse(architecture) as LayerSpec[];
      checkLayers(layers, inputShape);
    } catch (error) {
      throw new SafetensorsError(`${fileName}: its "architecture" metadata is not a valid model (${(error as Error).message}); save the file again`);
    }
    return { layers, tensors, architectureKnown: true, metadata: parsed.metadata };
  }
  return { ...inferredWeights(tensors, fileName, inputShape, activation), metadata: parsed.metadata };
}

function decodeTorchWeights(bytes: Uint8Array, fileName: string, inputShape: SampleShape | undefined, activation: GapActivation): WeightsFile {
  let read;
  try {
    read = readTorchFile(bytes, fileName);
  } catch (error) {
    // One kind of error for every unreadable weights file, whatever its format.
    if (error instanceof TorchFileError) throw new SafetensorsError(error.message);
    throw error;
  }
  const { tensors, notes } = read;
  return { ...inferredWeights(tensors, fileName, inputShape, activation), notes, metadata: {} };
}

/** The inferred architecture, with the tensors renamed to its Sequential's names. */
function inferredWeights(tensors: NamedTensor[], fileName: string, inputShape: SampleShape | undefined, activation: GapActivation): Omit<WeightsFile, 'metadata'> {
  const inferred = inferForSomeInput(tensors, fileName, inputShape, activation);
  const index = new Map(inferred.renamed.map((r) => [r.from, r.to]));
  const renamedTensors = tensors.map((t) => {
    const [, prefix, suffix] = /^(.+)\.(weight|bias)$/.exec(t.name)!;
    return { ...t, name: `${index.get(prefix!)}.${suffix}` };
  });
  return {
    layers: inferred.layers,
    tensors: renamedTensors,
    architectureKnown: false,
    renamed: inferred.renamed,
    activation: inferred.activation,
  };
}

/** The architecture for `inputShape`, or for the one input shape among the datasets' (and a Linear's own width) that gives one. */
function inferForSomeInput(tensors: NamedTensor[], fileName: string, inputShape: SampleShape | undefined, activation: GapActivation) {
  try {
    if (inputShape) return inferArchitecture(tensors, fileName, inputShape, activation);
    const shapes = [undefined, ...new Map(datasets.map((d) => [formatSampleShape(d.inputShape), d.inputShape])).values()];
    let firstError: unknown = null;
    for (const shape of shapes) {
      try {
        return inferArchitecture(tensors, fileName, shape, activation);
      } catch (error) {
        firstError ??= error;
      }
    }
    throw firstError;
  } catch (error) {
    if (error instanceof ArchitectureError) throw new SafetensorsError(error.message);
    throw error;
  }
}
