// PyTorch's torch.save files (.pt, .pth) read and written in our own code, so
// that the tutorials' `torch.save(model.state_dict(), PATH)` files load here
// and ours load there, with nothing of PyTorch's and no Python.
//
// Two formats: the ZIP archive of PyTorch 1.6 and later (data.pkl, a pickle
// of the state_dict, and one entry data/<key> of raw bytes per storage), and
// the legacy format before it (five pickles in a row, then each storage's
// bytes). The pickles are read by a restricted unpickler that knows only
// what a state_dict is made of and runs nothing; see pickle.ts, tensors.ts.
//
// Every byte is untrusted: sizes are checked against the file before use,
// and what a file unpacks to is bounded by its length (VALUE_BUDGET), so a
// lying or hostile file costs an error message, never memory or time.

import { fail, quote, TorchFileError } from './errors.ts';
import { describe, PickleDict, PickleList, unpickle } from './pickle.ts';
import { readView, stateDictHooks, type DType, type Storage, TensorView } from './tensors.ts';
import { readZip, storedData, writeZip, type ZipEntry } from './zip.ts';

export { TorchFileError } from './errors.ts';

/** The same shape as weights-file's NamedTensor. */
export interface NamedTensor {
  name: string;
  shape: number[];
  data: Float32Array;
}

/**
 * Most float32 values a file may unpack to: one per byte of the file, plus a
 * mebivalue. A float32 state_dict unpacks to a quarter value per byte, half
 * for float16; only views that repeat elements (expanded tensors, many views
 * of one storage) could ask for more, and a hostile file asks for billions.
 */
export const valueBudget = (fileBytes: number): number => fileBytes + (1 << 20);

/** Checkpoint keys that hold a state_dict beside other entries, in the order they are tried. */
export const STATE_DICT_KEYS = ['model_state_dict', 'state_dict', 'model'] as const;

/** The legacy format's first pickle: torch.serialization's MAGIC_NUMBER. */
const LEGACY_MAGIC = 0x1950a86a20f9469cfc6cn;
const LEGACY_PROTOCOL = 1001;

const notTorch = 'open a file written by torch.save (.pt or .pth), or a .safetensors file';

interface Unpacked {
  top: unknown;
  /** The bytes of a storage: exactly numel × item size of them, or a thrown TorchFileError. */
  storageBytes: (storage: Storage) => Uint8Array;
  littleEndian: boolean;
  notes: string[];
}

/**
 * Reads a torch.save file holding a state_dict, or a checkpoint dict holding
 * one under "model_state_dict"/"state_dict"/"model" beside other entries.
 * Tensors in the order the file lists them, as float32; `notes` says what was
 * converted or left out. Throws TorchFileError, naming `fileName`, for
 * anything else, and never throws anything else.
 */
export function readTorchFile(bytes: Uint8Array, fileName: string): { tensors: NamedTensor[]; notes: string[] } {
  try {
    const unpacked = unpack(bytes);
    const notes = unpacked.notes;
    const stateDict = findStateDict(unpacked.top, notes);
    return { tensors: readTensors(stateDict, unpacked, bytes.length, notes), notes };
  } catch (error) {
    // The name comes from the user's file system: escaped so that the message stays one line.
    if (error instanceof TorchFileError) throw new TorchFileError(`${fileName.replace(/[\u0000-\u001f\u2028\u2029]/g, '?')}: ${error.message}`);
    throw error;
  }
}

function unpack(bytes: Uint8Array): Unpacked {
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return unpackZip(bytes);
  if (bytes.length >= 2 && bytes[0] === 0x80 && bytes[1] >= 2 && bytes[1] <= 5) return unpackLegacy(bytes);
  if (bytes.length >= 262 && new TextDecoder('latin1').decode(bytes.subarray(257, 262)) === 'ustar') {
    fail("it is a tar archive, the format of the earliest torch.save versions", 'load it with PyTorch and save it again with a recent torch.save');
  }
  if (bytes.length >= 9 && bytes[8] === 0x7b && bytes[6] === 0 && bytes[7] === 0) {
    fail('it looks like a safetensors file, not a torch.save file', 'rename it to .safetensors and open it again');
  }
  return fail(`it is not a torch.save file (${bytes.length === 0 ? 'it is empty' : 'neither the ZIP format of PyTorch 1.6 and later nor the legacy pickle format'})`, notTorch);
}

