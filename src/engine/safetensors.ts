// The safetensors file format (https://github.com/huggingface/safetensors),
// float32 only: an 8-byte little-endian u64 header length N, N bytes of JSON
// header, then the raw little-endian tensor data. Pure TypeScript so that a
// page, a worker and Node read and write the same bytes.
//
// The parser treats every byte as untrusted: sizes claimed by the file are
// checked against the file's real length before anything is sliced or
// allocated, so a lying header costs an error message, not memory.

/** A float32 tensor as stored in a safetensors file. */
export interface SafetensorsTensor {
  dtype: string;
  shape: number[];
  data: Float32Array;
}

export interface ParsedSafetensors {
  metadata: Record<string, string>;
  /** In the order of the tensors' data in the file. */
  tensors: Map<string, SafetensorsTensor>;
}

/** A file that is not a valid float32 safetensors file, or tensors that cannot be saved as one. */
export class SafetensorsError extends Error {
  override name = 'SafetensorsError';
}

/** The reference implementation refuses headers above 100 MB; so do we. */
export const MAX_HEADER_BYTES = 100_000_000;

const METADATA_KEY = '__metadata__';
const F32_BYTES = 4;
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Writes tensors as a safetensors file, byte for byte as the reference
 * implementation lays it out: compact JSON, `__metadata__` first, each entry
 * as {"dtype","shape","data_offsets"}, the header padded with spaces to a
 * multiple of 8 bytes. Tensors keep the given order in the data section.
 */
export function serializeSafetensors(
  tensors: { name: string; shape: number[]; data: Float32Array }[],
  metadata?: Record<string, string>,
): Uint8Array {
  const seen = new Set<string>();
  const entries: string[] = [];
  if (metadata !== undefined) {
    for (const [key, value] of Object.entries(metadata)) {
      if (typeof value !== 'string') {
        throw new SafetensorsError(`cannot save safetensors: metadata ${quote(key)} is a ${typeof value}; safetensors metadata values must be strings (use String(value))`);
      }
    }
    entries.push(`${JSON.stringify(METADATA_KEY)}:${JSON.stringify(metadata)}`);
  }
  let offset = 0;
  for (const { name, shape, data } of tensors) {
    if (name === METADATA_KEY) throw new SafetensorsError(`cannot save safetensors: "${METADATA_KEY}" is reserved and cannot name a tensor; rename it`);
    if (seen.has(name)) throw new SafetensorsError(`cannot save safetensors: two tensors are named ${quote(name)}; tensor names must be unique`);
    seen.add(name);
    let count = 1;
    for (const dim of shape) {
      if (!Number.isSafeInteger(dim) || dim < 0) throw new SafetensorsError(`cannot save safetensors: tensor ${quote(name)} has shape ${shapeText(shape)}; dimensions must be non-negative integers`);
      count *= dim;
    }
    if (count !== data.length) {
      throw new SafetensorsError(`cannot save safetensors: tensor ${quote(name)} has shape ${shapeText(shape)} (${count} elements) but ${data.length} values; pass data of the shape's size`);
    }
    const end = offset + data.length * F32_BYTES;
    entries.push(`${JSON.stringify(name)}:{"dtype":"F32","shape":${JSON.stringify(shape)},"data_offsets":[${offset},${end}]}`);
    offset = end;
  }

  const json = new TextEncoder().encode(`{${entries.join(',')}}`);
  const headerLength = Math.ceil(json.length / 8) * 8;
  if (headerLength > MAX_HEADER_BYTES) {
    throw new SafetensorsError(`cannot save safetensors: the header would be ${headerLength} bytes, above the ${MAX_HEADER_BYTES}-byte limit readers enforce; use fewer tensors or less metadata`);
  }
  const out = new Uint8Array(8 + headerLength + offset);
  const view = new DataView(out.buffer);
  view.setUint32(0, headerLength % 2 ** 32, true);
  view.setUint32(4, Math.floor(headerLength / 2 ** 32), true);
  out.set(json, 8);
  out.fill(0x20, 8 + json.length, 8 + headerLength);

  let at = 8 + headerLength;
  for (const { data } of tensors) {
    if (LITTLE_ENDIAN) {
      out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), at);
    } else {
      for (let i = 0; i < data.length; i++) view.setFloat32(at + i * F32_BYTES, data[i], true);
    }
    at += data.byteLength;
  }
  return out;
}

