// The restricted unpickler and the state_dict hooks on hand-made pickles:
// what torch.save emits in its other forms (protocol 4 and 5 framing,
// parameters, memo opcodes), and hostile pickles, each refused with a
// message that says what is wrong, before anything is allocated from a size
// the file cannot back.

import { describe, expect, it } from 'vitest';
import { readTorchFile } from '../../src/engine/torch-file/torch-file.ts';
import { MAX_LONG_BYTES, MAX_MARK_DEPTH, MAX_MEMO_ENTRIES, MAX_OBJECTS, PickleDict, PickleList, PickleTuple, unpickle, type PickleHooks } from '../../src/engine/torch-file/pickle.ts';
import { expectRefused, floats, op, pickle, stateDictPickle, tensorOps, torchZip, type TensorSpec } from './helpers.ts';

const w: TensorSpec = { name: 'w', key: '0', numel: 6, shape: [2, 3] };
const six = floats(0, 1, 2, 3, 4, 5);
const read = (pkl: Uint8Array, storages: Record<string, Uint8Array> = { '0': six }) => readTorchFile(torchZip(pkl, storages), 'model.pt');
const refused = (pkl: Uint8Array, pattern: RegExp, storages: Record<string, Uint8Array> = { '0': six }) => expectRefused(torchZip(pkl, storages), pattern);

/** Hooks that build plain values, for testing the machine itself. */
const plainHooks: PickleHooks = {
  global: (module, name) => `${module}.${name}`,
  reduce: (callable, args) => ({ callable, args }),
  build: (target) => target,
  persistent: (id) => ({ id }),
};

