import { describe, expect, it } from 'vitest';
import { CLASS_COLOURS, heatmapRgba, labelColour, probabilityColour } from '../../src/ui/blobs/colours.ts';
import { extentAround, gridPoints, type Extent } from '../../src/train/grid.ts';
import { describeProbability, probabilityAt } from '../../src/ui/blobs/grid.ts';
import { PLOT, niceTicks, toCanvas, toData } from '../../src/ui/blobs/axes.ts';

describe('gridPoints', () => {
  it('gives cell centres as (x, y) pairs, row 0 at the bottom, columns fastest', () => {
    const pts = Array.from(gridPoints(2, [-2, 2, 0, 4]));
    expect(pts).toEqual([-1, 1, 1, 1, -1, 3, 1, 3]);
  });

  it('matches the values layout: values[row * resolution + col]', () => {
    const res = 7, extent: Extent = [-3, 3, -1.5, 2.5];
    const pts = gridPoints(res, extent);
    const row = 4, col = 2, i = row * res + col;
    expect(pts[2 * i]).toBeCloseTo(-3 + ((col + 0.5) / res) * 6, 6);
    expect(pts[2 * i + 1]).toBeCloseTo(-1.5 + ((row + 0.5) / res) * 4, 6);
    expect(pts).toHaveLength(res * res * 2);
  });

  it('rejects a bad resolution', () => {
    expect(() => gridPoints(0, [0, 1, 0, 1])).toThrow(RangeError);
  });
});

describe('probabilityAt', () => {
  it('reads the cell under a point and null outside', () => {
    const grid = { resolution: 2, extent: [0, 2, 0, 2] as Extent, values: new Float32Array([0.1, 0.2, 0.3, 0.4]) };
    expect(probabilityAt(grid, 0.5, 0.5)).toBeCloseTo(0.1);
    expect(probabilityAt(grid, 1.5, 0.5)).toBeCloseTo(0.2);
    expect(probabilityAt(grid, 0.5, 1.5)).toBeCloseTo(0.3);
    expect(probabilityAt(grid, 2.5, 0.5)).toBeNull();
  });

  it('says which way the model leans', () => {
    expect(describeProbability(0.83)).toBe('83% class 1');
    expect(describeProbability(0.1)).toBe('90% class 0');
    expect(describeProbability(0.5)).toBe('50% class 1');
    expect(describeProbability(Number.NaN)).toMatch(/not a number/);
  });
});

describe('colour scale', () => {
  it('diverges from near-white at 0.5 to the class colours at 0 and 1', () => {
    expect(probabilityColour(0)).toEqual(CLASS_COLOURS[0]);
    expect(probabilityColour(1)).toEqual(CLASS_COLOURS[1]);
    const mid = probabilityColour(0.5);
    expect(Math.min(...mid)).toBeGreaterThan(240);
  });

  it('is monotone toward each class colour and symmetric in strength', () => {
    const distance = (a: number[], b: readonly number[]) => Math.hypot(...a.map((v, k) => v - b[k]!));
    let previous = Infinity;
    for (let p = 0.5; p <= 1.0001; p += 0.05) {
      const d = distance(probabilityColour(p), CLASS_COLOURS[1]!);
      expect(d).toBeLessThanOrEqual(previous + 1e-9);
      previous = d;
    }
    const mid = probabilityColour(0.5);
    expect(distance(probabilityColour(0.7), mid)).toBeCloseTo(0.4 * distance(probabilityColour(1), mid), -1);
  });

  it('clamps out-of-range values and shows NaN as grey', () => {
    expect(probabilityColour(-3)).toEqual(probabilityColour(0));
    expect(probabilityColour(7)).toEqual(probabilityColour(1));
    const [r, g, b] = probabilityColour(Number.NaN);
    expect(r).toBe(g);
    expect(g).toBe(b);
  });

  it('weakens toward white with a lower strength', () => {
    expect(probabilityColour(1, 0)).toEqual(probabilityColour(0.5));
    expect(probabilityColour(1, 0.6)).not.toEqual(probabilityColour(1));
  });

  it('colours labels 0 and 1 and falls back to grey', () => {
    expect(labelColour(0)).toEqual(CLASS_COLOURS[0]);
    expect(labelColour(1)).toEqual(CLASS_COLOURS[1]);
    expect(labelColour(5)).toEqual([120, 120, 120]);
  });

  it('lays the heat map out with grid row 0 as the bottom image row', () => {
    // 2×2: bottom row p = 0 (class 0), top row p = 1 (class 1).
    const rgba = heatmapRgba(new Float32Array([0, 0, 1, 1]), 2, 1);
    expect(Array.from(rgba.slice(0, 3))).toEqual(CLASS_COLOURS[1]);
    expect(Array.from(rgba.slice(8, 11))).toEqual(CLASS_COLOURS[0]);
    expect(rgba[3]).toBe(255);
  });
});

describe('axes', () => {
  it('picks round ticks', () => {
    expect(niceTicks(-2.5, 2.5)).toEqual([-2, -1, 0, 1, 2]);
    expect(niceTicks(0, 1)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(-0.3, 0.3)).toEqual([-0.3, -0.2, -0.1, 0, 0.1, 0.2, 0.3]);
    expect(niceTicks(1, 1)).toEqual([]);
  });

  it('maps data to canvas and back, y up', () => {
    const extent: Extent = [-2, 2, -1, 3];
    expect(toCanvas(-2, 3, extent)).toEqual({ px: PLOT.left, py: PLOT.top });
    expect(toCanvas(2, -1, extent)).toEqual({ px: PLOT.left + PLOT.size, py: PLOT.top + PLOT.size });
    const { px, py } = toCanvas(0.7, 1.3, extent);
    const back = toData(px, py, extent);
    expect(back.x).toBeCloseTo(0.7);
    expect(back.y).toBeCloseTo(1.3);
  });

  it('frames points in a square extent before the first grid', () => {
    // (-1, 0) and (3, 1): centre (1, 0.5), the wider spread 4, so half a side 4 · 0.55.
    const [x0, x1, y0, y1] = extentAround([-1, 0, 3, 1]);
    expect([x0, x1, y0, y1].map((v) => Number(v.toFixed(12)))).toEqual([-1.2, 3.2, -1.7, 2.7]);
    expect(extentAround([])).toEqual([-1, 1, -1, 1]);
  });
});
