// Fashion-MNIST (Zalando Research, MIT licence): 60,000 / 10,000 28×28 grey
// images of ten kinds of clothing, committed in public/data/fashion-mnist/.

import type { DatasetInfo } from './datasets.ts';
import { loadImageDataset } from './load.ts';

/** In label order, from the Fashion-MNIST README. */
const CLASS_NAMES = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'];
const INPUT_SHAPE = [1, 28, 28];

export const fashionMnist = {
  name: 'fashion-mnist',
  title: 'Fashion-MNIST',
  inputShape: INPUT_SHAPE,
  classes: CLASS_NAMES.length,
  classNames: CLASS_NAMES,
  loss: 'cross-entropy',
  output: 'softmax-logits',
  // Clothes look the same mirrored, which the tutorial uses to enlarge the data.
  augmentations: ['flip'],
  drawing: 'clothing',
  plane: false,
  seeded: false,
  pytorch: { torchvision: 'FashionMNIST' },
  defaultPreset: 'fashion-dnn-sgd',
  load: (readFile) =>
    loadImageDataset(
      // Committed in the repository.
      { name: 'fashion-mnist', inputShape: INPUT_SHAPE, classNames: CLASS_NAMES, remedy: (path) => `restore it with \`git checkout -- public/data/${path}\`` },
      readFile,
    ),
} as const satisfies DatasetInfo<'fashion-mnist'>;
