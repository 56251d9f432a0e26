// readTorchFile on files written by real torch.save (PyTorch 1.13,
// scripts/torch/make_pt_fixtures.py): every tensor's name, order, shape and
// values against what PyTorch itself computed from the saved objects (the
// JSON beside each file), and the refusals a learner will meet.

import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readTorchFile } from '../../src/engine/torch-file/torch-file.ts';
import { expectRefused, fixture, fixtureJson, type FixtureSpec } from './helpers.ts';

const specs = readdirSync(new URL('../fixtures/pt/', import.meta.url))
  .filter((f) => f.endsWith('.json') && !f.startsWith('ours-'))
  .map((f) => fixtureJson(f));
const readable = specs.filter((s) => s.tensors !== undefined);

function compare(spec: FixtureSpec): string[] {
  const { tensors, notes } = readTorchFile(fixture(spec.file), spec.file);
  expect(tensors.map((t) => t.name)).toEqual(spec.tensors!.map((t) => t.name));
  spec.tensors!.forEach((want, i) => {
    const got = tensors[i]!;
    expect(got.shape, want.name).toEqual(want.shape);
    expect(got.data.length).toBe(want.shape.reduce((a, b) => a * b, 1));
    // Exact: each expected value is the float32 value printed as a float64.
    if (want.first !== undefined) {
      expect(got.data[0], want.name).toBe(want.first);
      expect(got.data[got.data.length - 1], want.name).toBe(want.last);
    }
    if (want.values !== undefined) expect(Array.from(got.data), want.name).toEqual(want.values);
    // A float64 sum in another order than torch's: equal to rounding, ~1e-16 per value of the magnitudes summed.
    let sum = 0;
    let magnitude = 0;
    for (const x of got.data) {
      sum += x;
      magnitude += Math.abs(x);
    }
    expect(Math.abs(sum - want.sum), want.name).toBeLessThanOrEqual(1e-12 * (1 + magnitude));
  });
  return notes;
}

describe('files written by torch.save (test/fixtures/pt)', () => {
  it('has the fixtures this suite relies on', () => {
    expect(specs.map((s) => s.file).sort()).toEqual([
      'batchnorm.pt', 'bfloat16-net.pt', 'blobs-neuralnet-deflated.pt', 'blobs-neuralnet-legacy.pt', 'blobs-neuralnet.pt',
      'checkpoint-adam.pt', 'checkpoint-extras.pt', 'checkpoint.pt', 'fashion-net.pt', 'float16-net.pt', 'float64-net.pt', 'full-model.pt',
      'optimization-neuralnetwork.pth', 'torchscript.pt', 'views-legacy.pt', 'views.pt',
    ]);
  });

  for (const spec of readable) {
    it(`reads ${spec.file} as PyTorch saved it`, () => {
      compare(spec);
    });
  }

  it("reads the tutorials' state_dicts with their own names and real shapes, and notes nothing", () => {
    const shapes = (file: string) => readTorchFile(fixture(file), file).tensors.map((t) => `${t.name} [${t.shape.join(', ')}]`);
    expect(shapes('fashion-net.pt')).toEqual(['fc1.weight [256, 784]', 'fc1.bias [256]', 'fc2.weight [128, 256]', 'fc2.bias [128]', 'fc3.weight [10, 128]', 'fc3.bias [10]']);
    expect(shapes('blobs-neuralnet.pt')).toEqual(['linear_1.weight [5, 2]', 'linear_1.bias [5]', 'linear_2.weight [1, 5]', 'linear_2.bias [1]']);
    expect(shapes('optimization-neuralnetwork.pth')).toEqual([
      'linear_relu_stack.0.weight [64, 784]', 'linear_relu_stack.0.bias [64]', 'linear_relu_stack.2.weight [64, 64]',
      'linear_relu_stack.2.bias [64]', 'linear_relu_stack.4.weight [10, 64]', 'linear_relu_stack.4.bias [10]',
    ]);
    for (const file of ['fashion-net.pt', 'blobs-neuralnet.pt', 'optimization-neuralnetwork.pth', 'views.pt']) expect(readTorchFile(fixture(file), file).notes).toEqual([]);
  });

  it('reads the state_dict out of a checkpoint and says what it left out', () => {
    for (const spec of readable.filter((s) => s.stateDictKey !== undefined)) {
      const notes = compare(spec);
      expect(notes).toHaveLength(1);
      expect(notes[0]).toContain(`read the state_dict under "${spec.stateDictKey}"`);
      for (const key of spec.otherKeys!) expect(notes[0]).toContain(`"${key}"`);
    }
  });

  it('converts float64, float16, bfloat16 and int64 to float32 and says so', () => {
    expect(compare(fixtureJson('float64-net.json'))).toEqual(['float64 tensors "fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias", ... (6 tensors) rounded to float32']);
    expect(compare(fixtureJson('float16-net.json'))).toEqual(['float16 tensors "fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias", ... (6 tensors) converted to float32 exactly']);
    expect(compare(fixtureJson('bfloat16-net.json'))).toEqual(['bfloat16 tensors "fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias", ... (6 tensors) converted to float32 exactly']);
    const batchnorm = fixtureJson('batchnorm.json');
    expect(batchnorm.tensors!.find((t) => t.name === '1.num_batches_tracked')).toMatchObject({ dtype: 'int64', values: [1] });
    expect(compare(batchnorm)).toEqual(['int64 tensor "1.num_batches_tracked" converted to float32']);
  });

  it('reads views of shared storages: transposed, offset, strided, expanded, scalar, empty', () => {
    for (const file of ['views.json', 'views-legacy.json']) {
      const spec = fixtureJson(file);
      // The fixture really holds views: torch.save kept the strides and offsets.
      const saved = Object.fromEntries(spec.tensors!.map((t) => [t.name, [t.stride, t.storageOffset]]));
      expect(saved).toMatchObject({ transposed: [[1, 6], 0], row: [[1], 12], block: [[6, 1], 8], every_other: [[6, 2], 0], expanded: [[0, 1], 1], scalar: [[], 4] });
      compare(spec);
    }
  });

  it('reads the legacy format (before PyTorch 1.6) and says so', () => {
    for (const file of ['blobs-neuralnet-legacy.json', 'views-legacy.json']) {
      expect(compare(fixtureJson(file))).toEqual(['read the legacy torch.save format (before PyTorch 1.6, or _use_new_zipfile_serialization=False)']);
    }
    // The same weights in both formats.
    const zip = readTorchFile(fixture('blobs-neuralnet.pt'), 'zip').tensors;
    const legacy = readTorchFile(fixture('blobs-neuralnet-legacy.pt'), 'legacy').tensors;
    expect(legacy).toEqual(zip);
  });

  it('refuses a whole model, naming its class and saying to save model.state_dict()', () => {
    const message = expectRefused(fixture('full-model.pt'), /"__main__\.NeuralNet"/, 'full-model.pt');
    expect(message).toContain('torch.save(model.state_dict(), PATH)');
    expect(message).toContain('runs no code');
  });

  it('refuses a TorchScript archive and a re-compressed ZIP, saying what they are', () => {
    expectRefused(fixture('torchscript.pt'), /it is a TorchScript archive \(torch\.jit\.save\).*torch\.save\(model\.state_dict\(\), PATH\)/, 'torchscript.pt');
    expectRefused(fixture('blobs-neuralnet-deflated.pt'), /ZIP entry "blobs-neuralnet\/data\.pkl" is compressed \(method 8, deflate\); torch\.save stores entries uncompressed/, 'x.pt');
  });
});
