// The sampling grid of the decision-boundary plot. No React here: the page
// can compute the points and send them to the training worker, which evaluates
// the model on exactly these points in this order.

import { english, type Translator } from '../app/i18n/translator.ts';

/** [xMin, xMax, yMin, yMax] */
export type Extent = [number, number, number, number];

export interface BoundaryGrid {
  resolution: number;
  extent: Extent;
  /** values[row * resolution + col]: probability of class 1; row 0 at the bottom (y up). */
  values: Float32Array;
}

/** Interleaved (x, y) pairs at the centres of a resolution × resolution grid, row 0 at the bottom. */
export function gridPoints(resolution: number, extent: Extent): Float32Array {
  if (!Number.isInteger(resolution) || resolution < 1) throw new RangeError(`gridPoints: resolution must be an integer ≥ 1, got ${resolution}`);
  const [x0, x1, y0, y1] = extent;
  const out = new Float32Array(resolution * resolution * 2);
  for (let row = 0; row < resolution; row++) {
    const y = y0 + ((row + 0.5) / resolution) * (y1 - y0);
    for (let col = 0; col < resolution; col++) {
      const i = 2 * (row * resolution + col);
      out[i] = x0 + ((col + 0.5) / resolution) * (x1 - x0);
      out[i + 1] = y;
    }
  }
  return out;
}

/** The grid's value in the cell holding (x, y), or null outside the grid. */
export function probabilityAt(grid: BoundaryGrid, x: number, y: number): number | null {
  const [x0, x1, y0, y1] = grid.extent;
  const col = Math.floor(((x - x0) / (x1 - x0)) * grid.resolution);
  const row = Math.floor(((y - y0) / (y1 - y0)) * grid.resolution);
  if (!(col >= 0 && col < grid.resolution && row >= 0 && row < grid.resolution)) return null;
  return grid.values[row * grid.resolution + col] ?? null;
}

/**
 * A square view around the points with a margin, used before the first grid
 * arrives. Square because the plot is square: equal units keep the blobs round.
 */
export function extentAround(points: readonly { x: number; y: number }[]): Extent {
  if (points.length === 0) return [-1, 1, -1, 1];
  let xMin = Infinity, xMax = -Infinity, yMin = Infinity, yMax = -Infinity;
  for (const { x, y } of points) {
    xMin = Math.min(xMin, x); xMax = Math.max(xMax, x);
    yMin = Math.min(yMin, y); yMax = Math.max(yMax, y);
  }
  const half = Math.max(xMax - xMin, yMax - yMin, 1) * 0.55;
  const cx = (xMin + xMax) / 2, cy = (yMin + yMax) / 2;
  return [cx - half, cx + half, cy - half, cy + half];
}

/** Words for a probability of class 1, from the side the model leans to: 0.83 → "83% class 1". */
export function describeProbability(p: number, tr: Translator = english): string {
  if (!Number.isFinite(p)) return tr.t('boundary.noAnswer');
  const q = Math.min(1, Math.max(0, p));
  return q >= 0.5 ? tr.t('boundary.answer', { percent: tr.percent(q, 0), n: 1 }) : tr.t('boundary.answer', { percent: tr.percent(1 - q, 0), n: 0 });
}
