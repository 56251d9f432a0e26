// The page's views, each with the section it sits in. A new view adds its
// component here (and its worker module to src/train/worker/views/registry.ts);
// the sections render what this list says.

import type { ComponentType } from 'react';
import type { ViewId } from '../../train/worker/views/registry.ts';
import { FirstLayerWeights } from './FirstLayerWeights.tsx';
import { GradientFlow } from './GradientFlow.tsx';
import { LayerActivations } from './LayerActivations.tsx';
import { WeightHistograms } from './WeightHistograms.tsx';
import './views.css';

export type ViewSection = 'draw' | 'results';

export const pageViews: { id: ViewId; section: ViewSection; Component: ComponentType }[] = [
  { id: 'layer-activations', section: 'draw', Component: LayerActivations },
  { id: 'first-layer-weights', section: 'draw', Component: FirstLayerWeights },
  { id: 'gradient-flow', section: 'results', Component: GradientFlow },
  { id: 'weight-histograms', section: 'results', Component: WeightHistograms },
];

/** The views of one section, in the list's order. */
export function ViewsIn({ section }: { section: ViewSection }) {
  return (
    <>
      {pageViews
        .filter((view) => view.section === section)
        .map(({ id, Component }) => (
          <Component key={id} />
        ))}
    </>
  );
}
