// writeTorchFile: what PyTorch 1.13 said about files it wrote, that today's
// writer still writes those exact bytes, and exact round trips through our
// reader.
//
// test/fixtures/pt/ours-*.pt were written by this writer
// (scripts/torch/write-pt-samples.ts) and checked by hand with
// `make_pt_fixtures.py --check-ours`, which recorded in ours-*.torch.json:
// Python's zipfile re-read every entry with its CRC-32 (testzip: null),
// torch.load(path, weights_only=True) returned a collections.OrderedDict,
// load_state_dict(strict=True) into the matching model (Sequential, the
// tutorials' Net and NeuralNet) reported no missing and no unexpected keys,
// and each tensor's shape, dtype (float32), contiguity and sum as PyTorch saw
// them.

import { describe, expect, it } from 'vitest';
import { readTorchFile, TorchFileError, writeTorchFile, type NamedTensor } from '../../src/engine/torch-file/torch-file.ts';
import { PickleDict, unpickle } from '../../src/engine/torch-file/pickle.ts';
import { readZip } from '../../src/engine/torch-file/zip.ts';
import { SAMPLES, sampleTensors } from '../../scripts/torch/write-pt-samples.ts';
import { fixture, fixtureJson, type FixtureTensor } from './helpers.ts';

interface TorchCheck {
  torchVersion: string;
  file: string;
  zipfileTestzip: null | string;
  loadedType: string;
  missingKeys: string[];
  unexpectedKeys: string[];
  tensors: FixtureTensor[];
  modelSums: Record<string, number>;
}

function bits(data: Float32Array): number[] {
  return Array.from(new Uint32Array(data.buffer, data.byteOffset, data.length));
}

function firstDifference(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : n;
}

describe('files our writer made, as PyTorch loaded them (test/fixtures/pt/ours-*)', () => {
  for (const file of Object.keys(SAMPLES)) {
    it(`${file}: PyTorch loaded it strictly, and the writer still writes it byte for byte`, () => {
      const tensors = sampleTensors(file);
      expect(firstDifference(writeTorchFile(tensors), fixture(file))).toBe(-1);

      const check = fixtureJson<TorchCheck>(file.replace(/\.pt$/, '.torch.json'));
      expect(check.file).toBe(file);
      expect(check.torchVersion).toMatch(/^1\.13/);
      expect(check.zipfileTestzip).toBeNull();
      expect(check.loadedType).toBe('collections.OrderedDict');
      expect(check.missingKeys).toEqual([]);
      expect(check.unexpectedKeys).toEqual([]);
      expect(check.tensors.map((t) => [t.name, t.shape, t.dtype, t.contiguous])).toEqual(tensors.map((t) => [t.name, t.shape, 'float32', true]));
      check.tensors.forEach((seen, i) => {
        const data = tensors[i]!.data;
        expect(seen.first).toBe(data[0]);
        expect(seen.last).toBe(data[data.length - 1]);
        const sum = data.reduce((a, b) => a + b, 0);
        expect(Math.abs(seen.sum - sum)).toBeLessThan(1e-12 * (1 + data.length));
        // What the model holds after load_state_dict: the same values.
        expect(check.modelSums[seen.name]).toBe(seen.sum);
      });
    });
  }
});

