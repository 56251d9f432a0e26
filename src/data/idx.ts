// IDX, the MNIST file format (yann.lecun.com/exdb/mnist, "FILE FORMATS"):
// two zero bytes, a type byte, a dimension-count byte, one big-endian u32 per
// dimension, then the elements in row-major order. Files may be gzipped.
// Runs unchanged in a page, a worker and Node: DecompressionStream and
// ReadableStream are standard in all three.

/** Every way an IDX file can be refused; the message names the file, the problem and the fix. */
export class IdxError extends Error {
  override readonly name = 'IdxError';
}

export interface IdxArray {
  dims: number[];
  /** A view into the (decompressed) file bytes, not a copy. */
  data: Uint8Array;
}

export interface ReadIdxOptions {
  /** Refuse gzip input that decompresses to more than this (a corrupt or hostile file must not exhaust memory). */
  maxBytes?: number;
  /** What the user should do when the file is bad, e.g. "run `node scripts/prepare-data.mjs`". */
  remedy?: string;
}

/** MNIST's largest file is 47,040,016 bytes: 64 MiB leaves room and nothing more. */
export const DEFAULT_MAX_IDX_BYTES = 64 * 1024 * 1024;

const UNSIGNED_BYTE = 0x08;
const TYPE_NAMES: Record<number, string> = { 0x09: 'int8', 0x0b: 'int16', 0x0c: 'int32', 0x0d: 'float32', 0x0e: 'float64' };
const CORRUPT = 'the file is truncated or corrupt';
// Deflate expands at most ~1032:1, so feeding the inflater 16 KiB at a time
// bounds what it can emit between two checks of the size cap to ~16 MiB.
const INPUT_CHUNK = 16 * 1024;

/** Parses IDX bytes, gzipped (1f 8b) or raw, into dims and unsigned-byte data. Throws only IdxError. */
export async function readIdx(bytes: Uint8Array, name: string, options: ReadIdxOptions = {}): Promise<IdxArray> {
  const remedy = options.remedy ?? 'download it again';
  const isGzip = bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
  const raw = isGzip ? await gunzip(bytes, name, options.maxBytes ?? DEFAULT_MAX_IDX_BYTES, remedy) : bytes;
  return parseIdx(raw, name, remedy);
}

/** Parses uncompressed IDX bytes. The header's claimed size is checked against the bytes present before anything is allocated. */
export function parseIdx(bytes: Uint8Array, name: string, remedy = 'download it again'): IdxArray {
  const fail = (problem: string, cause = CORRUPT) => new IdxError(`${name}: ${problem}; ${cause}: ${remedy}`);
  if (bytes.length < 4) throw fail(`only ${bytes.length} bytes, shorter than the 4-byte IDX magic number`);
  if (bytes[0] !== 0 || bytes[1] !== 0) {
    throw fail(`starts with ${hex(bytes[0]!)} ${hex(bytes[1]!)} instead of 0x00 0x00`, 'this is not an IDX (MNIST-format) file');
  }
  const type = bytes[2]!;
  if (type !== UNSIGNED_BYTE) {
    const typeName = TYPE_NAMES[type] ? ` (${TYPE_NAMES[type]})` : '';
    throw fail(`element type ${hex(type)}${typeName} is not unsigned byte (0x08)`, 'only byte images and labels are supported');
  }
  const ndims = bytes[3]!;
  if (ndims === 0) throw fail('the header declares 0 dimensions');
  const headerLength = 4 + 4 * ndims;
  if (bytes.length < headerLength) {
    throw fail(`the header declares ${ndims} dimensions, which need ${headerLength} header bytes, but the file has ${bytes.length}`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, headerLength);
  const dims: number[] = [];
  for (let i = 0; i < ndims; i++) dims.push(view.getUint32(4 + 4 * i, false));
  const zero = dims.indexOf(0);
  if (zero >= 0) throw fail(`dimension ${zero} of ${formatDims(dims)} is 0`);
  // A float product: 255 dims of up to 2^32 overflow to Infinity, which still compares correctly.
  const needed = dims.reduce((a, b) => a * b, 1);
  const present = bytes.length - headerLength;
  if (present !== needed) {
    const need = Number.isSafeInteger(needed) ? String(needed) : `more than ${Number.MAX_SAFE_INTEGER}`;
    throw fail(`data is ${present} bytes but the header's dimensions ${formatDims(dims)} need ${need}`);
  }
  return { dims, data: bytes.subarray(headerLength) };
}

async function gunzip(bytes: Uint8Array, name: string, maxBytes: number, remedy: string): Promise<Uint8Array> {
  let offset = 0;
  // A pull source in small slices (views, not copies), so the inflater only gets more input as fast as we read its output.
  const source = new ReadableStream<Uint8Array<ArrayBuffer>>(
    {
      pull(controller) {
        if (offset >= bytes.length) return controller.close();
        const end = Math.min(offset + INPUT_CHUNK, bytes.length);
        controller.enqueue(bytes.subarray(offset, end) as Uint8Array<ArrayBuffer>);
        offset = end;
      },
    },
    { highWaterMark: 0 },
  );
  // pipeThrough handles the write side's errors itself; they reach us through read() below.
  const reader = source.pipeThrough(new DecompressionStream('gzip')).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > maxBytes) {
        reader.cancel().catch(() => undefined);
        throw new IdxError(
          `${name}: decompresses to more than ${formatBytes(maxBytes)}, the most accepted; ${CORRUPT} (or not the expected dataset file): ${remedy}`,
        );
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof IdxError) throw error;
    const reason = (error instanceof Error ? error.message : String(error)).replace(/\.$/, '');
    throw new IdxError(`${name}: the gzip data is damaged (${reason}); ${CORRUPT}: ${remedy}`);
  }
  return concat(chunks, total);
}

function concat(chunks: Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

function hex(byte: number): string {
  return '0x' + byte.toString(16).padStart(2, '0');
}

/** Keeps messages to one readable line even for a header that claims 255 dimensions. */
function formatDims(dims: number[]): string {
  return dims.length <= 6 ? `[${dims.join(', ')}]` : `[${dims.slice(0, 4).join(', ')}, … (${dims.length} dimensions)]`;
}

function formatBytes(n: number): string {
  return n % (1024 * 1024) === 0 ? `${n / (1024 * 1024)} MiB` : `${n} bytes`;
}
