// The in-memory shape every dataset takes, whatever its source. Images stay
// as bytes 0..255 (a quarter of the memory and upload of float32); the GPU
// scales them to [0, 1] as x / 255 when it reads a batch.

export interface DatasetSplit {
  /** count × features, row-major: image bytes 0..255, or float coordinates (blobs). */
  inputs: Uint8Array | Float32Array;
  /** One per sample: class-index bytes (images), or 0/1 floats for a binary target (blobs). */
  labels: Uint8Array | Float32Array;
  count: number;
  features: number;
}

/** A dataset's samples; what they are (classes, names, shape) is its module's DatasetInfo. */
export interface Dataset {
  name: string;
  train: DatasetSplit;
  test: DatasetSplit;
}

/** Sample `index` as the floats the model sees: bytes scaled by 1/255 like the GPU does, floats as they are. For CPU uses (tests, the gallery). */
export function sampleFeatures(split: DatasetSplit, index: number, out = new Float32Array(split.features)): Float32Array {
  if (!Number.isInteger(index) || index < 0 || index >= split.count) {
    throw new RangeError(`sampleFeatures: index ${index} is outside 0..${split.count - 1}`);
  }
  const start = index * split.features;
  const scale = split.inputs instanceof Uint8Array ? 1 / 255 : 1;
  for (let i = 0; i < split.features; i++) out[i] = split.inputs[start + i]! * scale;
  return out;
}

/** The split's first `count` samples (views of its arrays, not copies); the split itself when it has no more. */
export function firstSamples(split: DatasetSplit, count: number): DatasetSplit {
  if (count >= split.count) return split;
  return { ...split, count, inputs: split.inputs.subarray(0, count * split.features), labels: split.labels.subarray(0, count) };
}
