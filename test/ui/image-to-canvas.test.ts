import { describe, expect, it } from 'vitest';
import { greyscaleToRgba } from '../../src/ui/shared/imageToCanvas.ts';

describe('greyscaleToRgba', () => {
  it('maps ink 1 to white and 0 to black, opaque, clamping out-of-range values', () => {
    const rgba = greyscaleToRgba([0, 1, 0.5, 2, -1, Number.NaN], 3, 2);
    expect(Array.from(rgba)).toEqual([
      0, 0, 0, 255, 255, 255, 255, 255, 128, 128, 128, 255,
      255, 255, 255, 255, 0, 0, 0, 255, 0, 0, 0, 255,
    ]);
  });

  it('makes a 28×28 image of 3136 bytes', () => {
    expect(greyscaleToRgba(new Float32Array(784), 28, 28)).toHaveLength(3136);
  });
});
