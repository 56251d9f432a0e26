// The ZIP container of torch.save (PyTorch 1.6 and later): every entry
// STORED (no compression), its data padded to a 64-byte boundary by an extra
// field in the local header, CRC-32 and sizes in a data descriptor after the
// data and in the central directory, and a ZIP64 end record even for small
// files. This reader takes the central directory as the truth, checks every
// offset and size against the file's real length before using it, refuses
// entries that overlap, and checks each entry's CRC-32. It reads STORED
// entries only: a compressed entry is listed (so that a TorchScript archive
// can be recognised) but its data is refused, never expanded, so no entry
// can grow past the bytes the file really holds (no zip bombs).

import { fail, quote } from './errors.ts';

export interface ZipEntry {
  name: string;
  /** 0 for STORED; anything else is compressed, and only storedData refuses it. */
  method: number;
  /** A view into the file's bytes (never a copy): the stored bytes, compressed if `method` is not 0. */
  data: Uint8Array;
}

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL = 0x06054b50;
const ZIP64_END = 0x06064b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EXTRA = 0x0001;
/** The extra field PyTorch pads local headers with ("FB" read little-endian). */
const PADDING_EXTRA = 0x4246;
const END_BYTES = 22;
const MAX_COMMENT = 0xffff;
const ALIGNMENT = 64;
const utf8 = new TextDecoder('utf-8', { fatal: true });

const METHODS: Record<number, string> = { 8: 'deflate', 9: 'deflate64', 12: 'bzip2', 14: 'lzma', 93: 'zstandard', 95: 'xz', 99: 'AES encryption' };

const resave = 'save it again with torch.save (PyTorch 1.6 or later)';
/** A size or offset from the file, for messages: u64 values past 2^53 were read as Infinity. */
const shown = (n: number) => (Number.isFinite(n) ? String(n) : 'over 2^53');
const truncated = 'the file is truncated or damaged; download or copy it again';

