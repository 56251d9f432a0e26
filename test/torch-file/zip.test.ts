// The ZIP container: what torch.save writes (data descriptors, ZIP64 end
// records, padding extras), ZIP64 sizes in the central directory, and each
// way an archive can lie about where its bytes are.

import { describe, expect, it } from 'vitest';
import { crc32, readZip, storedData, writeZip } from '../../src/engine/torch-file/zip.ts';
import { TorchFileError } from '../../src/engine/torch-file/errors.ts';
import { readTorchFile } from '../../src/engine/torch-file/torch-file.ts';
import { expectRefused, fixture, floats, op, pickle, stateDictPickle, torchZip } from './helpers.ts';

const encoder = new TextEncoder();

function refusedZip(bytes: Uint8Array, pattern: RegExp): void {
  let error: unknown;
  try {
    readZip(bytes);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(TorchFileError);
  expect((error as Error).message).toMatch(pattern);
}

/** Offsets of the central entries and the end record of an archive writeZip made (no comment, no ZIP64). */
function layout(bytes: Uint8Array) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = bytes.length - 22;
  const count = view.getUint16(end + 10, true);
  const central: number[] = [];
  for (let i = 0, at = view.getUint32(end + 16, true); i < count; i++) {
    central.push(at);
    at += 46 + view.getUint16(at + 28, true);
  }
  return { view, end, central, local: central.map((c) => view.getUint32(c + 42, true)) };
}

/**
 * The same archive in the ZIP64 form: every central size and offset saturated
 * at 0xffffffff with the real values in a ZIP64 extra field, and the end
 * record saturated with a ZIP64 end record and locator before it.
 */
function toZip64(bytes: Uint8Array): Uint8Array {
  const { view, end, central } = layout(bytes);
  const directoryOffset = view.getUint32(end + 16, true);
  const parts: number[] = [...bytes.subarray(0, directoryOffset)];
  const u16 = (n: number) => [n & 0xff, n >>> 8];
  const u32 = (n: number) => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, n >>> 24];
  const u64 = (n: number) => [...u32(n), 0, 0, 0, 0];
  for (const at of central) {
    const nameLength = view.getUint16(at + 28, true);
    const header = [...bytes.subarray(at, at + 46)];
    const size = view.getUint32(at + 24, true);
    const local = view.getUint32(at + 42, true);
    header.splice(20, 8, ...u32(0xffffffff), ...u32(0xffffffff));
    header.splice(30, 2, ...u16(28));
    header.splice(42, 4, ...u32(0xffffffff));
    parts.push(...header, ...bytes.subarray(at + 46, at + 46 + nameLength), ...u16(1), ...u16(24), ...u64(size), ...u64(size), ...u64(local));
  }
  const directorySize = parts.length - directoryOffset;
  const zip64End = parts.length;
  parts.push(...u32(0x06064b50), ...u64(44), ...u16(45), ...u16(45), ...u32(0), ...u32(0), ...u64(central.length), ...u64(central.length), ...u64(directorySize), ...u64(directoryOffset));
  parts.push(...u32(0x07064b50), ...u32(0), ...u64(zip64End), ...u32(1));
  parts.push(...u32(0x06054b50), 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, ...u32(0xffffffff), ...u32(0xffffffff), 0, 0);
  return Uint8Array.from(parts);
}

const small = () => torchZip(stateDictPickle([{ name: 'w', key: '0', numel: 2, shape: [2] }]), { '0': floats(1.5, -2) });

