import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAX_HEADER_BYTES, parseSafetensors, SafetensorsError, serializeSafetensors } from '../src/engine/safetensors.ts';
import { Random } from '../src/engine/random.ts';

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`./fixtures/torch/${name}`, import.meta.url)));

/** A file whose header is `header` as given (not re-encoded), with an optional lying header length. */
function rawFile(header: string | Uint8Array, dataBytes: number, claimedLength?: bigint): Uint8Array {
  const json = typeof header === 'string' ? new TextEncoder().encode(header) : header;
  const out = new Uint8Array(8 + json.length + dataBytes);
  new DataView(out.buffer).setBigUint64(0, claimedLength ?? BigInt(json.length), true);
  out.set(json, 8);
  for (let i = 0; i < dataBytes; i++) out[8 + json.length + i] = (i * 37) & 0xff;
  return out;
}

/** Index of the first differing byte, or -1 (vitest's toEqual is slow on a megabyte). */
function firstDifference(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : n;
}

function bits(data: Float32Array): number[] {
  return Array.from(new Uint32Array(data.buffer, data.byteOffset, data.length));
}

/** The small valid file the fuzz tests mutate: a matrix, a bias, an empty tensor, a scalar, and metadata. */
function smallFile(): Uint8Array {
  return serializeSafetensors(
    [
      { name: '0.weight', shape: [3, 2], data: Float32Array.from([0.5, -1, 2.25, 3, -0, 1e-3]) },
      { name: '0.bias', shape: [3], data: Float32Array.from([1, 2, 3]) },
      { name: 'empty', shape: [0, 4], data: new Float32Array(0) },
      { name: 'scale', shape: [], data: Float32Array.from([7]) },
    ],
    { format: 'pt', note: 'fuzz' },
  );
}

/**
 * The fuzz oracle: parsing `bytes` either throws a one-line SafetensorsError
 * that names the file, or returns tensors that are consistent with the file
 * (sizes match shapes, the data exactly fills the data section) and survive
 * a write and re-read unchanged. Anything else fails the test.
 */
function outcome(bytes: Uint8Array): 'parsed' | 'rejected' {
  let parsed;
  try {
    parsed = parseSafetensors(bytes, 'fuzz.safetensors');
  } catch (e) {
    if (!(e instanceof SafetensorsError)) throw new Error(`not a SafetensorsError: ${String(e)}`);
    expect(e.message.startsWith('fuzz.safetensors: ')).toBe(true);
    expect(e.message).not.toMatch(/[\u0000-\u001f\u2028\u2029]/);
    return 'rejected';
  }
  const headerLength = Number(new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(0, true));
  let dataBytes = 0;
  const list = [...parsed.tensors].map(([name, t]) => {
    expect(t.dtype).toBe('F32');
    expect(t.data.length).toBe(t.shape.reduce((a, b) => a * b, 1));
    dataBytes += t.data.byteLength;
    return { name, shape: t.shape, data: t.data };
  });
  expect(dataBytes).toBe(bytes.length - 8 - headerLength);
  const again = parseSafetensors(serializeSafetensors(list, parsed.metadata));
  expect(again.metadata).toEqual(parsed.metadata);
  expect([...again.tensors.keys()]).toEqual([...parsed.tensors.keys()]);
  for (const [name, t] of again.tensors) {
    expect(t.shape).toEqual(parsed.tensors.get(name)!.shape);
    expect(bits(t.data)).toEqual(bits(parsed.tensors.get(name)!.data));
  }
  return 'parsed';
}

