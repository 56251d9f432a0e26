// What a view of the network is, on the worker's side: an id, when it runs,
// what it computes from the model on the GPU (ending in one readback), and
// the data it posts. views/scheduler.ts runs the views the page shows at the
// moments each one asks for; registry.ts lists them.

import type { Gpu } from '../../../engine/gpu.ts';
import type { Sequential } from '../../../engine/nn.ts';
import type { HeldModel } from '../models.ts';
import type { Run } from '../runs.ts';

/** When a view computes. Every trigger applies only while the page shows the view. */
export interface ViewSchedule {
  /**
   * Which model the view looks at: `drawing`, the one that answers drawings
   * (the user's if it takes images, else the pretrained one); `run`, the one a
   * run is training (no data without a run); `current`, the user's model of
   * any dataset (the one training, else the last trained or loaded), or the
   * pretrained one before there is any.
   */
  model: 'drawing' | 'run' | 'current';
  /** Also whenever the drawing on the pad changes, and with each answer to it while a run trains. */
  onDrawing?: boolean;
  /** Every this many training steps while a run trains the view's model. */
  everySteps?: number;
  /** After each epoch of a run that trains the view's model. */
  onEpoch?: boolean;
  /**
   * At most once per this many milliseconds on step triggers (default 250):
   * the page cannot show more, and each update costs a readback and a render.
   */
  minIntervalMs?: number;
}

export interface ViewContext {
  gpu: Gpu;
  /** The model the schedule names. */
  model: Sequential;
  held: HeldModel;
  /** The run that trains this model, if one does. */
  run: Run | null;
  /** The drawing on the pad (784 values in [0, 1]), or null when it is empty. */
  drawing: Float32Array | null;
}

export interface ViewModule<Id extends string, Data> {
  /** Names the view in messages between the page and the worker. */
  readonly id: Id;
  /**
   * Always also computed when the page starts showing the view and when the
   * model changes (a run starts or ends, a file is loaded).
   */
  readonly schedule: ViewSchedule;
  /**
   * Records the view's GPU work in one synchronous stretch (so it slots in
   * between two training steps), then reads back once. Null: nothing to show
   * for this model (a filters view of a model without convolutions).
   */
  compute(context: ViewContext): Promise<Data | null>;
  /** The buffers to transfer to the page instead of copying. */
  transfer?(data: Data): ArrayBuffer[];
  /**
   * The page stopped showing the view (called once its computation in flight,
   * if any, is done): let go of what rides in the training steps for it.
   */
  hide?(): void;
}

/** Keeps a view module's literal id and data type for the registry's types. */
export function defineView<const Id extends string, Data>(view: ViewModule<Id, Data>): ViewModule<Id, Data> {
  return view;
}
