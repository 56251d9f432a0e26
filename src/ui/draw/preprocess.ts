// Turns a drawing into a 28×28 input the way MNIST digits were made: crop to
// the ink, scale to fit 20×20 keeping the aspect ratio with area averaging
// (which gives the grey anti-aliased edges MNIST has), then shift by whole
// pixels so the centre of mass sits at the centre of the 28×28 field.
// A model trained on MNIST expects exactly this framing; a raw downscale of
// the pad gives off-centre, wrongly sized digits and poor predictions.

export const IMAGE_SIZE = 28;
/** The box the digit's longest side is scaled to, as in MNIST. */
export const DIGIT_BOX = 20;
/** Centre of mass target, in pixel-index coordinates (as scipy's center_of_mass). */
export const IMAGE_CENTRE = IMAGE_SIZE / 2;

interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** The smallest rectangle holding every inked pixel, or null when nothing is inked. */
export function inkBounds(ink: Float32Array, width: number, height: number): Box | null {
  let left = width, right = -1, top = height, bottom = -1;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      if (ink[row + x]! > 0) {
        if (x < left) left = x;
        if (x > right) right = x;
        if (y < top) top = y;
        bottom = y;
      }
    }
  }
  return right < 0 ? null : { left, top, width: right - left + 1, height: bottom - top + 1 };
}

/**
 * For each source index along one axis, the destination pixels it overlaps and
 * by how much: source pixel i covers [i·scale, (i+1)·scale) in destination units.
 * Weighting by overlap is area averaging, so total ink scales by exactly `scale`.
 */
function axisOverlaps(length: number, scale: number): { dest: number; weight: number }[][] {
  const overlaps: { dest: number; weight: number }[][] = [];
  for (let i = 0; i < length; i++) {
    const start = i * scale, end = (i + 1) * scale;
    const cells: { dest: number; weight: number }[] = [];
    for (let j = Math.floor(start); j < end; j++) {
      const weight = Math.min(j + 1, end) - Math.max(j, start);
      if (weight > 1e-9) cells.push({ dest: j, weight });
    }
    overlaps.push(cells);
  }
  return overlaps;
}

/** Area-averaging resize of the box by one scale on both axes (so the aspect ratio is kept). */
function resampleBox(ink: Float32Array, width: number, box: Box, scale: number) {
  const outW = Math.ceil(box.width * scale - 1e-9);
  const outH = Math.ceil(box.height * scale - 1e-9);
  const xs = axisOverlaps(box.width, scale);
  const ys = axisOverlaps(box.height, scale);
  // Separable: rows first into (box.height × outW), then columns into (outH × outW).
  const rows = new Float64Array(box.height * outW);
  for (let y = 0; y < box.height; y++) {
    const src = (box.top + y) * width + box.left;
    for (let x = 0; x < box.width; x++) {
      const v = ink[src + x]!;
      if (v === 0) continue;
      for (const { dest, weight } of xs[x]!) rows[y * outW + dest]! += v * weight;
    }
  }
  const out = new Float64Array(outH * outW);
  for (let y = 0; y < box.height; y++) {
    for (const { dest, weight } of ys[y]!) {
      for (let x = 0; x < outW; x++) out[dest * outW + x]! += rows[y * outW + x]! * weight;
    }
  }
  return { pixels: out, width: outW, height: outH };
}

/** Centre of mass in pixel-index coordinates. */
export function centreOfMass(pixels: ArrayLike<number>, width: number, height: number): { x: number; y: number } {
  let total = 0, sx = 0, sy = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v = pixels[y * width + x]!;
      total += v;
      sx += v * x;
      sy += v * y;
    }
  }
  return total > 0 ? { x: sx / total, y: sy / total } : { x: (width - 1) / 2, y: (height - 1) / 2 };
}

/**
 * `ink`: the pad's coverage in [0, 1] per pixel, row-major, 1 = fully inked.
 * Returns 28×28 values in [0, 1] with ink = 1 (white digit on black, like MNIST),
 * or null for an empty drawing.
 */
export function preprocessDrawing(ink: Float32Array, width: number, height: number): Float32Array | null {
  if (ink.length < width * height) throw new RangeError(`preprocessDrawing: ${ink.length} values for a ${width}×${height} pad`);
  const box = inkBounds(ink, width, height);
  if (!box) return null;
  const scale = DIGIT_BOX / Math.max(box.width, box.height);
  const small = resampleBox(ink, width, box, scale);
  const com = centreOfMass(small.pixels, small.width, small.height);
  // Whole-pixel shift, as the MNIST creators did: no second resampling blur.
  const dx = Math.round(IMAGE_CENTRE - com.x);
  const dy = Math.round(IMAGE_CENTRE - com.y);
  const out = new Float32Array(IMAGE_SIZE * IMAGE_SIZE);
  for (let y = 0; y < small.height; y++) {
    const ty = y + dy;
    if (ty < 0 || ty >= IMAGE_SIZE) continue; // clipped: would fall outside the field
    for (let x = 0; x < small.width; x++) {
      const tx = x + dx;
      if (tx < 0 || tx >= IMAGE_SIZE) continue;
      // Clamp: summed float overlaps can overshoot 1 by rounding.
      out[ty * IMAGE_SIZE + tx] = Math.min(1, Math.max(0, small.pixels[y * small.width + x]!));
    }
  }
  return out;
}

/** Ink coverage from a canvas's RGBA bytes: the alpha channel, since strokes are drawn on a transparent canvas. */
export function alphaToInk(rgba: Uint8ClampedArray, width: number, height: number): Float32Array {
  const ink = new Float32Array(width * height);
  for (let i = 0; i < ink.length; i++) ink[i] = rgba[4 * i + 3]! / 255;
  return ink;
}
