// What a state_dict pickle may name, and how its tensors are rebuilt without
// running anything: the hooks the restricted unpickler calls for GLOBAL,
// REDUCE, BUILD and persistent ids, and the copy of each tensor's view out of
// its storage's bytes into float32.
//
// torch.save pickles a tensor as
//   torch._utils._rebuild_tensor_v2(storage, offset, size, stride, requires_grad, backward_hooks[, metadata])
// where `storage` is a persistent id ('storage', torch.FloatStorage, key,
// location, numel) whose bytes are a separate record (the ZIP entry
// data/<key>, or a block after the pickles in the legacy format). Offset,
// size and stride count elements, as in torch.as_strided.

import { fail, quote } from './errors.ts';
import { describe, PickleDict, PickleList, PickleTuple, type PickleHooks } from './pickle.ts';

export type DType = 'float32' | 'float64' | 'float16' | 'bfloat16' | 'int64' | 'int32' | 'int16' | 'int8' | 'uint8' | 'bool';

/** The legacy storage classes torch.save names (torch 2.x still writes these names for typed tensors). */
const STORAGE_TYPES: Record<string, [DType, number]> = {
  FloatStorage: ['float32', 4],
  DoubleStorage: ['float64', 8],
  HalfStorage: ['float16', 2],
  BFloat16Storage: ['bfloat16', 2],
  LongStorage: ['int64', 8],
  IntStorage: ['int32', 4],
  ShortStorage: ['int16', 2],
  CharStorage: ['int8', 1],
  ByteStorage: ['uint8', 1],
  BoolStorage: ['bool', 1],
};

/** Most dimensions accepted in a tensor (PyTorch's own limit is 64; real weights have up to 5). */
export const MAX_DIMS = 64;

type CallableKind = 'ordered-dict' | 'rebuild-tensor' | 'rebuild-tensor-v1' | 'rebuild-parameter' | 'rebuild-parameter-with-state' | 'size' | 'bytes' | 'set' | 'device' | 'complex';

const CALLABLES: Record<string, CallableKind> = {
  'collections.OrderedDict': 'ordered-dict',
  'torch._utils._rebuild_tensor_v2': 'rebuild-tensor',
  'torch._utils._rebuild_tensor': 'rebuild-tensor-v1',
  'torch._utils._rebuild_parameter': 'rebuild-parameter',
  'torch._utils._rebuild_parameter_with_state': 'rebuild-parameter-with-state',
  // Beside a state_dict, checkpoints hold shapes, devices, bytes (pickled by protocol 2 as
  // _codecs.encode(text, 'latin1')), sets and complex numbers (under Python 2's module name
  // __builtin__ in protocol 2); each becomes a plain value here.
  'torch.Size': 'size',
  'torch.device': 'device',
  '_codecs.encode': 'bytes',
  'builtins.set': 'set',
  '__builtin__.set': 'set',
  'builtins.complex': 'complex',
  '__builtin__.complex': 'complex',
};

/** dtypes a checkpoint may name beside its tensors (a config's "dtype": torch.float16): values, never called. */
const DTYPE_NAMES = new Set(['float32', 'float', 'float64', 'double', 'float16', 'half', 'bfloat16', 'int64', 'long', 'int32', 'int', 'int16', 'short', 'int8', 'uint8', 'bool']);

/** Globals of torch.save files this reader recognises but does not read, with what to do instead. */
const UNSUPPORTED: Record<string, string> = {
  'torch._utils._rebuild_qtensor': 'it holds quantized tensors, which this reader does not read; save float weights (tensor.dequantize())',
  'torch._utils._rebuild_sparse_tensor': 'it holds sparse tensors, which this reader does not read; save dense ones (tensor.to_dense())',
  'torch._utils._rebuild_tensor_v3': 'it holds tensors of a dtype that only newer PyTorch stores this way (uint16, uint32, uint64, float8), which this reader does not read; convert them with tensor.float() before saving',
  'torch.UntypedStorage': 'it holds an untyped storage or tensors of a dtype this reader does not read; save float tensors (tensor.float())',
  'torch._utils._rebuild_meta_tensor_no_storage': 'it holds meta tensors, which have no values; save the model after its weights are materialised',
  'torch._utils._rebuild_wrapper_subclass': 'it holds tensor subclasses, which this reader does not read; save plain tensors: {k: v.detach().clone() for k, v in model.state_dict().items()}',
  'torch._tensor._rebuild_from_type_v2': 'it holds tensor subclasses or tensors with attributes, which this reader does not read; save plain tensors: {k: v.detach().clone() for k, v in model.state_dict().items()}',
};