describe('readZip', () => {
  it("reads torch.save's own archives: data descriptors, ZIP64 end record and locator, padded local headers", () => {
    const bytes = fixture('blobs-neuralnet.pt');
    const entries = readZip(bytes);
    expect(entries.map((e) => e.name)).toEqual([
      'blobs-neuralnet/data.pkl', 'blobs-neuralnet/data/0', 'blobs-neuralnet/data/1', 'blobs-neuralnet/data/2', 'blobs-neuralnet/data/3', 'blobs-neuralnet/version',
    ]);
    // torch 1.13 puts the sizes after the data (flag bit 3) and ends with a ZIP64 end record.
    expect(new DataView(bytes.buffer).getUint16(6, true) & 8).toBe(8);
    expect(new TextDecoder().decode(bytes).includes('PK\u0006\u0006')).toBe(true);
    for (const e of entries) expect(e.data.byteOffset % 64).toBe(0);
    expect(new TextDecoder().decode(entries[5]!.data)).toBe('3\n');
  });

  it('reads ZIP64 sizes and offsets from the extra fields and the ZIP64 end record', () => {
    const plain = small();
    const zip64 = toZip64(plain);
    expect(zip64.length).toBeGreaterThan(plain.length);
    expect(readZip(zip64).map((e) => [e.name, Array.from(e.data)])).toEqual(readZip(plain).map((e) => [e.name, Array.from(e.data)]));
  });

  it('writes archives that round-trip, with CRC-32 as zlib computes it', () => {
    expect(crc32(encoder.encode('123456789'))).toBe(0xcbf43926); // the standard check value
    expect(crc32(new Uint8Array(0))).toBe(0);
    const entries = [{ name: 'a/x', data: encoder.encode('hello') }, { name: 'a/empty', data: new Uint8Array(0) }, { name: 'a/ü', data: new Uint8Array(1000).fill(7) }];
    expect(readZip(writeZip(entries)).map((e) => [e.name, e.method, Array.from(e.data)])).toEqual(entries.map((e) => [e.name, 0, Array.from(e.data)]));
  });

  it('refuses what is not a whole archive', () => {
    const bytes = small();
    refusedZip(bytes.subarray(0, bytes.length - 1), /no end-of-central-directory record/);
    refusedZip(new Uint8Array(0), /no end-of-central-directory record/);
    // A comment whose length does not reach the end of the file.
    const withComment = new Uint8Array([...bytes, 1, 2, 3]);
    refusedZip(withComment, /no end-of-central-directory record/);
    // A comment that does: fine.
    const commented = new Uint8Array([...bytes, 65, 66]);
    new DataView(commented.buffer).setUint16(bytes.length - 2, 2, true);
    expect(readZip(commented)).toHaveLength(3);
  });

  it('refuses central directories that lie', () => {
    const bytes = small();
    const { end, central } = layout(bytes);
    const edit = (at: number, value: number, width: 2 | 4 = 4) => {
      const copy = bytes.slice();
      const view = new DataView(copy.buffer);
      if (width === 2) view.setUint16(at, value, true);
      else view.setUint32(at, value, true);
      return copy;
    };
    refusedZip(edit(end + 10, 500, 2), /claims 500 entries in \d+ bytes/);
    refusedZip(edit(end + 16, bytes.length), /central directory .* runs past its end record/);
    refusedZip(edit(end + 16, 0xffffffff), /asks for a ZIP64 record that is missing/);
    refusedZip(edit(end + 4, 1, 2), /spans several disks/);
    refusedZip(edit(central[0]!, 0x12345678), /central directory entry 0 is damaged/);
    refusedZip(edit(central[1]! + 42, 2 ** 31), /said to start at byte 2147483648, past the entries' area/);
    refusedZip(edit(central[1]! + 42, 3), /has no local header at byte 3/);
    refusedZip(edit(central[1]! + 24, 1 << 30), /stored uncompressed but claims/);
    refusedZip(edit(central[1]! + 20, 1 << 30, 4), /stored uncompressed but claims/);
    const bigger = edit(central[1]! + 20, 1 << 30);
    new DataView(bigger.buffer).setUint32(central[1]! + 24, 1 << 30, true);
    refusedZip(bigger, /\(1073741824 bytes at byte \d+\) runs past the entries' area/);
    refusedZip(edit(central[1]! + 16, 0xdeadbeef), /"archive\/data\/0" fails its CRC-32 check/);
    refusedZip(edit(central[1]! + 8, 1, 2), /"archive\/data\/0" is encrypted/);
  });

  it('refuses entries that overlap, share a name, or disagree with their local header', () => {
    const bytes = small();
    const { view, central, local } = layout(bytes);
    // Entry 2 pointed at entry 1's local header: same bytes counted twice.
    const overlapping = bytes.slice();
    new DataView(overlapping.buffer).setUint32(central[2]! + 42, local[1]!, true);
    refusedZip(overlapping, /disagree on its name|overlap/);
    const twice = writeZip([{ name: 'a/x', data: new Uint8Array(1) }, { name: 'a/x', data: new Uint8Array(1) }]);
    refusedZip(twice, /two entries named "a\/x"/);
    // Entry c's local header planted inside entry b's data, and c pointed there: b's bytes counted twice.
    const pair = writeZip([{ name: 'a/b', data: new Uint8Array(200) }, { name: 'a/c', data: new Uint8Array(0) }]);
    const pairLayout = layout(pair);
    const inside = pairLayout.local[0]! + 100;
    const planted = new DataView(pair.buffer);
    planted.setUint32(inside, 0x04034b50, true);
    planted.setUint16(inside + 26, 3, true);
    pair.set(encoder.encode('a/c'), inside + 30);
    planted.setUint32(pairLayout.central[1]! + 42, inside, true);
    // b's CRC-32 covers its changed data: give it the new one, so that only the overlap is wrong.
    const dataStart = pairLayout.local[0]! + 30 + 3 + planted.getUint16(pairLayout.local[0]! + 28, true);
    planted.setUint32(pairLayout.central[0]! + 16, crc32(pair.subarray(dataStart, dataStart + 200)), true);
    refusedZip(pair, /ZIP entries "a\/b" and "a\/c" overlap/);
    const renamed = bytes.slice();
    renamed[local[1]! + 30] ^= 1;
    refusedZip(renamed, /disagree on its name/);
    const method = bytes.slice();
    method[local[1]! + 8] = 8;
    refusedZip(method, /disagree on its compression/);
    expect(view.getUint32(0, true)).toBe(0x04034b50);
  });

  it('lists a compressed entry but never expands it: a zip bomb costs nothing', () => {
    // A "deflate" entry claiming 4 GiB uncompressed from 16 stored bytes: its data is refused unread.
    const bytes = writeZip([{ name: 'archive/data.pkl', data: new Uint8Array(16) }, { name: 'archive/version', data: encoder.encode('3\n') }]);
    const { central, local } = layout(bytes);
    const view = new DataView(bytes.buffer);
    view.setUint16(central[0]! + 10, 8, true);
    view.setUint16(local[0]! + 8, 8, true);
    view.setUint32(central[0]! + 24, 0xfffffffe, true);
    const entries = readZip(bytes);
    expect(entries[0]!.method).toBe(8);
    expect(() => storedData(entries[0]!)).toThrow(/is compressed \(method 8, deflate\)/);
    expectRefused(bytes, /ZIP entry "archive\/data\.pkl" is compressed \(method 8, deflate\); torch\.save stores entries uncompressed/);
  });
});

describe('readTorchFile on archives that are not torch.save files', () => {
  it('says what is missing or wrong', () => {
    expectRefused(writeZip([{ name: 'a/b.txt', data: encoder.encode('hi') }]), /a ZIP archive without the data\.pkl record/);
    expectRefused(writeZip([{ name: 'data.pkl', data: pickle(op.proto(), op.emptyDict, op.stop) }]), /without the data\.pkl record/);
    const pkl = stateDictPickle([{ name: 'w', key: '0', numel: 2, shape: [2] }]);
    expectRefused(writeZip([{ name: 'a/data.pkl', data: pkl }, { name: 'b/data.pkl', data: pkl }]), /holds 2 data\.pkl records/);
    expectRefused(torchZip(pkl, {}), /storage "0" has no record "archive\/data\/0"/);
    expectRefused(torchZip(pkl, { '0': floats(1, 2, 3) }), /storage "0" claims 2 float32 elements \(8 bytes\) but its record holds 12 bytes/);
    const order = writeZip([{ name: 'archive/data.pkl', data: pkl }, { name: 'archive/byteorder', data: encoder.encode('middle') }, { name: 'archive/data/0', data: floats(1, 2) }]);
    expectRefused(order, /its byteorder record says "middle"/);
  });

  it('reads big-endian data when the byteorder record says so', () => {
    const pkl = stateDictPickle([{ name: 'w', key: '0', numel: 2, shape: [2] }, { name: 'd', key: '1', numel: 1, shape: [], storage: 'DoubleStorage' }]);
    const big = new Uint8Array(8);
    new DataView(big.buffer).setFloat32(0, 1.5, false);
    new DataView(big.buffer).setFloat32(4, -2, false);
    const double = new Uint8Array(8);
    new DataView(double.buffer).setFloat64(0, 0.1, false);
    const bytes = writeZip([{ name: 'archive/data.pkl', data: pkl }, { name: 'archive/byteorder', data: encoder.encode('big') }, { name: 'archive/data/0', data: big }, { name: 'archive/data/1', data: double }]);
    const { tensors, notes } = readTorchFile(bytes, 'big.pt');
    expect(Array.from(tensors[0]!.data)).toEqual([1.5, -2]);
    expect(tensors[1]!.data[0]).toBe(Math.fround(0.1));
    expect(notes[0]).toMatch(/big-endian/);
  });
});
