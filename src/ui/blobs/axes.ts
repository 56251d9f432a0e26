// Plot geometry and axis ticks for the decision-boundary canvas.
import type { Extent } from './grid.ts';

/** Logical (CSS-pixel) size of the square canvas and the plot area inside it, leaving room for tick labels. */
export const CANVAS_SIZE = 400;
export const PLOT = { left: 40, top: 8, size: 352 } as const;

/** Round tick values (1, 2 or 5 × a power of ten apart) inside [min, max], about `count` of them. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!(max > min) || !Number.isFinite(min) || !Number.isFinite(max)) return [];
  const rough = (max - min) / count;
  const power = 10 ** Math.floor(Math.log10(rough));
  // The 1-2-5 step nearest the rough one on a log scale (d3's thresholds √2, √10, √50).
  const ratio = rough / power;
  const step = power * (ratio >= Math.sqrt(50) ? 10 : ratio >= Math.sqrt(10) ? 5 : ratio >= Math.SQRT2 ? 2 : 1);
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  const ticks: number[] = [];
  for (let i = Math.ceil(min / step - 1e-9); i * step <= max + 1e-9; i++) {
    // toFixed removes float dust such as 0.30000000000000004; + turns -0 into 0.
    ticks.push(+(i * step).toFixed(decimals) + 0);
  }
  return ticks;
}

/** Data coordinates to canvas (CSS-pixel) coordinates; y grows upward in data, downward on the canvas. */
export function toCanvas(x: number, y: number, [x0, x1, y0, y1]: Extent): { px: number; py: number } {
  return {
    px: PLOT.left + ((x - x0) / (x1 - x0)) * PLOT.size,
    py: PLOT.top + (1 - (y - y0) / (y1 - y0)) * PLOT.size,
  };
}

/** Canvas (CSS-pixel) coordinates back to data coordinates. */
export function toData(px: number, py: number, [x0, x1, y0, y1]: Extent): { x: number; y: number } {
  return {
    x: x0 + ((px - PLOT.left) / PLOT.size) * (x1 - x0),
    y: y0 + (1 - (py - PLOT.top) / PLOT.size) * (y1 - y0),
  };
}
