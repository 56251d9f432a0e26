// The views of the network that the worker computes for the page.
//
// How to add a view (nothing else in the worker, the store or the messages changes):
//  1. Write src/train/worker/views/<your-view>.ts exporting
//       export const yourView = defineView({
//         id: 'your-view',                                   // names it in messages
//         schedule: { model: 'run', everySteps: 20 },       // when it runs (see ViewSchedule in view.ts)
//         compute: async ({ gpu, model, run, drawing }) => { ...record GPU work, read back once...; return data },
//         transfer: (data) => [data.values.buffer],          // buffers to transfer, not copy
//       });
//     Data is whatever compute returns (typed arrays travel best); null means
//     "nothing to show for this model". GPU work goes in an op under
//     src/engine/ops with its WGSL in shaders/, never in the view module.
//  2. Add it to `views` below: its id and data type reach messages.ts from here.
//  3. Write its component under src/ui/views/ that calls useView('your-view')
//     (the page then tells the worker the view is on screen, and only then
//     does the worker compute it) and add it to src/ui/views/registry.ts with
//     the section it sits in. Texts in a catalogue area (src/ui/app/i18n/areas).
//
// The scheduler (scheduler.ts) runs a shown view on its schedule, one
// computation at a time per view: triggers that come while one runs make it
// run once more afterwards, with the newest model and drawing, never a backlog.

import { firstLayerWeightsView } from './first-layer-weights.ts';
import { layerActivationsView } from './layer-activations.ts';
import { gradientFlowView } from './gradient-flow.ts';
import { weightHistogramsView } from './weight-histograms.ts';
import type { ViewModule } from './view.ts';

export const views = [firstLayerWeightsView, layerActivationsView, gradientFlowView, weightHistogramsView] as const;

type AnyView = (typeof views)[number];

export type ViewId = AnyView['id'];

/** Each view's data, by id, as its compute() gives it. */
export type ViewData = { [V in AnyView as V['id']]: V extends ViewModule<string, infer Data> ? Data : never };

export function viewById(id: string): ViewModule<ViewId, unknown> | undefined {
  return (views as readonly ViewModule<ViewId, unknown>[]).find((view) => view.id === id);
}
