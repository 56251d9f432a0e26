// The decision boundary of a 2-D (blobs) model: its output over the plane,
// recomputed a few times a second while it trains.

import { evaluateGrid } from '../grid.ts';
import { errorMessage, post } from './page.ts';
import type { Run } from './runs.ts';
import { requireGpu, track } from './state.ts';

/** The decision boundary, at most this often while training. */
const GRID_INTERVAL_MS = 250;
const GRID_RESOLUTION = 48;

/** The model's output over the plane, a few times a second while a 2-D model trains. */
export function updateGrid(state: Run, force: boolean): void {
  if (!state.extent) return;
  if (!force && (state.gridBusy || performance.now() - state.lastGrid < GRID_INTERVAL_MS)) return;
  state.gridBusy = true;
  state.lastGrid = performance.now();
  const job = evaluateGrid(requireGpu(), state.session.model, GRID_RESOLUTION, state.extent).then((grid) =>
    post({ type: 'grid', runId: state.id, grid }, [grid.values.buffer]),
  );
  track(job)
    .catch((error: unknown) => post({ type: 'gpu-warning', message: `decision boundary: ${errorMessage(error)}` }))
    .finally(() => (state.gridBusy = false));
}
