// How the decision-boundary plot reads the grid the training worker evaluated
// (src/train/grid.ts lays it out). No React here.

import { english, type Translator } from '../app/i18n/translator.ts';

import type { GridValues } from '../../train/messages.ts';

export type { Extent } from '../../train/grid.ts';

/** values[row * resolution + col]: probability of class 1; row 0 at the bottom (y up). */
export type BoundaryGrid = GridValues;

/** The grid's value in the cell holding (x, y), or null outside the grid. */
export function probabilityAt(grid: BoundaryGrid, x: number, y: number): number | null {
  const [x0, x1, y0, y1] = grid.extent;
  const col = Math.floor(((x - x0) / (x1 - x0)) * grid.resolution);
  const row = Math.floor(((y - y0) / (y1 - y0)) * grid.resolution);
  if (!(col >= 0 && col < grid.resolution && row >= 0 && row < grid.resolution)) return null;
  return grid.values[row * grid.resolution + col] ?? null;
}

/** Words for a probability of class 1, from the side the model leans to: 0.83 → "83% class 1". */
export function describeProbability(p: number, tr: Translator = english): string {
  if (!Number.isFinite(p)) return tr.t('boundary.noAnswer');
  const q = Math.min(1, Math.max(0, p));
  return q >= 0.5 ? tr.t('boundary.answer', { percent: tr.percent(q, 0), n: 1 }) : tr.t('boundary.answer', { percent: tr.percent(1 - q, 0), n: 0 });
}
