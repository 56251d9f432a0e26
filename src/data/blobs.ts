// The toy 2-D dataset: four Gaussian blobs in an XOR pattern, which no
// linear model separates and a one-hidden-layer MLP does, so it shows in a
// few seconds whether the hidden layer and its gradients work.
import { Random } from '../engine/random.ts';
import { blobsPython } from './blobs-python.ts';
import type { Dataset, DatasetSplit } from './dataset.ts';
import type { DatasetInfo } from './datasets.ts';

export interface BlobsOptions {
  seed: number;
  trainCount?: number;
  testCount?: number;
  /** Standard deviation of each blob around its centre. */
  std?: number;
}

/** Label 0 for the centres on the diagonal, 1 for the anti-diagonal: label = (x·y < 0) near the centres. */
const CENTRES: { x: number; y: number; label: number }[] = [
  { x: 1, y: 1, label: 0 },
  { x: -1, y: -1, label: 0 },
  { x: 1, y: -1, label: 1 },
  { x: -1, y: 1, label: 1 },
];

// Mixed into the seed for the test stream, so test points do not depend on trainCount.
const TEST_STREAM = 0x7e57da7a;

export function makeBlobs({ seed, trainCount = 80, testCount = 20, std = 0.3 }: BlobsOptions): Dataset {
  for (const [key, n] of [['trainCount', trainCount], ['testCount', testCount]] as const) {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`makeBlobs: ${key} must be an integer ≥ 0, got ${n}`);
  }
  if (!Number.isFinite(std) || std < 0) throw new RangeError(`makeBlobs: std must be a finite number ≥ 0, got ${std}`);
  const trainRandom = new Random(seed);
  // Hashing (seed ^ constant) through one draw keeps the two streams from overlapping for nearby seeds.
  const testRandom = new Random(new Random(seed ^ TEST_STREAM).nextUint32());
  return {
    name: 'blobs',
    train: blobSplit(trainRandom, trainCount, std),
    test: blobSplit(testRandom, testCount, std),
  };
}

function blobSplit(random: Random, count: number, std: number): DatasetSplit {
  // Round-robin centres through a shuffled order: balanced to within one point per blob, in random order.
  const order = random.permutation(count);
  const inputs = new Float32Array(count * 2);
  const labels = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    const centre = CENTRES[order[i]! % CENTRES.length]!;
    inputs[2 * i] = centre.x + std * random.normal();
    inputs[2 * i + 1] = centre.y + std * random.normal();
    labels[i] = centre.label;
  }
  return { inputs, labels, count, features: 2 };
}

export const blobs = {
  name: 'blobs',
  title: 'Blobs (XOR)',
  inputShape: [2],
  classes: 2,
  classNames: ['0', '1'],
  loss: 'bce',
  output: 'sigmoid-probability',
  augmentations: [],
  drawing: null,
  plane: true,
  seeded: true,
  pytorch: { python: blobsPython, call: 'make_blobs(SEED)' },
  defaultPreset: 'blobs-xor',
  load: async (_readFile, seed) => makeBlobs({ seed }),
} as const satisfies DatasetInfo<'blobs'>;