/** Entries in central-directory order. Throws TorchFileError (without a file name) for anything else. */
export function readZip(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);
  // A u64 as a number; anything at or above 2^53 is as impossible as any
  // other size past the end of the file, so it becomes Infinity.
  const u64 = (at: number) => {
    const high = u32(at + 4);
    return high >= 2 ** 21 ? Infinity : high * 2 ** 32 + u32(at);
  };

  const end = findEndOfCentral(bytes, view);
  let count = u16(end + 10);
  let directorySize = u32(end + 12);
  let directoryOffset = u32(end + 16);
  let directoryLimit = end;
  if (u16(end + 4) !== 0 || u16(end + 6) !== 0) fail('the ZIP archive spans several disks', resave);

  const locator = end - 20;
  if (locator >= 0 && u32(locator) === ZIP64_LOCATOR) {
    const at = u64(locator + 8);
    if (!(at + 56 <= locator)) fail(`the ZIP64 end record is said to be at byte ${shown(at)}, outside the file`, truncated);
    if (u32(at) !== ZIP64_END) fail(`there is no ZIP64 end record at byte ${at}, where the locator points`, truncated);
    count = u64(at + 32);
    directorySize = u64(at + 40);
    directoryOffset = u64(at + 48);
    directoryLimit = at;
  } else if (count === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) {
    fail('the ZIP end record asks for a ZIP64 record that is missing', truncated);
  }
  if (!(directoryOffset + directorySize <= directoryLimit)) {
    fail(`the ZIP central directory (${shown(directorySize)} bytes at byte ${shown(directoryOffset)}) runs past its end record at byte ${directoryLimit}`, truncated);
  }
  // Each central entry takes at least 46 bytes: a count the directory cannot hold is a lie.
  if (count * 46 > directorySize) fail(`the ZIP central directory claims ${shown(count)} entries in ${shown(directorySize)} bytes`, truncated);

  const entries: (ZipEntry & { start: number; end: number })[] = [];
  const names = new Set<string>();
  let at = directoryOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > directoryOffset + directorySize || u32(at) !== CENTRAL_HEADER) fail(`ZIP central directory entry ${i} is damaged`, truncated);
    const flags = u16(at + 8);
    const method = u16(at + 10);
    const crc = u32(at + 16);
    let compressed = u32(at + 20);
    let size = u32(at + 24);
    const nameLength = u16(at + 28);
    const extraLength = u16(at + 30);
    const commentLength = u16(at + 32);
    let local = u32(at + 42);
    const next = at + 46 + nameLength + extraLength + commentLength;
    if (next > directoryOffset + directorySize) fail(`ZIP central directory entry ${i} runs past the directory`, truncated);
    let name: string;
    try {
      name = utf8.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    } catch {
      return fail(`the name of ZIP entry ${i} is not valid UTF-8`, truncated);
    }
    // ZIP64 sizes and offset follow, in this order, for each field saturated at 0xffffffff.
    for (let e = at + 46 + nameLength; e + 4 <= at + 46 + nameLength + extraLength; ) {
      const id = u16(e);
      const length = u16(e + 2);
      if (e + 4 + length > at + 46 + nameLength + extraLength) fail(`the extra fields of ZIP entry ${quote(name)} run past their end`, truncated);
      if (id === ZIP64_EXTRA) {
        let field = e + 4;
        const take = () => {
          if (field + 8 > e + 4 + length) fail(`the ZIP64 field of entry ${quote(name)} is too short`, truncated);
          field += 8;
          return u64(field - 8);
        };
        if (size === 0xffffffff) size = take();
        if (compressed === 0xffffffff) compressed = take();
        if (local === 0xffffffff) local = take();
      }
      e += 4 + length;
    }
    if (flags & 1) fail(`ZIP entry ${quote(name)} is encrypted`, 'torch.save never encrypts; save the file again without a password');
    if (method === 0 && compressed !== size) fail(`ZIP entry ${quote(name)} is stored uncompressed but claims ${shown(compressed)} bytes stored for ${shown(size)} bytes of data`, truncated);
    if (names.has(name)) fail(`the ZIP archive holds two entries named ${quote(name)}`, truncated);
    names.add(name);

    if (!(local + 30 <= directoryOffset)) fail(`ZIP entry ${quote(name)} is said to start at byte ${shown(local)}, past the entries' area`, truncated);
    if (u32(local) !== LOCAL_HEADER) fail(`ZIP entry ${quote(name)} has no local header at byte ${local}`, truncated);
    if (u16(local + 8) !== method) fail(`the local and central headers of ZIP entry ${quote(name)} disagree on its compression`, truncated);
    const localName = u16(local + 26);
    const dataStart = local + 30 + localName + u16(local + 28);
    if (localName !== nameLength || !sameBytes(bytes, local + 30, at + 46, nameLength)) {
      fail(`the local and central headers of ZIP entry ${quote(name)} disagree on its name`, truncated);
    }
    const dataEnd = dataStart + compressed;
    if (!(dataEnd <= directoryOffset)) fail(`the data of ZIP entry ${quote(name)} (${shown(compressed)} bytes at byte ${shown(dataStart)}) runs past the entries' area`, truncated);
    const data = bytes.subarray(dataStart, dataEnd);
    // A compressed entry is never expanded (see storedData), so its CRC, which covers the expanded bytes, is not checked.
    if (method === 0 && crc32(data) !== crc) fail(`ZIP entry ${quote(name)} fails its CRC-32 check: its bytes changed after it was written`, truncated);
    entries.push({ name, method, data, start: local, end: dataEnd });
    at = next;
  }

  const byPlace = [...entries].sort((a, b) => a.start - b.start);
  for (let i = 1; i < byPlace.length; i++) {
    if (byPlace[i]!.start < byPlace[i - 1]!.end) fail(`ZIP entries ${quote(byPlace[i - 1]!.name)} and ${quote(byPlace[i]!.name)} overlap`, truncated);
  }
  return entries.map(({ name, method, data }) => ({ name, method, data }));
}

/** The bytes of a STORED entry; a compressed one is refused with a message that names its method. */
export function storedData(entry: ZipEntry): Uint8Array {
  if (entry.method !== 0) {
    const method = METHODS[entry.method];
    fail(`ZIP entry ${quote(entry.name)} is compressed (method ${entry.method}${method ? `, ${method}` : ''}); torch.save stores entries uncompressed and this reader reads only those`, `if the file was re-zipped, use the original file from torch.save, or ${resave}`);
  }
  return entry.data;
}

