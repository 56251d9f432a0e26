// When the views run: the page says which views are on screen ('views'
// request); the worker computes only those, when each one's schedule says
// (view.ts), and posts each result as one 'view' event. A view nobody shows
// is never computed.

import type { ViewEvent } from '../../messages.ts';
import { drawingModel, type HeldModel } from '../models.ts';
import { errorMessage, post } from '../page.ts';
import { track, worker } from '../state.ts';
import { viewById, views, type ViewId } from './registry.ts';
import type { ViewContext, ViewModule } from './view.ts';

const DEFAULT_MIN_INTERVAL_MS = 250;

interface ViewState {
  busy: boolean;
  /** A trigger came while it ran: run once more when done. */
  again: boolean;
  /** Training steps and time at the last step-triggered start. */
  lastSteps: number;
  lastStart: number;
}

const shown = new Set<ViewId>();
const states = new Map<ViewId, ViewState>();
let drawing: Float32Array | null = null;

function stateOf(id: ViewId): ViewState {
  let state = states.get(id);
  if (!state) states.set(id, (state = { busy: false, again: false, lastSteps: -Infinity, lastStart: -Infinity }));
  return state;
}

type AnyViewModule = ViewModule<ViewId, unknown>;

function shownViews(): AnyViewModule[] {
  return (views as readonly AnyViewModule[]).filter((view) => shown.has(view.id));
}

/** The model a view looks at, and the run training it (if any). */
function modelFor(view: AnyViewModule): { held: HeldModel; run: ViewContext['run'] } | null {
  const run = worker.run;
  if (view.schedule.model === 'run') {
    const held = worker.current;
    return run && held?.session === run.session ? { held, run } : null;
  }
  const held = view.schedule.model === 'current' ? (worker.current ?? worker.pretrained) : drawingModel();
  if (!held) return null;
  return { held, run: run && held.session === run.session ? run : null };
}

function schedule(view: AnyViewModule): void {
  const state = stateOf(view.id);
  if (state.busy) {
    state.again = true;
    return;
  }
  state.busy = true;
  void computeAndPost(view, state);
}

async function computeAndPost(view: AnyViewModule, state: ViewState): Promise<void> {
  try {
    do {
      state.again = false;
      const target = modelFor(view);
      const gpu = worker.gpu;
      let data: unknown = null;
      if (target && gpu) {
        try {
          data = await track(view.compute({ gpu, model: target.held.model, held: target.held, run: target.run, drawing }));
        } catch (error) {
          post({ type: 'problem', about: 'predict', message: `${view.id}: ${errorMessage(error)}` });
        }
      }
      if (!shown.has(view.id)) continue;
      post({ type: 'view', id: view.id, data } as ViewEvent, data !== null && view.transfer ? view.transfer(data) : []);
    } while (state.again && shown.has(view.id));
  } finally {
    state.busy = false;
    state.again = false;
    // Hidden while it computed: setShownViews left the hiding to the end of the computation.
    if (!shown.has(view.id)) view.hide?.();
  }
}

/** The page's views on screen changed: the newly shown ones compute now. */
export function setShownViews(ids: readonly string[]): void {
  const before = new Set(shown);
  shown.clear();
  for (const id of ids) {
    const view = viewById(id);
    if (view) shown.add(view.id);
  }
  for (const view of shownViews()) if (!before.has(view.id)) schedule(view);
  for (const id of before) {
    if (shown.has(id) || stateOf(id).busy) continue;
    (viewById(id) as AnyViewModule | undefined)?.hide?.();
  }
}

/** A new drawing (or null: the pad was cleared). */
export function drawingChanged(pixels: Float32Array | null): void {
  drawing = pixels;
  if (!pixels) return;
  for (const view of shownViews()) if (view.schedule.onDrawing) schedule(view);
}

/** The models changed (a run started or ended, a file was loaded, the device came back). */
export function modelsChanged(): void {
  for (const view of shownViews()) {
    stateOf(view.id).lastSteps = -Infinity;
    schedule(view);
  }
}

/** A run has taken `steps` steps in all (called after each loss readback). */
export function stepsTaken(steps: number): void {
  const now = performance.now();
  for (const view of shownViews()) {
    const { everySteps, minIntervalMs = DEFAULT_MIN_INTERVAL_MS } = view.schedule;
    if (everySteps === undefined || !modelFor(view)?.run) continue;
    const state = stateOf(view.id);
    if (steps - state.lastSteps < everySteps || now - state.lastStart < minIntervalMs) continue;
    state.lastSteps = steps;
    state.lastStart = now;
    schedule(view);
  }
}

/** A run finished an epoch. */
export function epochEnded(): void {
  for (const view of shownViews()) if (view.schedule.onEpoch && modelFor(view)?.run) schedule(view);
}

/** After a lost device: work in flight on the old one may never finish, so nothing waits for it. */
export function forgetViewWork(): void {
  states.clear();
}
