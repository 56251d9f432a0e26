// Model weights as safetensors files that PyTorch reads: tensor names and
// shapes as torch.nn.Sequential's state_dict gives them, float32, and the
// architecture in the metadata so that our own files load without guessing.
// A file from PyTorch has no such metadata: its architecture is inferred
// from the names and shapes (infer-architecture.ts).

import { datasetInfo, datasets, isDatasetName } from '../data/datasets.ts';
import { checkLayers, describeSequential, formatSampleShape, type LayerSpec, type SampleShape } from '../engine/layer-spec.ts';
import { parseSafetensors, serializeSafetensors, SafetensorsError } from '../engine/safetensors.ts';
import { ArchitectureError, inferArchitecture } from './infer-architecture.ts';

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
  /** For an inferred architecture: the file's layer names and the indices they became, and what was assumed. */
  renamed?: { from: string; to: number }[];
  assumed?: string[];
  metadata: Record<string, string>;
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
 * that fit. Without one, every dataset's input shape is tried.
 */
export function decodeWeights(bytes: Uint8Array, fileName: string, inputShape?: SampleShape): WeightsFile {
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
  const inferred = inferForSomeInput(tensors, fileName, inputShape);
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
    assumed: inferred.assumed,
    metadata: parsed.metadata,
  };
}

/** The architecture for `inputShape`, or for the one input shape among the datasets' (and a Linear's own width) that gives one. */
function inferForSomeInput(tensors: NamedTensor[], fileName: string, inputShape: SampleShape | undefined) {
  try {
    if (inputShape) return inferArchitecture(tensors, fileName, inputShape);
    const shapes = [undefined, ...new Map(datasets.map((d) => [formatSampleShape(d.inputShape), d.inputShape])).values()];
    let firstError: unknown = null;
    for (const shape of shapes) {
      try {
        return inferArchitecture(tensors, fileName, shape);
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