function expectRejected(bytes: Uint8Array, message: RegExp): void {
  let error: unknown;
  try {
    parseSafetensors(bytes, 'model.safetensors');
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(SafetensorsError);
  const text = (error as Error).message;
  expect(text.startsWith('model.safetensors: ')).toBe(true);
  expect(text).not.toMatch(/[\u0000-\u001f\u2028\u2029]/);
  expect(text).toMatch(message);
}

describe('serializeSafetensors / parseSafetensors', () => {
  it('round-trips names, shapes, order, metadata and exact float bits', () => {
    const special = new Float32Array(new Uint32Array([0x7fc00001, 0xff800000, 0x7f800000, 0x80000000, 0x00000001, 0x3f800000]).buffer);
    const tensors = [
      { name: 'z.last-in-name-order', shape: [2, 3], data: special },
      { name: 'a', shape: [7], data: Float32Array.from({ length: 7 }, (_, i) => i / 3) },
      { name: 'empty', shape: [3, 0], data: new Float32Array(0) },
      { name: 'scalar', shape: [], data: Float32Array.from([-2.5]) },
      { name: 'nämé ✓', shape: [1, 1, 1], data: Float32Array.from([1e-40]) },
    ];
    const metadata = { format: 'pt', 'ünïcode': 'välue "quoted"\n' };
    const bytes = serializeSafetensors(tensors, metadata);

    const headerLength = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    expect(headerLength % 8).toBe(0);
    const header = new TextDecoder().decode(bytes.subarray(8, 8 + headerLength));
    expect(header.startsWith('{"__metadata__":{"format":"pt",')).toBe(true);
    expect(header).toMatch(/^\{.*\} *$/);
    expect(header).toContain('"z.last-in-name-order":{"dtype":"F32","shape":[2,3],"data_offsets":[0,24]}');

    // Parse from an odd offset: the data section is then unaligned for Float32Array.
    const shifted = new Uint8Array(bytes.length + 1);
    shifted.set(bytes, 1);
    for (const input of [bytes, shifted.subarray(1)]) {
      const parsed = parseSafetensors(input);
      expect(parsed.metadata).toEqual(metadata);
      expect([...parsed.tensors.keys()]).toEqual(tensors.map((t) => t.name));
      for (const t of tensors) {
        const back = parsed.tensors.get(t.name)!;
        expect(back.dtype).toBe('F32');
        expect(back.shape).toEqual(t.shape);
        expect(bits(back.data)).toEqual(bits(t.data));
      }
    }
  });

  it('omits __metadata__ when none is given and writes "{}" for no tensors', () => {
    const bytes = serializeSafetensors([]);
    expect(Array.from(bytes.subarray(0, 8))).toEqual([8, 0, 0, 0, 0, 0, 0, 0]);
    expect(new TextDecoder().decode(bytes.subarray(8))).toBe('{}      ');
    const parsed = parseSafetensors(bytes);
    expect(parsed.metadata).toEqual({});
    expect(parsed.tensors.size).toBe(0);
  });

  it('keeps the data of a subarray view, not its whole buffer', () => {
    const backing = Float32Array.from([9, 1, 2, 3, 9]);
    const bytes = serializeSafetensors([{ name: 'w', shape: [3], data: backing.subarray(1, 4) }]);
    expect(Array.from(parseSafetensors(bytes).tensors.get('w')!.data)).toEqual([1, 2, 3]);
  });

  it('refuses to write what it could not read back', () => {
    const data = new Float32Array(6);
    expect(() => serializeSafetensors([{ name: 'w', shape: [2, 2], data }])).toThrow(/shape \[2, 2\] \(4 elements\) but 6 values/);
    expect(() => serializeSafetensors([{ name: 'w', shape: [6], data }, { name: 'w', shape: [6], data }])).toThrow(/two tensors are named "w"/);
    expect(() => serializeSafetensors([{ name: '__metadata__', shape: [6], data }])).toThrow(SafetensorsError);
    expect(() => serializeSafetensors([{ name: 'w', shape: [-6], data }])).toThrow(/non-negative integers/);
    expect(() => serializeSafetensors([], { step: 3 as unknown as string })).toThrow(/metadata "step" is a number/);
  });
});

describe('files written by PyTorch (test/fixtures/torch, scripts/torch/make_fixtures.py)', () => {
  // Expected values come from re-running torch.manual_seed(0) and the default
  // Linear init in PyTorch 1.13, not from reading the file.
  it('reads the Linear(784,10) init file and writes it back byte for byte', () => {
    const bytes = fixture('mnist-linear-sgd.init.safetensors');
    const parsed = parseSafetensors(bytes, 'mnist-linear-sgd.init.safetensors');
    expect(parsed.metadata).toEqual({ format: 'pt' });
    expect([...parsed.tensors.keys()]).toEqual(['0.bias', '0.weight']);
    const weight = parsed.tensors.get('0.weight')!;
    const bias = parsed.tensors.get('0.bias')!;
    expect(weight.shape).toEqual([10, 784]);
    expect(bias.shape).toEqual([10]);
    // Exact: each literal is a float32 value printed as a double.
    expect(Array.from(weight.data.subarray(0, 3))).toEqual([-0.00026738643646240234, 0.019158700481057167, -0.029394470155239105]);
    expect(weight.data[9 * 784 + 783]).toBe(0.035511262714862823);
    expect(Array.from(bias.data.subarray(0, 3))).toEqual([-0.009154587984085083, 0.0277395136654377, -0.0110241137444973]);
    // Float64 sums in a different order than torch's: equal to ~1e-12.
    expect(weight.data.reduce((a, b) => a + b, 0)).toBeCloseTo(-0.8424482984437418, 10);
    expect(bias.data.reduce((a, b) => a + b, 0)).toBeCloseTo(0.031492927111685276, 10);

    const tensors = [...parsed.tensors].map(([name, t]) => ({ name, shape: t.shape, data: t.data }));
    expect(firstDifference(serializeSafetensors(tensors, parsed.metadata), bytes)).toBe(-1);
  });

  it('reads the MLP init file and writes it back byte for byte', () => {
    const bytes = fixture('mnist-mlp-adam-b100.init.safetensors');
    const parsed = parseSafetensors(bytes);
    const expected: [string, number[], number, number, number][] = [
      // name, shape, first value, last value, float64 sum (from torch)
      ['0.bias', [256], -0.01171777956187725, 0.013478309847414494, -0.5794029836688424],
      ['0.weight', [256, 784], -0.00026738643646240234, -0.01413381565362215, 11.015339755864801],
      ['2.bias', [256], -0.022813253104686737, -0.013823539018630981, -0.10129154473543167],
      ['2.weight', [256, 256], -0.015371456742286682, -0.04450733959674835, -12.493895694613457],
      ['4.bias', [10], 0.015267007052898407, 0.006558261811733246, 0.15543504059314728],
      ['4.weight', [10, 256], -0.009952850639820099, -0.0404682457447052, -1.1234757602214813],
    ];
    expect([...parsed.tensors.keys()]).toEqual(expected.map((e) => e[0]));
    for (const [name, shape, first, last, sum] of expected) {
      const t = parsed.tensors.get(name)!;
      expect(t.shape).toEqual(shape);
      expect(t.data[0]).toBe(first);
      expect(t.data[t.data.length - 1]).toBe(last);
      expect(t.data.reduce((a, b) => a + b, 0)).toBeCloseTo(sum, 9);
    }
    const tensors = [...parsed.tensors].map(([name, t]) => ({ name, shape: t.shape, data: t.data }));
    expect(firstDifference(serializeSafetensors(tensors, parsed.metadata), bytes)).toBe(-1);
  });

  it('has training fixtures whose init files and inline weights match their models', () => {
    const names = [
      'mnist-linear-sgd.json',
      'mnist-mlp-adam-b100.json',
      'mnist-mlp-adam-b1000.json',
      'mnist-mlp-sgd-momentum-b100.json',
      'mnist-mlp-rmsprop-b100.json',
      'blobs-bce.json',
    ];
    for (const name of names) {
      const spec = JSON.parse(new TextDecoder().decode(fixture(name)));
      expect(Object.keys(spec)).toEqual(expect.arrayContaining(['description', 'torchVersion', 'model', 'init', 'optimizer', 'batchSize', 'steps', 'losses', 'after']));
      expect(spec.losses).toHaveLength(spec.steps);
      expect(spec.losses.every((l: unknown) => typeof l === 'number' && Number.isFinite(l))).toBe(true);
      const shapes: Record<string, number[]> = {};
      spec.model.forEach((layer: { type: string; in: number; out: number }, i: number) => {
        if (layer.type === 'linear') Object.assign(shapes, { [`${i}.weight`]: [layer.out, layer.in], [`${i}.bias`]: [layer.out] });
      });
      expect(Object.keys(spec.after.weightSums).sort()).toEqual(Object.keys(shapes).sort());
      if (spec.init !== null) {
        const init = parseSafetensors(fixture(spec.init), spec.init);
        expect(Object.fromEntries([...init.tensors].map(([k, t]) => [k, t.shape]))).toEqual(shapes);
      } else {
        for (const [k, shape] of Object.entries(shapes)) {
          expect(spec.initWeights[k].shape).toEqual(shape);
          expect(spec.initWeights[k].data).toHaveLength(shape.reduce((a, b) => a * b, 1));
        }
      }
    }
  });
});

describe('parseSafetensors rejects malformed files with a one-line message', () => {
  const valid = '{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}';

  it('checks the header length before using it', () => {
    const good = rawFile(valid, 8);
    expect(parseSafetensors(good).tensors.get('w')!.shape).toEqual([2]);
    expectRejected(good.subarray(0, 5), /5 bytes is too short/);
    expectRejected(rawFile(valid, 8, 2n ** 40n), /header length 1099511627776 bytes is above the 100000000-byte limit/);
    expectRejected(rawFile(valid, 8, 2n ** 64n - 1n), /header length 18446744073709551615 bytes is above/);
    expectRejected(rawFile(valid, 8, BigInt(MAX_HEADER_BYTES)), /runs past the end of the \d+-byte file; the file is truncated/);
    expectRejected(rawFile(valid, 0, BigInt(valid.length + 1)), /runs past the end/);
    expectRejected(rawFile(valid, 8, 0n), /does not start with "\{"/);
  });

  it('checks the header text', () => {
    expectRejected(rawFile(new Uint8Array([0x7b, 0xff, 0x7d]), 0), /not valid UTF-8/);
    expectRejected(rawFile(new Uint8Array([0xef, 0xbb, 0xbf, 0x7b, 0x7d]), 0), /does not start with "\{"/);
    expectRejected(rawFile('[1, 2]', 0), /does not start with/);
    expectRejected(rawFile('{"w":', 0), /not valid JSON/);
    expectRejected(rawFile("{'w':1}", 0), /not valid JSON/);
  });

  it('checks dtypes, and says how to get float32 weights', () => {
    for (const dtype of ['F16', 'BF16', 'F64', 'I64', 'f32']) {
      expectRejected(rawFile(`{"w":{"dtype":"${dtype}","shape":[2],"data_offsets":[0,8]}}`, 8), new RegExp(`tensor "w" has dtype "${dtype}"; only float32 \\(F32\\) weights are supported; save with tensor\\.float\\(\\)`));
    }
    expectRejected(rawFile('{"w":{"dtype":32,"shape":[2],"data_offsets":[0,8]}}', 8), /dtype 32, not a string/);
  });

  it('checks entries, shapes and metadata', () => {
    for (const entry of ['null', '[1]', '"F32"', '3']) expectRejected(rawFile(`{"w":${entry}}`, 0), /tensor "w" is .*, not an object with dtype/);
    for (const shape of ['[-1]', '[1.5]', '["2"]', 'null', '{}', '[[2]]', '[1e400]', '[9007199254740993]']) {
      expectRejected(rawFile(`{"w":{"dtype":"F32","shape":${shape},"data_offsets":[0,8]}}`, 8), /has shape .*; a shape is a list of non-negative integers/);
    }
    expectRejected(rawFile('{"__metadata__":{"step":3},"w":{"dtype":"F32","shape":[],"data_offsets":[0,4]}}', 4), /metadata "step" is 3; safetensors metadata values must be strings/);
    expectRejected(rawFile('{"__metadata__":["a"]}', 0), /"__metadata__" is \["a"\], not an object of strings/);
    expectRejected(rawFile('{"__metadata__":{"a":{"b":"c"}}}', 0), /metadata "a" is an object/);
    // A file-controlled name cannot break the message onto two lines.
    expectRejected(rawFile('{"a\\nb":null}', 0), /tensor "a\\nb" is null/);
  });

  it('checks data_offsets against the shape and the data section', () => {
    const one = (shape: string, offsets: string, data: number) => rawFile(`{"w":{"dtype":"F32","shape":${shape},"data_offsets":${offsets}}}`, data);
    for (const offsets of ['[0]', '[0,4,8]', '[-4,4]', '["0","8"]', '[0,18446744073709551616]', 'null']) {
      expectRejected(one('[2]', offsets, 8), /data_offsets .*; expected \[begin, end\] as non-negative integers/);
    }
    expectRejected(one('[2]', '[0,1000]', 8), /data_offsets \[0, 1000\] outside the 8-byte data section/);
    expectRejected(one('[2]', '[8,0]', 8), /outside the 8-byte data section/);
    expectRejected(one('[2]', '[0,4]', 8), /shape \[2\] \(2 elements, 4 bytes each\) but data_offsets \[0, 4\] span 4 bytes/);
    // Shapes that claim 2^40 elements: rejected by arithmetic, never allocated.
    expectRejected(one('[1048576,1048576]', '[0,4398046511104]', 8), /outside the 8-byte data section/);
    expectRejected(one('[1048576,1048576]', '[0,8]', 8), /more elements than the file holds/);
    expectRejected(one('[1099511627776]', '[0,8]', 8), /more elements than the file holds/);
    expectRejected(one('[1099511627776,1099511627776,1099511627776]', '[0,8]', 8), /more elements than the file holds/);
    // A zero dimension makes any other dimension legal, as in PyTorch.
    expect(parseSafetensors(one('[1099511627776,0]', '[0,0]', 0)).tensors.get('w')!.data.length).toBe(0);

    const two = (a: string, b: string, data: number) => rawFile(`{"a":{"dtype":"F32","shape":[2],"data_offsets":${a}},"b":{"dtype":"F32","shape":[2],"data_offsets":${b}}}`, data);
    expectRejected(two('[0,8]', '[4,12]', 12), /tensor "b" at data_offsets \[4, 12\] overlaps the tensor before it, which ends at 8/);
    expectRejected(two('[0,8]', '[0,8]', 8), /overlaps/);
    expectRejected(two('[0,8]', '[12,20]', 20), /bytes 8 to 12 of the data section belong to no tensor/);
    expectRejected(two('[4,12]', '[12,20]', 20), /bytes 0 to 4 of the data section belong to no tensor/);
    expectRejected(two('[0,8]', '[8,16]', 20), /the tensors cover 16 bytes but the data section is 20 bytes; the file has trailing bytes/);
    expectRejected(rawFile('{}', 4), /the tensors cover 0 bytes but the data section is 4 bytes/);
    // Header order need not be data order; the map follows the data.
    expect([...parseSafetensors(two('[8,16]', '[0,8]', 16)).tensors.keys()]).toEqual(['b', 'a']);
  });
});

describe('parseSafetensors under fuzzing (seeded)', () => {
  it('rejects every truncation of a valid file', () => {
    const small = smallFile();
    expect(outcome(small)).toBe('parsed');
    for (let n = 0; n < small.length; n++) expect(outcome(small.subarray(0, n))).toBe('rejected');
    const big = fixture('mnist-linear-sgd.init.safetensors');
    const random = new Random(1);
    for (let i = 0; i < 200; i++) expect(outcome(big.subarray(0, random.below(big.length)))).toBe('rejected');
  });

  it('parses or rejects files with random bit flips, and reads flipped data exactly', () => {
    const small = smallFile();
    const headerEnd = 8 + Number(new DataView(small.buffer).getBigUint64(0, true));
    const original = parseSafetensors(small);
    const random = new Random(2);
    const counts = { parsed: 0, rejected: 0 };
    for (let trial = 0; trial < 10_000; trial++) {
      const bytes = small.slice();
      const flips = 1 + random.below(3);
      let headerTouched = false;
      for (let f = 0; f < flips; f++) {
        const at = random.below(bytes.length);
        bytes[at] ^= 1 << random.below(8);
        headerTouched ||= at < headerEnd;
      }
      const result = outcome(bytes);
      counts[result]++;
      if (!headerTouched) {
        // Only data changed: the file must still parse, and each value must be
        // the flipped bytes read little-endian at the tensor's offsets.
        expect(result).toBe('parsed');
        const parsed = parseSafetensors(bytes);
        const view = new DataView(bytes.buffer);
        let at = headerEnd;
        for (const [name, t] of original.tensors) {
          const got = parsed.tensors.get(name)!.data;
          for (let i = 0; i < t.data.length; i++, at += 4) {
            expect(new Uint32Array(got.buffer, got.byteOffset)[i]).toBe(view.getUint32(at, true));
          }
        }
      }
    }
    // Both paths were exercised (flips hit the header far more often than the data).
    expect(counts.parsed).toBeGreaterThan(100);
    expect(counts.rejected).toBeGreaterThan(1000);
  });

  it('parses or rejects random splices, byte overwrites and garbage', () => {
    const small = smallFile();
    const random = new Random(3);
    for (let trial = 0; trial < 5000; trial++) {
      const bytes = small.slice();
      const at = random.below(bytes.length);
      const kind = trial % 4;
      let mutated: Uint8Array;
      if (kind === 0) {
        bytes[at] = random.below(256);
        mutated = bytes;
      } else if (kind === 1) {
        mutated = new Uint8Array([...bytes.subarray(0, at), ...bytes.subarray(at + 1 + random.below(8))]);
      } else if (kind === 2) {
        mutated = new Uint8Array([...bytes.subarray(0, at), ...Array.from({ length: 1 + random.below(8) }, () => random.below(256)), ...bytes.subarray(at)]);
      } else {
        mutated = Uint8Array.from({ length: random.below(80) }, () => random.below(256));
      }
      outcome(mutated);
    }
  });

  it('parses or rejects lying headers built from good and bad pieces', () => {
    const random = new Random(4);
    const pick = <T,>(items: readonly T[]): T => items[random.below(items.length)];
    const huge = [2 ** 40, 2 ** 42, 2 ** 53, 2 ** 64, 1e400, -1, 0.5];
    const dims = [0, 1, 2, 3, 4, ...huge];
    const dtypes = ['"F32"', '"F32"', '"F32"', '"F16"', '"I64"', 'null', '32'];
    const number = () => (random.next() < 0.8 ? random.below(40) : pick(huge));
    const counts = { parsed: 0, rejected: 0 };
    for (let trial = 0; trial < 5000; trial++) {
      const entries: string[] = [];
      if (random.next() < 0.3) entries.push(pick(['"__metadata__":{"a":"b"}', '"__metadata__":{"a":1}', '"__metadata__":null', '"__metadata__":[]']));
      const count = random.below(4);
      let offset = 0;
      for (let t = 0; t < count; t++) {
        const shape = Array.from({ length: random.below(3) }, () => (random.next() < 0.7 ? 1 + random.below(3) : pick(dims)));
        const size = 4 * shape.reduce((a, b) => a * b, 1);
        // Mostly honest offsets (so that some files are valid), sometimes lies.
        const offsets = random.next() < 0.7 ? [offset, offset + size] : [number(), number()];
        offset = Number.isFinite(size) ? offset + size : offset;
        const entry = random.next() < 0.95
          ? `{"dtype":${pick(dtypes)},"shape":${JSON.stringify(shape).replace(/null/g, '1e400')},"data_offsets":[${offsets.join(',')}]}`
          : pick(['null', '[]', '"x"', '{}']);
        entries.push(`"t${t}":${entry}`);
      }
      const header = `{${entries.join(',')}}`;
      const dataBytes = random.next() < 0.7 && Number.isSafeInteger(offset) && offset >= 0 && offset < 4096 ? offset : random.below(64);
      const headerBytes = new TextEncoder().encode(header).length;
      const claimed = random.next() < 0.6
        ? BigInt(headerBytes)
        : pick([BigInt(headerBytes + random.below(16)), BigInt(Math.max(0, headerBytes - random.below(16))), 2n ** 40n, 2n ** 64n - 1n]);
      counts[outcome(rawFile(header, dataBytes, claimed))]++;
    }
    expect(counts.parsed).toBeGreaterThan(100);
    expect(counts.rejected).toBeGreaterThan(1000);
  });
});
