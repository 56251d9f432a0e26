// Weights files: our own carry their architecture; a file without it (saved
// by PyTorch) gets one inferred from its tensor names and shapes where only
// one usual choice fits, and a message naming what is missing where not.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkLayers, describeSequential } from '../../src/engine/layer-spec.ts';
import { initialParameters } from '../../src/engine/nn.ts';
import { serializeSafetensors } from '../../src/engine/safetensors.ts';
import { presetConfig } from '../../src/train/presets.ts';
import { decodeWeights, encodeTorchWeights, encodeWeights } from '../../src/train/weights-file.ts';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/torch/${name}`, import.meta.url)));
const ptFixture = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/pt/${name}`, import.meta.url)));

/** A safetensors file with these tensor names and shapes (zeros) and no metadata, as PyTorch users write them. */
function torchFile(tensors: [string, number[]][]): Uint8Array {
  return serializeSafetensors(
    tensors.map(([name, shape]) => ({ name, shape, data: new Float32Array(shape.reduce((a, b) => a * b, 1)) })),
    {},
  );
}

describe('weights files', () => {
  it('keep a CNN’s architecture and the names of its Sequential', () => {
    const layers = presetConfig('mnist-cnn').layers;
    const tensors = initialParameters(layers, 0).map((p) => ({ name: p.name, shape: p.shape, data: p.init }));
    const file = decodeWeights(encodeWeights(layers, tensors, { dataset: 'mnist' }), 'cnn.safetensors');
    expect(file.architectureKnown).toBe(true);
    expect(file.layers).toEqual(layers);
    expect(file.tensors.map((t) => `${t.name} [${t.shape.join(', ')}]`)).toEqual([
      '0.weight [32, 1, 3, 3]',
      '0.bias [32]',
      '3.weight [64, 32, 3, 3]',
      '3.bias [64]',
      '7.weight [10, 3136]',
      '7.bias [10]',
    ]);
  });

  it('infer the CNN of a file PyTorch trained and saved without metadata: 4-D weights are convolutions, padding from the shapes', () => {
    const file = decodeWeights(fixture('mnist-cnn-trained.safetensors'), 'mnist-cnn-trained.safetensors');
    expect(file.architectureKnown).toBe(false);
    expect(describeSequential(file.layers)).toBe(describeSequential(presetConfig('mnist-cnn').layers));
    expect(checkLayers(file.layers, [1, 28, 28]).output).toEqual([10]);
    expect(file.renamed).toEqual([
      { from: '0', to: 0 },
      { from: '3', to: 3 },
      { from: '7', to: 7 },
    ]);
    // The padding is not in the file: only 1 keeps 28×28 through the pools to Linear(3136, 10). The stride is PyTorch's default.
    const convolutions = file.layers.flatMap((l) => (l.type === 'conv2d' ? [[l.padding, l.stride ?? [1, 1]]] : []));
    expect(convolutions).toEqual([
      [[1, 1], [1, 1]],
      [[1, 1], [1, 1]],
    ]);
  });

  it('put the activation the caller chose between the layers of a file that cannot say it (the tutorials’ Net, a CNN)', () => {
    const net = decodeWeights(ptFixture('fashion-net.pt'), 'fashion-net.pt', undefined, 'sigmoid');
    expect(describeSequential(net.layers)).toBe('nn.Sequential(Linear(784, 256), Sigmoid(), Linear(256, 128), Sigmoid(), Linear(128, 10))');
    expect(net.layers.filter((l) => l.type === 'sigmoid')).toHaveLength(2);
    expect(net.layers.some((l) => l.type === 'relu')).toBe(false);
    expect(net.activation).toBe('sigmoid');
    const cnn = decodeWeights(fixture('mnist-cnn-trained.safetensors'), 'mnist-cnn-trained.safetensors', [1, 28, 28], 'sigmoid');
    expect(cnn.layers.map((l) => l.type)).toEqual(['conv2d', 'sigmoid', 'maxpool2d', 'conv2d', 'sigmoid', 'maxpool2d', 'flatten', 'linear']);
    // By default ReLU, the tutorials' own choice.
    expect(decodeWeights(ptFixture('fashion-net.pt'), 'fashion-net.pt').activation).toBe('relu');
  });

  it('infer an MLP from the tutorials’ own names (fc1, fc2, fc3), ReLU between, renamed to Sequential indices', () => {
    const file = decodeWeights(
      torchFile([
        ['fc1.weight', [256, 784]],
        ['fc1.bias', [256]],
        ['fc2.weight', [128, 256]],
        ['fc2.bias', [128]],
        ['fc3.weight', [10, 128]],
        ['fc3.bias', [10]],
      ]),
      'model.safetensors',
    );
    expect(describeSequential(file.layers)).toBe('nn.Sequential(Linear(784, 256), ReLU(), Linear(256, 128), ReLU(), Linear(128, 10))');
    expect(file.renamed).toEqual([
      { from: 'fc1', to: 0 },
      { from: 'fc2', to: 2 },
      { from: 'fc3', to: 4 },
    ]);
    expect(file.tensors.map((t) => t.name)).toEqual(['0.weight', '0.bias', '2.weight', '2.bias', '4.weight', '4.bias']);
  });

  it('orders Sequential indices numerically (10 after 2)', () => {
    const layers = Array.from({ length: 6 }, (_, i): [string, number[]][] => [
      [`${2 * i}.weight`, [4, i === 0 ? 784 : 4]],
      [`${2 * i}.bias`, [4]],
    ]).flat();
    const file = decodeWeights(torchFile(layers), 'deep.safetensors');
    expect(file.layers.filter((l) => l.type === 'linear')).toHaveLength(6);
    expect(file.layers[0]).toEqual({ type: 'linear', in: 784, out: 4 });
  });

  it('says what the file does not tell when no usual choice fits', () => {
    const bytes = torchFile([
      ['0.weight', [8, 1, 5, 5]],
      ['0.bias', [8]],
      ['3.weight', [10, 999]],
      ['3.bias', [10]],
    ]);
    expect(() => decodeWeights(bytes, 'odd.safetensors')).toThrow(
      /odd\.safetensors: its layers \(0 Conv2d\(1, 8, kernel_size=\(5, 5\), stride=\(1, 1\)\), 3 Linear\(999, 10\)\) do not fit together .* the convolutions' padding/,
    );
  });

  it('says what the file does not tell when more than one usual choice fits', () => {
    // 28 → pad 1 → 28 → pool → 14 → pad 0 → 12, and 28 → pad 0 → 26 → pad 0 → 24 → pool → 12: both give 4×12×12.
    const bytes = torchFile([
      ['0.weight', [4, 1, 3, 3]],
      ['3.weight', [4, 4, 3, 3]],
      ['7.weight', [10, 4 * 12 * 12]],
    ]);
    expect(() => decodeWeights(bytes, 'two-ways.safetensors', [1, 28, 28])).toThrow(
      /two-ways\.safetensors: the file does not say the convolutions' padding, the layers without weights between them, and 2 architectures fit it; save it from this playground/,
    );
  });

  it('refuses a weight of a rank no layer has, naming it', () => {
    expect(() => decodeWeights(torchFile([['0.weight', [2, 3, 4]]]), 'x.safetensors')).toThrow(
      /"0\.weight" has shape \[2, 3, 4\]; only Linear .* and Conv2d .* weights can be read/,
    );
  });

  describe('torch.save files (.pt, .pth; fixtures written by PyTorch 1.13, scripts/torch/make_pt_fixtures.py)', () => {
    it('load the Fashion tutorial’s Net (fc1, fc2, fc3) as a chain of Linear layers with ReLU between', () => {
      const file = decodeWeights(ptFixture('fashion-net.pt'), 'fashion-net.pt');
      expect(describeSequential(file.layers)).toBe('nn.Sequential(Linear(784, 256), ReLU(), Linear(256, 128), ReLU(), Linear(128, 10))');
      expect(file.renamed!.map((r) => `${r.from} → ${r.to}`)).toEqual(['fc1 → 0', 'fc2 → 2', 'fc3 → 4']);
      const expected = JSON.parse(readFileSync(new URL('../fixtures/pt/fashion-net.json', import.meta.url), 'utf8')) as {
        tensors: { name: string; sum: number }[];
      };
      const sums = file.tensors.map((t) => t.data.reduce((a, b) => a + b, 0));
      expected.tensors.forEach((t, i) => expect(Math.abs(sums[i]! - t.sum)).toBeLessThan(1e-3));
    });

    it('load the optimisation tutorial’s linear_relu_stack.0/.2/.4 and a checkpoint’s model_state_dict', () => {
      const stack = decodeWeights(ptFixture('optimization-neuralnetwork.pth'), 'model.pth');
      expect(stack.renamed!.map((r) => r.from)).toEqual(['linear_relu_stack.0', 'linear_relu_stack.2', 'linear_relu_stack.4']);
      expect(stack.layers.filter((l) => l.type === 'linear')).toHaveLength(3);
      const checkpoint = decodeWeights(ptFixture('checkpoint.pt'), 'checkpoint.pt');
      expect(checkpoint.notes!.join(' ')).toMatch(/model_state_dict/);
      expect(describeSequential(checkpoint.layers)).toBe('nn.Sequential(Linear(784, 16), ReLU(), Linear(16, 8), ReLU(), Linear(8, 10))');
    });

    it('refuse a whole pickled model, naming its class and saying to save the state_dict', () => {
      expect(() => decodeWeights(ptFixture('full-model.pt'), 'full-model.pt')).toThrow(/__main__\.\w+.*model\.state_dict\(\)/);
    });

    it('round-trip a CNN through our .pt writer', () => {
      const layers = presetConfig('mnist-cnn').layers;
      const tensors = initialParameters(layers, 3).map((p) => ({ name: p.name, shape: p.shape, data: p.init }));
      const file = decodeWeights(encodeTorchWeights(tensors), 'ours.pt');
      expect(file.layers).toEqual(layers);
      expect(file.tensors.map((t) => t.name)).toEqual(tensors.map((t) => t.name));
      file.tensors.forEach((t, i) => expect(t.data).toEqual(tensors[i]!.data));
    });
  });
});