/** A dtype named in the pickle, kept as a value. */
class DTypeName {
  constructor(readonly name: string) {}
  describe(): string {
    return `torch.${this.name}`;
  }
}

class Callable {
  constructor(readonly kind: CallableKind, readonly qualified: string) {}
  describe(): string {
    return qualifiedText(this.qualified);
  }
}

class StorageType {
  constructor(readonly dtype: DType, readonly itemSize: number, readonly qualified: string) {}
  describe(): string {
    return qualifiedText(this.qualified);
  }
}

/** A storage named by a persistent id: its bytes are found later by `key`. */
export class Storage {
  constructor(readonly dtype: DType, readonly itemSize: number, readonly key: string, readonly numel: number) {}
  describe(): string {
    return `storage ${quote(this.key)}`;
  }
}

/** A tensor as a strided view of a storage, not yet read. */
export class TensorView {
  constructor(readonly storage: Storage, readonly offset: number, readonly shape: number[], readonly stride: number[], readonly count: number) {}
  describe(): string {
    return `a ${this.storage.dtype} tensor of shape [${this.shape.join(', ')}]`;
  }
}

const qualifiedText = (qualified: string) => `the Python object ${quote(qualified)}`;

const stateDictAdvice = 'this reader runs no code from a file, and a state_dict holds only tensors in dicts; if this file holds a whole model (torch.save(model)), save its weights instead: torch.save(model.state_dict(), PATH)';

/**
 * The hooks for one file. `fileBytes` bounds every size a storage may claim;
 * `legacy` accepts the legacy format's 6-item persistent ids.
 */
