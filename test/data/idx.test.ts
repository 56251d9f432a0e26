// The IDX parser on small files made here: valid ones, each way a header can
// lie, and a seeded fuzz (truncations, bit flips, trailing bytes) of plain and
// gzipped files. The contract: a correct parse or an IdxError, nothing else,
// and nothing allocated from a size the file cannot back.
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { Random } from '../../src/engine/random.ts';
import { IdxError, readIdx, type IdxArray, type ReadIdxOptions } from '../../src/data/idx.ts';

function encodeIdx(dims: number[], data: Uint8Array, type = 0x08, ndims = dims.length): Uint8Array {
  const out = new Uint8Array(4 + 4 * dims.length + data.length);
  out.set([0, 0, type, ndims]);
  const view = new DataView(out.buffer);
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  out.set(data, 4 + 4 * dims.length);
  return out;
}

function randomBytes(random: Random, n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = random.below(256);
  return out;
}

const gz = (bytes: Uint8Array) => new Uint8Array(gzipSync(bytes));

/** Parses, and lets only IdxError through as a failure: any other exception fails the test. */
async function outcome(bytes: Uint8Array, options?: ReadIdxOptions): Promise<IdxArray | IdxError> {
  try {
    return await readIdx(bytes, 'fuzz.idx', options);
  } catch (error) {
    if (error instanceof IdxError) return error;
    throw error;
  }
}

async function expectIdxError(bytes: Uint8Array, pattern: RegExp, options?: ReadIdxOptions): Promise<IdxError> {
  const result = await outcome(bytes, options);
  expect(result).toBeInstanceOf(IdxError);
  const error = result as IdxError;
  expect(error.message).toMatch(/^fuzz\.idx: /);
  expect(error.message).toMatch(pattern);
  expect(error.message).not.toContain('\n');
  return error;
}

const random = new Random(1234);
const dims = [3, 4, 5];
const data = randomBytes(random, 60);
const plain = encodeIdx(dims, data);
const zipped = gz(plain);

describe('readIdx on valid files', () => {
  it('parses plain and gzipped bytes to the same dims and data', async () => {
    for (const bytes of [plain, zipped]) {
      const result = await readIdx(bytes, 'ok.idx');
      expect(result.dims).toEqual(dims);
      expect(Array.from(result.data)).toEqual(Array.from(data));
    }
  });

  it('parses a one-dimensional label file and a 1×1×1 file', async () => {
    expect((await readIdx(encodeIdx([4], new Uint8Array([5, 0, 4, 1])), 'labels')).dims).toEqual([4]);
    expect((await readIdx(gz(encodeIdx([1, 1, 1], new Uint8Array([7]))), 'tiny')).data[0]).toBe(7);
  });
});

