// How a layer's output or a filter becomes small greyscale images. No React
// here, so the scaling can be tested on its own.

/**
 * Channel `channel` of a [channels, height, width] block as floats in [0, 1].
 * `range` stretches each map from its own smallest to its largest value (a
 * feature map after ReLU: black is 0, white its strongest response); `signed`
 * puts zero at mid-grey and the largest magnitude at black or white (a
 * filter's weights, whose sign matters).
 */
export function channelImage(values: Float32Array, shape: readonly [number, number, number], channel: number, mode: 'range' | 'signed'): Float32Array {
  const size = shape[1] * shape[2];
  const slice = values.subarray(channel * size, (channel + 1) * size);
  const out = new Float32Array(size);
  if (mode === 'signed') {
    let largest = 0;
    for (const v of slice) largest = Math.max(largest, Math.abs(v));
    for (let i = 0; i < size; i++) out[i] = largest > 0 ? 0.5 + slice[i]! / (2 * largest) : 0.5;
    return out;
  }
  let low = Infinity;
  let high = -Infinity;
  for (const v of slice) {
    low = Math.min(low, v);
    high = Math.max(high, v);
  }
  const span = high - low;
  for (let i = 0; i < size; i++) out[i] = span > 0 ? (slice[i]! - low) / span : 0;
  return out;
}

/** The smallest and largest finite value (both 0 when there is none). */
export function valueRange(values: ArrayLike<number>): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return min <= max ? { min, max } : { min: 0, max: 0 };
}

/** A weight or activation as text: four significant digits, the same in every language ("0.1235", "-2.5e-7"). */
export function formatValue(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return String(Number(value.toPrecision(4)));
}

/** Columns of the grid of `count` small images: about square. */
export function gridColumns(count: number): number {
  return Math.max(1, Math.ceil(Math.sqrt(count)));
}

/**
 * The small images of a [count, height, width] block side by side in one
 * RGBA image, `columns` to a row with a transparent pixel between them: tile
 * k sits at column k % columns, row ⌊k / columns⌋, each pixel as channelImage
 * scales it. One canvas for a layer: hundreds of canvases cost the page's
 * main thread far more than one.
 */
export function tileGrid(values: Float32Array, shape: readonly [number, number, number], mode: 'range' | 'signed', columns: number): { width: number; height: number; rgba: Uint8ClampedArray<ArrayBuffer> } {
  const [count, height, width] = shape;
  const rows = Math.ceil(count / columns);
  const gridWidth = columns * (width + 1) - 1;
  const gridHeight = rows * (height + 1) - 1;
  const rgba = new Uint8ClampedArray(gridWidth * gridHeight * 4);
  for (let k = 0; k < count; k++) {
    const tile = channelImage(values, shape, k, mode);
    const left = (k % columns) * (width + 1);
    const top = Math.floor(k / columns) * (height + 1);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const v = tile[y * width + x]!;
        const byte = Number.isFinite(v) ? Math.round(Math.min(1, Math.max(0, v)) * 255) : 0;
        const at = ((top + y) * gridWidth + left + x) * 4;
        rgba[at] = byte;
        rgba[at + 1] = byte;
        rgba[at + 2] = byte;
        rgba[at + 3] = 255;
      }
    }
  }
  return { width: gridWidth, height: gridHeight, rgba };
}
