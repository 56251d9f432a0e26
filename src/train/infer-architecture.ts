// The layers of a state_dict saved without our metadata (by PyTorch, say),
// read from its tensor names and shapes. Each tensor pair "<prefix>.weight"
// (+ "<prefix>.bias") is one layer with weights, whose kind its weight's rank
// tells (layers/*.ts fromWeight: 2-D is Linear, 4-D is Conv2d). What the
// file cannot say (the layers without weights between them, a convolution's
// padding) is searched for among the usual choices, and taken only when one
// choice alone gives shapes that fit the input; otherwise the error says
// what is missing.

import { checkLayers, describeLayer, formatSampleShape, kindOf, type LayerSpec, type SampleShape } from '../engine/layer-spec.ts';
import { layerKinds } from '../engine/layers/kinds.ts';

export interface InferredArchitecture {
  layers: LayerSpec[];
  /** The file's name prefix of each layer with weights, and the state_dict index it gets here. */
  renamed: { from: string; to: number }[];
  /** The activation put between the layers with weights (the caller's choice), or null when there is no gap to fill. */
  activation: GapActivation | null;
}

/** Activations a gap between layers can hold: the file cannot say which, so the caller chooses. */
export type GapActivation = 'relu' | 'sigmoid';

export class ArchitectureError extends Error {
  override name = 'ArchitectureError';
}

interface WeightedLayer {
  prefix: string;
  /** The Sequential index when the names are "<index>.weight". */
  index: number | null;
  /** The specs its weight allows (a convolution's padding is not in the file). */
  choices: LayerSpec[];
  unknown: string[];
}

/** "Linear ([out, in]) and Conv2d ([out, in, height, width])": the kinds a weight's shape can be read as. */
const readableWeights = (() => {
  const layouts = layerKinds.flatMap((kind) => (kind.fromWeight && kind.weightLayout ? [kind.weightLayout] : []));
  return layouts.length > 1 ? `${layouts.slice(0, -1).join(', ')} and ${layouts.at(-1)}` : (layouts[0] ?? 'no');
})();

const naturalOrder = new Intl.Collator('en', { numeric: true }).compare;

/** Layers with weights, in the order of their names (numerically for indices: 2 before 10). */
function weightedLayers(tensors: readonly { name: string; shape: readonly number[] }[], fileName: string): WeightedLayer[] {
  const byPrefix = new Map<string, { weight?: readonly number[]; bias?: boolean }>();
  for (const t of tensors) {
    const match = /^(.+)\.(weight|bias)$/.exec(t.name);
    if (!match) {
      throw new ArchitectureError(
        `${fileName}: tensor "${t.name}" is not a layer's weight or bias ("<name>.weight", "<name>.bias"); is this a model's state_dict?`,
      );
    }
    const entry = byPrefix.get(match[1]!) ?? {};
    if (match[2] === 'weight') entry.weight = t.shape;
    else entry.bias = true;
    byPrefix.set(match[1]!, entry);
  }
  const prefixes = [...byPrefix.keys()].sort(naturalOrder);
  if (prefixes.length === 0) throw new ArchitectureError(`${fileName}: no tensors found; is this a model's state_dict?`);
  const numeric = prefixes.every((p) => /^\d+$/.test(p));
  return prefixes.map((prefix) => {
    const { weight, bias = false } = byPrefix.get(prefix)!;
    if (!weight) throw new ArchitectureError(`${fileName}: "${prefix}.bias" has no "${prefix}.weight" beside it`);
    const read = layerKinds.map((kind) => kind.fromWeight?.(weight, bias) ?? null).find((r) => r !== null);
    if (!read) {
      throw new ArchitectureError(
        `${fileName}: "${prefix}.weight" has shape [${weight.join(', ')}]; only ${readableWeights} weights can be read`,
      );
    }
    return { prefix, index: numeric ? Number(prefix) : null, choices: read.choices as LayerSpec[], unknown: read.unknown };
  });
}

/**
 * The choices for the layers without weights between two with weights:
 * `slots` of them when the names are Sequential indices (the gap between
 * indices), else as many as needed. After a convolution the usual block is
 * the activation then maybe a 2×2 max pool, and a Linear after a
 * convolution needs a Flatten first; between Linear layers only the
 * activation. Further slots (a Dropout, the identity in evaluation) are
 * filled with ReLUs, which change nothing after ReLU or Sigmoid (both give
 * values ≥ 0), nor after a max pool of them.
 */