export function stateDictHooks(fileBytes: number, legacy: boolean): PickleHooks & { storages: Map<string, Storage> } {
  const storages = new Map<string, Storage>();
  const bad = (what: string, todo = 'the file is damaged, or was not written by torch.save'): never => fail(what, todo);
  return {
    storages,
    global(module, name) {
      const qualified = `${module}.${name}`;
      const kind = CALLABLES[qualified];
      if (kind !== undefined) return new Callable(kind, qualified);
      const storage = module === 'torch' ? STORAGE_TYPES[name] : undefined;
      if (storage !== undefined) return new StorageType(storage[0], storage[1], qualified);
      if (module === 'torch' && DTYPE_NAMES.has(name)) return new DTypeName(name);
      if (UNSUPPORTED[qualified] !== undefined) return fail(`${UNSUPPORTED[qualified]} (${quote(qualified)})`, 'or save the weights as safetensors');
      return bad(`it asks for the Python object ${quote(qualified)}, which is not part of a state_dict`, stateDictAdvice);
    },

    reduce(callable, args) {
      if (!(callable instanceof Callable)) return bad(`its pickle calls ${describe(callable)}, which cannot be called`);
      const items = args.items;
      const arity = (allowed: number[]) => {
        if (!allowed.includes(items.length)) bad(`its pickle calls ${quote(callable.qualified)} with ${items.length} arguments instead of ${allowed.join(' or ')}`);
      };
      switch (callable.kind) {
        case 'ordered-dict':
          arity([0]);
          return new PickleDict(true);
        case 'rebuild-tensor':
        case 'rebuild-tensor-v1': {
          arity(callable.kind === 'rebuild-tensor' ? [6, 7] : [4]);
          const [storage, offset, size, stride] = items;
          if (!(storage instanceof Storage)) return bad(`a tensor in it is rebuilt from ${describe(storage)} instead of a storage`);
          if (callable.kind === 'rebuild-tensor' && typeof items[4] !== 'boolean') bad(`a tensor's requires_grad is ${describe(items[4])} instead of True or False`);
          return tensorView(storage, offset, size, stride);
        }
        case 'size':
          arity([1]);
          if (!(items[0] instanceof PickleTuple || items[0] instanceof PickleList) || !items[0].items.every(isCount)) return bad(`its pickle makes a torch.Size of ${describe(items[0])}`);
          return new PickleTuple(items[0].items.slice());
        case 'bytes': {
          arity([2]);
          const [text, encoding] = items;
          if (typeof text !== 'string' || (encoding !== 'latin1' && encoding !== 'latin-1') || /[^\u0000-\u00ff]/.test(text)) return bad('its pickle encodes bytes in a way Python 2 pickles never do');
          return Uint8Array.from(text, (c) => c.charCodeAt(0));
        }
        case 'set':
          arity([0, 1]);
          if (items.length === 1 && !(items[0] instanceof PickleList)) return bad(`its pickle makes a set of ${describe(items[0])}`);
          return new PickleList(items.length === 1 ? (items[0] as PickleList).items.slice() : []);
        case 'device':
          arity([1, 2]);
          if (typeof items[0] !== 'string') return bad(`its pickle makes a torch.device of ${describe(items[0])}`);
          return items.length === 1 ? items[0] : `${items[0]}:${String(items[1])}`;
        case 'complex':
          arity([0, 1, 2]);
          if (!items.every((x) => typeof x === 'number')) return bad('its pickle makes a complex number of something other than numbers');
          return new PickleTuple(items.slice());
        case 'rebuild-parameter':
        case 'rebuild-parameter-with-state':
          arity(callable.kind === 'rebuild-parameter' ? [3] : [4]);
          if (!(items[0] instanceof TensorView)) return bad(`a Parameter in it wraps ${describe(items[0])} instead of a tensor`);
          return items[0];
      }
    },

    build(target, state) {
      // An OrderedDict's attributes: state_dict() sets `_metadata` (module versions), which loading ignores.
      if (target instanceof PickleDict) {
        target.state = state;
        return target;
      }
      return bad(`its pickle sets the state of ${describe(target)}`);
    },

    persistent(id) {
      const items = id instanceof PickleTuple ? id.items : [];
      const [kind, type, key, , numel] = items;
      if (items.length !== (legacy ? 6 : 5) || kind !== 'storage') return bad(`its pickle refers to ${describe(id)} where torch.save writes ('storage', type, key, location, size${legacy ? ', view' : ''})`);
      if (!(type instanceof StorageType)) return bad(`a storage in it has type ${describe(type)} instead of a storage class such as torch.FloatStorage`);
      if (typeof key !== 'string' || typeof items[3] !== 'string') return bad('a storage in it has a key or location that is not a string');
      if (legacy && items[5] !== null) bad(`storage ${quote(key)} is a view of another storage, which only torch before 0.4 wrote`, 'load the file with PyTorch and save it again with a newer torch.save');
      if (!isCount(numel)) return bad(`storage ${quote(key)} has size ${describe(numel)} instead of a count of elements`);
      if (numel * type.itemSize > fileBytes) bad(`storage ${quote(key)} claims ${numel} elements of ${type.itemSize} bytes, more than the ${fileBytes}-byte file holds`);
      const known = storages.get(key);
      if (known !== undefined) {
        if (known.dtype !== type.dtype || known.numel !== numel) bad(`storage ${quote(key)} is named twice with different types or sizes`);
        return known;
      }
      const storage = new Storage(type.dtype, type.itemSize, key, numel);
      storages.set(key, storage);
      return storage;
    },
  };
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function intTuple(value: unknown, what: string): number[] {
  if (!(value instanceof PickleTuple) || !value.items.every(isCount)) return fail(`a tensor's ${what} is ${describe(value)} instead of a tuple of non-negative integers`, 'the file is damaged');
  if (value.items.length > MAX_DIMS) fail(`a tensor has ${value.items.length} dimensions, more than the ${MAX_DIMS} accepted`, 'the file is damaged');
  return value.items as number[];
}

/** Checks that the view stays inside its storage: every element it reaches must exist. */
function tensorView(storage: Storage, offset: unknown, size: unknown, stride: unknown): TensorView {
  if (!isCount(offset)) return fail(`a tensor's storage offset is ${describe(offset)} instead of a non-negative integer`, 'the file is damaged');
  const shape = intTuple(size, 'size');
  const strides = intTuple(stride, 'stride');
  if (strides.length !== shape.length) fail(`a tensor has ${shape.length} sizes but ${strides.length} strides`, 'the file is damaged');
  const outside = (what: string) => fail(`a tensor of shape [${shape.join(', ')}] (strides [${strides.join(', ')}], offset ${offset}) ${what} storage ${quote(storage.key)} of ${storage.numel} elements`, 'the file is damaged');
  if (shape.includes(0)) return new TensorView(storage, offset, shape.slice(), strides.slice(), 0);
  // Doubles are exact below 2^53; a product that rounds is far past any real storage anyway.
  let last = offset;
  let count = 1;
  for (let d = 0; d < shape.length; d++) {
    last += (shape[d]! - 1) * strides[d]!;
    count *= shape[d]!;
  }
  if (!(last < storage.numel)) outside('reaches past the end of');
  return new TensorView(storage, offset, shape.slice(), strides.slice(), count);
}

const f32 = new Float32Array(1);
const f32Bits = new Uint32Array(f32.buffer);

function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exponent = (h >> 10) & 0x1f;
  const fraction = h & 0x3ff;
  if (exponent === 0) return sign * fraction * 2 ** -24;
  if (exponent === 31) return fraction === 0 ? sign * Infinity : NaN;
  return sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
}

