// A restricted unpickler: the binary opcodes of pickle protocols 1 to 5 that
// torch.save's pickles use (protocol 2 by default), building plain values.
// It runs no code. Globals, REDUCE, BUILD, NEWOBJ and persistent ids go to
// the caller's hooks, which either return a value they made themselves or
// refuse; nothing named in the file is ever looked up or called.
//
// The machine is iterative (no recursion however deep the data nests), every
// length is checked against the bytes that remain before anything is sliced
// or allocated, and each opcode adds at most one value, so the memory a
// pickle costs is bounded by a small multiple of its length. Limits below
// bound what no real state_dict comes near.

import { fail, quote } from './errors.ts';

/** Deepest MARK nesting accepted (a state_dict pickle nests about 4 deep). */
export const MAX_MARK_DEPTH = 256;
/** Longest integer accepted, in bytes (the legacy format's magic number takes 10). */
export const MAX_LONG_BYTES = 64;
/** Most memo entries accepted (torch.save memoizes about 8 per tensor: room for 60,000 tensors). */
export const MAX_MEMO_ENTRIES = 1 << 19;
/**
 * Most objects (containers, tensors, globals) pushed, fetched or duplicated
 * onto the stack: about 15 per tensor in a state_dict, so room for 60,000
 * tensors. Each opcode costs one byte of the file but an empty dict costs
 * about a hundred bytes of memory: without this bound a pickle of EMPTY_DICT
 * opcodes would cost a hundred times its size.
 */
export const MAX_OBJECTS = 1 << 20;

/** A Python tuple. */
export class PickleTuple {
  constructor(readonly items: unknown[]) {}
}

/** A Python list (also a set or frozenset: only their items matter here). */
export class PickleList {
  constructor(readonly items: unknown[] = []) {}
}

/** A Python dict or OrderedDict, in insertion order. */
export class PickleDict {
  readonly keys: unknown[] = [];
  readonly values: unknown[] = [];
  /** The attributes BUILD gave it (an OrderedDict's `_metadata`), if any. */
  state: unknown = undefined;
  // Made on the first item: most dicts in a torch pickle (backward hooks) stay empty.
  private index: Map<string, number> | undefined;

  constructor(readonly ordered = false) {}

  set(key: unknown, value: unknown): void {
    const id = primitiveKey(key);
    const existing = id === undefined ? undefined : this.index?.get(id);
    if (existing !== undefined) {
      this.values[existing] = value;
      return;
    }
    if (id !== undefined) (this.index ??= new Map()).set(id, this.keys.length);
    this.keys.push(key);
    this.values.push(value);
  }

  get(key: string): unknown {
    const at = this.index?.get(`s${key}`);
    return at === undefined ? undefined : this.values[at];
  }

  get size(): number {
    return this.keys.length;
  }
}

/** What the unpickler asks of its caller; each hook either returns a value or throws TorchFileError. */
export interface PickleHooks {
  /** GLOBAL / STACK_GLOBAL: the value standing for `module.name`. */
  global(module: string, name: string): unknown;
  /** REDUCE (and NEWOBJ): calling `callable`, a value global() returned, with `args`. */
  reduce(callable: unknown, args: PickleTuple): unknown;
  /** BUILD: setting `state` on `target`; returns the object that stays on the stack. */
  build(target: unknown, state: unknown): unknown;
  /** BINPERSID: the object a persistent id stands for. */
  persistent(id: unknown): unknown;
}

const resave = 'save it again with torch.save and its default pickle protocol';
// Made once: a decoder costs more to make than a small pickle costs to read.
const latin1 = new TextDecoder('latin1');
const utf8 = new TextDecoder('utf-8', { fatal: true });
const damaged = 'the file is truncated or damaged';

/** Python's hash equality for the keys a state_dict uses: str, int, float, bool, None. */
function primitiveKey(key: unknown): string | undefined {
  switch (typeof key) {
    case 'string':
      return `s${key}`;
    case 'number':
    case 'bigint':
      return `n${String(key)}`;
    case 'boolean':
      return `n${key ? 1 : 0}`;
    default:
      return key === null ? 'N' : undefined;
  }
}