function gapChoices(before: LayerSpec, after: LayerSpec | null, slots: number | null, activation: GapActivation): LayerSpec[][] {
  // A layer with weights that does not take flat vectors (Conv2d) gives images.
  const spatial = kindOf(before).flatInput !== true;
  const needsFlatten = spatial && after !== null && kindOf(after).flatInput === true;
  const fills = (n: number): LayerSpec[][] => {
    if (n <= 0) return [[]];
    const relus = (k: number): LayerSpec[] => Array.from({ length: k }, () => ({ type: 'relu' }) as const);
    const chosen: LayerSpec = { type: activation };
    if (!spatial || n === 1) return [[chosen, ...relus(n - 1)]];
    return [
      [chosen, ...relus(n - 1)],
      [chosen, { type: 'maxpool2d', kernel: [2, 2] }, ...relus(n - 2)],
    ];
  };
  const flatten: LayerSpec[] = needsFlatten ? [{ type: 'flatten' }] : [];
  if (slots === null) {
    if (after === null) return [[]];
    return fills(spatial ? 2 : 1).map((fill) => [...fill, ...flatten]);
  }
  const room = slots - flatten.length;
  return room < 0 ? [] : fills(room).map((fill) => [...fill, ...flatten]);
}

function product<T>(lists: T[][]): T[][] {
  return lists.reduce<T[][]>((acc, list) => acc.flatMap((prefix) => list.map((item) => [...prefix, item])), [[]]);
}

/**
 * The one architecture that the tensors and `input` (one sample's shape)
 * allow, or an ArchitectureError saying what the file does not say.
 */
export function inferArchitecture(
  tensors: readonly { name: string; shape: readonly number[] }[],
  fileName: string,
  input?: SampleShape,
  activation: GapActivation = 'relu',
): InferredArchitecture {
  const weighted = weightedLayers(tensors, fileName);
  const first = weighted[0]!;
  if (first.index !== null && first.index > 0 && kindOf(first.choices[0]!).flatInput !== true) {
    throw new ArchitectureError(`${fileName}: the first layer with weights is at index ${first.index}; the file does not say what comes before it`);
  }
  const gaps = weighted.map((layer, i) => {
    const next = weighted[i + 1] ?? null;
    const slots = layer.index !== null && next ? next.index! - layer.index - 1 : next ? null : 0;
    return gapChoices(layer.choices[0]!, next?.choices[0] ?? null, slots, activation);
  });
  const leading: LayerSpec[] = first.index !== null ? Array.from({ length: first.index }, () => ({ type: 'relu' }) as const) : [];
  const candidates = product(weighted.map((layer, i) => layer.choices.flatMap((spec) => gaps[i]!.map((gap) => [spec, ...gap]))));
  const fitting: LayerSpec[][] = [];
  let firstProblem = '';
  for (const parts of candidates) {
    const layers = [...leading, ...parts.flat()];
    try {
      checkLayers(layers, input);
      fitting.push(layers);
    } catch (error) {
      firstProblem ||= (error as Error).message;
    }
  }
  const unknowns = [...new Set(weighted.flatMap((layer) => layer.unknown))];
  if (fitting.length === 1) {
    const layers = fitting[0]!;
    const renamed = weighted.map((layer, i) => ({ from: layer.prefix, to: indexOf(layers, leading.length, i) }));
    return { layers, renamed, activation: weighted.length > 1 ? activation : null };
  }
  const missing = [
    ...(unknowns.length > 0 ? [`the convolutions' ${unknowns.join(' and ')}`] : []),
    'the layers without weights between them',
    ...(input ? [] : ['the input shape']),
  ].join(', ');
  if (fitting.length === 0) {
    throw new ArchitectureError(
      `${fileName}: its layers (${weighted.map((l) => `${l.prefix} ${describeLayer(l.choices[0]!)}`).join(', ')}) do not fit together for ` +
        `an input of ${input ? formatSampleShape(input) : 'unknown shape'} with any usual choice of ${missing} (${firstProblem}); ` +
        'save the file from this playground (its metadata says the architecture) or with a model that matches the dataset',
    );
  }
  throw new ArchitectureError(
    `${fileName}: the file does not say ${missing}, and ${fitting.length} architectures fit it; save it from this playground, whose files say the architecture`,
  );
}

/** Where the `i`-th layer with weights sits in `layers`. */
function indexOf(layers: readonly LayerSpec[], leading: number, i: number): number {
  let seen = -1;
  for (let at = leading; at < layers.length; at++) {
    if (kindOf(layers[at]!).parameters && ++seen === i) return at;
  }
  throw new Error(`no layer with weights number ${i}`);
}
