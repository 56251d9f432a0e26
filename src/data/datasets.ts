// Every dataset this playground trains on, each described by its own module
// (mnist.ts, fashion-mnist.ts, blobs.ts): the page, the worker and the CLI
// ask these descriptions instead of comparing dataset names.

import { blobs } from './blobs.ts';
import type { Dataset } from './dataset.ts';
import { fashionMnist } from './fashion-mnist.ts';
import type { DataReader } from './load.ts';
import { mnist } from './mnist.ts';

export interface DatasetInfo<Name extends string = string> {
  name: Name;
  /** "MNIST", "Fashion-MNIST", "Blobs (XOR)". */
  title: string;
  /** One sample as a model sees it: [channels, height, width] for images, [features] otherwise. */
  inputShape: readonly number[];
  classes: number;
  classNames: readonly string[];
  /** The loss its presets train with, and what the model's output means. */
  loss: 'cross-entropy' | 'bce';
  /** logits read through softmax (one output per class), or one probability after a Sigmoid. */
  output: 'softmax-logits' | 'sigmoid-probability';
  /** Random augmentations that make sense for it: horizontal flips only for pictures where left and right are alike. */
  augmentations: readonly 'flip'[];
  /**
   * What a 28×28 drawing on the pad stands for (the pad answers with a model
   * of this dataset and asks for one of these), or null when a drawing cannot
   * stand in for its samples.
   */
  drawing: 'digit' | 'clothing' | null;
  /** Points in the plane that the page draws with the decision boundary. */
  plane: boolean;
  /** Generated from the run's seed rather than read from files (so each seed is its own data). */
  seeded: boolean;
  /** How a PyTorch script gets the same data (src/train/pytorch-script.ts). */
  pytorch: PytorchSource;
  /** The preset the page starts from when the dataset is chosen. */
  defaultPreset: string;
  load(readFile: DataReader, seed: number): Promise<Dataset>;
}

/** torchvision's dataset class of that name, or a generator written in Python (defining what `call` calls, with SEED the run's seed). */
export type PytorchSource = { torchvision: string } | { python: string; call: string };

export const datasets = [mnist, fashionMnist, blobs] as const;

export type DatasetName = (typeof datasets)[number]['name'];

export const datasetNames: DatasetName[] = datasets.map((d) => d.name);

export function isDatasetName(name: unknown): name is DatasetName {
  return datasets.some((d) => d.name === name);
}

export function datasetInfo(name: DatasetName): DatasetInfo<DatasetName> {
  const info = datasets.find((d) => d.name === name);
  if (!info) throw new RangeError(`unknown dataset "${String(name)}" (choose ${datasetNames.join(', ')})`);
  return info;
}

/** Image width for horizontal flips, or 0 when the dataset has no flips. */
export function flipWidth(info: DatasetInfo): number {
  return info.augmentations.includes('flip') ? info.inputShape[info.inputShape.length - 1]! : 0;
}