function unpackZip(bytes: Uint8Array): Unpacked {
  const entries = readZip(bytes);
  // A TorchScript archive has a data.pkl too, beside its code and constants.
  if (entries.some((e) => /^[^/]+\/(constants\.pkl|code\/)/.test(e.name))) {
    fail('it is a TorchScript archive (torch.jit.save), not a torch.save file', 'save the weights instead: torch.save(model.state_dict(), PATH)');
  }
  const pickles = entries.filter((e) => /^[^/]+\/data\.pkl$/.test(e.name));
  if (pickles.length === 0) fail('it is a ZIP archive without the data.pkl record of a torch.save file', notTorch);
  if (pickles.length > 1) fail(`it holds ${pickles.length} data.pkl records (${pickles.map((e) => quote(e.name)).join(', ')}); torch.save writes one`, notTorch);
  const prefix = pickles[0]!.name.slice(0, -'data.pkl'.length);
  const byName = new Map<string, ZipEntry>(entries.map((e) => [e.name, e]));
  const notes: string[] = [];

  // PyTorch 2.1 and later record the byte order; files without it come from little-endian machines.
  let littleEndian = true;
  const order = byName.get(`${prefix}byteorder`);
  if (order !== undefined) {
    const text = new TextDecoder('latin1').decode(storedData(order)).trim();
    if (text !== 'little' && text !== 'big') fail(`its byteorder record says ${quote(text)} instead of "little" or "big"`, 'the file is damaged');
    littleEndian = text === 'little';
    if (!littleEndian) notes.push('read big-endian data (the file was saved on a big-endian machine)');
  }

  const hooks = stateDictHooks(bytes.length, false);
  const { value } = unpickle(storedData(pickles[0]!), hooks);
  return {
    top: value,
    littleEndian,
    notes,
    storageBytes(storage) {
      const name = `${prefix}data/${storage.key}`;
      const entry = byName.get(name);
      if (entry === undefined) return fail(`storage ${quote(storage.key)} has no record ${quote(name)}`, 'the file is damaged or incomplete');
      const data = storedData(entry);
      const expected = storage.numel * storage.itemSize;
      if (data.length !== expected) {
        fail(`storage ${quote(storage.key)} claims ${storage.numel} ${storage.dtype} elements (${expected} bytes) but its record holds ${data.length} bytes`, 'the file is damaged');
      }
      return data;
    },
  };
}

/**
 * The legacy format (torch.save before 1.6, or with
 * _use_new_zipfile_serialization=False): pickles of the magic number, the
 * protocol version 1001, a dict about the machine, the object, and the list
 * of storage keys; then for each key an 8-byte element count and the bytes.
 */
