// readTorchFile under seeded fuzzing, like the safetensors and IDX readers
// (about 37,000 cases): every truncation, random bit flips in real torch.save files (ZIP and
// legacy), mutated pickles re-zipped with good CRCs so that they reach the
// unpickler, lying ZIP headers, and generated state_dicts whose storages,
// offsets, shapes and strides lie. The contract (helpers.ts `outcome`): a
// one-line TorchFileError naming the file, or tensors consistent with their
// shapes and within the value budget; never another exception, a hang or an
// allocation the file cannot back. Where a file is read, the values are
// checked against an independent reference.

import { describe, expect, it } from 'vitest';
import { Random } from '../../src/engine/random.ts';
import { readTorchFile } from '../../src/engine/torch-file/torch-file.ts';
import { readZip, writeZip } from '../../src/engine/torch-file/zip.ts';
import { fixture, op, outcome, pickle, tensorOps, type TensorSpec } from '../torch-file/helpers.ts';

const ZIPS = ['blobs-neuralnet.pt', 'views.pt', 'checkpoint-adam.pt', 'ours-blobs.pt', 'batchnorm.pt'];
const LEGACY = ['blobs-neuralnet-legacy.pt', 'views-legacy.pt'];

function bits(data: Float32Array): number[] {
  return Array.from(new Uint32Array(data.buffer, data.byteOffset, data.length));
}

const snapshot = (bytes: Uint8Array) => readTorchFile(bytes, 'fuzz.pt').tensors.map((t) => ({ name: t.name, shape: t.shape, bits: bits(t.data) }));

