// Draws a greyscale image (floats in [0, 1], row-major) into a canvas. The
// byte conversion is a pure function so it can be tested without a canvas.

/** RGBA bytes for a greyscale image: 1 → white, 0 → black, like MNIST's white ink on black. */
export function greyscaleToRgba(pixels: ArrayLike<number>, width: number, height: number): Uint8ClampedArray<ArrayBuffer> {
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const v = pixels[i] ?? 0;
    // A Uint8ClampedArray turns NaN into 0 anyway; saying so keeps a broken model's output readable as black.
    const byte = Number.isFinite(v) ? Math.round(Math.min(1, Math.max(0, v)) * 255) : 0;
    rgba[4 * i] = byte;
    rgba[4 * i + 1] = byte;
    rgba[4 * i + 2] = byte;
    rgba[4 * i + 3] = 255;
  }
  return rgba;
}

/**
 * Sizes the canvas's backing store to the image and paints it; `null` paints black
 * (an empty input). Does nothing where there is no 2D context (jsdom, lost context).
 */
export function drawGreyscale(canvas: HTMLCanvasElement, pixels: ArrayLike<number> | null, width: number, height: number): void {
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const rgba = greyscaleToRgba(pixels ?? new Float32Array(width * height), width, height);
  ctx.putImageData(new ImageData(rgba, width, height), 0, 0);
}
