import { describe, expect, it } from 'vitest';
import { alphaToInk, centreOfMass, inkBounds, preprocessDrawing } from '../../src/ui/draw/preprocess.ts';

const PAD = 280;

/** A pad with the rectangle [x0, x1) × [y0, y1) fully inked. */
function padWithRect(x0: number, y0: number, x1: number, y1: number, size = PAD): Float32Array {
  const ink = new Float32Array(size * size);
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) ink[y * size + x] = 1;
  return ink;
}

const sum = (a: ArrayLike<number>) => Array.from(a).reduce((s, v) => s + v, 0);

/** Inked extent of a 28×28 result (pixels above a small threshold, to ignore rounding dust). */
function extent(img: Float32Array) {
  const box = inkBounds(img.map((v) => (v > 1e-6 ? v : 0)), 28, 28)!;
  return box;
}

describe('preprocessDrawing', () => {
  it('returns null for an empty drawing', () => {
    expect(preprocessDrawing(new Float32Array(PAD * PAD), PAD, PAD)).toBeNull();
  });

  it('scales a square to a 20-pixel box centred by mass at (14, 14)', () => {
    const img = preprocessDrawing(padWithRect(30, 50, 130, 150), PAD, PAD)!;
    expect(img).toHaveLength(784);
    const box = extent(img);
    expect(box.width).toBe(20);
    expect(box.height).toBe(20);
    const com = centreOfMass(img, 28, 28);
    expect(Math.abs(com.x - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(com.y - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.max(...img)).toBeLessThanOrEqual(1);
    expect(Math.min(...img)).toBeGreaterThanOrEqual(0);
  });

  it('keeps the aspect ratio of a tall bar and centres it', () => {
    // 40 wide × 200 tall: scale 0.1 → 4 × 20.
    const img = preprocessDrawing(padWithRect(100, 40, 140, 240), PAD, PAD)!;
    const box = extent(img);
    expect(box.height).toBe(20);
    expect(box.width).toBe(4);
    const com = centreOfMass(img, 28, 28);
    expect(Math.abs(com.x - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(com.y - 14)).toBeLessThanOrEqual(0.5);
  });

  it('keeps a non-integer aspect ratio to within a pixel', () => {
    // 150 × 70: scale 20/150 → 20 × 9.33, so the short side spans 10 pixels with a grey edge.
    const img = preprocessDrawing(padWithRect(10, 10, 160, 80), PAD, PAD)!;
    const box = extent(img);
    expect(box.width).toBe(20);
    expect(box.height).toBe(10);
    // Mass along the short side is 9.33 pixels' worth.
    expect(sum(img) / 20).toBeCloseTo(70 * (20 / 150), 4);
  });

  it('gives grey anti-aliased edges when the scale does not divide the stroke evenly', () => {
    // A diagonal-ish stroke: a 17-pixel-thick line scaled by 20/233.
    const ink = new Float32Array(PAD * PAD);
    for (let y = 20; y < 253; y++) for (let x = y - 8; x <= y + 8; x++) if (x >= 20 && x < 253) ink[y * PAD + x] = 1;
    const img = preprocessDrawing(ink, PAD, PAD)!;
    const greys = Array.from(img).filter((v) => v > 0.01 && v < 0.99);
    expect(greys.length).toBeGreaterThan(10);
  });

  it('conserves total ink up to the squared scale factor', () => {
    const ink = new Float32Array(PAD * PAD);
    // A ring with partial coverage at its edge, as a canvas's anti-aliasing gives.
    for (let y = 0; y < PAD; y++) {
      for (let x = 0; x < PAD; x++) {
        const r = Math.hypot(x - 140, y - 140);
        ink[y * PAD + x] = Math.max(0, Math.min(1, 12 - Math.abs(r - 80)));
      }
    }
    const box = inkBounds(ink, PAD, PAD)!;
    const scale = 20 / Math.max(box.width, box.height);
    const img = preprocessDrawing(ink, PAD, PAD)!;
    expect(sum(img)).toBeCloseTo(sum(ink) * scale * scale, 2);
  });

  it('scales a tiny dot up to fill the 20×20 box', () => {
    const ink = new Float32Array(PAD * PAD);
    ink[5 * PAD + 270] = 1;
    const img = preprocessDrawing(ink, PAD, PAD)!;
    const box = extent(img);
    expect(box.width).toBe(20);
    expect(box.height).toBe(20);
    expect(sum(img)).toBeCloseTo(400, 3);
    const com = centreOfMass(img, 28, 28);
    expect(Math.abs(com.x - 14)).toBeLessThanOrEqual(0.5);
  });

  it('handles a stroke covering the whole pad', () => {
    const img = preprocessDrawing(new Float32Array(PAD * PAD).fill(1), PAD, PAD)!;
    expect(sum(img)).toBeCloseTo(400, 2);
    const com = centreOfMass(img, 28, 28);
    expect(Math.abs(com.y - 14)).toBeLessThanOrEqual(0.5);
  });

  it('clips ink that the centring shift would push outside the field', () => {
    // An L: a heavy bottom bar pulls the centre of mass down, pushing the thin top out of range.
    const ink = padWithRect(0, 180, 200, 200);
    for (let y = 0; y < 180; y++) ink[y * PAD + 0] = 1;
    const img = preprocessDrawing(ink, PAD, PAD)!;
    expect(img).toHaveLength(784);
    expect(Math.max(...img)).toBeLessThanOrEqual(1);
  });

  it('works on non-square pads', () => {
    const w = 300, h = 120;
    const ink = new Float32Array(w * h);
    for (let y = 10; y < 110; y++) for (let x = 200; x < 250; x++) ink[y * w + x] = 1;
    const box = extent(preprocessDrawing(ink, w, h)!);
    expect(box.height).toBe(20);
    expect(box.width).toBe(10);
  });
});

describe('alphaToInk', () => {
  it('reads the alpha channel as coverage', () => {
    const rgba = new Uint8ClampedArray([0, 0, 0, 255, 10, 20, 30, 0, 0, 0, 0, 51]);
    expect(Array.from(alphaToInk(rgba, 3, 1))).toEqual([1, 0, Math.fround(0.2)]);
  });
});
