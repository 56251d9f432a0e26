// One preset per experiment of the tutorials this playground grew out of,
// with the test result their own PyTorch code reaches on a CPU.

import type { LayerSpec } from '../engine/layer-spec.ts';
import type { TrainConfig } from './config.ts';

export interface Preset {
  name: string;
  title: string;
  config: TrainConfig;
  /** What PyTorch reaches with the same setup. */
  reference: string;
}

function mlp(sizes: number[], options: { dropout?: number; reluAfterLast?: boolean } = {}): LayerSpec[] {
  const layers: LayerSpec[] = [];
  for (let i = 0; i + 1 < sizes.length; i++) {
    layers.push({ type: 'linear', in: sizes[i]!, out: sizes[i + 1]! });
    const last = i + 2 === sizes.length;
    if (!last || options.reluAfterLast) layers.push({ type: 'relu' });
    if (!last && options.dropout) layers.push({ type: 'dropout', p: options.dropout });
  }
  return layers;
}

/** The CNN of both CNN presets: two 3×3 convolution blocks (32 and 64 channels, each halved by a 2×2 max pool), then Linear(3136, 10). */
function cnn(): LayerSpec[] {
  const block = (inChannels: number, outChannels: number): LayerSpec[] => [
    { type: 'conv2d', in: inChannels, out: outChannels, kernel: [3, 3], padding: [1, 1] },
    { type: 'relu' },
    { type: 'maxpool2d', kernel: [2, 2] },
  ];
  return [...block(1, 32), ...block(32, 64), { type: 'flatten' }, { type: 'linear', in: 64 * 7 * 7, out: 10 }];
}

const images = { loss: 'cross-entropy', shuffle: true, flip: false, seed: 0 } as const;

export const presets: Preset[] = [
  {
    name: 'mnist-linear-sgd',
    title: 'MNIST, linear model, SGD',
    config: { ...images, dataset: 'mnist', layers: mlp([784, 10]), optimizer: { type: 'sgd', lr: 0.1 }, batchSize: 1000, epochs: 10 },
    reference: '90.3% test accuracy',
  },
  {
    name: 'mnist-mlp-adam',
    title: 'MNIST, 784-256-256-10 MLP, Adam',
    config: { ...images, dataset: 'mnist', layers: mlp([784, 256, 256, 10]), optimizer: { type: 'adam', lr: 1e-3 }, batchSize: 1000, epochs: 15 },
    reference: '97.9% test accuracy',
  },
  {
    name: 'blobs-xor',
    title: 'Blobs (XOR), 2-5-1 with Sigmoid, BCE',
    config: {
      dataset: 'blobs',
      layers: [...mlp([2, 5, 1]), { type: 'sigmoid' }],
      loss: 'bce',
      optimizer: { type: 'sgd', lr: 0.03 },
      batchSize: 80,
      epochs: 2000,
      seed: 0,
      shuffle: true,
      flip: false,
    },
    reference: 'test loss 0.055',
  },
  {
    name: 'fashion-dnn-sgd',
    title: 'Fashion-MNIST, 784-256-128-10, SGD',
    config: { ...images, dataset: 'fashion-mnist', layers: mlp([784, 256, 128, 10]), optimizer: { type: 'sgd', lr: 0.01 }, batchSize: 64, epochs: 30 },
    reference: '86.8% test accuracy',
  },
  {
    name: 'fashion-dnn-dropout',
    title: 'Fashion-MNIST, 784-256-128-10, Dropout 0.2, flips, SGD',
    config: {
      ...images,
      dataset: 'fashion-mnist',
      layers: mlp([784, 256, 128, 10], { dropout: 0.2 }),
      optimizer: { type: 'sgd', lr: 0.01 },
      batchSize: 64,
      epochs: 30,
      flip: true,
    },
    reference: '86.3% test accuracy',
  },
  {
    name: 'fashion-tutorial',
    title: 'Fashion-MNIST, the tutorial’s 784-512-512-10 (ReLU after the last layer too)',
    config: {
      ...images,
      dataset: 'fashion-mnist',
      layers: mlp([784, 512, 512, 10], { reluAfterLast: true }),
      optimizer: { type: 'sgd', lr: 1e-3 },
      batchSize: 64,
      epochs: 10,
    },
    reference: '59.7% test accuracy (the tutorial printed 49.5%: the trailing ReLU makes it depend on the initialisation)',
  },
  {
    name: 'mnist-cnn',
    title: 'MNIST, CNN (two 3×3 convolution blocks), Adam',
    config: { ...images, dataset: 'mnist', layers: cnn(), optimizer: { type: 'adam', lr: 1e-3 }, batchSize: 100, epochs: 15 },
    reference: '99.02% test accuracy',
  },
  {
    name: 'fashion-cnn',
    title: 'Fashion-MNIST, CNN (two 3×3 convolution blocks), Adam',
    config: { ...images, dataset: 'fashion-mnist', layers: cnn(), optimizer: { type: 'adam', lr: 1e-3 }, batchSize: 100, epochs: 15 },
    reference: 'see the README',
  },
];

export function findPreset(name: string): Preset | undefined {
  return presets.find((p) => p.name === name);
}

/** A deep copy of a preset's config, safe to modify. */
export function presetConfig(name: string): TrainConfig {
  const preset = findPreset(name);
  if (!preset) throw new Error(`unknown preset "${name}" (choose ${presets.map((p) => p.name).join(', ')})`);
  return structuredClone(preset.config);
}
