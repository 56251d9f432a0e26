// Every layer kind this playground knows, each in its own module. Adding a
// kind means writing its module (and its op and tests) and listing it here.

import { relu, sigmoid } from './activations.ts';
import { conv2d } from './conv2d.ts';
import { dropout } from './dropout.ts';
import { flatten } from './flatten.ts';
import type { LayerKind } from './layer-kind.ts';
import { linear } from './linear.ts';
import { maxPool2d } from './max-pool2d.ts';

export const layerKinds = [linear, conv2d, maxPool2d, flatten, relu, sigmoid, dropout] as const;

type SpecOf<Kind> = Kind extends LayerKind<infer Spec> ? Spec : never;

/** A layer as plain data: presets, the page, saved settings and weight files carry these. */
export type LayerSpec = SpecOf<(typeof layerKinds)[number]>;

export type LayerType = LayerSpec['type'];

/** The module of a layer's kind; undefined for a type this playground does not know. */
export function findKind(type: string): LayerKind<LayerSpec> | undefined {
  return layerKinds.find((kind) => kind.type === type) as LayerKind<LayerSpec> | undefined;
}