/** Reads element i of a storage's bytes as a number. */
function reader(dtype: DType, view: DataView, little: boolean): (i: number) => number {
  switch (dtype) {
    case 'float32': return (i) => view.getFloat32(i * 4, little);
    case 'float64': return (i) => view.getFloat64(i * 8, little);
    case 'float16': return (i) => halfToFloat(view.getUint16(i * 2, little));
    case 'bfloat16': return (i) => {
      // bfloat16 is the top half of a float32: exact, NaN payloads included.
      f32Bits[0] = view.getUint16(i * 2, little) << 16;
      return f32[0]!;
    };
    case 'int64': return (i) => Number(view.getBigInt64(i * 8, little));
    case 'int32': return (i) => view.getInt32(i * 4, little);
    case 'int16': return (i) => view.getInt16(i * 2, little);
    case 'int8': return (i) => view.getInt8(i);
    case 'uint8': return (i) => view.getUint8(i);
    case 'bool': return (i) => (view.getUint8(i) === 0 ? 0 : 1);
  }
}

const LITTLE_HOST = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Copies a view's elements, in row-major order of its shape, into float32.
 * `data` holds the storage's bytes: exactly numel × item size of them.
 */
export function readView(tensor: TensorView, data: Uint8Array, little: boolean): Float32Array {
  const { storage, offset, shape, stride, count } = tensor;
  if (count === 0) return new Float32Array(0);
  let contiguous = true;
  for (let d = shape.length - 1, expected = 1; d >= 0; d--) {
    if (shape[d] !== 1 && stride[d] !== expected) contiguous = false;
    expected *= shape[d]!;
  }
  if (contiguous && storage.dtype === 'float32' && little === LITTLE_HOST) {
    // slice() copies into a fresh, aligned buffer: the record may start anywhere in the file.
    return new Float32Array(data.slice(offset * 4, (offset + count) * 4).buffer);
  }
  const out = new Float32Array(count);
  const get = reader(storage.dtype, new DataView(data.buffer, data.byteOffset, data.byteLength), little);
  if (contiguous) {
    for (let i = 0; i < count; i++) out[i] = get(offset + i);
    return out;
  }
  // An odometer over the index space: the position moves by each dimension's stride.
  const rank = shape.length;
  const index = new Array<number>(rank).fill(0);
  let position = offset;
  for (let i = 0; i < count; i++) {
    out[i] = get(position);
    for (let d = rank - 1; d >= 0; d--) {
      index[d]!++;
      position += stride[d]!;
      if (index[d]! < shape[d]!) break;
      position -= stride[d]! * shape[d]!;
      index[d] = 0;
    }
  }
  return out;
}