describe('writeTorchFile', () => {
  it('round-trips names, order, shapes and exact float bits', () => {
    const special = new Float32Array(new Uint32Array([0x7fc00001, 0xff800000, 0x7f800000, 0x80000000, 0x00000001, 0x3f800000]).buffer);
    const tensors: NamedTensor[] = [
      { name: 'z.first-despite-the-name', shape: [2, 3], data: special },
      { name: 'a', shape: [7], data: Float32Array.from({ length: 7 }, (_, i) => i / 3) },
      { name: 'empty', shape: [3, 0], data: new Float32Array(0) },
      { name: 'scalar', shape: [], data: Float32Array.from([-2.5]) },
      { name: 'nämé ✓', shape: [1, 1, 1, 2], data: Float32Array.from([1e-40, 5]) },
      { name: 'long', shape: [70_000], data: Float32Array.from({ length: 70_000 }, (_, i) => i) },
    ];
    const bytes = writeTorchFile(tensors);
    const read = readTorchFile(bytes, 'ours.pt');
    expect(read.notes).toEqual([]);
    expect(read.tensors.map((t) => [t.name, t.shape])).toEqual(tensors.map((t) => [t.name, t.shape]));
    read.tensors.forEach((t, i) => expect(bits(t.data)).toEqual(bits(tensors[i]!.data)));
  });

  it('lays the archive out as torch.save does: STORED entries, data on 64-byte boundaries, an OrderedDict pickle', () => {
    const bytes = writeTorchFile(sampleTensors('ours-blobs.pt'));
    const entries = readZip(bytes);
    expect(entries.map((e) => e.name)).toEqual(['archive/data.pkl', 'archive/byteorder', 'archive/data/0', 'archive/data/1', 'archive/data/2', 'archive/data/3', 'archive/version']);
    for (const e of entries) {
      expect(e.method).toBe(0);
      expect(e.data.byteOffset % 64).toBe(0);
    }
    expect(new TextDecoder().decode(entries[1]!.data)).toBe('little');
    expect(new TextDecoder().decode(entries[6]!.data)).toBe('3\n');
    const pkl = entries[0]!.data;
    expect(Array.from(pkl.subarray(0, 2))).toEqual([0x80, 2]); // protocol 2, torch.save's default
    const modules: string[] = [];
    const { value } = unpickle(pkl, {
      global: (module, name) => {
        modules.push(`${module}.${name}`);
        return `${module}.${name}`;
      },
      reduce: (callable) => (callable === 'collections.OrderedDict' ? new PickleDict(true) : 'tensor'),
      build: (target) => target,
      persistent: () => 'storage',
    });
    expect(modules).toEqual(['collections.OrderedDict', 'torch._utils._rebuild_tensor_v2', 'torch.FloatStorage']);
    expect(value).toBeInstanceOf(PickleDict);
    expect((value as PickleDict).ordered).toBe(true);
    expect((value as PickleDict).keys).toEqual(['linear_1.weight', 'linear_1.bias', 'linear_2.weight', 'linear_2.bias']);
  });

  it("uses only opcodes that PyTorch 2.x's weights_only unpickler accepts", () => {
    // The opcodes torch/_weights_only_unpickler.py handles (PyTorch 2.x), with the bytes of argument each takes here.
    const accepted: Record<number, (pkl: Uint8Array, at: number) => number> = {
      0x80: () => 1, 0x2e: () => 0, 0x28: () => 0, 0x29: () => 0, 0x52: () => 0, 0x74: () => 0, 0x85: () => 0, 0x86: () => 0, 0x87: () => 0,
      0x51: () => 0, 0x89: () => 0, 0x75: () => 0, 0x71: () => 1, 0x68: () => 1, 0x4b: () => 1, 0x4d: () => 2, 0x4a: () => 4,
      0x8a: (pkl, at) => 1 + pkl[at]!, // LONG1
      0x58: (pkl, at) => 4 + new DataView(pkl.buffer, pkl.byteOffset).getUint32(at, true), // BINUNICODE
      0x63: (pkl, at) => pkl.indexOf(0x0a, pkl.indexOf(0x0a, at) + 1) + 1 - at, // GLOBAL: two lines
    };
    const tensors = [
      { name: 'big', shape: [70_000], data: new Float32Array(70_000) },
      { name: 'wide', shape: [1, 2, 3, 4], data: new Float32Array(24) },
      { name: 'scalar', shape: [], data: new Float32Array(1) },
    ];
    const pkl = readZip(writeTorchFile(tensors))[0]!.data;
    const seen = new Set<number>();
    for (let at = 0; at < pkl.length; ) {
      const op = pkl[at]!;
      expect(accepted[op], `opcode 0x${op.toString(16)} at byte ${at}`).toBeDefined();
      seen.add(op);
      at += 1 + accepted[op]!(pkl, at + 1);
    }
    expect(seen.size).toBeGreaterThan(15);
  });

  it('writes more than 1000 tensors in batches of SETITEMS, as Python does', () => {
    const tensors = Array.from({ length: 2500 }, (_, i) => ({ name: `t${i}`, shape: [1], data: Float32Array.from([i]) }));
    const read = readTorchFile(writeTorchFile(tensors), 'many.pt').tensors;
    expect(read.map((t) => t.name)).toEqual(tensors.map((t) => t.name));
    expect(read.map((t) => t.data[0])).toEqual(tensors.map((t) => t.data[0]));
  });

  it('keeps the data of a subarray view, not its whole buffer', () => {
    const backing = Float32Array.from([9, 1, 2, 3, 9]);
    const read = readTorchFile(writeTorchFile([{ name: 'w', shape: [3], data: backing.subarray(1, 4) }]), 'view.pt');
    expect(Array.from(read.tensors[0]!.data)).toEqual([1, 2, 3]);
  });

  it('refuses to write what it could not read back', () => {
    const data = new Float32Array(6);
    const refuse = (tensors: NamedTensor[], message: RegExp) => {
      expect(() => writeTorchFile(tensors)).toThrow(TorchFileError);
      expect(() => writeTorchFile(tensors)).toThrow(message);
    };
    refuse([{ name: 'w', shape: [2, 2], data }], /cannot save a \.pt file: tensor "w" has shape \[2, 2\] \(4 elements\) but 6 values/);
    refuse([{ name: 'w', shape: [6], data }, { name: 'w', shape: [6], data }], /two tensors are named "w"/);
    refuse([{ name: '', shape: [6], data }], /empty name/);
    refuse([{ name: 'w', shape: [-6], data }], /non-negative integers/);
    refuse([{ name: 'w', shape: [1.5, 4], data }], /non-negative integers/);
  });
});
