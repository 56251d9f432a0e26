import { describe, expect, it } from 'vitest';
import { Random } from '../../src/engine/random.ts';
import { batchBounds, batchCount, epochOrder } from '../../src/data/batches.ts';

const isPermutation = (order: Uint32Array, n: number) =>
  order.length === n && Array.from(order).sort((a, b) => a - b).every((v, i) => v === i);

describe('epochOrder', () => {
  it('is 0..n-1 without shuffling', () => {
    expect(Array.from(epochOrder(5, { shuffle: false }))).toEqual([0, 1, 2, 3, 4]);
    expect(epochOrder(0, { shuffle: false }).length).toBe(0);
  });

  it('is a seeded permutation: the same for a seed, different across seeds and epochs', () => {
    const a = new Random(1);
    const first = epochOrder(1000, { shuffle: true, random: a });
    const second = epochOrder(1000, { shuffle: true, random: a });
    expect(isPermutation(first, 1000) && isPermutation(second, 1000)).toBe(true);
    expect(first).not.toEqual(second);
    expect(epochOrder(1000, { shuffle: true, random: new Random(1) })).toEqual(first);
    expect(epochOrder(1000, { shuffle: true, random: new Random(2) })).not.toEqual(first);
  });

  it('refuses a bad count', () => {
    expect(() => epochOrder(-1, { shuffle: false })).toThrow(RangeError);
    expect(() => epochOrder(1.5, { shuffle: false })).toThrow(/sample count must be an integer ≥ 0, got 1.5/);
  });
});

describe('batchCount and batchBounds', () => {
  it('keep the last partial batch (DataLoader drop_last=False)', () => {
    expect(batchCount(60000, 64)).toBe(938);
    expect(batchBounds(937, 60000, 64)).toEqual({ start: 59968, end: 60000 });
    expect(batchBounds(0, 60000, 64)).toEqual({ start: 0, end: 64 });
    expect(batchCount(64, 64)).toBe(1);
    expect(batchCount(0, 64)).toBe(0);
    expect(batchCount(10, 1000)).toBe(1);
    expect(batchBounds(0, 10, 1000)).toEqual({ start: 0, end: 10 });
  });

  it('cover every position exactly once', () => {
    const seen = new Uint8Array(1001);
    for (let i = 0; i < batchCount(1001, 33); i++) {
      const { start, end } = batchBounds(i, 1001, 33);
      for (let j = start; j < end; j++) seen[j]!++;
    }
    expect(seen.every((v) => v === 1)).toBe(true);
  });

  it('refuse a batch size that is not an integer ≥ 1, and batches out of range', () => {
    for (const bad of [0, -1, 1.5, NaN, Infinity]) {
      expect(() => batchCount(100, bad)).toThrow(new RangeError(`batchCount: batch size must be an integer ≥ 1, got ${bad}`));
    }
    expect(() => batchBounds(2, 100, 50)).toThrow(/batch 2 is outside 0..1 \(100 samples in batches of 50\)/);
    expect(() => batchBounds(0, 100, 0)).toThrow(RangeError);
  });
});
