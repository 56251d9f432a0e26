// How layer outputs and filters become images: each feature map stretched to
// its own range, each filter with zero at mid-grey.

import { describe, expect, it } from 'vitest';
import { channelImage } from '../../src/ui/views/layer-images.ts';

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
