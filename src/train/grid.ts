// The model's output over a square grid of the plane, for the decision
// boundary of a 2-D dataset. Layout as the plot expects it: x,y pairs with
// values[row * resolution + col], row 0 at the bottom (ymin), column 0 at the
// left (xmin), each point at the centre of its cell.

import type { Gpu } from '../engine/gpu.ts';
import type { Sequential } from '../engine/nn.ts';
import { forwardRows, softmax } from './predict.ts';
import type { GridValues } from './messages.ts';

/** [xMin, xMax, yMin, yMax] */
export type Extent = [number, number, number, number];

/** Interleaved (x, y) pairs at the centres of a resolution × resolution grid, row 0 at the bottom, columns fastest. */
export function gridPoints(resolution: number, extent: Extent): Float32Array {
  if (!Number.isInteger(resolution) || resolution < 1) throw new RangeError(`gridPoints: resolution must be an integer ≥ 1, got ${resolution}`);
  const [xmin, xmax, ymin, ymax] = extent;
  const points = new Float32Array(resolution * resolution * 2);
  for (let row = 0; row < resolution; row++) {
    for (let col = 0; col < resolution; col++) {
      const i = row * resolution + col;
      points[2 * i] = xmin + ((col + 0.5) / resolution) * (xmax - xmin);
      points[2 * i + 1] = ymin + ((row + 0.5) / resolution) * (ymax - ymin);
    }
  }
  return points;
}

/**
 * A square extent around the points, 10% wider than their spread: the worker's
 * grid and the plot before the first grid arrives both use it, so the view does
 * not jump. Square because the plot is square: equal units keep the blobs
 * round. `coordinates` holds x,y pairs.
 */
export function extentAround(coordinates: ArrayLike<number>): Extent {
  if (coordinates.length < 2) return [-1, 1, -1, 1];
  let xMin = Infinity;
  let xMax = -Infinity;
  let yMin = Infinity;
  let yMax = -Infinity;
  for (let i = 0; i + 1 < coordinates.length; i += 2) {
    xMin = Math.min(xMin, coordinates[i]!);
    xMax = Math.max(xMax, coordinates[i]!);
    yMin = Math.min(yMin, coordinates[i + 1]!);
    yMax = Math.max(yMax, coordinates[i + 1]!);
  }
  const half = Math.max(xMax - xMin, yMax - yMin, 1) * 0.55;
  const cx = (xMin + xMax) / 2;
  const cy = (yMin + yMax) / 2;
  return [cx - half, cx + half, cy - half, cy + half];
}

/** Probability of class 1 at every grid point (a sigmoid output as it is, two logits through softmax). */
export async function evaluateGrid(gpu: Gpu, model: Sequential, resolution: number, extent: Extent): Promise<GridValues> {
  const rows = resolution * resolution;
  const outputs = await forwardRows(gpu, model, gridPoints(resolution, extent), rows);
  const classes = model.outputs;
  const values = new Float32Array(rows);
  for (let i = 0; i < rows; i++) {
    values[i] = classes === 1 ? outputs[i]! : softmax(outputs.subarray(i * classes, (i + 1) * classes))[1]!;
  }
  return { resolution, extent, values };
}