function unpackLegacy(bytes: Uint8Array): Unpacked {
  const hooks = stateDictHooks(bytes.length, true);
  const magic = unpickle(bytes, hooks, 0, 'magic number');
  if (magic.value !== LEGACY_MAGIC) fail('it is a Python pickle but not a torch.save file (no torch magic number)', notTorch);
  const protocol = unpickle(bytes, hooks, magic.end, 'protocol version');
  if (protocol.value !== LEGACY_PROTOCOL) fail(`its legacy protocol version is ${describe(protocol.value)} instead of ${LEGACY_PROTOCOL}`, 'load it with PyTorch and save it again with torch.save');
  const system = unpickle(bytes, hooks, protocol.end, 'system information');
  const littleEndian = system.value instanceof PickleDict ? system.value.get('little_endian') !== false : true;
  const main = unpickle(bytes, hooks, system.end, 'main pickle');
  const keys = unpickle(bytes, hooks, main.end, 'storage keys');
  if (!(keys.value instanceof PickleList) || !keys.value.items.every((k) => typeof k === 'string')) fail(`its list of storages is ${describe(keys.value)} instead of a list of keys`, 'the file is damaged');

  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const data = new Map<string, Uint8Array>();
  let at = keys.end;
  for (const key of (keys.value as PickleList).items as string[]) {
    const storage = hooks.storages.get(key);
    if (storage === undefined) fail(`its list of storages names ${quote(key)}, which no tensor uses`, 'the file is damaged');
    if (data.has(key)) fail(`its list of storages names ${quote(key)} twice`, 'the file is damaged');
    if (at + 8 > bytes.length) fail(`the data of storage ${quote(key)} is missing: the file ends at byte ${bytes.length}`, 'the file is truncated; copy it again');
    const low = view.getUint32(at + (littleEndian ? 0 : 4), littleEndian);
    const high = view.getUint32(at + (littleEndian ? 4 : 0), littleEndian);
    const numel = high * 2 ** 32 + low;
    if (numel !== storage!.numel) fail(`storage ${quote(key)} holds ${numel} elements where its tensors were told ${storage!.numel}`, 'the file is damaged');
    const length = numel * storage!.itemSize;
    if (at + 8 + length > bytes.length) fail(`the data of storage ${quote(key)} (${length} bytes) runs past the end of the file`, 'the file is truncated; copy it again');
    data.set(key, bytes.subarray(at + 8, at + 8 + length));
    at += 8 + length;
  }
  if (at !== bytes.length) fail(`${bytes.length - at} bytes follow the last storage`, 'the file is damaged');
  const notes = ['read the legacy torch.save format (before PyTorch 1.6, or _use_new_zipfile_serialization=False)'];
  if (!littleEndian) notes.push('read big-endian data (the file was saved on a big-endian machine)');
  return {
    top: main.value,
    littleEndian,
    notes,
    storageBytes(storage) {
      const bytesOf = data.get(storage.key);
      if (bytesOf === undefined) return fail(`storage ${quote(storage.key)} has no data after the pickles`, 'the file is damaged or incomplete');
      return bytesOf;
    },
  };
}

function isStateDict(value: unknown): value is PickleDict {
  return value instanceof PickleDict && value.size > 0 && value.keys.every((k) => typeof k === 'string') && value.values.every((v) => v instanceof TensorView);
}

/** The state_dict itself, or the one a checkpoint holds under a known key. */
function findStateDict(top: unknown, notes: string[]): PickleDict {
  const advice = 'save a state_dict: torch.save(model.state_dict(), PATH), or a checkpoint dict that holds one under "model_state_dict"';
  if (isStateDict(top)) return top;
  if (top instanceof TensorView) fail(`it holds one tensor, not a state_dict of named tensors`, advice);
  if (!(top instanceof PickleDict)) return fail(`it holds ${describe(top)}, not a state_dict`, advice);
  if (top.size === 0) fail('it holds an empty dict: there are no tensors in it', advice);
  for (const key of STATE_DICT_KEYS) {
    const inner = top.get(key);
    if (isStateDict(inner)) {
      const others = top.keys.filter((k) => k !== key).map((k) => (typeof k === 'string' ? quote(k) : describe(k)));
      notes.push(`read the state_dict under "${key}"${others.length > 0 ? `; left out the other entries (${others.slice(0, 8).join(', ')}${others.length > 8 ? ', ...' : ''})` : ''}`);
      return inner;
    }
  }
  const known = STATE_DICT_KEYS.map((k) => `"${k}"`).join(', ');
  for (let i = 0; i < top.size; i++) {
    const key = top.keys[i];
    if (typeof key !== 'string') return fail(`it holds a dict with the key ${describe(key)}; a state_dict's keys are names`, advice);
    if (!(top.values[i] instanceof TensorView)) {
      return fail(`its entry ${quote(key)} is ${describe(top.values[i])}, not a tensor, and no entry ${known} holds a state_dict`, advice);
    }
  }
  return fail('it holds no state_dict', advice);
}