/** The end-of-central-directory record: the last one whose comment ends exactly at the end of the file. */
function findEndOfCentral(bytes: Uint8Array, view: DataView): number {
  const last = bytes.length - END_BYTES;
  for (let at = last; at >= 0 && at >= last - MAX_COMMENT; at--) {
    if (bytes[at] === 0x50 && view.getUint32(at, true) === END_OF_CENTRAL && at + END_BYTES + view.getUint16(at + 20, true) === bytes.length) return at;
  }
  return fail('it is not a complete ZIP archive (no end-of-central-directory record at its end)', truncated);
}

function sameBytes(bytes: Uint8Array, a: number, b: number, length: number): boolean {
  for (let i = 0; i < length; i++) if (bytes[a + i] !== bytes[b + i]) return false;
  return true;
}

/**
 * A ZIP archive of STORED entries laid out as torch.save lays them out: each
 * entry's data starts on a 64-byte boundary (an "FB" padding extra field in
 * the local header), so that a reader may map the tensors in place. CRC-32
 * and sizes are written in the local header (no data descriptor), and the
 * date is fixed, so the same entries always give the same bytes.
 */
export function writeZip(entries: { name: string; data: Uint8Array }[]): Uint8Array {
  const encoder = new TextEncoder();
  const names = entries.map((e) => encoder.encode(e.name));
  const crcs = entries.map((e) => crc32(e.data));
  const offsets: number[] = [];
  const paddings: number[] = [];
  let size = 0;
  entries.forEach((entry, i) => {
    offsets.push(size);
    const before = size + 30 + names[i]!.length + 4;
    const padding = (ALIGNMENT - (before % ALIGNMENT)) % ALIGNMENT;
    paddings.push(padding);
    size = before + padding + entry.data.length;
  });
  const directoryOffset = size;
  for (const name of names) size += 46 + name.length;
  const directorySize = size - directoryOffset;
  size += END_BYTES;
  if (size > 0xffffffff || entries.length > 0xffff) {
    fail(`the file would be ${size} bytes in ${entries.length} entries, above what a ZIP without ZIP64 holds (4 GiB)`, 'save fewer or smaller tensors');
  }

  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  const header = (at: number, i: number, central: boolean) => {
    const base = central ? at + 2 : at; // the central header has "version made by" first
    if (central) view.setUint16(at + 4, 20, true);
    view.setUint16(base + 4, 20, true); // version needed: 2.0
    view.setUint16(base + 6, 0x0800, true); // names are UTF-8
    view.setUint16(base + 8, 0, true); // STORED
    view.setUint16(base + 10, 0, true); // 00:00:00
    view.setUint16(base + 12, 0x21, true); // 1980-01-01
    view.setUint32(base + 14, crcs[i]!, true);
    view.setUint32(base + 18, entries[i]!.data.length, true);
    view.setUint32(base + 22, entries[i]!.data.length, true);
    view.setUint16(base + 26, names[i]!.length, true);
  };
  entries.forEach((entry, i) => {
    const at = offsets[i]!;
    view.setUint32(at, LOCAL_HEADER, true);
    header(at, i, false);
    view.setUint16(at + 28, 4 + paddings[i]!, true);
    out.set(names[i]!, at + 30);
    const extra = at + 30 + names[i]!.length;
    view.setUint16(extra, PADDING_EXTRA, true);
    view.setUint16(extra + 2, paddings[i]!, true);
    out.fill(0x5a, extra + 4, extra + 4 + paddings[i]!); // 'Z', as PyTorch pads
    out.set(entry.data, extra + 4 + paddings[i]!);
  });
  let at = directoryOffset;
  entries.forEach((_, i) => {
    view.setUint32(at, CENTRAL_HEADER, true);
    header(at, i, true);
    // extra, comment, disk, internal and external attributes stay 0
    view.setUint32(at + 42, offsets[i]!, true);
    out.set(names[i]!, at + 46);
    at += 46 + names[i]!.length;
  });
  view.setUint32(at, END_OF_CENTRAL, true);
  view.setUint16(at + 8, entries.length, true);
  view.setUint16(at + 10, entries.length, true);
  view.setUint32(at + 12, directorySize, true);
  view.setUint32(at + 16, directoryOffset, true);
  return out;
}

let crcTable: Uint32Array | undefined;

/** CRC-32 (the ZIP polynomial 0xEDB88320), one table lookup per byte. */
export function crc32(data: Uint8Array): number {
  if (crcTable === undefined) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  const table = crcTable;
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++) crc = table[(crc ^ data[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
