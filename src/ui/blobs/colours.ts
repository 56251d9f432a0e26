// The colour scale of the decision-boundary plot, after TensorFlow Playground:
// orange for class 0, blue for class 1, near-white where the model is unsure (p = 0.5).

export type Rgb = [number, number, number];

export const CLASS_COLOURS: readonly Rgb[] = [
  [232, 119, 34], // class 0: orange
  [8, 119, 189], // class 1: blue (TensorFlow Playground's)
];
const UNSURE: Rgb = [246, 247, 248];
/** How far the background goes toward the full class colour: pastel, so the points on top stay visible. */
export const HEATMAP_STRENGTH = 0.6;

/** The diverging colour for a probability of class 1; NaN (a broken model) shows as mid grey. */
export function probabilityColour(p: number, strength = 1): Rgb {
  if (!Number.isFinite(p)) return [160, 160, 160];
  const q = Math.min(1, Math.max(0, p));
  const end = CLASS_COLOURS[q >= 0.5 ? 1 : 0]!;
  const t = Math.abs(q - 0.5) * 2 * strength;
  return [0, 1, 2].map((k) => Math.round(UNSURE[k]! + (end[k]! - UNSURE[k]!) * t)) as Rgb;
}

/** The colour of a point's label; labels other than 0 and 1 fall back to grey. */
export function labelColour(label: number): Rgb {
  return CLASS_COLOURS[label] ?? [120, 120, 120];
}

export const css = ([r, g, b]: Rgb) => `rgb(${r} ${g} ${b})`;

/**
 * RGBA bytes for the heat map image, top row first as images are stored, so
 * the grid's row 0 (the bottom of the plot) becomes the last image row.
 */
export function heatmapRgba(values: Float32Array, resolution: number, strength = HEATMAP_STRENGTH): Uint8ClampedArray<ArrayBuffer> {
  const rgba = new Uint8ClampedArray(resolution * resolution * 4);
  for (let row = 0; row < resolution; row++) {
    const imageRow = resolution - 1 - row;
    for (let col = 0; col < resolution; col++) {
      const [r, g, b] = probabilityColour(values[row * resolution + col]!, strength);
      const i = 4 * (imageRow * resolution + col);
      rgba[i] = r;
      rgba[i + 1] = g;
      rgba[i + 2] = b;
      rgba[i + 3] = 255;
    }
  }
  return rgba;
}