const CONVERSIONS: Partial<Record<DType, string>> = {
  float64: 'rounded to float32',
  float16: 'converted to float32 exactly',
  bfloat16: 'converted to float32 exactly',
  int64: 'converted to float32',
  int32: 'converted to float32',
  int16: 'converted to float32',
  int8: 'converted to float32',
  uint8: 'converted to float32',
  bool: 'converted to float32 (0 and 1)',
};

function readTensors(stateDict: PickleDict, unpacked: Unpacked, fileBytes: number, notes: string[]): NamedTensor[] {
  const budget = valueBudget(fileBytes);
  let values = 0;
  const converted = new Map<DType, string[]>();
  const tensors: NamedTensor[] = [];
  for (let i = 0; i < stateDict.size; i++) {
    const name = stateDict.keys[i] as string;
    const view = stateDict.values[i] as TensorView;
    values += view.count;
    if (values > budget) {
      fail(`its tensors unpack to more than ${budget} values, more than a ${fileBytes}-byte file can hold without repeating elements (at ${quote(name)}, shape [${view.shape.join(', ')}])`, 'save each tensor contiguously: torch.save({k: v.contiguous().clone() for k, v in model.state_dict().items()}, PATH)');
    }
    const data = readView(view, unpacked.storageBytes(view.storage), unpacked.littleEndian);
    if (CONVERSIONS[view.storage.dtype] !== undefined) converted.set(view.storage.dtype, [...(converted.get(view.storage.dtype) ?? []), name]);
    tensors.push({ name, shape: view.shape, data });
  }
  for (const [dtype, names] of converted) {
    const list = names.slice(0, 4).map(quote).join(', ') + (names.length > 4 ? `, ... (${names.length} tensors)` : '');
    notes.push(`${dtype} ${names.length === 1 ? 'tensor' : 'tensors'} ${list} ${CONVERSIONS[dtype]}`);
  }
  return tensors;
}

/**
 * A ZIP-format torch.save file of a state_dict (an OrderedDict of float32
 * tensors, one storage each), that torch.load(path, weights_only=True)
 * opens into something load_state_dict takes. The pickle is what
 * torch.save(state_dict) writes with protocol 2, without the `_metadata`
 * attribute (load_state_dict does without it).
 */
export function writeTorchFile(tensors: NamedTensor[]): Uint8Array {
  const seen = new Set<string>();
  for (const { name, shape, data } of tensors) {
    if (typeof name !== 'string' || name === '') throw new TorchFileError('cannot save a .pt file: a tensor has an empty name; name every tensor');
    if (seen.has(name)) throw new TorchFileError(`cannot save a .pt file: two tensors are named ${quote(name)}; tensor names must be unique`);
    seen.add(name);
    let count = 1;
    for (const dim of shape) {
      if (!Number.isSafeInteger(dim) || dim < 0) throw new TorchFileError(`cannot save a .pt file: tensor ${quote(name)} has shape [${shape.join(', ')}]; dimensions must be non-negative integers`);
      count *= dim;
    }
    if (count !== data.length) throw new TorchFileError(`cannot save a .pt file: tensor ${quote(name)} has shape [${shape.join(', ')}] (${count} elements) but ${data.length} values; pass data of the shape's size`);
  }
  const entries = [
    { name: 'archive/data.pkl', data: statePickle(tensors) },
    { name: 'archive/byteorder', data: new TextEncoder().encode('little') },
    ...tensors.map(({ data }, i) => ({ name: `archive/data/${i}`, data: littleEndianBytes(data) })),
    { name: 'archive/version', data: new TextEncoder().encode('3\n') },
  ];
  try {
    return writeZip(entries);
  } catch (error) {
    if (error instanceof TorchFileError) throw new TorchFileError(`cannot save a .pt file: ${error.message}`);
    throw error;
  }
}

