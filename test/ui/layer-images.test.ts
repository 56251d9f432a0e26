// How layer outputs and filters become images: each feature map stretched to
// its own range, each filter with zero at mid-grey.

import { describe, expect, it } from 'vitest';
import { channelImage, gridColumns, tileGrid } from '../../src/ui/views/layer-images.ts';

describe('channelImage', () => {
  const values = Float32Array.from([0, 1, 2, 4, /* channel 1 */ -3, 0, 1.5, 3]);
  const shape = [2, 2, 2] as const;

  it('stretches a feature map from its smallest to its largest value', () => {
    expect(Array.from(channelImage(values, shape, 0, 'range'))).toEqual([0, 0.25, 0.5, 1]);
  });

  it('puts a filter’s zero at mid-grey and its largest magnitude at black or white', () => {
    expect(Array.from(channelImage(values, shape, 1, 'signed'))).toEqual([0, 0.5, 0.75, 1]);
  });

  it('shows a constant map as black and an all-zero filter as grey, never NaN', () => {
    const flat = new Float32Array(4).fill(2);
    expect(Array.from(channelImage(flat, [1, 2, 2], 0, 'range'))).toEqual([0, 0, 0, 0]);
    expect(Array.from(channelImage(new Float32Array(4), [1, 2, 2], 0, 'signed'))).toEqual([0.5, 0.5, 0.5, 0.5]);
  });
});

describe('tileGrid', () => {
  it('puts image k at column k % columns and row k / columns, one transparent pixel apart', () => {
    // Three 1×2 maps, 2 to a row: [0 1] [2 3] / [4 5], each stretched to its own range.
    const { width, height, rgba } = tileGrid(Float32Array.from([0, 1, 2, 3, 4, 5]), [3, 1, 2], 'range', 2);
    expect([width, height]).toEqual([5, 3]);
    const grey = (x: number, y: number) => (rgba[(y * width + x) * 4 + 3] === 0 ? null : rgba[(y * width + x) * 4]);
    expect([0, 1, 2, 3, 4].map((x) => grey(x, 0))).toEqual([0, 255, null, 0, 255]);
    expect([0, 1, 2, 3, 4].map((x) => grey(x, 1))).toEqual([null, null, null, null, null]);
    expect([0, 1, 2, 3, 4].map((x) => grey(x, 2))).toEqual([0, 255, null, null, null]);
    expect(gridColumns(256)).toBe(16);
    expect(gridColumns(10)).toBe(4);
  });
});
