import { describe, expect, it } from 'vitest';
import { makeBlobs } from '../../src/data/blobs.ts';
import { sampleFeatures } from '../../src/data/dataset.ts';

describe('makeBlobs', () => {
  it('has the documented shape and defaults', () => {
    const blobs = makeBlobs({ seed: 1 });
    expect(blobs.name).toBe('blobs');
    expect(new Set(blobs.train.labels)).toEqual(new Set([0, 1]));
    expect(blobs.train.count).toBe(80);
    expect(blobs.test.count).toBe(20);
    expect(blobs.train.features).toBe(2);
    expect(blobs.train.inputs).toBeInstanceOf(Float32Array);
    expect(blobs.train.inputs.length).toBe(160);
    expect(blobs.train.labels).toBeInstanceOf(Float32Array);
  });

  it('is deterministic per seed and differs across seeds', () => {
    const a = makeBlobs({ seed: 7 });
    expect(makeBlobs({ seed: 7 })).toEqual(a);
    expect(makeBlobs({ seed: 8 }).train.inputs).not.toEqual(a.train.inputs);
    expect(a.test.inputs).not.toEqual(a.train.inputs.subarray(0, 40));
  });

  it('draws test points independently of the train count', () => {
    expect(makeBlobs({ seed: 3, trainCount: 10 }).test).toEqual(makeBlobs({ seed: 3, trainCount: 500 }).test);
  });

  it('is balanced: each blob within one point of count / 4', () => {
    for (const count of [80, 20, 7, 1001]) {
      // With std 0.01 no point leaves its quadrant, so quadrants count blobs.
      const { train } = makeBlobs({ seed: 5, trainCount: count, std: 0.01 });
      const blobSizes = [0, 0, 0, 0];
      for (let i = 0; i < count; i++) blobSizes[(train.inputs[2 * i]! > 0 ? 0 : 1) + (train.inputs[2 * i + 1]! > 0 ? 0 : 2)]!++;
      expect(Math.max(...blobSizes) - Math.min(...blobSizes)).toBeLessThanOrEqual(1);
      const ones = Array.from(train.labels).filter((l) => l === 1).length;
      expect(Math.abs(ones - count / 2)).toBeLessThanOrEqual(1);
    }
  });

  it('labels follow XOR: 0 where x·y > 0, 1 where x·y < 0, for points near their centres', () => {
    const { train, test } = makeBlobs({ seed: 11, trainCount: 2000, testCount: 500 });
    let checked = 0;
    for (const split of [train, test]) {
      for (let i = 0; i < split.count; i++) {
        const [x, y] = sampleFeatures(split, i);
        // Within 0.6 (2 std) of a centre: that centre's label is unambiguous.
        if (Math.abs(Math.abs(x!) - 1) > 0.6 || Math.abs(Math.abs(y!) - 1) > 0.6) continue;
        expect(split.labels[i]).toBe(x! * y! > 0 ? 0 : 1);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(2000);
  });

  it('spreads points with the requested standard deviation', () => {
    const { train } = makeBlobs({ seed: 2, trainCount: 20000, std: 0.3 });
    let sum = 0;
    for (let i = 0; i < train.count * 2; i++) {
      const d = Math.abs(train.inputs[i]!) - 1; // offset from the centre's coordinate (sign-free)
      sum += d * d;
    }
    // 40,000 draws put the sample std within ~0.5% of 0.3; 0.01 also covers the rare point that crosses an axis.
    expect(Math.abs(Math.sqrt(sum / (train.count * 2)) - 0.3)).toBeLessThan(0.01);
  });

  it('refuses bad options', () => {
    expect(() => makeBlobs({ seed: 1, trainCount: -1 })).toThrow(/trainCount must be an integer ≥ 0, got -1/);
    expect(() => makeBlobs({ seed: 1, std: NaN })).toThrow(RangeError);
  });
});