function littleEndianBytes(data: Float32Array): Uint8Array {
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] === 1) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  const out = new Uint8Array(data.length * 4);
  const view = new DataView(out.buffer);
  for (let i = 0; i < data.length; i++) view.setFloat32(i * 4, data[i]!, true);
  return out;
}

/** Pickle protocol 2, opcode for opcode as Python's pickler writes an OrderedDict of tensors. */
function statePickle(tensors: NamedTensor[]): Uint8Array {
  const out: number[] = [];
  const encoder = new TextEncoder();
  const op = (...codes: number[]) => out.push(...codes);
  const u32 = (n: number) => op(n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, n >>> 24);
  const global = (module: string, name: string) => {
    op(0x63); // GLOBAL
    for (const c of `${module}\n${name}\n`) op(c.charCodeAt(0));
  };
  const string = (text: string) => {
    const utf8 = encoder.encode(text);
    op(0x58); // BINUNICODE
    u32(utf8.length);
    for (const b of utf8) op(b);
  };
  const int = (n: number) => {
    if (n < 0x100) op(0x4b, n); // BININT1
    else if (n < 0x10000) op(0x4d, n & 0xff, n >>> 8); // BININT2
    else if (n < 2 ** 31) {
      op(0x4a); // BININT
      u32(n);
    } else {
      // LONG1: little-endian two's complement, with a zero byte if the top bit is set
      const bytes: number[] = [];
      for (let v = BigInt(n); v > 0n; v >>= 8n) bytes.push(Number(v & 0xffn));
      if (bytes[bytes.length - 1]! >= 0x80) bytes.push(0);
      op(0x8a, bytes.length, ...bytes);
    }
  };
  const tuple = (items: number[]) => {
    if (items.length === 0) return op(0x29); // EMPTY_TUPLE
    if (items.length > 3) op(0x28); // MARK
    items.forEach(int);
    op(items.length <= 3 ? [0, 0x85, 0x86, 0x87][items.length]! : 0x74); // TUPLE1..3 or TUPLE
  };
  // Memo slots: 0 OrderedDict, 1 the state_dict, 2 _rebuild_tensor_v2, 3 'storage', 4 FloatStorage, 5 'cpu'.
  op(0x80, 2); // PROTO 2
  global('collections', 'OrderedDict');
  op(0x71, 0, 0x29, 0x52, 0x71, 1); // BINPUT 0, EMPTY_TUPLE, REDUCE, BINPUT 1
  tensors.forEach(({ name, shape }, i) => {
    if (i % 1000 === 0) op(0x28); // MARK: items go in batches of 1000, as Python's pickler sends them
    string(name);
    if (i === 0) {
      global('torch._utils', '_rebuild_tensor_v2');
      op(0x71, 2);
    } else op(0x68, 2); // BINGET
    op(0x28, 0x28); // MARK (the arguments), MARK (the persistent id)
    if (i === 0) {
      string('storage');
      op(0x71, 3);
      global('torch', 'FloatStorage');
      op(0x71, 4);
    } else op(0x68, 3, 0x68, 4);
    string(String(i));
    if (i === 0) {
      string('cpu');
      op(0x71, 5);
    } else op(0x68, 5);
    int(shape.reduce((a, b) => a * b, 1));
    op(0x74, 0x51); // TUPLE, BINPERSID
    int(0); // storage offset
    tuple(shape);
    const strides = shape.map((_, d) => shape.slice(d + 1).reduce((a, b) => a * b, 1));
    tuple(strides);
    op(0x89); // NEWFALSE: requires_grad
    op(0x68, 0, 0x29, 0x52); // backward_hooks: OrderedDict()
    op(0x74, 0x52); // TUPLE, REDUCE
    if (i % 1000 === 999 || i === tensors.length - 1) op(0x75); // SETITEMS
  });
  op(0x2e); // STOP
  return Uint8Array.from(out);
}