const concat = (...parts: ArrayLike<number>[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

/** One random edit: a bit flip, a byte overwrite, a deletion, an insertion of random bytes, or a copied run. */
function mutate(bytes: Uint8Array, random: Random): Uint8Array {
  const at = random.below(bytes.length);
  switch (random.below(5)) {
    case 0: {
      const copy = bytes.slice();
      copy[at] ^= 1 << random.below(8);
      return copy;
    }
    case 1: {
      const copy = bytes.slice();
      copy[at] = random.below(256);
      return copy;
    }
    case 2:
      return concat(bytes.subarray(0, at), bytes.subarray(at + 1 + random.below(8)));
    case 3:
      return concat(bytes.subarray(0, at), Array.from({ length: 1 + random.below(8) }, () => random.below(256)), bytes.subarray(at));
    default: {
      const from = random.below(bytes.length);
      return concat(bytes.subarray(0, at), bytes.subarray(from, from + 1 + random.below(16)), bytes.subarray(at));
    }
  }
}

describe('readTorchFile under fuzzing (seeded)', () => {
  it('refuses every truncation of real torch.save files, ZIP and legacy', () => {
    let cases = 0;
    for (const file of [...ZIPS, ...LEGACY]) {
      const bytes = fixture(file);
      expect(outcome(bytes)).toBe('read');
      for (let n = 0; n < bytes.length; n++) {
        // A copy, not a view: a read past the end must not find the rest of the file.
        expect(outcome(bytes.slice(0, n))).toBe('refused');
        cases++;
      }
    }
    const big = fixture('fashion-net.pt');
    const random = new Random(1);
    for (let i = 0; i < 50; i++, cases++) expect(outcome(big.slice(0, random.below(big.length)))).toBe('refused');
    expect(cases).toBeGreaterThan(12_000);
  });

  it('reads the same tensors or refuses, under random bit flips of ZIP files (CRC-32 guards the data)', () => {
    const random = new Random(2);
    const counts = { read: 0, refused: 0 };
    for (const file of ZIPS) {
      const original = fixture(file);
      const expected = snapshot(original);
      for (let trial = 0; trial < 1000; trial++) {
        const bytes = original.slice();
        for (let f = 1 + random.below(3); f > 0; f--) bytes[random.below(bytes.length)] ^= 1 << random.below(8);
        const result = outcome(bytes);
        counts[result]++;
        // Flips that are read were in bytes nothing depends on (padding, dates, attributes).
        if (result === 'read') expect(snapshot(bytes)).toEqual(expected);
      }
    }
    expect(counts.read).toBeGreaterThan(500);
    expect(counts.refused).toBeGreaterThan(2000);
  });

  it('reads or refuses legacy files under random edits (no CRC: the pickles and sizes must hold by themselves)', () => {
    const random = new Random(3);
    const counts = { read: 0, refused: 0 };
    for (const file of LEGACY) {
      const original = fixture(file);
      for (let trial = 0; trial < 2000; trial++) counts[outcome(mutate(original, random))]++;
    }
    expect(counts.read).toBeGreaterThan(150);
    expect(counts.refused).toBeGreaterThan(2000);
  });

  it('reads or refuses mutated pickles re-zipped with good CRCs, so that each reaches the unpickler', () => {
    const random = new Random(4);
    const counts = { read: 0, refused: 0 };
    for (const file of ZIPS) {
      const entries = readZip(fixture(file)).map((e) => ({ name: e.name, data: e.data.slice() }));
      const pkl = entries.findIndex((e) => e.name.endsWith('/data.pkl'));
      for (let trial = 0; trial < 1200; trial++) {
        let data: Uint8Array = entries[pkl]!.data;
        for (let m = 1 + random.below(3); m > 0; m--) data = mutate(data, random);
        const mutated = entries.map((e, i) => (i === pkl ? { name: e.name, data } : e));
        counts[outcome(writeZip(mutated))]++;
      }
    }
    expect(counts.read).toBeGreaterThan(100);
    expect(counts.refused).toBeGreaterThan(4000);
  });

  it('reads or refuses archives whose header fields lie (CRCs left intact)', () => {
    const random = new Random(5);
    const original = fixture('blobs-neuralnet.pt');
    const view = new DataView(original.buffer, original.byteOffset, original.byteLength);
    // Every signature in the file: local and central headers, ZIP64 and plain end records.
    const headers: number[] = [];
    for (let at = 0; at + 4 <= original.length; at++) {
      const signature = view.getUint32(at, true);
      if ([0x04034b50, 0x02014b50, 0x06054b50, 0x06064b50, 0x07064b50].includes(signature)) headers.push(at);
    }
    expect(headers.length).toBeGreaterThanOrEqual(15);
    const lies = [0, 1, 0xffff, 0xffffffff, 0x7fffffff, original.length, original.length - 22, 64];
    for (let trial = 0; trial < 5000; trial++) {
      const bytes = original.slice();
      const edit = new DataView(bytes.buffer);
      for (let m = 1 + random.below(2); m > 0; m--) {
        const at = headers[random.below(headers.length)]! + random.below(56);
        if (at + 4 > bytes.length) continue;
        const value = random.next() < 0.5 ? lies[random.below(lies.length)]! : random.nextUint32();
        if (random.next() < 0.5) edit.setUint16(at, value & 0xffff, true);
        else edit.setUint32(at, value >>> 0, true);
      }
      outcome(bytes);
    }
  });

  it('reads generated state_dicts whose storages and views may lie, matching a reference gather when read', () => {
    const random = new Random(6);
    const pick = <T,>(items: readonly T[]): T => items[random.below(items.length)]!;
    const huge = [0x7fffffff, 2 ** 30, 100_000, 3_000_000];
    const counts = { read: 0, refused: 0 };
    for (let trial = 0; trial < 3000; trial++) {
      // Up to three storages of float32 values 0, 1, 2, ...
      const storages: { key: string; numel: number; claimed: number }[] = [];
      for (let s = 1 + random.below(3); s > 0; s--) {
        const numel = random.below(24);
        storages.push({ key: String(storages.length), numel, claimed: random.next() < 0.9 ? numel : pick([numel + 1, Math.max(0, numel - 1), ...huge]) });
      }
      const tensors: TensorSpec[] = [];
      for (let t = 1 + random.below(4); t > 0; t--) {
        const storage = pick(storages);
        const rank = random.below(4);
        const shape = Array.from({ length: rank }, () => (random.next() < 0.9 ? random.below(5) : pick(huge)));
        const stride = Array.from({ length: rank }, () => (random.next() < 0.9 ? random.below(7) : pick(huge)));
        const offset = random.next() < 0.9 ? random.below(Math.max(1, storage.numel)) : pick(huge);
        tensors.push({ name: random.next() < 0.95 ? `t${tensors.length}` : 't0', key: random.next() < 0.97 ? storage.key : 'missing', numel: storage.claimed, offset, shape, stride });
      }
      const items = tensors.flatMap((t) => [...op.str(t.name), ...tensorOps(t), ...op.setitem]);
      const wrap = random.below(4);
      const body = [...op.emptyDict, ...items];
      const pkl = wrap === 0
        ? pickle(op.proto(), op.emptyDict, op.str('epoch'), op.int(1), op.setitem, op.str('model_state_dict'), body, op.setitem, op.stop)
        : wrap === 1 && random.next() < 0.5
          ? pickle(op.proto(), op.emptyDict, op.str('evil'), op.global(pick(['__main__', 'os', 'builtins']), pick(['Net', 'system', 'eval'])), op.setitem, op.stop)
          : pickle(op.proto(), body, op.stop);
      const data: Record<string, Uint8Array> = {};
      for (const s of storages) data[s.key] = new Uint8Array(Float32Array.from({ length: s.numel }, (_, i) => i).buffer);
      const bytes = writeZip([{ name: 'archive/data.pkl', data: pkl }, ...Object.entries(data).map(([key, d]) => ({ name: `archive/data/${key}`, data: d }))]);
      const result = outcome(bytes);
      counts[result]++;
      if (result === 'read') {
        // Names repeat only when the dict overwrote an entry, as in Python: compare against the last spec per name.
        const last = new Map(tensors.map((t) => [t.name, t]));
        const got = readTorchFile(bytes, 'fuzz.pt').tensors;
        expect(got.map((t) => t.name)).toEqual([...new Set(tensors.map((t) => t.name))]);
        for (const t of got) {
          const reference = gather(last.get(t.name)!);
          expect(t.data.length).toBe(reference.length);
          // Every value of small tensors; a thousand spread over the big ones (up to the budget's million).
          const step = Math.max(1, Math.floor(reference.length / 1000));
          for (let i = 0; i < reference.length; i += step) if (t.data[i] !== reference[i]) expect(t.data[i], `${t.name}[${i}]`).toBe(reference[i]);
        }
      }
    }
    expect(counts.read).toBeGreaterThan(200);
    expect(counts.refused).toBeGreaterThan(600);
  });
});

/** The reference: element [i0, i1, ...] of the view is storage[offset + Σ i_d × stride_d], and storage[k] = k. */
function gather(t: TensorSpec): number[] {
  const out: number[] = [];
  const count = t.shape.reduce((a, b) => a * b, 1);
  for (let flat = 0; flat < count; flat++) {
    let rest = flat;
    let position = t.offset ?? 0;
    for (let d = t.shape.length - 1; d >= 0; d--) {
      position += (rest % t.shape[d]!) * t.stride![d]!;
      rest = Math.floor(rest / t.shape[d]!);
    }
    out.push(position);
  }
  return out;
}