describe('unpickle', () => {
  it('builds tuples, lists, dicts, strings, numbers, booleans and None', () => {
    const bytes = pickle(
      op.proto(2), op.emptyDict,
      op.str('a'), op.mark, op.int(1), op.int(-7), op.float(0.25), op.none, op.true, op.false, op.tuple, op.setitem,
      op.str('b'), op.emptyList, op.mark, op.str('x'), op.str('ü'), [0x65], op.setitem, // APPENDS
      op.str('c'), [0x8a, 10, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19], op.setitem, // LONG1: the legacy magic number
      op.str('d'), [0x8a, 1, 0xff], op.setitem, // LONG1: -1
      op.str('e'), [0x4d, 0x34, 0x12], op.setitem, // BININT2
      op.str('a'), op.int(5), op.setitem, // a key set twice keeps its first place, as in Python
      op.stop,
    );
    const { value, end } = unpickle(bytes, plainHooks);
    expect(end).toBe(bytes.length);
    const dict = value as PickleDict;
    expect(dict.keys).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(dict.get('a')).toBe(5);
    expect((dict.get('b') as PickleList).items).toEqual(['x', 'ü']);
    expect(dict.get('c')).toBe(0x1950a86a20f9469cfc6cn);
    expect(dict.get('d')).toBe(-1);
    expect(dict.get('e')).toBe(0x1234);
  });

  it('reads protocol 4 and 5 forms: FRAME, SHORT_BINUNICODE, STACK_GLOBAL, MEMOIZE', () => {
    const body = pickle(
      [0x8c, 1, 0x6d], [0x94], // SHORT_BINUNICODE 'm', MEMOIZE (memo 0)
      [0x8c, 1, 0x6e], [0x93], // SHORT_BINUNICODE 'n', STACK_GLOBAL -> m.n
      [0x94], op.emptyTuple, op.reduce, [0x94],
      op.longGet(0), op.tuple2, op.stop,
    );
    const frame = [0x95, body.length, 0, 0, 0, 0, 0, 0, 0];
    const { value } = unpickle(pickle(op.proto(5), frame, [...body]), plainHooks);
    const tuple = value as PickleTuple;
    expect((tuple.items[0] as { callable: unknown }).callable).toBe('m.n');
    expect(tuple.items[1]).toBe('m');
  });

  it('never recurses: 200,000 nested tuples and a list that holds itself', () => {
    const deep = new Uint8Array(2 + 1 + 200_000 + 1);
    deep.set([0x80, 2, 0x4e]);
    deep.fill(0x85, 3, 3 + 200_000); // TUPLE1, 200,000 times
    deep[deep.length - 1] = 0x2e;
    let value = unpickle(deep, plainHooks).value;
    for (let i = 0; i < 200_000; i++) value = (value as PickleTuple).items[0];
    expect(value).toBeNull();
    expectRefused(torchZip(deep), /holds a tuple of 1, not a state_dict/);
    const cycle = pickle(op.proto(), op.emptyList, op.put(0), op.get(0), op.append, op.stop);
    const list = unpickle(cycle, plainHooks).value as PickleList;
    expect(list.items[0]).toBe(list);
    expectRefused(torchZip(cycle), /holds a list of 1, not a state_dict/);
  });

  it('refuses broken machines: empty stacks, stray marks, unknown opcodes, no STOP', () => {
    refused(pickle(op.proto(), op.pop, op.stop), /its pickle \(data\.pkl\), at byte 2, pops an empty stack; the file is truncated or damaged/);
    refused(pickle(op.proto(), op.tuple, op.stop), /closes a MARK that was never opened/);
    refused(pickle(op.proto(), op.mark, op.none, op.stop), /stops inside an open MARK/);
    refused(pickle(op.proto(), op.none, op.none, op.stop), /stops with 2 values on its stack instead of 1/);
    refused(pickle(op.proto(), op.none), /ends before its STOP opcode/);
    refused(pickle(op.proto(), [0xff]), /holds byte 0xff, which is no pickle opcode/);
    refused(pickle(op.proto(6), op.none, op.stop), /is pickle protocol 6; the newest known is 5/);
    refused(pickle([0x49], [0x31, 0x0a], op.stop), /uses opcode INT, which torch\.save's binary pickles never contain; save it again/);
    refused(pickle(op.proto(), [0x97], op.stop), /uses opcode NEXT_BUFFER/);
    refused(pickle(op.proto(), op.none, op.none, op.setitem, op.stop), /uses an empty stack/);
    refused(pickle(op.proto(), op.emptyDict, op.mark, op.none, op.setitems, op.stop), /sets a dict item with no value/);
    refused(pickle(op.proto(), op.emptyDict, op.emptyList, op.none, op.setitem, op.stop), /uses a list of 0 as a dict key/);
    refused(pickle(op.proto(), op.none, op.none, op.append, op.stop), /appends to None, which is not a list/);
    refused(pickle(op.proto(), op.none, op.none, op.reduce, op.stop), /calls something with None instead of an argument tuple/);
  });

  it('refuses lengths the file cannot back, before allocating anything', () => {
    refused(pickle(op.proto(), op.strClaiming(0xffffffff), op.stop), /asks for 4294967295 bytes where 1 remain/);
    refused(pickle(op.proto(), op.bytes8Claiming(2 ** 52), op.stop), /asks for 4503599627370496 bytes/);
    refused(pickle(op.proto(), [0x8d, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff], op.stop), /asks for over 2\^53 bytes/);
    refused(pickle(op.proto(), [0x95, 0, 0, 0, 0, 0, 0, 1, 0], op.none, op.stop), /declares a frame longer than the bytes that remain/);
    refused(pickle(op.proto(), [0x8b, 0xff, 0xff, 0xff, 0x7f], op.stop), new RegExp(`holds a 2147483647-byte integer, longer than the ${MAX_LONG_BYTES} bytes accepted`));
    refused(pickle(op.proto(), [0x8b, 0xff, 0xff, 0xff, 0xff], op.stop), /integer of negative length/);
    refused(pickle(op.proto(), [0x54, 0xff, 0xff, 0xff, 0xff], op.stop), /string of negative length/);
    refused(pickle(op.proto(), [0x58, 2, 0, 0, 0, 0xc3, 0x28], op.stop), /not valid UTF-8/);
    // A GLOBAL whose newline was lost swallows the bytes after it: refused as no Python name, not quoted as garbage.
    refused(pickle(op.proto(), [0x63, ...new TextEncoder().encode('torch._utils\u0002_rebuild\nx\n')], op.stop), /names a global that is not a Python name/);
  });

  it('refuses pickles that would cost far more memory than their size', () => {
    const dicts = new Uint8Array(2 + MAX_OBJECTS + 2).fill(0x7d); // EMPTY_DICT, each a byte of file but an object in memory
    dicts.set([0x80, 2]);
    dicts[dicts.length - 1] = 0x2e;
    refused(dicts, new RegExp(`builds more than ${MAX_OBJECTS} objects, far more than a state_dict needs`));
    const memos = new Uint8Array(3 + MAX_MEMO_ENTRIES + 1 + 1).fill(0x94); // MEMOIZE, each a byte of file but a memo entry
    memos.set([0x80, 2, 0x4e]);
    memos[memos.length - 1] = 0x2e;
    refused(memos, new RegExp(`stores more than ${MAX_MEMO_ENTRIES} memo entries`));
  });

  it('refuses memo references that were never stored and MARKs nested too deep', () => {
    refused(pickle(op.proto(), op.get(7), op.stop), /refers to memo entry 7, which was never stored/);
    refused(pickle(op.proto(), op.longGet(0xffffffff), op.stop), /refers to memo entry 4294967295/);
    refused(pickle(op.proto(), ...Array(MAX_MARK_DEPTH + 1).fill(op.mark), op.stop), new RegExp(`nests MARKs more than ${MAX_MARK_DEPTH} deep`));
    // A thousand MARKs are cheap to refuse; at the limit the machine still works.
    const atLimit = pickle(op.proto(), ...Array(MAX_MARK_DEPTH).fill(op.mark), ...Array(MAX_MARK_DEPTH).fill(op.tuple), op.stop);
    expect(unpickle(atLimit, plainHooks).value).toBeInstanceOf(PickleTuple);
  });
});

describe('the state_dict hooks', () => {
  it('read a plain dict, an OrderedDict with _metadata, and Parameters', () => {
    expect(read(stateDictPickle([w])).tensors).toEqual([{ name: 'w', shape: [2, 3], data: Float32Array.from([0, 1, 2, 3, 4, 5]) }]);
    const ordered = pickle(
      op.proto(), op.global('collections', 'OrderedDict'), op.emptyTuple, op.reduce,
      op.str('p'), op.global('torch._utils', '_rebuild_parameter'), op.mark, tensorOps(w), op.true, op.global('collections', 'OrderedDict'), op.emptyTuple, op.reduce, op.tuple, op.reduce, op.setitem,
      op.emptyDict, op.str('_metadata'), op.emptyDict, op.setitem, op.build,
      op.stop,
    );
    expect(read(ordered).tensors.map((t) => t.name)).toEqual(['p']);
  });

  it('read tensors saved on a GPU: the location tag changes nothing in the bytes', () => {
    expect(read(stateDictPickle([{ ...w, location: 'cuda:0' }])).tensors[0]!.data).toEqual(Float32Array.from([0, 1, 2, 3, 4, 5]));
  });

  it('refuse every global a state_dict does not need, naming it', () => {
    for (const [module, name] of [['__main__', 'Net'], ['builtins', 'eval'], ['os', 'system'], ['torch.nn.modules.linear', 'Linear'], ['torch', 'Tensor'], ['numpy.core.multiarray', 'scalar'], ['torch', 'load'], ['builtins', 'getattr']] as const) {
      const message = refused(pickle(op.proto(), op.global(module, name), op.stop), new RegExp(`asks for the Python object "${module.replace(/\./g, '\\.')}\\.${name}", which is not part of a state_dict`));
      expect(message).toContain('save its weights instead: torch.save(model.state_dict(), PATH)');
    }
    // Tensors that torch.save writes but this reader does not read: said so, with what to do.
    refused(pickle(op.proto(), op.global('torch._utils', '_rebuild_qtensor'), op.stop), /it holds quantized tensors, which this reader does not read; save float weights \(tensor\.dequantize\(\)\) \("torch\._utils\._rebuild_qtensor"\)/);
    refused(pickle(op.proto(), op.global('torch._utils', '_rebuild_sparse_tensor'), op.stop), /sparse tensors.*tensor\.to_dense\(\)/);
    refused(pickle(op.proto(), op.global('torch._utils', '_rebuild_tensor_v3'), op.stop), /uint16, uint32, uint64, float8.*tensor\.float\(\)/);
    refused(pickle(op.proto(), op.global('torch', 'UntypedStorage'), op.stop), /an untyped storage/);
    refused(pickle(op.proto(), op.global('torch._tensor', '_rebuild_from_type_v2'), op.stop), /tensor subclasses/);
    // A class named through STACK_GLOBAL is refused the same way.
    refused(pickle(op.proto(4), op.str('__main__'), op.str('Net'), [0x93], op.stop), /"__main__\.Net"/);
  });

  it('refuse calls and states that are not the ones a state_dict makes', () => {
    refused(pickle(op.proto(), op.global('torch', 'FloatStorage'), op.emptyTuple, op.reduce, op.stop), /calls the Python object "torch\.FloatStorage", which cannot be called/);
    refused(pickle(op.proto(), op.global('collections', 'OrderedDict'), op.mark, op.none, op.tuple, op.reduce, op.stop), /calls "collections\.OrderedDict" with 1 arguments instead of 0/);
    refused(pickle(op.proto(), op.global('torch._utils', '_rebuild_tensor_v2'), op.mark, op.none, op.int(0), op.emptyTuple, op.emptyTuple, op.false, op.none, op.tuple, op.reduce, op.stop), /rebuilt from None instead of a storage/);
    refused(pickle(op.proto(), op.global('torch._utils', '_rebuild_parameter'), op.mark, op.none, op.true, op.none, op.tuple, op.reduce, op.stop), /a Parameter in it wraps None instead of a tensor/);
    refused(pickle(op.proto(), op.emptyList, op.none, op.build, op.stop), /sets the state of a list of 0/);
  });

  it('refuse persistent ids that are not storages, or that lie about their size', () => {
    refused(pickle(op.proto(), op.str('x'), op.persid, op.stop), /refers to the string "x" where torch\.save writes \('storage', type, key, location, size\)/);
    const pid = (type: number[], key: number[], numel: number[]) => pickle(op.proto(), op.mark, op.str('storage'), type, key, op.str('cpu'), numel, op.tuple, op.persid, op.stop);
    refused(pid(op.none, op.str('0'), op.int(1)), /has type None instead of a storage class/);
    refused(pid(op.global('torch', 'FloatStorage'), op.int(0), op.int(1)), /key or location that is not a string/);
    refused(pid(op.global('torch', 'FloatStorage'), op.str('0'), op.int(-1)), /storage "0" has size the number -1 instead of a count/);
    refused(pid(op.global('torch', 'FloatStorage'), op.str('0'), op.int(0x7fffffff)), /storage "0" claims 2147483647 elements of 4 bytes, more than the \d+-byte file holds/);
    refused(stateDictPickle([w, { ...w, name: 'v', storage: 'DoubleStorage' }]), /storage "0" is named twice with different types or sizes/);
  });

  it('refuse views that reach outside their storage, and tensors past the value budget', () => {
    refused(stateDictPickle([{ ...w, offset: 1 }]), /a tensor of shape \[2, 3\] \(strides \[3, 1\], offset 1\) reaches past the end of storage "0" of 6 elements/);
    refused(stateDictPickle([{ ...w, stride: [4, 1] }]), /reaches past the end/);
    refused(stateDictPickle([{ ...w, shape: [3, 3] }]), /reaches past the end/);
    refused(stateDictPickle([{ ...w, shape: [2, 3, 1], stride: [3, 1] }]), /has 3 sizes but 2 strides/);
    refused(stateDictPickle([{ ...w, shape: Array(65).fill(1), stride: Array(65).fill(1) }]), /65 dimensions, more than the 64 accepted/);
    // Stride 0 repeats one element as often as asked: a billion values from 24 bytes.
    refused(stateDictPickle([{ ...w, shape: [1_000_000_000], stride: [0] }]), /unpack to more than \d+ values, more than a \d+-byte file can hold without repeating elements \(at "w", shape \[1000000000\]\)/);
    // The same budget over many small views of one storage.
    const many = Array.from({ length: 300 }, (_, i) => ({ ...w, name: `w${i}`, shape: [6, 1000], stride: [1, 0] }));
    refused(stateDictPickle(many), /unpack to more than/);
    // A zero-sized view reaches nothing, wherever it claims to start.
    expect(read(stateDictPickle([{ ...w, shape: [0, 1_000_000_000], offset: 99 }])).tensors[0]!.data.length).toBe(0);
  });

  it('accept what checkpoints hold beside a state_dict: torch.Size, bytes, sets, dtypes, nested dicts and lists', () => {
    const sd = [...op.emptyDict, ...op.str('w'), ...tensorOps(w), ...op.setitem];
    const bytes = pickle(
      op.proto(), op.emptyDict,
      op.str('shape'), op.global('torch', 'Size'), op.mark, op.int(2), op.int(3), op.tuple, op.tuple1, op.reduce, op.setitem,
      op.str('blob'), op.global('_codecs', 'encode'), op.str('\u00ff\u0000a'), op.str('latin1'), op.tuple2, op.reduce, op.setitem,
      op.str('tags'), op.global('builtins', 'set'), op.emptyList, op.str('x'), op.append, op.tuple1, op.reduce, op.setitem,
      op.str('dtype'), op.global('torch', 'float16'), op.setitem,
      op.str('history'), op.emptyList, op.emptyDict, op.str('loss'), op.float(0.5), op.setitem, op.append, op.setitem,
      op.str('model_state_dict'), sd, op.setitem,
      op.stop,
    );
    const result = read(bytes);
    expect(result.tensors.map((t) => t.name)).toEqual(['w']);
    expect(result.notes[0]).toBe('read the state_dict under "model_state_dict"; left out the other entries ("shape", "blob", "tags", "dtype", "history")');
    refused(pickle(op.proto(), op.global('torch', 'Size'), op.mark, op.str('x'), op.tuple, op.tuple1, op.reduce, op.stop), /makes a torch\.Size of a tuple of 1/);
    refused(pickle(op.proto(), op.global('_codecs', 'encode'), op.str('\u0100'), op.str('latin1'), op.tuple2, op.reduce, op.stop), /encodes bytes in a way Python 2 pickles never do/);
    refused(pickle(op.proto(), op.global('torch', 'float16'), op.emptyTuple, op.reduce, op.stop), /calls torch\.float16, which cannot be called/);
  });

  it('find the state_dict in a checkpoint, or say why there is none', () => {
    const sd = [...op.emptyDict, ...op.str('w'), ...tensorOps(w), ...op.setitem];
    const checkpoint = (key: string) => pickle(op.proto(), op.emptyDict, op.str('epoch'), op.int(3), op.setitem, op.str(key), sd, op.setitem, op.stop);
    for (const key of ['model_state_dict', 'state_dict', 'model']) {
      const result = read(checkpoint(key));
      expect(result.tensors.map((t) => t.name)).toEqual(['w']);
      expect(result.notes).toEqual([`read the state_dict under "${key}"; left out the other entries ("epoch")`]);
    }
    refused(checkpoint('weights'), /its entry "epoch" is the number 3, not a tensor, and no entry "model_state_dict", "state_dict", "model" holds a state_dict/);
    refused(pickle(op.proto(), tensorOps(w), op.stop), /it holds one tensor, not a state_dict/);
    refused(pickle(op.proto(), op.emptyDict, op.stop), /an empty dict: there are no tensors in it/);
    refused(pickle(op.proto(), op.emptyDict, op.int(1), tensorOps(w), op.setitem, op.stop), /the key the number 1; a state_dict's keys are names/);
    refused(pickle(op.proto(), op.str('hello'), op.stop), /it holds the string "hello", not a state_dict/);
  });
});

describe('readTorchFile on bytes that are not a torch.save file', () => {
  it('says what the file is instead', () => {
    expectRefused(new Uint8Array(0), /it is not a torch\.save file \(it is empty\)/);
    expectRefused(new TextEncoder().encode('hello world'), /neither the ZIP format of PyTorch 1\.6 and later nor the legacy pickle format/);
    const safetensors = new Uint8Array([2, 0, 0, 0, 0, 0, 0, 0, 0x7b, 0x7d]);
    expectRefused(safetensors, /it looks like a safetensors file.*rename it to \.safetensors/);
    const tar = new Uint8Array(1024);
    tar.set(new TextEncoder().encode('ustar'), 257);
    expectRefused(tar, /a tar archive, the format of the earliest torch\.save versions/);
    // A file name with a line break cannot break the message onto two lines.
    expect(() => readTorchFile(tar, 'two\nlines.pt')).toThrow(/^two\?lines\.pt: it is a tar archive/);
    expectRefused(pickle(op.proto(), op.emptyDict, op.stop), /a Python pickle but not a torch\.save file \(no torch magic number\)/);
  });
});
