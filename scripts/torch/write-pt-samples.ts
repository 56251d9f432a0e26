// Writes test/fixtures/pt/ours-*.pt with our own writer (writeTorchFile), from
// seeded values, for PyTorch to check by hand:
//
//   npx tsx scripts/torch/write-pt-samples.ts
//   /usr/bin/python3 scripts/torch/make_pt_fixtures.py --check-ours
//
// The second command records in ours-*.torch.json what torch.load(...,
// weights_only=True) and load_state_dict found; test/torch-file/writer.test.ts
// checks that the writer still makes these exact bytes, so what PyTorch
// checked holds for today's writer.

import { writeFileSync } from 'node:fs';
import { Random } from '../../src/engine/random.ts';
import { writeTorchFile, type NamedTensor } from '../../src/engine/torch-file/torch-file.ts';

/** The tensors of each sample file: name and shape, values uniform in [-0.1, 0.1) from Random(seed). */
export const SAMPLES: Record<string, { seed: number; shapes: [string, number[]][] }> = {
  // nn.Sequential(Linear(784,16), ReLU, Linear(16,10)): our own presets' names.
  'ours-sequential.pt': { seed: 1, shapes: [['0.weight', [16, 784]], ['0.bias', [16]], ['2.weight', [10, 16]], ['2.bias', [10]]] },
  // Tutorial 4's Net with narrower hidden layers: fc1 Linear(784,16), fc2 Linear(16,8), fc3 Linear(8,10).
  'ours-net.pt': { seed: 2, shapes: [['fc1.weight', [16, 784]], ['fc1.bias', [16]], ['fc2.weight', [8, 16]], ['fc2.bias', [8]], ['fc3.weight', [10, 8]], ['fc3.bias', [10]]] },
  // Tutorial 3's NeuralNet: linear_1 Linear(2,5), linear_2 Linear(5,1).
  'ours-blobs.pt': { seed: 3, shapes: [['linear_1.weight', [5, 2]], ['linear_1.bias', [5]], ['linear_2.weight', [1, 5]], ['linear_2.bias', [1]]] },
};

export function sampleTensors(file: string): NamedTensor[] {
  const { seed, shapes } = SAMPLES[file]!;
  const random = new Random(seed);
  return shapes.map(([name, shape]) => ({
    name,
    shape,
    data: Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => random.uniform(-0.1, 0.1)),
  }));
}

if (process.argv[1]?.endsWith('write-pt-samples.ts')) {
  for (const file of Object.keys(SAMPLES)) {
    const bytes = writeTorchFile(sampleTensors(file));
    writeFileSync(new URL(`../../test/fixtures/pt/${file}`, import.meta.url), bytes);
    console.log(`${file}: ${bytes.length} bytes`);
  }
}
