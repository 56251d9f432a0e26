// Shared by the torch-file tests: the committed fixtures, a tiny pickle
// assembler for hand-made (and hostile) pickles, and the oracle every input
// must satisfy: tensors consistent with their shapes, or a one-line
// TorchFileError that names the file. Any other exception fails the test.

import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { readTorchFile, TorchFileError, valueBudget, type NamedTensor } from '../../src/engine/torch-file/torch-file.ts';
import { writeZip } from '../../src/engine/torch-file/zip.ts';

export const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../fixtures/pt/${name}`, import.meta.url)));
export const fixtureJson = <T = FixtureSpec>(name: string): T => JSON.parse(new TextDecoder().decode(fixture(name))) as T;

export interface FixtureTensor {
  name: string;
  shape: number[];
  dtype: string;
  contiguous: boolean;
  stride: number[];
  storageOffset: number;
  sum: number;
  first?: number;
  last?: number;
  values?: number[];
}

export interface FixtureSpec {
  description: string;
  torchVersion: string;
  file: string;
  format?: 'zip' | 'legacy';
  tensors?: FixtureTensor[];
  stateDictKey?: string;
  otherKeys?: string[];
  refused?: string;
}

const encoder = new TextEncoder();
const u32 = (n: number) => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, n >>> 24];
const u64 = (n: number) => [...u32(n % 2 ** 32), ...u32(Math.floor(n / 2 ** 32))];

/** Pickle opcodes as byte lists, to be concatenated with `pickle(...)`. */
export const op = {
  proto: (version = 2) => [0x80, version],
  stop: [0x2e],
  mark: [0x28],
  tuple: [0x74],
  tuple1: [0x85],
  tuple2: [0x86],
  emptyTuple: [0x29],
  emptyDict: [0x7d],
  emptyList: [0x5d],
  setitem: [0x73],
  setitems: [0x75],
  append: [0x61],
  reduce: [0x52],
  build: [0x62],
  persid: [0x51],
  none: [0x4e],
  true: [0x88],
  false: [0x89],
  dup: [0x32],
  pop: [0x30],
  global: (module: string, name: string) => [0x63, ...encoder.encode(`${module}\n${name}\n`)],
  str: (text: string) => {
    const bytes = encoder.encode(text);
    return [0x58, ...u32(bytes.length), ...bytes];
  },
  /** BINUNICODE claiming `length` bytes, followed by none. */
  strClaiming: (length: number) => [0x58, ...u32(length)],
  bytes8Claiming: (length: number) => [0x8e, ...u64(length)],
  int: (n: number) => (n >= 0 && n < 256 ? [0x4b, n] : [0x4a, ...u32(n >>> 0)]),
  float: (x: number) => {
    const out = new Uint8Array(9);
    out[0] = 0x47;
    new DataView(out.buffer).setFloat64(1, x, false);
    return [...out];
  },
  put: (i: number) => [0x71, i],
  get: (i: number) => [0x68, i],
  longGet: (i: number) => [0x6a, ...u32(i)],
};

export const pickle = (...parts: (number[] | number)[]): Uint8Array => Uint8Array.from(parts.flatMap((p) => (typeof p === 'number' ? [p] : p)));

export interface TensorSpec {
  name: string;
  key: string;
  numel: number;
  offset?: number;
  shape: number[];
  stride?: number[];
  storage?: string;
  /** Where the tensor lived when saved: 'cpu' unless said ('cuda:0' from a GPU). */
  location?: string;
}

const contiguousStride = (shape: number[]) => shape.map((_, d) => shape.slice(d + 1).reduce((a, b) => a * b, 1));

/** _rebuild_tensor_v2(('storage', torch.<storage>, key, 'cpu', numel), offset, shape, stride, False, OrderedDict()) */
export function tensorOps(t: TensorSpec): number[] {
  const ints = (items: number[]) => [...op.mark, ...items.flatMap(op.int), ...op.tuple];
  return [
    ...op.global('torch._utils', '_rebuild_tensor_v2'),
    ...op.mark,
    ...op.mark, ...op.str('storage'), ...op.global('torch', t.storage ?? 'FloatStorage'), ...op.str(t.key), ...op.str(t.location ?? 'cpu'), ...op.int(t.numel), ...op.tuple, ...op.persid,
    ...op.int(t.offset ?? 0), ...ints(t.shape), ...ints(t.stride ?? contiguousStride(t.shape)), ...op.false,
    ...op.global('collections', 'OrderedDict'), ...op.emptyTuple, ...op.reduce,
    ...op.tuple, ...op.reduce,
  ];
}

/** A pickle of a plain dict {name: tensor} (protocol 2). */
export function stateDictPickle(tensors: TensorSpec[]): Uint8Array {
  return pickle(op.proto(), op.emptyDict, ...tensors.flatMap((t) => [...op.str(t.name), ...tensorOps(t), ...op.setitem]), op.stop);
}

/** A ZIP laid out as torch.save's: prefix/data.pkl, prefix/data/<key> for each storage, prefix/version. */
export function torchZip(dataPkl: Uint8Array, storages: Record<string, Uint8Array> = {}, prefix = 'archive'): Uint8Array {
  return writeZip([
    { name: `${prefix}/data.pkl`, data: dataPkl },
    ...Object.entries(storages).map(([key, data]) => ({ name: `${prefix}/data/${key}`, data })),
    { name: `${prefix}/version`, data: encoder.encode('3\n') },
  ]);
}

export const floats = (...values: number[]): Uint8Array => new Uint8Array(Float32Array.from(values).buffer);

/** Reads `bytes` and expects a one-line TorchFileError naming the file and matching `pattern`. */
export function expectRefused(bytes: Uint8Array, pattern: RegExp, fileName = 'model.pt'): string {
  let error: unknown;
  try {
    readTorchFile(bytes, fileName);
  } catch (e) {
    error = e;
  }
  expect(error, `expected ${fileName} to be refused with ${pattern}`).toBeInstanceOf(TorchFileError);
  const message = (error as Error).message;
  expect(message.startsWith(`${fileName}: `)).toBe(true);
  expect(message).not.toMatch(/[\u0000-\u001f\u2028\u2029]/);
  expect(message).toMatch(pattern);
  return message;
}

/**
 * The oracle: the reader returns tensors whose data fits their shapes, within
 * the value budget, or throws a one-line TorchFileError naming the file.
 */
export function outcome(bytes: Uint8Array): 'read' | 'refused' {
  let result: { tensors: NamedTensor[]; notes: string[] };
  try {
    result = readTorchFile(bytes, 'fuzz.pt');
  } catch (e) {
    if (!(e instanceof TorchFileError)) throw new Error(`not a TorchFileError: ${e instanceof Error ? e.stack : String(e)}`);
    // One line, named, short, and no number that failed to be one (outside the quoted text from the file).
    const ours = e.message.replace(/"(?:[^"\\]|\\.)*"/g, '""');
    if (!e.message.startsWith('fuzz.pt: ') || /[\u0000-\u001f\u2028\u2029]/.test(e.message) || e.message.length > 1000 || /\b(Infinity|NaN|undefined)\b/.test(ours)) {
      throw new Error(`a bad message: ${e.message.slice(0, 2000)}`);
    }
    return 'refused';
  }
  let values = 0;
  for (const t of result.tensors) {
    if (typeof t.name !== 'string' || !(t.data instanceof Float32Array)) throw new Error('a tensor without a name or float32 data');
    if (t.data.length !== t.shape.reduce((a, b) => a * b, 1)) throw new Error(`${t.name}: ${t.data.length} values for shape [${t.shape}]`);
    values += t.data.length;
  }
  if (result.tensors.length === 0) throw new Error('read a file into no tensors');
  if (values > valueBudget(bytes.length)) throw new Error(`${values} values from ${bytes.length} bytes`);
  return 'read';
}
