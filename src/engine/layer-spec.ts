// What a layer is, as plain data: presets, the page and weight files carry
// these. Kept apart from the layers' GPU code so the page can describe a model
// without loading any kernel.

import { ShapeError } from './tensor.ts';

export type LayerSpec =
  | { type: 'linear'; in: number; out: number; bias?: boolean }
  | { type: 'relu' }
  | { type: 'sigmoid' }
  | { type: 'dropout'; p: number }
  | { type: 'flatten' };

/** "Linear(784, 256)", "ReLU()", … as PyTorch prints them. */
export function describeLayer(spec: LayerSpec): string {
  switch (spec.type) {
    case 'linear':
      return `Linear(${spec.in}, ${spec.out}${spec.bias === false ? ', bias=False' : ''})`;
    case 'relu':
      return 'ReLU()';
    case 'sigmoid':
      return 'Sigmoid()';
    case 'dropout':
      return `Dropout(p=${spec.p})`;
    case 'flatten':
      return 'Flatten()';
  }
}

/** Checks that consecutive layers fit together; returns the input and output widths. */
export function checkLayers(layers: readonly LayerSpec[]): { inputs: number; outputs: number } {
  let width: number | null = null;
  let inputs: number | null = null;
  layers.forEach((spec, index) => {
    if (spec.type === 'linear') {
      for (const [key, value] of [['in', spec.in], ['out', spec.out]] as const) {
        if (!Number.isInteger(value) || value < 1) {
          throw new ShapeError(`layer ${index} ${describeLayer(spec)}: "${key}" must be a positive integer`);
        }
      }
      if (width !== null && width !== spec.in) {
        throw new ShapeError(`layer ${index} ${describeLayer(spec)} expects ${spec.in} inputs but the layer before gives ${width}`);
      }
      inputs ??= spec.in;
      width = spec.out;
    } else if (spec.type === 'dropout' && !(spec.p >= 0 && spec.p < 1)) {
      throw new ShapeError(`layer ${index} ${describeLayer(spec)}: p must be in [0, 1)`);
    }
  });
  if (inputs === null || width === null) throw new ShapeError('a model needs at least one Linear layer');
  return { inputs, outputs: width };
}
