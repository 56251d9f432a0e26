// Model weights as safetensors files that PyTorch reads: tensor names and
// shapes as torch.nn.Sequential's state_dict gives them, float32, and the
// architecture in the metadata so that our own files load without guessing.
// A file from PyTorch has no such metadata: its architecture is inferred from
// the names (Linear layers at their indices, the gaps between them ReLUs).

import { checkLayers, describeLayer, type LayerSpec } from '../engine/layer-spec.ts';
import { parseSafetensors, serializeSafetensors, SafetensorsError } from '../engine/safetensors.ts';

export interface NamedTensor {
  name: string;
  shape: number[];
  data: Float32Array;
}

export interface WeightsFile {
  layers: LayerSpec[];
  tensors: NamedTensor[];
  /** True when the architecture came from our metadata, false when it was inferred. */
  architectureKnown: boolean;
  metadata: Record<string, string>;
}

const FORMAT = 'webgpu-training-playground';

export function encodeWeights(layers: readonly LayerSpec[], tensors: NamedTensor[], extra: Record<string, string> = {}): Uint8Array {
  return serializeSafetensors(tensors, {
    ...extra,
    format: FORMAT,
    architecture: JSON.stringify(layers),
    torch: `nn.Sequential(${layers.map(describeLayer).join(', ')})`,
  });
}

export function decodeWeights(bytes: Uint8Array, fileName: string): WeightsFile {
  const parsed = parseSafetensors(bytes, fileName);
  const tensors: NamedTensor[] = [...parsed.tensors].map(([name, t]) => ({ name, shape: t.shape, data: t.data }));
  const architecture = parsed.metadata.architecture;
  if (architecture !== undefined) {
    let layers: LayerSpec[];
    try {
      layers = JSON.parse(architecture) as LayerSpec[];
      checkLayers(layers);
    } catch (error) {
      throw new SafetensorsError(`${fileName}: its "architecture" metadata is not a valid model (${(error as Error).message}); save the file again`);
    }
    return { layers, tensors, architectureKnown: true, metadata: parsed.metadata };
  }
  return { layers: inferLayers(tensors, fileName), tensors, architectureKnown: false, metadata: parsed.metadata };
}

/** Linear layers from "<i>.weight" [out, in] (and "<i>.bias"), ReLU in every gap between them. */
export function inferLayers(tensors: NamedTensor[], fileName: string): LayerSpec[] {
  const weights = new Map<number, NamedTensor>();
  for (const t of tensors) {
    const match = /^(\d+)\.(weight|bias)$/.exec(t.name);
    if (!match) {
      throw new SafetensorsError(
        `${fileName}: tensor "${t.name}" is not a torch.nn.Sequential Linear parameter ("<index>.weight" or "<index>.bias"); only Sequential models of Linear layers can be loaded`,
      );
    }
    if (match[2] === 'weight') weights.set(Number(match[1]), t);
  }
  const indices = [...weights.keys()].sort((a, b) => a - b);
  if (indices.length === 0) throw new SafetensorsError(`${fileName}: no "<index>.weight" tensors found; is this a model's state_dict?`);
  const layers: LayerSpec[] = [];
  for (const index of indices) {
    const weight = weights.get(index)!;
    if (weight.shape.length !== 2) {
      throw new SafetensorsError(`${fileName}: "${weight.name}" has shape [${weight.shape.join(', ')}]; a Linear weight is [out, in]`);
    }
    while (layers.length < index) layers.push({ type: 'relu' });
    const hasBias = tensors.some((t) => t.name === `${index}.bias`);
    layers.push({ type: 'linear', in: weight.shape[1]!, out: weight.shape[0]!, ...(hasBias ? {} : { bias: false }) });
  }
  try {
    checkLayers(layers);
  } catch (error) {
    throw new SafetensorsError(`${fileName}: the layers do not fit together (${(error as Error).message})`);
  }
  return layers;
}