/**
 * Reads a float32 safetensors file. Throws SafetensorsError, naming `fileName`,
 * for anything that is not a well-formed file of float32 tensors whose data
 * exactly tiles the data section. Never throws anything else for any input.
 */
export function parseSafetensors(bytes: Uint8Array, fileName = 'weights'): ParsedSafetensors {
  const fail = (what: string, todo: string): never => {
    throw new SafetensorsError(oneLine(`${fileName}: ${what}; ${todo}`));
  };
  const notSafetensors = 'check that it is a complete .safetensors file';

  if (bytes.length < 8) fail(`${bytes.length} bytes is too short for a safetensors file (an 8-byte header length comes first)`, notSafetensors);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const low = view.getUint32(0, true);
  const high = view.getUint32(4, true);
  // Any high word makes the claim at least 4 GiB, far above the cap: no need
  // to assemble a u64 that a double cannot hold exactly.
  const headerLength = high === 0 ? low : Infinity;
  const claimed = high === 0 ? `${low}` : `${BigInt(high) * 2n ** 32n + BigInt(low)}`;
  if (headerLength > MAX_HEADER_BYTES) {
    fail(`header length ${claimed} bytes is above the ${MAX_HEADER_BYTES}-byte limit`, notSafetensors);
  }
  if (8 + headerLength > bytes.length) {
    fail(`header length ${claimed} bytes runs past the end of the ${bytes.length}-byte file`, `the file is truncated or not a safetensors file; ${notSafetensors}`);
  }

  let text: string;
  try {
    // ignoreBOM keeps a byte-order mark in the text, so that the '{' check
    // below refuses it as the reference implementation does.
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes.subarray(8, 8 + headerLength));
  } catch {
    return fail('the header is not valid UTF-8', notSafetensors);
  }
  if (!text.startsWith('{')) fail('the header does not start with "{"', notSafetensors);
  let header: unknown;
  try {
    header = JSON.parse(text);
  } catch (e) {
    const reason = (e instanceof Error ? e.message : String(e)).slice(0, 120);
    return fail(`the header is not valid JSON (${reason})`, notSafetensors);
  }
  if (!isPlainObject(header)) return fail('the header is not a JSON object', notSafetensors);

  const metadataEntries: [string, string][] = [];
  const meta = header[METADATA_KEY];
  if (meta !== undefined && meta !== null) {
    if (!isPlainObject(meta)) fail(`"${METADATA_KEY}" is ${describe(meta)}, not an object of strings`, notSafetensors);
    for (const [key, value] of Object.entries(meta as Record<string, unknown>)) {
      if (typeof value !== 'string') fail(`metadata ${quote(key)} is ${describe(value)}; safetensors metadata values must be strings`, 'rewrite the metadata with string values');
      metadataEntries.push([key, value as string]);
    }
  }

  const dataLength = bytes.length - 8 - headerLength;
  const layout: { name: string; shape: number[]; begin: number; end: number }[] = [];
  for (const [name, entry] of Object.entries(header)) {
    if (name === METADATA_KEY) continue;
    if (!isPlainObject(entry)) fail(`tensor ${quote(name)} is ${describe(entry)}, not an object with dtype, shape and data_offsets`, notSafetensors);
    const { dtype, shape, data_offsets: offsets } = entry as Record<string, unknown>;
    if (typeof dtype !== 'string') fail(`tensor ${quote(name)} has dtype ${describe(dtype)}, not a string`, notSafetensors);
    if (dtype !== 'F32') {
      fail(`tensor ${quote(name)} has dtype ${quote(dtype as string)}; only float32 (F32) weights are supported`, 'save with tensor.float() before writing the file');
    }
    if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0)) {
      fail(`tensor ${quote(name)} has shape ${describe(shape)}; a shape is a list of non-negative integers`, notSafetensors);
    }
    const dims = shape as number[];
    if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every((o) => Number.isSafeInteger(o) && o >= 0)) {
      fail(`tensor ${quote(name)} has data_offsets ${describe(offsets)}; expected [begin, end] as non-negative integers`, notSafetensors);
    }
    const [begin, end] = offsets as [number, number];
    if (begin > end || end > dataLength) {
      fail(`tensor ${quote(name)} has data_offsets [${begin}, ${end}] outside the ${dataLength}-byte data section`, `the file is truncated or its header is wrong; ${notSafetensors}`);
    }
    const count = elementCount(dims, dataLength / F32_BYTES);
    if (count * F32_BYTES !== end - begin) {
      const elements = Number.isFinite(count) ? `${count} elements` : 'more elements than the file holds';
      fail(`tensor ${quote(name)} has shape ${shapeText(dims)} (${elements}, ${F32_BYTES} bytes each) but data_offsets [${begin}, ${end}] span ${end - begin} bytes`, notSafetensors);
    }
    layout.push({ name, shape: dims.slice(), begin, end });
  }

  // The data must be tiled exactly: sorted by offsets, each tensor starts where
  // the previous ended, from 0 to the end of the file (the reference rule).
  layout.sort((a, b) => a.begin - b.begin || a.end - b.end);
  let expected = 0;
  for (const { name, begin, end } of layout) {
    if (begin < expected) fail(`tensor ${quote(name)} at data_offsets [${begin}, ${end}] overlaps the tensor before it, which ends at ${expected}`, notSafetensors);
    if (begin > expected) fail(`bytes ${expected} to ${begin} of the data section belong to no tensor`, notSafetensors);
    expected = end;
  }
  if (expected !== dataLength) {
    fail(`the tensors cover ${expected} bytes but the data section is ${dataLength} bytes`, `the file has trailing bytes or its header is wrong; ${notSafetensors}`);
  }

  const tensors = new Map<string, SafetensorsTensor>();
  const dataStart = 8 + headerLength;
  for (const { name, shape, begin, end } of layout) {
    // slice() copies into a fresh, 4-byte aligned buffer: the data section
    // may start anywhere inside `bytes`, and a typed array cannot view
    // unaligned memory.
    const copy = bytes.slice(dataStart + begin, dataStart + end);
    if (!LITTLE_ENDIAN) {
      for (let i = 0; i < copy.length; i += 4) {
        const a = copy[i], b = copy[i + 1];
        copy[i] = copy[i + 3];
        copy[i + 1] = copy[i + 2];
        copy[i + 2] = b;
        copy[i + 3] = a;
      }
    }
    tensors.set(name, { dtype: 'F32', shape, data: new Float32Array(copy.buffer) });
  }
  return { metadata: Object.fromEntries(metadataEntries), tensors };
}

/** Product of dims, or Infinity once it passes `limit` (so huge claims never lose precision or overflow). */
function elementCount(dims: number[], limit: number): number {
  if (dims.includes(0)) return 0;
  let count = 1;
  for (const dim of dims) {
    count *= dim;
    if (count > limit) return Infinity;
  }
  return count;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) {
    const text = value.length <= 8 ? JSON.stringify(value) : '';
    return text && text.length <= 60 ? text : `an array of ${value.length} items`;
  }
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return quote(value);
  return String(value);
}

function shapeText(shape: readonly unknown[]): string {
  return shape.length <= 8 ? `[${shape.join(', ')}]` : `[${shape.slice(0, 8).join(', ')}, ... (${shape.length} dims)]`;
}

/**
 * Escapes control and line-separator characters: the message quotes text from
 * the file (names, JSON.parse's excerpt of the header) and must stay one line.
 */
function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A name from the file, quoted and escaped so that the message stays one short line. */
function quote(text: string): string {
  return JSON.stringify(text.length <= 60 ? text : `${text.slice(0, 60)}...`);
}