function hashable(key: unknown): boolean {
  if (key instanceof PickleList || key instanceof PickleDict) return false;
  if (key instanceof PickleTuple) return key.items.every((item) => !(item instanceof PickleList) && !(item instanceof PickleDict));
  return true;
}

const OPCODE_NAMES: Record<number, string> = {
  0x49: 'INT', 0x4c: 'LONG', 0x46: 'FLOAT', 0x53: 'STRING', 0x56: 'UNICODE', 0x67: 'GET', 0x70: 'PUT', 0x69: 'INST',
  0x6f: 'OBJ', 0x50: 'PERSID', 0x82: 'EXT1', 0x83: 'EXT2', 0x84: 'EXT4', 0x97: 'NEXT_BUFFER', 0x98: 'READONLY_BUFFER',
};

/**
 * Unpickles the pickle at `start` in `bytes`; returns its value and the offset
 * just past its STOP opcode (the legacy format puts several pickles in a row).
 * `label` names the pickle in messages.
 */
export function unpickle(bytes: Uint8Array, hooks: PickleHooks, start = 0, label = 'data.pkl'): { value: unknown; end: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let stack: unknown[] = [];
  const marks: unknown[][] = [];
  const memo = new Map<number, unknown>();
  let at = start;
  let opcodeAt = start;

  const bad = (what: string, todo = damaged): never => fail(`its pickle (${label}), at byte ${opcodeAt}, ${what}`, todo);
  const need = (n: number): number => {
    if (!(n <= bytes.length - at)) bad(`asks for ${Number.isFinite(n) ? n : 'over 2^53'} bytes where ${bytes.length - at} remain`);
    const here = at;
    at += n;
    return here;
  };
  const pop = (): unknown => {
    if (stack.length === 0) bad('pops an empty stack');
    return stack.pop();
  };
  const top = (): unknown => {
    if (stack.length === 0) bad('uses an empty stack');
    return stack[stack.length - 1];
  };
  const popMark = (): unknown[] => {
    if (marks.length === 0) bad('closes a MARK that was never opened');
    const items = stack;
    stack = marks.pop()!;
    return items;
  };
  let objects = 0;
  const push = (value: unknown): void => {
    if (typeof value === 'object' && value !== null && ++objects > MAX_OBJECTS) bad(`builds more than ${MAX_OBJECTS} objects, far more than a state_dict needs`);
    stack.push(value);
  };
  const memoize = (index: number): void => {
    if (memo.size >= MAX_MEMO_ENTRIES && !memo.has(index)) bad(`stores more than ${MAX_MEMO_ENTRIES} memo entries`);
    memo.set(index, top());
  };
  const recall = (index: number): void => {
    if (!memo.has(index)) bad(`refers to memo entry ${index}, which was never stored`);
    push(memo.get(index));
  };
  const text = (length: number, decoder: TextDecoder): string => {
    const from = need(length);
    try {
      return decoder.decode(bytes.subarray(from, from + length));
    } catch {
      return bad('holds a string that is not valid UTF-8');
    }
  };
  const raw = (length: number): Uint8Array => {
    const from = need(length);
    return bytes.slice(from, from + length);
  };
  // A u64 length: past 2^53 it is surely more than the file holds.
  const u64 = (): number => {
    const from = need(8);
    const high = view.getUint32(from + 4, true);
    return high >= 2 ** 21 ? Infinity : high * 2 ** 32 + view.getUint32(from, true);
  };
  const long = (length: number): number | bigint => {
    if (length > MAX_LONG_BYTES) bad(`holds a ${length}-byte integer, longer than the ${MAX_LONG_BYTES} bytes accepted`);
    const from = need(length);
    let value = 0n;
    for (let i = length - 1; i >= 0; i--) value = (value << 8n) | BigInt(bytes[from + i]!);
    if (length > 0 && bytes[from + length - 1]! >= 0x80) value -= 1n << BigInt(8 * length);
    return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
  };
  const line = (): string => {
    const from = at;
    const stop = bytes.indexOf(0x0a, from);
    if (stop < 0 || stop - from > 1000) bad('holds a GLOBAL name with no end');
    at = stop + 1;
    const name = latin1.decode(bytes.subarray(from, stop));
    if (!/^[A-Za-z_][\w.]*$/.test(name)) bad('names a global that is not a Python name');
    return name;
  };
  const dictionary = (target: unknown, items: unknown[]): void => {
    if (!(target instanceof PickleDict)) bad(`sets an item on ${describe(target)}, which is not a dict`);
    if (items.length % 2 !== 0) bad('sets a dict item with no value');
    for (let i = 0; i < items.length; i += 2) {
      if (!hashable(items[i])) bad(`uses ${describe(items[i])} as a dict key`);
      (target as PickleDict).set(items[i], items[i + 1]);
    }
  };
  const append = (target: unknown, items: unknown[]): void => {
    if (!(target instanceof PickleList)) bad(`appends to ${describe(target)}, which is not a list`);
    for (const item of items) (target as PickleList).items.push(item);
  };

  for (;;) {
    opcodeAt = at;
    if (at >= bytes.length) bad('ends before its STOP opcode');
    const op = bytes[need(1)]!;
    switch (op) {
      case 0x80: { // PROTO
        const version = bytes[need(1)]!;
        if (version > 5) bad(`is pickle protocol ${version}; the newest known is 5`, resave);
        break;
      }
      case 0x95: // FRAME: a length hint for buffered reading; the data simply follows
        if (!(u64() <= bytes.length - at)) bad('declares a frame longer than the bytes that remain');
        break;
      case 0x2e: // STOP
        if (marks.length !== 0) bad('stops inside an open MARK');
        if (stack.length !== 1) bad(`stops with ${stack.length} values on its stack instead of 1`);
        return { value: stack[0], end: at };

      case 0x4e: push(null); break; // NONE
      case 0x88: push(true); break; // NEWTRUE
      case 0x89: push(false); break; // NEWFALSE
      case 0x4b: push(bytes[need(1)]!); break; // BININT1
      case 0x4d: push(view.getUint16(need(2), true)); break; // BININT2
      case 0x4a: push(view.getInt32(need(4), true)); break; // BININT
      case 0x8a: push(long(bytes[need(1)]!)); break; // LONG1
      case 0x8b: { // LONG4
        const length = view.getInt32(need(4), true);
        if (length < 0) bad('holds an integer of negative length');
        push(long(length));
        break;
      }
      case 0x47: push(view.getFloat64(need(8), false)); break; // BINFLOAT (big-endian)

      case 0x58: push(text(view.getUint32(need(4), true), utf8)); break; // BINUNICODE
      case 0x8c: push(text(bytes[need(1)]!, utf8)); break; // SHORT_BINUNICODE
      case 0x8d: push(text(u64(), utf8)); break; // BINUNICODE8
      // Python 2 str, decoded as UTF-8 as torch.load does by default (encoding='utf-8')
      case 0x54: { // BINSTRING
        const length = view.getInt32(need(4), true);
        if (length < 0) bad('holds a string of negative length');
        push(text(length, utf8));
        break;
      }
      case 0x55: push(text(bytes[need(1)]!, utf8)); break; // SHORT_BINSTRING
      case 0x42: push(raw(view.getUint32(need(4), true))); break; // BINBYTES
      case 0x43: push(raw(bytes[need(1)]!)); break; // SHORT_BINBYTES
      case 0x8e: case 0x96: push(raw(u64())); break; // BINBYTES8, BYTEARRAY8

      case 0x29: push(new PickleTuple([])); break; // EMPTY_TUPLE
      case 0x85: push(new PickleTuple([pop()])); break; // TUPLE1
      case 0x86: { // TUPLE2
        const b = pop();
        push(new PickleTuple([pop(), b]));
        break;
      }
      case 0x87: { // TUPLE3
        const c = pop();
        const b = pop();
        push(new PickleTuple([pop(), b, c]));
        break;
      }
      case 0x74: push(new PickleTuple(popMark())); break; // TUPLE
      case 0x5d: push(new PickleList()); break; // EMPTY_LIST
      case 0x6c: push(new PickleList(popMark())); break; // LIST
      case 0x61: { // APPEND
        const item = pop();
        append(top(), [item]);
        break;
      }
      case 0x65: { // APPENDS
        const items = popMark();
        append(top(), items);
        break;
      }
      case 0x7d: push(new PickleDict()); break; // EMPTY_DICT
      case 0x64: { // DICT
        const dict = new PickleDict();
        dictionary(dict, popMark());
        push(dict);
        break;
      }
      case 0x73: { // SETITEM
        const value = pop();
        const key = pop();
        dictionary(top(), [key, value]);
        break;
      }
      case 0x75: { // SETITEMS
        const items = popMark();
        dictionary(top(), items);
        break;
      }
      case 0x8f: push(new PickleList()); break; // EMPTY_SET
      case 0x90: { // ADDITEMS
        const items = popMark();
        append(top(), items);
        break;
      }
      case 0x91: push(new PickleList(popMark())); break; // FROZENSET

      case 0x28: // MARK
        if (marks.length >= MAX_MARK_DEPTH) bad(`nests MARKs more than ${MAX_MARK_DEPTH} deep`);
        marks.push(stack);
        stack = [];
        break;
      case 0x30: pop(); break; // POP
      case 0x31: popMark(); break; // POP_MARK
      case 0x32: push(top()); break; // DUP

      case 0x71: memoize(bytes[need(1)]!); break; // BINPUT
      case 0x72: memoize(view.getUint32(need(4), true)); break; // LONG_BINPUT
      case 0x94: memoize(memo.size); break; // MEMOIZE
      case 0x68: recall(bytes[need(1)]!); break; // BINGET
      case 0x6a: recall(view.getUint32(need(4), true)); break; // LONG_BINGET

      case 0x63: { // GLOBAL
        const module = line();
        push(hooks.global(module, line()));
        break;
      }
      case 0x93: { // STACK_GLOBAL
        const name = pop();
        const module = pop();
        if (typeof module !== 'string' || typeof name !== 'string') bad('names a global with something other than two strings');
        push(hooks.global(module as string, name as string));
        break;
      }
      case 0x52: { // REDUCE
        const args = pop();
        const callable = pop();
        if (!(args instanceof PickleTuple)) bad(`calls something with ${describe(args)} instead of an argument tuple`);
        push(hooks.reduce(callable, args as PickleTuple));
        break;
      }
      case 0x81: { // NEWOBJ: cls.__new__(cls, *args), which for the classes allowed here is the same as calling cls
        const args = pop();
        const cls = pop();
        if (!(args instanceof PickleTuple)) bad(`creates an object with ${describe(args)} instead of an argument tuple`);
        push(hooks.reduce(cls, args as PickleTuple));
        break;
      }
      case 0x92: { // NEWOBJ_EX
        const kwargs = pop();
        const args = pop();
        const cls = pop();
        if (!(args instanceof PickleTuple) || !(kwargs instanceof PickleDict) || kwargs.size > 0) bad('creates an object with keyword arguments');
        push(hooks.reduce(cls, args as PickleTuple));
        break;
      }
      case 0x62: { // BUILD
        const state = pop();
        const target = pop();
        push(hooks.build(target, state));
        break;
      }
      case 0x51: push(hooks.persistent(pop())); break; // BINPERSID

      default: {
        const name = OPCODE_NAMES[op];
        if (name !== undefined) bad(`uses opcode ${name}, which torch.save's binary pickles never contain`, resave);
        bad(`holds byte 0x${op.toString(16).padStart(2, '0')}, which is no pickle opcode`);
      }
    }
  }
}

/** A short description of an unpickled value, for messages (never recursive). */
export function describe(value: unknown): string {
  if (value === null) return 'None';
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return `the string ${quote(value)}`;
  if (typeof value === 'number' || typeof value === 'bigint') return `the number ${String(value)}`;
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (value instanceof Uint8Array) return `${value.length} bytes`;
  if (value instanceof PickleTuple) return `a tuple of ${value.items.length}`;
  if (value instanceof PickleList) return `a list of ${value.items.length}`;
  if (value instanceof PickleDict) return `a dict of ${value.size} entries`;
  const described = (value as { describe?: () => string }).describe;
  return typeof described === 'function' ? described.call(value) : 'an object';
}