describe('readIdx refuses headers that lie', () => {
  const cases: [string, Uint8Array, RegExp][] = [
    ['a dimension too big', encodeIdx([3, 4, 6], data), /data is 60 bytes but the header's dimensions \[3, 4, 6\] need 72; the file is truncated or corrupt: download it again/],
    ['a dimension too small', encodeIdx([3, 4, 4], data), /data is 60 bytes but .* need 48/],
    ['2^40 elements', encodeIdx([2 ** 20, 2 ** 20], data), /need 1099511627776/],
    ['2^96 elements', encodeIdx([2 ** 32 - 1, 2 ** 32 - 1, 2 ** 32 - 1], data), /need more than 9007199254740991/],
    ['0 dimensions', encodeIdx([], data, 0x08, 0), /declares 0 dimensions/],
    ['255 dimensions in a short file', encodeIdx([], data, 0x08, 255), /declares 255 dimensions, which need 1024 header bytes, but the file has 64/],
    ['255 huge dimensions', encodeIdx(new Array(255).fill(2 ** 32 - 1), data), /\[4294967295, 4294967295, 4294967295, 4294967295, … \(255 dimensions\)\] need more than/],
    ['a zero dimension', encodeIdx([3, 0, 5], data), /dimension 1 of \[3, 0, 5\] is 0/],
    ['type int8', encodeIdx(dims, data, 0x09), /element type 0x09 \(int8\) is not unsigned byte/],
    ['type float32', encodeIdx(dims, data, 0x0d), /element type 0x0d \(float32\) is not unsigned byte/],
    ['type 0xff', encodeIdx(dims, data, 0xff), /element type 0xff is not unsigned byte/],
    ['a bad magic', new Uint8Array([0x50, 0x4b, 3, 4, ...plain.subarray(4)]), /starts with 0x50 0x4b instead of 0x00 0x00; this is not an IDX/],
    ['fewer than 4 bytes', plain.subarray(0, 3), /only 3 bytes/],
    ['an empty file', new Uint8Array(0), /only 0 bytes/],
  ];
  for (const [label, bytes, pattern] of cases) {
    it(`${label}, plain and gzipped`, async () => {
      await expectIdxError(bytes, pattern);
      await expectIdxError(gz(bytes), pattern);
    });
  }

  it('puts the caller\'s remedy in the message', async () => {
    await expectIdxError(plain.subarray(0, 40), /corrupt: run the fixer$/, { remedy: 'run the fixer' });
  });

  it('stops inflating a gzip bomb at the cap', async () => {
    // A plausible header (2^20 × 2^20) over 8 MiB of zeros: 8 KB compressed.
    const bomb = gz(encodeIdx([2 ** 20, 2 ** 20], new Uint8Array(8 * 1024 * 1024)));
    await expectIdxError(bomb, /decompresses to more than 1 MiB, the most accepted/, { maxBytes: 1024 * 1024 });
    // The default cap, 64 MiB, against 65 MiB of zeros.
    await expectIdxError(gz(new Uint8Array(65 * 1024 * 1024)), /more than 64 MiB/);
  });

  it('reports damaged gzip data', async () => {
    await expectIdxError(zipped.subarray(0, zipped.length - 5), /the gzip data is damaged/);
    const flipped = zipped.slice();
    flipped[zipped.length - 6]! ^= 0xff; // inside the CRC-32
    await expectIdxError(flipped, /the gzip data is damaged/);
  });
});

describe('readIdx fuzz (seeded)', () => {
  // Bigger than the header so most cuts and flips land in data, as in real files.
  const fuzzRandom = new Random(20240601);
  const bigDims = [10, 28, 28];
  const bigPlain = encodeIdx(bigDims, randomBytes(fuzzRandom, 10 * 28 * 28));
  const bigZipped = gz(bigPlain);

  /** A parse that succeeds must be the file's own content: re-encoding it gives back the input. */
  function expectFaithful(result: IdxArray, input: Uint8Array): void {
    expect(result.data.length).toBe(result.dims.reduce((a, b) => a * b, 1));
    expect(Buffer.from(encodeIdx(result.dims, result.data)).equals(Buffer.from(input))).toBe(true);
  }

  it('every prefix of a small file, plain and gzipped', async () => {
    for (const source of [plain, zipped]) {
      for (let n = 0; n < source.length; n++) {
        expect(await outcome(source.slice(0, n))).toBeInstanceOf(IdxError);
      }
    }
  });

  it('2,000 random truncations and extensions', async () => {
    for (let i = 0; i < 2000; i++) {
      const source = i % 2 === 0 ? bigPlain : bigZipped;
      const cut = source.slice(0, fuzzRandom.below(source.length)); // a copy: a view would let an over-read go unnoticed
      const extended = await outcome(new Uint8Array([...source, ...randomBytes(fuzzRandom, 1 + fuzzRandom.below(8))]));
      expect(await outcome(cut)).toBeInstanceOf(IdxError);
      // Trailing bytes: a plain file no longer matches its header; gzip junk after the member is refused or ignored, depending on the platform.
      if (source === bigPlain) expect(extended).toBeInstanceOf(IdxError);
      if (!(extended instanceof IdxError)) expectFaithful(extended, bigPlain);
    }
  });

  it('3,000 random bit flips in the small and big files', async () => {
    let parsed = 0;
    for (let i = 0; i < 3000; i++) {
      const plainSource = i % 3 === 0 ? plain : bigPlain;
      const zipSource = i % 3 === 0 ? zipped : bigZipped;
      // Flip 1-3 bits; for the plain file, aim half the flips at the header, where they matter.
      const mutatedPlain = flipBits(plainSource, i % 2 === 0 ? 4 + 4 * 3 : plainSource.length);
      const mutatedZip = flipBits(zipSource, zipSource.length);
      const a = await outcome(mutatedPlain);
      if (!(a instanceof IdxError)) {
        expectFaithful(a, mutatedPlain);
        parsed++;
      }
      // gzip's CRC-32 catches changed content, so a gzip parse that succeeds (a flip in the header's mtime, say) is the original.
      const b = await outcome(mutatedZip);
      if (!(b instanceof IdxError)) expectFaithful(b, plainSource);
    }
    expect(parsed).toBeGreaterThan(0);
  });

  function flipBits(source: Uint8Array, within: number): Uint8Array {
    const out = source.slice();
    const flips = 1 + fuzzRandom.below(3);
    for (let k = 0; k < flips; k++) out[fuzzRandom.below(within)]! ^= 1 << fuzzRandom.below(8);
    return out;
  }
});
